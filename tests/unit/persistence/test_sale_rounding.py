"""抹零 in the sale record: stored, read back, printed, refunded, in the outbox payload,
bounded by the database itself, and migration 0008 both ways on a real SQLite file."""

from __future__ import annotations

import json

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from pos_app.app import AppContext
from pos_app.core.money import Money
from pos_app.demo import demo_code
from pos_app.persistence.db import alembic_config, writer
from pos_app.persistence.sale_reader import SaleReader
from pos_app.receipts.layout import layout_receipt, plain_text
from tests.staff_helpers import refund_as_manager

WATER, RICE = "6975321000012", "6921445000018"


def test_a_rounded_member_sale_is_stored_and_read_back_with_points_on_what_was_paid(
    context: AppContext,
) -> None:
    context.save_setting("store.cash_rounding", "yuan")
    for code in (RICE, WATER, demo_code("R0001")):
        context.checkout.scan(code)
    tender = context.checkout.start_tender()
    assert (tender.total, tender.rounding) == (Money(9_180), Money(80))
    tender.add_cash(Money(10_000))
    sale = context.checkout.complete(tender)
    assert sale.change == Money(900)
    # 9100 paid, all eligible: 9100 × 10 % × 30 % = 273 (275 on the unrounded 9180)
    assert (sale.rounding, sale.due, sale.points) == (Money(80), Money(9_100), 273)
    stored = SaleReader(context.engine).load(sale.sale_id)
    assert stored is not None
    assert (stored.rounding, stored.due, stored.eligible_amount) == (
        Money(80),
        Money(9_100),
        Money(9_100),
    )
    with context.engine.connect() as conn:
        row = conn.execute(text("SELECT total_fen, rounding_fen, eligible_fen FROM sales")).one()
        payload = json.loads(
            conn.execute(text("SELECT payload FROM outbox WHERE kind = 'sale'")).scalar_one()
        )
    assert tuple(row) == (9_180, 80, 9_100)
    # the history lists what was paid
    [summary] = context.checkout.recent_sales()
    assert summary.total_fen == 9_100
    found = context.checkout.find_sale(sale.receipt_no)
    assert found is not None and found.total_fen == 9_100
    assert (payload["total_fen"], payload["rounding_fen"], payload["eligible_fen"]) == (
        9_180,
        80,
        9_100,
    )


def test_rounding_is_off_by_default(context: AppContext) -> None:
    context.checkout.scan(RICE)
    assert context.checkout.start_tender().rounding == Money(0)
    assert context.checkout.cash_rounding() == Money(0)


def test_the_cart_shows_what_cash_rounding_would_take_off(context: AppContext) -> None:
    context.checkout.scan(RICE)  # ¥89.90
    context.save_setting("store.cash_rounding", "jiao")
    assert context.checkout.cash_rounding() == Money(0)
    context.save_setting("store.cash_rounding", "yuan")  # applies without a restart
    assert context.checkout.cash_rounding() == Money(90)


def test_the_database_refuses_a_rounding_of_a_yuan_or_more(context: AppContext) -> None:
    context.checkout.scan(RICE)
    tender = context.checkout.start_tender()
    tender.add_cash(tender.total)
    sale = context.checkout.complete(tender)
    with pytest.raises(IntegrityError), writer(context.engine).begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sales (id, receipt_no, store_code, terminal_code, sequence, cashier,"
                " created_at, subtotal_fen, discount_fen, total_fen, change_fen, eligible_fen,"
                " line_count, rounding_fen) SELECT 'x', 'x', store_code, terminal_code, 99,"
                " cashier, created_at, subtotal_fen, discount_fen, total_fen, change_fen,"
                " eligible_fen, line_count, 100 FROM sales WHERE id = :id"
            ),
            {"id": sale.sale_id},
        )


def test_migration_0008_both_ways_keeps_the_sales_and_their_guard(context: AppContext) -> None:
    context.checkout.scan(RICE)
    tender = context.checkout.start_tender()
    tender.add_cash(tender.total)
    sale = context.checkout.complete(tender)
    cfg = alembic_config(writer(context.engine))

    def columns() -> set[str]:
        return {c["name"] for c in inspect(context.engine).get_columns("sales")}

    def triggers() -> set[str]:
        with context.engine.connect() as conn:
            return set(
                conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'sales'"
                ).scalars()
            )

    command.downgrade(cfg, "0007")
    assert "rounding_fen" not in columns()
    assert triggers() == {"sales_no_update", "sales_no_delete"}
    command.upgrade(cfg, "0008")
    assert "rounding_fen" in columns()
    assert triggers() == {"sales_no_update", "sales_no_delete"}
    command.upgrade(cfg, "head")  # the reader reads today's columns (0015's event_id)
    stored = SaleReader(context.engine).load(sale.sale_id)
    assert stored is not None and stored.rounding == Money(0)  # older sales: none
    with pytest.raises(Exception, match="append-only"), writer(context.engine).begin() as conn:
        conn.execute(text("UPDATE sales SET rounding_fen = 5"))


def test_a_rounded_sale_refunded_in_full_gives_back_what_was_paid_and_every_point(
    context: AppContext,
) -> None:
    context.save_setting("store.cash_rounding", "yuan")
    for code in (RICE, WATER, demo_code("R0001")):
        context.checkout.scan(code)
    tender = context.checkout.start_tender()
    tender.add_cash(Money(9_100))
    sale = context.checkout.complete(tender)  # 9180 − 80: 9100 paid, 273 points
    found = context.refunds.find(sale.receipt_no)
    assert found.total == Money(9_100)  # the sale as paid
    # the lines as paid: 8990 and 190 less 78 and 2 of the 抹零 (largest remainder)
    assert [ln.amount for ln in found.lines] == [Money(8_912), Money(188)]
    first = refund_as_manager(context, found, {2: 1})
    assert first.plan.total == Money(188)
    rest = refund_as_manager(context, context.refunds.find(sale.receipt_no), {1: 1})
    assert first.plan.total + rest.plan.total == sale.due  # never the unrounded 9180
    assert first.plan.points_clawback + rest.plan.points_clawback == sale.points == 273


def test_the_stored_sale_prints_its_rounding_and_what_was_paid(context: AppContext) -> None:
    context.save_setting("store.cash_rounding", "jiao")
    context.checkout.scan(RICE)
    context.checkout.scan(WATER)  # 8990 + 200 = 9190: whole jiao, nothing off
    context.checkout.scan(WATER)  # 9390 …
    context.checkout.add_open_price("deli", Money(1_235))  # … 10625: 5 fen off
    tender = context.checkout.start_tender()
    tender.add_cash(Money(11_000))
    sale = context.checkout.complete(tender)
    receipt = context.printing.receipt_of_sale(sale.sale_id, reprint=True)
    text = [" ".join(line.split()) for line in plain_text(layout_receipt(receipt, 42)).splitlines()]
    at = text.index("合计 ￥106.25")
    assert text[at + 1 : at + 3] == ["抹零 -￥0.05", "实付 ￥106.20"]
    assert "找零 ￥3.80" in text and any(line.startswith("无码商品") for line in text)
