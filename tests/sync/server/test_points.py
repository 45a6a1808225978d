"""Server-side points: recomputation from the server's contract and catalog, the
mismatch policy (accept, flag, credit the server's figure) and clawback on refunds.

Every member sale here carries a real membership code (tests/sync/server/helpers.py);
the checks of lines, times and codes themselves are in test_trust.py."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select, update

from pos_app.core.money import Money
from pos_app.core.points import Contract
from pos_app.core.refund import SoldLine, plan_refund
from sync.server import crud, ledger
from sync.server.changelog import ChangeLog
from sync.server.db import Database
from sync.server.models.orders import Order, PointsFlag
from sync.server.models.residents import LedgerEntry, Resident
from sync.server.models.terminals import Terminal
from tests.sync.server.helpers import (
    DUCK,
    LOTTERY,
    R0001,
    R0005,
    R0901,
    SALE_TIME,
    TEA,
    WATER,
    Till,
    refund_payload,
    sale_payload,
)


def _balance(till: Till, resident: str = "R0001") -> int:
    response = till.get(f"/residents/{resident}")
    assert response.status_code == 200, response.text
    return int(response.json()["balance"])


def _ledger(db: Database, resident: str = "R0001") -> list[tuple[str, int]]:
    with db.read() as session:
        stmt = select(LedgerEntry.kind, LedgerEntry.points).where(
            LedgerEntry.resident_id == resident
        )
        return [tuple(r) for r in session.execute(stmt.order_by(LedgerEntry.id))]  # type: ignore[misc]


def _flags(db: Database) -> list[PointsFlag]:
    with db.read() as session:
        return list(session.scalars(select(PointsFlag).order_by(PointsFlag.id)))


def enrolled_since(db: Database, till: Till, when: datetime) -> None:
    """Move the till's enrollment back, so that it may push sales dated after `when`."""
    with db.write() as session:
        session.execute(
            update(Terminal)
            .where(Terminal.id == till.enrolled["terminal_id"])
            .values(enrolled_at=when)
        )


def test_a_member_earns_what_the_server_computes(till: Till, db: Database) -> None:
    # tea ¥128 + 2 water ¥4 eligible, lottery ¥5 not: 13,200 fen × 10 % × 30 % = 396
    sale = sale_payload([(TEA, 1), (WATER, 2), (LOTTERY, 1)], member=R0001)
    assert sale["points"] == 396 and sale["eligible_fen"] == 13200
    result = till.push_ok([till.next_item("sale", sale)])[0]
    assert (result["status"], result["flags"]) == ("accepted", [])
    assert _ledger(db)[-1] == ("earn", 396)
    assert _balance(till) == 1280 + 396
    assert _flags(db) == []


def test_weighed_discounted_and_voided_lines_price_as_at_the_counter(till: Till) -> None:
    # duck 1,234 g at ¥58.00/kg = 7,157.2 → 7,157 fen; tea with ¥8 off = 12,000; water voided
    sale = sale_payload(
        [(DUCK, 1234), (TEA, 1), (WATER, 1)], member=R0001, discount_line=(2, 800), void_line=3
    )
    assert sale["eligible_fen"] == 7157 + 12000
    result = till.push_ok([till.next_item("sale", sale)])[0]
    assert result["flags"] == []
    assert _balance(till) == 1280 + (19157 * 3 // 100)


def test_a_till_with_a_stale_contract_is_flagged_and_the_server_figure_credited(
    till: Till, db: Database
) -> None:
    stale = Contract("C001", datetime(2025, 1, 1, tzinfo=UTC), share_bps=1000, points_bps=5000)
    sale = sale_payload([(TEA, 1)], member=R0001, contract=stale)
    assert sale["points"] == 640  # the till believes 50 %
    result = till.push_ok([till.next_item("sale", sale)])[0]
    assert (result["status"], result["flags"]) == ("accepted", ["points_mismatch"])
    assert _ledger(db)[-1] == ("earn", 384)
    [flag] = _flags(db)
    assert (flag.source_kind, flag.source_id) == ("sale", sale["sale_id"])
    assert (flag.terminal_points, flag.server_points) == (640, 384)
    assert json.loads(flag.detail)["contract_terminal"] == [1000, 5000]
    again = till.push_ok([till.next_item("sale", sale)])[0]  # a restore resends it
    assert again["status"] == "duplicate"
    assert len(_flags(db)) == 1 and _balance(till) == 1280 + 384


def test_a_line_the_till_calls_eligible_earns_nothing_if_its_category_does_not(
    till: Till, db: Database
) -> None:
    sale = sale_payload([(TEA, 1), (LOTTERY, 5)], member=R0001)
    sale["lines"][1]["points_eligible"] = True  # a tampered or buggy till
    sale["eligible_fen"], sale["points"] = 15300, 459
    result = till.push_ok([till.next_item("sale", sale)])[0]
    assert result["flags"] == ["points_mismatch"]
    assert _ledger(db)[-1] == ("earn", 384)


def test_a_resident_of_another_company_earns_nothing(till: Till, db: Database) -> None:
    sale = sale_payload([(TEA, 1)], member=R0901)  # P900 resident in a P001 community
    result = till.push_ok([till.next_item("sale", sale)])[0]
    assert result["flags"] == ["member_ineligible", "points_mismatch"]
    assert _ledger(db, "R0901") == [("opening", 400)]
    with db.read() as session:
        order = session.get(Order, sale["sale_id"])
        assert order is not None
        assert (order.member_id, order.resident_id, order.points_server) == ("R0901", None, 0)


def test_the_contract_in_force_at_the_sale_time_applies(till: Till, db: Database) -> None:
    """Judged by each code's signed issue time (here: the sale time)."""
    enrolled_since(db, till, datetime(2025, 6, 1, tzinfo=UTC))
    with db.write() as session:
        changes = ChangeLog()
        crud.add_contract(
            session,
            community_id="C001",
            effective_from=datetime(2026, 11, 25, tzinfo=UTC),
            share_bps=1000,
            points_bps=5000,
            changes=changes,
        )
        changes.flush(session)
    before = sale_payload([(TEA, 1)], member=R0001, when=SALE_TIME)  # 2026-11-20: 30 %
    after_contract = Contract("C001", datetime(2026, 11, 25, tzinfo=UTC), 1000, 5000)
    after = sale_payload(
        [(TEA, 1)], member=R0001, contract=after_contract, when=datetime(2026, 11, 26, tzinfo=UTC)
    )
    early = sale_payload([(TEA, 1)], member=R0001, when=datetime(2025, 12, 31, tzinfo=UTC))
    results = till.push_ok([till.next_item("sale", s) for s in (before, after, early)])
    # in 2025: no contract, and the demo catalog did not exist yet
    assert [r["flags"] for r in results] == [[], [], ["unknown_sku", "points_mismatch"]]
    assert [p for k, p in _ledger(db) if k == "earn"] == [384, 640]


def test_refunds_claw_back_by_recomputation(till: Till, db: Database) -> None:
    # 3 teas with 1 fen off: 38,399 fen → 1,151 points; refunded one unit at a time
    sale = sale_payload([(TEA, 3)], member=R0001, discount_line=(1, 1))
    assert sale["points"] == 1151
    items = [till.next_item("sale", sale)]
    sold = [SoldLine(1, TEA.name, 3, Money(38399), True, False)]
    contract = Contract("C001", datetime(2026, 1, 1, tzinfo=UTC), 1000, 3000)
    already: dict[int, int] = {}
    for n in range(1, 4):
        plan = plan_refund(sold, already, {1: 1}, contract=contract, member=True)
        refund = refund_payload(
            sale,
            [(1, 1, plan.total.fen)],
            eligible_fen=plan.eligible.fen,
            points_clawback=plan.points_clawback,
            number=n,
        )
        items.append(till.next_item("refund", refund))
        already[1] = already.get(1, 0) + 1
    results = till.push_ok(items)
    assert [(r["status"], r["flags"]) for r in results] == [("accepted", [])] * 4
    assert _ledger(db) == [("opening", 1280), ("earn", 1151), ("clawback", -383),
                           ("clawback", -384), ("clawback", -384)]  # fmt: skip
    assert _balance(till) == 1280


def test_a_clawback_the_till_got_wrong_is_flagged(till: Till, db: Database) -> None:
    sale = sale_payload([(TEA, 2)], member=R0005, store="S001")
    sale["points"] = 768  # C001 contract: 25,600 × 3 % (R0005 lives in C002, same company)
    refund = refund_payload(sale, [(1, 1, 12800)], eligible_fen=12800, points_clawback=100)
    results = till.push_ok([till.next_item("sale", sale), till.next_item("refund", refund)])
    assert [r["flags"] for r in results] == [[], ["points_mismatch"]]
    assert _ledger(db, "R0005")[1:] == [("earn", 768), ("clawback", -384)]


def test_cached_balances_always_equal_the_ledger(till: Till, db: Database) -> None:
    sales = [sale_payload([(TEA, i)], member=R0001 if i % 2 else R0005) for i in range(1, 6)]
    till.push_ok([till.next_item("sale", s) for s in sales])
    with db.read() as session:
        for resident in session.scalars(select(Resident)):
            assert resident.balance == ledger.ledger_balance(session, resident_id=resident.id)


def test_a_refund_of_a_line_that_earned_nothing_takes_nothing_back(
    till: Till, db: Database
) -> None:
    sale = sale_payload([(TEA, 1), (LOTTERY, 4)], member=R0001)
    sale["lines"][1].update(category="grain", points_eligible=True)  # earned nothing
    refund = refund_payload(sale, [(2, 4, 2000)], eligible_fen=2000, points_clawback=60)
    results = till.push_ok([till.next_item("sale", sale), till.next_item("refund", refund)])
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    assert _ledger(db) == [("opening", 1280), ("earn", 384)]
    assert results[1]["flags"] == ["points_mismatch"]
    with db.read() as session:
        order = session.get(Order, sale["sale_id"])
        assert order is not None and (order.earning_lines, order.refunded_eligible_fen) == ("1", 0)
