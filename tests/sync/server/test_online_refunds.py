"""Refunds of online orders (POST /online/orders/{id}/refunds), on SQLite and PostgreSQL:
bounded by what each line has left, points clawed back by recomputing on what remains
(checked against the contract formula), idempotent by the shop's refund id; a refund of
an order still waiting for its community leaves the attribution to earn on what remains."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from sync.server.db import Database
from sync.server.ledger import ledger_balance
from sync.server.models.online import OnlineOrderLine, OnlineRefundLine
from sync.server.models.residents import LedgerEntry
from sync.server.tokens import Role
from tests.sync.server.geo_fixtures import RIGHT
from tests.sync.server.online_helpers import (
    IN_HOLED,
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


@st.composite
def _story(draw: st.DrawFn) -> tuple[list[Any], list[list[tuple[int, int, int]]], int | None]:
    """An order's lines, its refunds (line, quantity, amount), and after which refund (if
    any) an operator attributes it (None: the order falls in one fence at once)."""
    lines = draw(
        st.lists(
            st.tuples(st.sampled_from([TEA, WATER, LOTTERY]), st.integers(1, 4)),
            min_size=1,
            max_size=3,
        )
    )
    bodies = [(product, qty, draw(st.integers(0, product[1] * qty))) for product, qty in lines]
    left = {n: (qty, product[1] * qty - disc) for n, (product, qty, disc) in enumerate(bodies, 1)}
    refunds = []
    for _ in range(draw(st.integers(0, 3))):
        refund = []
        for n in sorted(draw(st.sets(st.sampled_from(sorted(left)), min_size=1))):
            qty_left, fen_left = left[n]
            if qty_left == 0:
                continue
            qty = draw(st.integers(1, qty_left))
            fen = draw(st.integers(0, fen_left))
            left[n] = (qty_left - qty, fen_left - fen)
            refund.append((n, qty, fen))
        if refund:
            refunds.append(refund)
    attribute_after = draw(st.one_of(st.none(), st.integers(0, len(refunds))))
    return bodies, refunds, attribute_after


def test_net_points_always_equal_the_formula_on_what_remains(
    client: TestClient, shop: dict[str, str], db: Database
) -> None:
    """Whatever the refunds and whenever the attribution, the order's ledger entries add
    up to the contract formula applied to the eligible amount that remains."""
    ops = bearer(issue(db, Role.OPERATIONS))

    @settings(max_examples=25, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(_story())
    def one(story: tuple[list[Any], list[list[tuple[int, int, int]]], int | None]) -> None:
        lines, refunds, attribute_after = story
        point = IN_OVERLAP if attribute_after is not None else IN_HOLED
        body = order_body(lines, point=point)
        order = client.post(ORDERS, json=body, headers=shop).json()
        eligible = {ln["line_no"]: ln["points_eligible"] for ln in order["lines"]}
        kept = order["eligible_fen"]
        ids = [order["order_id"]]
        for step, refund in enumerate(refunds):
            if step == attribute_after:
                _attribute(client, ops, order["order_id"])
            rid = f"{order['order_id']}-R{step}"
            status, got = _refund(client, shop, order["order_id"], refund_body(refund, rid))
            assert status == 200, got
            kept -= sum(fen for n, _, fen in refund if eligible[n])
            ids.append(rid)
        if attribute_after is not None and attribute_after >= len(refunds):
            _attribute(client, ops, order["order_id"])
        with db.read() as session:
            credited = session.scalar(
                select(func.coalesce(func.sum(LedgerEntry.points), 0)).where(
                    LedgerEntry.source_id.in_(ids)
                )
            )
        assert credited == contract_points(kept, SECOND)

    one()


def _attribute(client: TestClient, ops: dict[str, str], order_id: str) -> None:
    url = f"{ORDERS}/{order_id}/attribution"
    assert client.post(url, json={"community_id": RIGHT}, headers=ops).status_code == 200
