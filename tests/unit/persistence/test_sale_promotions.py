"""A promoted sale on a real till database: each line's promotions and the
definitions applied are written with the sale, read back exactly, pushed in the
agreed wire format and hashed into the chain; a sale without promotions is
hashed exactly as before."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from pos_app.app import AppContext
from pos_app.core.chain import Problem
from pos_app.core.money import Money
from pos_app.core.promo_engine import Applied
from pos_app.core.sale import Sale
from pos_app.demo import demo_code
from pos_app.persistence.chain_repo import check, payload_of
from pos_app.persistence.db import writer
from pos_app.persistence.sale_reader import SaleReader

WATER, RICE = "6975321000012", "6921445000018"  # ¥2.00 (members ¥1.90), ¥89.90
T100 = {
    "id": "T100",
    "name": "满100减10",
    "kind": "threshold",
    "tiers": [{"min_fen": 10000, "off_fen": 1000}],
}
N2W = {
    "id": "N2W",
    "name": "硒泉水第二件半价",
    "kind": "nth_percent",
    "nth": 2,
    "percent_bps": 5000,
    "scope": {"categories": [], "skus": ["YC-WAT-0001"]},
}
OLD_SALE_KEYS = {
    "id", "receipt_no", "store_code", "terminal_code", "sequence", "cashier", "created_at",
    "subtotal_fen", "discount_fen", "total_fen", "change_fen", "eligible_fen", "line_count",
    "rounding_fen", "lines", "payments", "member",
}  # fmt: skip


def with_promotions(context: AppContext, *definitions: dict[str, Any]) -> None:
    promos = context.promotions
    assert promos is not None
    for data in definitions:
        promos.repo.save(
            definition=data,
            stores=[],
            status="active",
            origin="server",
            created_by="",
            at=datetime(2026, 3, 1, tzinfo=UTC),
        )
    promos.reload()
    context.checkout.promotions_changed()


def sell(context: AppContext, *codes: str) -> Sale:
    for code in codes:
        context.checkout.scan(code)
    tender = context.checkout.start_tender()
    tender.add_cash(tender.total)
    return context.checkout.complete(tender)


def test_a_promoted_sale_is_recorded_read_back_and_sent_with_its_promotions(
    context: AppContext,
) -> None:
    with_promotions(context, T100, N2W)
    # a resident: member prices first (water ¥1.90), then the promotions on them
    sale = sell(context, WATER, WATER, RICE, RICE, demo_code("R0001"))
    # water 1.90 + 0.95 = 2.85, rice 179.80: 满100减10 spread 0.16 / 9.84
    assert [ln.amount for ln in sale.lines] == [Money(269), Money(16996)]
    assert (sale.totals.discount, sale.totals.promotion, sale.total) == (
        Money(1095),
        Money(1095),
        Money(17265),
    )
    assert sale.points == 17265 * 1000 * 3000 // 10**8  # on the nets: 517
    with context.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT line_no, discount_fen, amount_fen FROM sale_lines ORDER BY line_no")
        ).all()
        applied = conn.execute(
            text(
                "SELECT line_no, seq, promo_id, saving_fen FROM sale_line_promotions"
                " ORDER BY line_no, seq"
            )
        ).all()
        kept = conn.execute(text("SELECT promo_id FROM sale_promotions ORDER BY promo_id")).all()
        payload = json.loads(
            conn.execute(text("SELECT payload FROM outbox WHERE kind = 'sale'")).scalar_one()
        )
    assert [tuple(r) for r in rows] == [(1, 111, 269), (2, 984, 16996)]
    assert [tuple(r) for r in applied] == [
        (1, 1, "N2W", 95),
        (1, 2, "T100", 16),
        (2, 1, "T100", 984),
    ]
    assert [r[0] for r in kept] == ["N2W", "T100"]
    lines = payload["lines"]
    assert (lines[0]["discount"], lines[0]["promotions"]) == (
        111,
        [{"id": "N2W", "saving_fen": 95}, {"id": "T100", "saving_fen": 16}],
    )
    assert (lines[1]["discount"], lines[1]["promotions"]) == (
        984,
        [{"id": "T100", "saving_fen": 984}],
    )
    assert "event_id" not in payload
    back = SaleReader(context.engine).load(sale.sale_id)
    assert back is not None
    assert back.lines[0].promotions == (
        Applied("N2W", "硒泉水第二件半价", Money(95)),
        Applied("T100", "满100减10", Money(16)),
    )
    assert [ln.discount for ln in back.lines] == [Money(0), Money(0)]  # no cashier's discount
    assert [ln.amount for ln in back.lines] == [Money(269), Money(16996)]
    assert back.totals == sale.totals
    assert [p.promo_id for p in back.promotions] == ["N2W", "T100"]


def test_the_chain_hashes_a_sales_promotions_and_an_edit_is_found(context: AppContext) -> None:
    with_promotions(context, T100)
    sale = sell(context, RICE, RICE)
    with context.engine.connect() as conn:
        payload = payload_of(conn, "sale", sale.sale_id)
    assert payload is not None
    assert payload["promotions"]["lines"] == [
        {"line_no": 1, "seq": 1, "promo_id": "T100", "saving_fen": 1000}
    ]
    assert check(context.engine)[0] is None
    with writer(context.engine).begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER sale_line_promotions_no_update")
        conn.exec_driver_sql("UPDATE sale_line_promotions SET saving_fen = 2000")
    found, _ = check(context.engine)
    assert found is not None and found.problem is Problem.EDITED


def test_a_sale_without_promotions_hashes_exactly_as_before(context: AppContext) -> None:
    with_promotions(context, T100)  # in force, but the water does not reach it
    sale = sell(context, WATER)
    assert sale.lines[0].promotions == ()
    with context.engine.connect() as conn:
        payload = payload_of(conn, "sale", sale.sale_id)
        assert conn.execute(text("SELECT count(*) FROM sale_promotions")).scalar() == 0
    assert payload is not None and set(payload) == OLD_SALE_KEYS
    assert check(context.engine)[0] is None


def test_an_event_sale_keeps_its_event(context: AppContext) -> None:
    soup = {
        "id": "EV",
        "name": "试饮活动价",
        "kind": "special_price",
        "price_fen": 150,
        "event_id": "E1",
        "scope": {"categories": [], "skus": ["YC-WAT-0001"]},
    }
    with_promotions(context, soup)
    context.checkout.set_event("E1")
    sale = sell(context, WATER)
    assert sale.total == Money(150)
    with context.engine.connect() as conn:
        payload = payload_of(conn, "sale", sale.sale_id)
        pushed = json.loads(
            conn.execute(text("SELECT payload FROM outbox WHERE kind = 'sale'")).scalar_one()
        )
    assert payload is not None and payload["event_id"] == "E1"
    assert pushed["event_id"] == "E1"
    back = SaleReader(context.engine).load(sale.sale_id)
    assert back is not None and back.event_id == "E1"
