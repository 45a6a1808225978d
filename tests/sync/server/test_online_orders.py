"""The online shop's orders through the API (sync/server/api/online.py), on SQLite and
PostgreSQL: attribution by geofence in both coordinate systems, points by the contract
in force at the order's time (checked against the formula written out here), the
server's own figures, idempotency by the shop's id, and every refusal coded and
naming its field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from sync.server.db import Database
from sync.server.ledger import ledger_balance
from sync.server.models.online import OnlineOrder, OnlineOrderLine
from sync.server.models.residents import LedgerEntry, Resident
from sync.server.tokens import Role
from tests.sync.server.geo_fixtures import HOLED, LEFT, RIGHT
from tests.sync.server.online_helpers import (
    FIRST,
    IN_HOLED,
    IN_NOTCH,
    IN_OVERLAP,
    LOTTERY,
    RICE,
    SECOND,
    SECOND_VERSION,
    TEA,
    WATER,
    add_fenced_communities,
    bearer,
    contract_points,
    eligible_of,
    issue,
    order_body,
)

ORDERS = "/api/v1/online/orders"


@pytest.fixture
def shop(db: Database) -> dict[str, str]:
    add_fenced_communities(db)
    return bearer(issue(db, Role.ONLINE_SHOP))


@pytest.fixture
def ops(db: Database) -> dict[str, str]:
    return bearer(issue(db, Role.OPERATIONS))


def _push(client: TestClient, shop: dict[str, str], body: dict[str, Any]) -> Any:
    return client.post(ORDERS, json=body, headers=shop)


def _balance(db: Database, resident: str = "R0001") -> tuple[int, int]:
    with db.read() as session:
        cached = session.get(Resident, resident).balance  # type: ignore[union-attr]
        return cached, ledger_balance(session, resident_id=resident)


def test_an_order_inside_one_fence_earns_by_the_contract_in_force(
    client: TestClient, shop: dict[str, str], db: Database
) -> None:
    before = _balance(db)
    body = order_body([(TEA, 2), (WATER, 3, 100), (LOTTERY, 2)])
    response = _push(client, shop, body)
    assert response.status_code == 200, response.text
    got = response.json()
    eligible = 12800 * 2 + 200 * 3 - 100
    assert eligible_of(body) == eligible
    assert (got["status"], got["community_id"], got["candidates"]) == ("geofence", HOLED, [HOLED])
    assert (got["total_fen"], got["eligible_fen"]) == (eligible + 1000, eligible)
    assert got["resident_earns"] is True
    assert got["points"] == contract_points(eligible, SECOND) == 1566
    assert [(ln["category"], ln["net_fen"], ln["points_eligible"]) for ln in got["lines"]] == [
        ("tea", 25600, True),
        ("water", 500, True),
        ("lottery", 1000, False),
    ]
    cached, ledger = _balance(db)
    assert cached == ledger == before[0] + 1566
    with db.read() as session:
        rows = session.execute(
            select(OnlineOrderLine.sku, OnlineOrderLine.quantity, OnlineOrderLine.net_fen)
            .where(OnlineOrderLine.order_id == body["order_id"])
            .order_by(OnlineOrderLine.line_no)
        ).all()
        entry = session.scalars(
            select(LedgerEntry).where(LedgerEntry.source_id == body["order_id"])
        ).one()
    assert [tuple(r) for r in rows] == [
        (TEA[0], 2, 25600),
        (WATER[0], 3, 500),
        (LOTTERY[0], 2, 1000),
    ]
    assert (entry.kind, entry.points, entry.source_kind) == ("earn", 1566, "online_order")


def test_the_contract_is_the_one_in_force_at_the_orders_time(
    client: TestClient, shop: dict[str, str]
) -> None:
    early = order_body([(RICE, 3)], when=SECOND_VERSION - timedelta(hours=1))
    late = order_body([(RICE, 3)], when=SECOND_VERSION + timedelta(hours=1))
    points = [_push(client, shop, b).json()["points"] for b in (early, late)]
    assert points == [contract_points(26970, FIRST), contract_points(26970, SECOND)] == [809, 1618]


def test_a_resident_of_another_company_buys_but_earns_nothing(
    client: TestClient, shop: dict[str, str], db: Database
) -> None:
    before = _balance(db, "R0901")
    got = _push(client, shop, order_body([(TEA, 1)], resident="R0901")).json()
    assert (got["community_id"], got["resident_earns"], got["points"]) == (HOLED, False, 0)
    assert _balance(db, "R0901") == before
    anonymous = _push(client, shop, order_body([(TEA, 1)], resident=None)).json()
    assert (anonymous["community_id"], anonymous["points"], anonymous["total_fen"]) == (
        HOLED,
        0,
        12800,
    )


def test_a_point_from_a_chinese_map_is_converted_and_attributed_alike(
    client: TestClient, shop: dict[str, str], db: Database
) -> None:
    body = order_body([(TEA, 1)], point=IN_HOLED, crs="gcj02")
    got = _push(client, shop, body).json()
    assert (got["status"], got["community_id"]) == ("geofence", HOLED)
    assert got["lon"] == pytest.approx(IN_HOLED[0], abs=1e-8)
    assert got["lat"] == pytest.approx(IN_HOLED[1], abs=1e-8)
    with db.read() as session:
        row = session.get(OnlineOrder, body["order_id"])
        assert row is not None and row.crs == "gcj02"
        assert (row.lon_given, row.lat_given) == (body["delivery"]["lon"], body["delivery"]["lat"])
    # the same map point read as GPS lands ~500 m away: outside every fence
    raw = order_body([(TEA, 1)], point=IN_HOLED, crs="gcj02")
    raw["delivery"]["crs"] = "wgs84"
    assert _push(client, shop, raw).json()["status"] == "outside"


def test_an_overlap_is_reported_and_earns_only_once_an_operator_attributes_it(
    client: TestClient, shop: dict[str, str], ops: dict[str, str], db: Database
) -> None:
    before = _balance(db)
    body = order_body([(TEA, 1), (WATER, 2)], point=IN_OVERLAP)
    got = _push(client, shop, body).json()
    assert (got["status"], got["community_id"], got["candidates"]) == (
        "overlap",
        None,
        [LEFT, RIGHT],
    )
    assert (got["points"], got["resident_earns"]) == (0, False)
    assert _balance(db) == before
    waiting = client.get(f"{ORDERS}/unattributed", headers=ops).json()
    assert [(w["order_id"], w["status"], w["candidates"]) for w in waiting] == [
        (body["order_id"], "overlap", [LEFT, RIGHT])
    ]
    url = f"{ORDERS}/{body['order_id']}/attribution"
    done = client.post(url, json={"community_id": RIGHT, "note": "gate on RIGHT"}, headers=ops)
    assert done.status_code == 200, done.text
    points = contract_points(13200, SECOND)
    assert (done.json()["status"], done.json()["community_id"], done.json()["points"]) == (
        "operator",
        RIGHT,
        points,
    )
    assert _balance(db) == (before[0] + points, before[1] + points)
    again = client.post(url, json={"community_id": LEFT}, headers=ops)
    assert (again.status_code, again.json()["code"]) == (409, "order_attributed")
    assert client.get(f"{ORDERS}/unattributed", headers=ops).json() == []
    # the shop's repeat now reads the attribution
    assert _push(client, shop, body).json() == done.json()
    from sync.server.online_attribution import audit

    with db.read() as session:
        (row,) = audit(session, order_id=body["order_id"])
        assert (row.previous_status, row.candidates, row.community_id, row.note, row.points) == (
            "overlap",
            f"{LEFT},{RIGHT}",
            RIGHT,
            "gate on RIGHT",
            points,
        )
        assert row.by.startswith("token k-")


def test_an_outside_order_waits_and_an_unknown_community_or_order_is_refused(
    client: TestClient, shop: dict[str, str], ops: dict[str, str]
) -> None:
    body = order_body([(TEA, 1)], point=IN_NOTCH)
    assert _push(client, shop, body).json()["status"] == "outside"
    url = f"{ORDERS}/{body['order_id']}/attribution"
    wrong = client.post(url, json={"community_id": "C777"}, headers=ops)
    assert (wrong.status_code, wrong.json()["code"]) == (404, "not_found")
    assert "community_id" in wrong.json()["message"]
    missing = client.post(f"{ORDERS}/NOPE/attribution", json={"community_id": HOLED}, headers=ops)
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    assert [w["status"] for w in client.get(f"{ORDERS}/unattributed", headers=ops).json()] == [
        "outside"
    ]


def test_the_same_order_again_gets_the_same_answer_and_other_content_a_conflict(
    client: TestClient, shop: dict[str, str], db: Database
) -> None:
    body = order_body([(TEA, 1), (RICE, 1)])
    first = _push(client, shop, body)
    after_first = _balance(db)
    second = _push(client, shop, body)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert _balance(db) == after_first  # credited once
    changed = {**body, "lines": body["lines"][:1], "total_fen": 12800}
    conflict = _push(client, shop, changed)
    assert (conflict.status_code, conflict.json()["code"]) == (409, "id_conflict")
    assert conflict.json()["message"].startswith("order_id:")
    # the same instant written in another zone is the same content
    shifted = {
        **body,
        "created_at": datetime.fromisoformat(body["created_at"])
        .astimezone(UTC)
        .astimezone()
        .isoformat(),
    }
    assert _push(client, shop, shifted).json() == first.json()


def _refused(
    client: TestClient, shop: dict[str, str], body: dict[str, Any]
) -> tuple[int, str, str]:
    response = _push(client, shop, body)
    data = response.json()
    return response.status_code, data["code"], data["message"]


def test_what_the_catalog_cannot_explain_is_refused_naming_the_field(
    client: TestClient, shop: dict[str, str], db: Database
) -> None:
    unknown = order_body([(("YC-FAKE-0001", 100, True), 1)])
    assert _refused(client, shop, unknown)[:2] == (422, "order_invalid")
    assert _refused(client, shop, unknown)[2].startswith("lines[0].sku:")
    cheap = order_body([(TEA, 1), ((TEA[0], 100, True), 1)])
    status, code, message = _refused(client, shop, cheap)
    assert (status, code) == (422, "order_invalid") and message.startswith("lines[1]:")
    assert "price_unexplained" in message
    over = order_body([(TEA, 1, 12801)])
    over["total_fen"] = 0
    assert _refused(client, shop, over)[2].startswith("lines[0].discount_fen:")
    wrong_total = order_body([(TEA, 1)])
    wrong_total["total_fen"] = 12000
    assert _refused(client, shop, wrong_total) == (
        422,
        "order_invalid",
        "total_fen: the lines come to 12800, not 12000",
    )
    future = order_body([(TEA, 1)], when=datetime.now(UTC) + timedelta(hours=2))
    assert _refused(client, shop, future)[2] == "created_at: in the future"
    stranger = order_body([(TEA, 1)], resident="R7777")
    assert _refused(client, shop, stranger)[2] == "resident_id: no such resident"
    twice = order_body([(TEA, 1), (WATER, 1)])
    twice["lines"][1]["line_no"] = 1
    assert _refused(client, shop, twice)[2] == "lines: line numbers repeat"
    extra = {**order_body([(TEA, 1)]), "points": 999}
    assert _refused(client, shop, extra)[:2] == (422, "invalid_request")
    bad_crs = order_body([(TEA, 1)])
    bad_crs["delivery"]["crs"] = "bd09"
    status, code, message = _refused(client, shop, bad_crs)
    assert (status, code) == (422, "invalid_request") and "delivery.crs" in message
    swapped = order_body([(TEA, 1)])
    swapped["delivery"] = {"lon": 30.581, "lat": 114.301, "crs": "wgs84"}
    assert "delivery.lat" in _refused(client, shop, swapped)[2]
    with db.read() as session:  # nothing of any refused order was stored
        assert session.scalars(select(OnlineOrder.order_id)).all() == []


def test_a_member_price_is_explained_only_for_a_named_resident(
    client: TestClient, shop: dict[str, str]
) -> None:
    member_water = ((WATER[0], 190, True), 2)
    assert _push(client, shop, order_body([member_water])).status_code == 200
    status, code, message = _refused(client, shop, order_body([member_water], resident=None))
    assert (status, code) == (422, "order_invalid") and "price_unexplained" in message
