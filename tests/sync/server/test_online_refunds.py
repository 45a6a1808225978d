"""Refunds of online orders (POST /online/orders/{id}/refunds), on SQLite and PostgreSQL:
bounded by what each line has left, points clawed back by recomputing on what remains
(checked against the contract formula), idempotent by the shop's refund id; a refund of
an order still waiting for its community leaves the attribution to earn on what remains."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from sync.server.db import Database
from sync.server.ledger import ledger_balance
from sync.server.models.online import OnlineOrderLine, OnlineRefundLine
from sync.server.models.residents import LedgerEntry
from sync.server.tokens import Role
from tests.sync.server.geo_fixtures import RIGHT
from tests.sync.server.online_helpers import (
    IN_OVERLAP,
    LOTTERY,
    SECOND,
    TEA,
    WATER,
    add_fenced_communities,
    bearer,
    contract_points,
    issue,
    order_body,
)

ORDERS = "/api/v1/online/orders"


@pytest.fixture
def shop(db: Database) -> dict[str, str]:
    add_fenced_communities(db)
    return bearer(issue(db, Role.ONLINE_SHOP))


def refund_body(lines: list[tuple[int, int, int]], refund_id: str = "RF-1") -> dict[str, Any]:
    """(line_no, quantity, amount_fen) per line."""
    return {
        "refund_id": refund_id,
        "created_at": (datetime.now(UTC) - timedelta(minutes=1)).isoformat(),
        "lines": [{"line_no": n, "quantity": q, "amount_fen": a} for n, q, a in lines],
        "total_fen": sum(a for _, _, a in lines),
    }


def _order(client: TestClient, shop: dict[str, str], **kw: Any) -> dict[str, Any]:
    body = order_body([(TEA, 3), (WATER, 5), (LOTTERY, 2)], **kw)
    response = client.post(ORDERS, json=body, headers=shop)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _refund(
    client: TestClient, shop: dict[str, str], order_id: str, body: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    response = client.post(f"{ORDERS}/{order_id}/refunds", json=body, headers=shop)
    return response.status_code, response.json()


def _ledger(db: Database) -> int:
    with db.read() as session:
        return ledger_balance(session, resident_id="R0001")


def test_a_partial_refund_claws_back_the_difference_of_the_recomputed_points(
    client: TestClient, shop: dict[str, str], db: Database
) -> None:
    order = _order(client, shop)
    eligible = 3 * 12800 + 5 * 200
    assert order["points"] == contract_points(eligible, SECOND)
    before = _ledger(db)
    # one tea, two waters and the lottery tickets back
    status, got = _refund(
        client, shop, order["order_id"], refund_body([(1, 1, 12800), (2, 2, 400), (3, 2, 1000)])
    )
    assert status == 200, got
    kept = eligible - 12800 - 400
    clawed = contract_points(eligible, SECOND) - contract_points(kept, SECOND)
    assert got == {
        "refund_id": "RF-1",
        "order_id": order["order_id"],
        "total_fen": 14200,
        "eligible_fen": 13200,  # the lottery line gives no eligibility back
        "clawback": clawed,
    }
    assert _ledger(db) == before - clawed
    # a second refund of the rest of the tea
    status, second = _refund(client, shop, order["order_id"], refund_body([(1, 2, 25600)], "RF-2"))
    assert status == 200
    assert second["clawback"] == contract_points(kept, SECOND) - contract_points(
        kept - 25600, SECOND
    )
    with db.read() as session:
        lines = session.execute(
            select(
                OnlineOrderLine.line_no,
                OnlineOrderLine.refunded_quantity,
                OnlineOrderLine.refunded_fen,
            )
            .where(OnlineOrderLine.order_id == order["order_id"])
            .order_by(OnlineOrderLine.line_no)
        ).all()
        refund_lines = session.execute(
            select(
                OnlineRefundLine.refund_id, OnlineRefundLine.line_no, OnlineRefundLine.eligible_fen
            ).order_by(OnlineRefundLine.refund_id, OnlineRefundLine.line_no)
        ).all()
        kinds = session.execute(
            select(LedgerEntry.source_kind, LedgerEntry.points)
            .where(LedgerEntry.resident_id == "R0001", LedgerEntry.source_kind.like("online%"))
            .order_by(LedgerEntry.id)
        ).all()
    assert [tuple(r) for r in lines] == [(1, 3, 38400), (2, 2, 400), (3, 2, 1000)]
    assert [tuple(r) for r in refund_lines] == [
        ("RF-1", 1, 12800), ("RF-1", 2, 400), ("RF-1", 3, 0), ("RF-2", 1, 25600)
    ]  # fmt: skip
    assert [tuple(r) for r in kinds] == [
        ("online_order", order["points"]), ("online_refund", -clawed),
        ("online_refund", -second["clawback"]),
    ]  # fmt: skip
    # net points equal the formula on what is left
    assert order["points"] - clawed - second["clawback"] == contract_points(3 * 200, SECOND)


def test_a_refund_beyond_what_a_line_has_left_is_refused(
    client: TestClient, shop: dict[str, str]
) -> None:
    order = _order(client, shop)
    oid = order["order_id"]
    status, got = _refund(client, shop, oid, refund_body([(1, 4, 12800)]))
    assert (status, got["code"]) == (409, "refund_exceeds_order")
    assert got["message"].startswith("lines[0]: line 1 has 3 left")
    status, got = _refund(client, shop, oid, refund_body([(2, 1, 1001)]))
    assert (status, got["code"]) == (409, "refund_exceeds_order")
    assert _refund(client, shop, oid, refund_body([(2, 5, 1000)]))[0] == 200
    status, got = _refund(client, shop, oid, refund_body([(2, 1, 1)], "RF-9"))
    assert (status, got["code"]) == (409, "refund_exceeds_order")
    status, got = _refund(client, shop, oid, refund_body([(9, 1, 1)], "RF-8"))
    assert (status, got["code"], got["message"]) == (
        422, "order_invalid", "lines[0].line_no: the order has no such line")  # fmt: skip
    twice = refund_body([(1, 1, 100), (1, 1, 100)], "RF-7")
    assert (
        _refund(client, shop, oid, twice)[1]["message"]
        == "lines[1].line_no: the line appears twice"
    )
    wrong_total = {**refund_body([(1, 1, 100)], "RF-6"), "total_fen": 99}
    assert _refund(client, shop, oid, wrong_total)[1]["message"] == (
        "total_fen: the lines come to 100, not 99")  # fmt: skip
    early = {**refund_body([(1, 1, 100)], "RF-5"), "created_at": "2026-01-02T00:00:00Z"}
    assert _refund(client, shop, oid, early)[1]["message"] == "created_at: before the order"
    status, got = _refund(client, shop, "WX-NONE", refund_body([(1, 1, 100)], "RF-4"))
    assert (status, got["code"]) == (404, "not_found")


def test_the_same_refund_again_gets_the_same_answer_and_other_content_a_conflict(
    client: TestClient, shop: dict[str, str], db: Database
) -> None:
    order = _order(client, shop)
    other = _order(client, shop)
    body = refund_body([(1, 1, 12800)])
    first = _refund(client, shop, order["order_id"], body)
    after = _ledger(db)
    assert _refund(client, shop, order["order_id"], body) == first
    assert _ledger(db) == after
    changed = {**refund_body([(1, 1, 12000)])}
    assert _refund(client, shop, order["order_id"], changed)[1]["code"] == "id_conflict"
    # the same refund id on another order is another refund: a conflict too
    status, got = _refund(client, shop, other["order_id"], body)
    assert (status, got["code"]) == (409, "id_conflict")


def test_a_refund_before_the_attribution_leaves_it_to_earn_on_what_remains(
    client: TestClient, shop: dict[str, str], db: Database
) -> None:
    order = _order(client, shop, point=IN_OVERLAP)
    assert order["status"] == "overlap"
    before = _ledger(db)
    status, got = _refund(client, shop, order["order_id"], refund_body([(1, 2, 25600)]))
    assert (status, got["clawback"], got["eligible_fen"]) == (200, 0, 25600)
    assert _ledger(db) == before
    ops = bearer(issue(db, Role.OPERATIONS))
    done = client.post(
        f"{ORDERS}/{order['order_id']}/attribution", json={"community_id": RIGHT}, headers=ops
    ).json()
    remaining = 12800 + 5 * 200
    assert done["points"] == contract_points(remaining, SECOND)
    assert _ledger(db) == before + done["points"]
    # a later refund claws back from what the attribution credited
    status, later = _refund(client, shop, order["order_id"], refund_body([(2, 5, 1000)], "RF-2"))
    assert later["clawback"] == done["points"] - contract_points(12800, SECOND)
    assert _ledger(db) == before + contract_points(12800, SECOND)
