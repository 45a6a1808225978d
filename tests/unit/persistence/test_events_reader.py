"""The till's event report is net of refunds: sales made at an event on a real till
(cash rounded to the yuan, so a refund gives back a line's amount less its share of
the 抹零), then returned in part and in whole through the refunds service with a
manager's PIN. The report equals a recomputation from the raw rows of the till's
database, read with sqlite3 (not through the reader), and the figures spelled out."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from pos_app.app import AppContext
from pos_app.core.money import Money
from pos_app.demo import demo_code
from tests.staff_helpers import refund_as_manager
from tests.unit.services.test_events import (
    EVENT_ID,
    PROMOTER,
    PROMOTER_PIN,
    WATER,
    WATER_BARCODE,
    event_now,
    sell,
    sign_in,
)

CASE, CASE_BARCODE = "YC-WAT-0002", "6975321000029"  # 硒泉水 a case of 24


def recomputed(db: Path) -> dict[str, object]:
    """Sales, units, buyers by product from the raw rows: each sale line less its refund
    lines; a line returned whole counts nothing, a sale returned whole is no sale."""
    conn = sqlite3.connect(db)
    try:
        sales = conn.execute(
            "SELECT s.id, m.resident_id FROM sales s LEFT JOIN sale_members m ON m.sale_id = s.id"
            " WHERE s.event_id = ?",
            (EVENT_ID,),
        ).fetchall()
        units: Counter[str] = Counter()
        amounts: Counter[str] = Counter()
        kept, members, anonymous = 0, set(), 0
        for sale_id, resident in sales:
            left = 0
            for line_no, sku, qty, amount in conn.execute(
                "SELECT line_no, sku, quantity, amount_fen FROM sale_lines"
                " WHERE sale_id = ? AND NOT voided",
                (sale_id,),
            ):
                back_q, back_a = conn.execute(
                    "SELECT COALESCE(SUM(l.quantity), 0), COALESCE(SUM(l.amount_fen), 0)"
                    " FROM refund_lines l JOIN refunds r ON r.id = l.refund_id"
                    " WHERE r.sale_id = ? AND l.line_no = ?",
                    (sale_id, line_no),
                ).fetchone()
                if back_q >= qty:
                    continue
                left += 1
                units[sku] += qty - back_q
                amounts[sku] += amount - back_a
            if left:
                kept += 1
                if resident is None:
                    anonymous += 1
                else:
                    members.add(resident)
        return {
            "sales_count": kept,
            "buyers": len(members) + anonymous,
            "member_buyers": len(members),
            "units": dict(units),
            "sales_fen": dict(amounts),
        }
    finally:
        conn.close()


def test_the_report_is_net_of_refunds(context: AppContext) -> None:
    events, reports = context.events, context.event_reports
    assert events is not None and reports is not None
    context.save_setting("store.cash_rounding", "yuan")
    events.repo.save_event(event_now(), origin="server", created_by="", at=datetime.now(UTC))
    sign_in(context, PROMOTER, PROMOTER_PIN)
    events.start(EVENT_ID)
    kept = sell(context, WATER_BARCODE, WATER_BARCODE, demo_code("R0001"))  # 2 × ¥1.90
    gone = sell(context, WATER_BARCODE, CASE_BARCODE, demo_code("R0002"))  # all back
    anonymous = sell(context, WATER_BARCODE, WATER_BARCODE, WATER_BARCODE)  # 3 × ¥2.00
    before = reports.report(EVENT_ID)
    assert (before.sales_count, before.buyers, before.member_buyers) == (3, 3, 2)

    refund_as_manager(context, context.refunds.find(kept.receipt_no), {1: 1})
    whole = refund_as_manager(context, context.refunds.find(gone.receipt_no), {1: 1, 2: 1})
    # the 抹零 is kept back by the refund: what it gave is less than the lines' amounts
    assert whole.plan.total < Money(sum(ln.amount.fen for ln in gone.lines))
    refund_as_manager(context, context.refunds.find(anonymous.receipt_no), {1: 1})
    refund_as_manager(context, context.refunds.find(anonymous.receipt_no), {1: 1})

    report = reports.report(EVENT_ID)
    want = recomputed(Path(str(context.engine.url.database)))
    got = {
        "sales_count": report.sales_count,
        "buyers": report.buyers,
        "member_buyers": report.member_buyers,
        "units": {p.sku: p.units for p in report.products if p.units},
        "sales_fen": {p.sku: p.sales_fen for p in report.products if p.units},
    }
    assert got == want
    # spelled out: R0001 kept one water; R0002's sale is gone whole (no sale, no buyer,
    # not even the 分 of its 抹零); the anonymous sale kept one of its three waters
    assert (report.sales_count, report.buyers, report.member_buyers) == (2, 2, 1)
    assert got["units"] == {WATER: 2}
    water = next(p for p in report.products if p.sku == WATER)
    assert report.sales_fen == water.sales_fen == sum(h.sales_fen for h in report.hours)
    assert report.units == 2 == sum(h.units for h in report.hours)
    assert sum(h.sales_count for h in report.hours) == 2
    # R0002 identified themselves to buy: still identified, though their sale is gone
    assert report.residents_identified == 2
    assert CASE not in {p.sku for p in report.products}
