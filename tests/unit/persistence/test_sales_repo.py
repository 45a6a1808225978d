"""Completed sales: sale, lines, payments, receipt counter, outbox row and the
autosaved cart change together in one durable transaction, or not at all."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from pos_app.app import AppContext
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.sale import Sale
from pos_app.core.tender import TenderKind
from pos_app.persistence.sales_repo import CURRENT_CART_KEY

WATER = "6975321000012"  # 硒泉水 550ml, ¥2.00
RICE = "6921445000018"  # 五常大米 5kg, ¥89.90
LOTTERY = "0490000000016"  # 体彩 5元, not points-eligible


def counts(context: AppContext) -> dict[str, int]:
    with context.engine.connect() as conn:
        out = {
            t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
            for t in ("sales", "sale_lines", "sale_payments", "outbox")
        }
        out["counter"] = conn.exec_driver_sql(
            "SELECT value FROM counters WHERE name = 'receipt'"
        ).scalar()
        out["current_cart"] = conn.exec_driver_sql(
            "SELECT count(*) FROM settings WHERE key = ?", (CURRENT_CART_KEY,)
        ).scalar()
    return out


def sell(context: AppContext, *codes: str, cash: int | None = None) -> Sale:
    co = context.checkout
    for code in codes:
        co.scan(code)
    tender = co.start_tender()
    tender.add_cash(Money(cash if cash is not None else tender.total.fen))
    return co.complete(tender)


@contextmanager
def commits(context: AppContext) -> Iterator[list[int]]:
    seen: list[int] = []

    def on_commit(conn) -> None:  # type: ignore[no-untyped-def]
        seen.append(1)

    event.listen(context.engine, "commit", on_commit)
    try:
        yield seen
    finally:
        event.remove(context.engine, "commit", on_commit)


def test_a_sale_writes_every_part_in_one_commit(context: AppContext) -> None:
    co = context.checkout
    co.scan(WATER)
    co.scan(WATER)
    co.scan(RICE)
    co.scan(LOTTERY)
    tender = co.start_tender()
    tender.add_cash(Money(20_000))
    sale_id = co.sale_id
    assert counts(context)["current_cart"] == 1

    with commits(context) as seen:
        sale = co.complete(tender)
    assert len(seen) == 1  # sale, lines, payments, counter, outbox, cart: one commit

    assert sale.sale_id == sale_id
    assert sale.receipt_no == "S001-T01-000001"
    assert counts(context) == {
        "sales": 1,
        "sale_lines": 3,
        "sale_payments": 1,
        "outbox": 1,
        "counter": 1,
        "current_cart": 0,
    }

    summary = context.sales.find_by_receipt("S001-T01-000001")
    assert summary is not None
    assert summary.sale_id == sale_id
    assert summary.total_fen == 2 * 200 + 8990 + 500
    assert summary.line_count == 3
    assert summary.created_at.utcoffset() is not None

    lines = context.sales.lines(sale_id)
    assert [(ln["sku"], ln["quantity"], ln["amount_fen"]) for ln in lines] == [
        ("YC-WAT-0001", 2, 400),
        ("YC-GRN-0001", 1, 8990),
        ("YC-LOT-0001", 1, 500),
    ]
    payments = context.sales.payments(sale_id)
    assert [(p["kind"], p["amount_fen"], p["tendered_fen"]) for p in payments] == [
        ("cash", 9890, 20_000)
    ]
    with context.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT kind, aggregate_id, payload, sent_at, eligible_fen, change_fen "
            "FROM outbox JOIN sales ON sales.id = outbox.aggregate_id"
        ).one()
    assert row.kind == "sale"
    assert row.aggregate_id == sale_id
    assert row.sent_at is None
    assert row.eligible_fen == 400 + 8990  # the lottery ticket earns no points
    assert row.change_fen == 20_000 - 9890
    payload = json.loads(row.payload)
    assert payload["receipt_no"] == "S001-T01-000001"
    assert payload["total_fen"] == 9890
    assert len(payload["lines"]) == 3
    assert context.sync.outbox.counts().pending == 1
    # the cart on screen is fresh, with a new sale id
    assert co.cart.is_empty()
    assert co.sale_id != sale_id


def test_receipt_numbers_are_sequential(context: AppContext) -> None:
    receipts = [sell(context, WATER).receipt_no for _ in range(3)]
    assert receipts == ["S001-T01-000001", "S001-T01-000002", "S001-T01-000003"]
    assert [s.receipt_no for s in context.sales.recent()] == receipts[::-1]
    assert counts(context)["counter"] == 3
    assert counts(context)["outbox"] == 3


def test_receipt_numbers_continue_after_a_restart(context: AppContext) -> None:
    from pos_app.app import build_context

    sell(context, WATER)
    sell(context, RICE)
    context.close()
    again = build_context(context.data_dir)
    try:
        assert sell(again, WATER).receipt_no == "S001-T01-000003"
    finally:
        again.close()


def test_autosaved_cart_is_removed_with_the_sale(context: AppContext) -> None:
    co = context.checkout
    co.scan(RICE)
    saved = context.checkout.held.load_current()
    assert saved is not None
    assert saved["sale_id"] == co.sale_id
    assert [ln["sku"] for ln in saved["cart"]["lines"]] == ["YC-GRN-0001"]
    tender = co.start_tender()
    tender.add_cash(Money(10_000))
    co.complete(tender)
    assert context.checkout.held.load_current() is None
    # after a restart nothing comes back: the cart became the sale
    assert co.restore() is False


def test_failure_after_the_lines_are_written_rolls_everything_back(context: AppContext) -> None:
    """The outbox insert fails last: the sale, lines, payments and counter vanish with it."""
    co = context.checkout
    co.scan(WATER)
    co.scan(RICE)
    tender = co.start_tender()
    tender.add_cash(Money(10_000))
    before = counts(context)
    written: list[str] = []

    # the sale is written through the transaction's own DBAPI connection (no
    # SQLAlchemy events): SQLite's authorizer sees each insert and refuses the outbox's
    def authorize(action: int, table: str | None, *_rest: object) -> int:
        if action == sqlite3.SQLITE_INSERT and table:
            written.append(table)
            if table == "outbox":
                return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    def arm(conn) -> None:  # type: ignore[no-untyped-def]
        conn.connection.dbapi_connection.set_authorizer(authorize)

    event.listen(context.engine, "begin", arm)
    try:
        with pytest.raises(PosError) as err:
            co.complete(tender)
    finally:
        event.remove(context.engine, "begin", arm)
        with context.engine.connect() as conn:  # the pool's connections: no authorizer left
            conn.connection.dbapi_connection.set_authorizer(None)  # type: ignore[union-attr]

    # a refusal by SQLite itself (not the disk) reads as internal; what matters here
    # is that nothing of the sale stays (the disk cases: test_storage_errors.py)
    assert err.value.code is ErrorCode.INTERNAL
    assert written[:3] == ["sales", "sale_lines", "sale_payments"]  # they were written…
    assert counts(context) == before  # …and rolled back, the autosaved cart too
    assert before["current_cart"] == 1
    assert len(co.cart.active_lines) == 2  # the cashier can retry

    sale = co.complete(tender)
    assert sale.receipt_no == "S001-T01-000001"
    assert counts(context)["sales"] == 1


def test_make_sale_failing_writes_nothing_and_keeps_the_counter(context: AppContext) -> None:
    before = counts(context)

    def broken(sequence: int) -> Sale:
        assert sequence == 1
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        context.sales.record(broken)
    assert counts(context) == before
    assert before["counter"] == 0


def test_insufficient_tender_inside_record_writes_nothing(context: AppContext) -> None:
    """build_sale refuses inside record(): the receipt number is not burnt."""
    co = context.checkout
    co.scan(RICE)
    tender = co.start_tender()
    tender.add_external(TenderKind.WECHAT, Money(1000), "ref-1", co.provider, co.sale_id)
    before = counts(context)
    with pytest.raises(PosError) as err:
        co.complete(tender)
    assert err.value.code is ErrorCode.TENDER_INSUFFICIENT
    assert counts(context) == before
    assert before["counter"] == 0
    assert len(co.cart.active_lines) == 1

    tender.add_cash(Money(10_000))
    assert co.complete(tender).receipt_no == "S001-T01-000001"


def test_empty_cart_cannot_be_recorded(context: AppContext) -> None:
    from pos_app.core.tender import Tender

    with pytest.raises(PosError) as err:
        context.checkout.start_tender()
    assert err.value.code is ErrorCode.CART_EMPTY
    with pytest.raises(PosError) as err:
        context.checkout.complete(Tender(total=Money(0)))
    assert err.value.code is ErrorCode.CART_EMPTY
    assert counts(context)["counter"] == 0
    assert counts(context)["sales"] == 0
