"""Hypothesis against the bill and payment imports (SQLite and PostgreSQL): rows mixing
good values with anything a spreadsheet may hold never crash the import, and never
leave it half done: either every row is taken, or nothing changed at all."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from sync.server.bill_payments import import_payments
from sync.server.bills import import_bills
from sync.server.db import Database
from sync.server.models.bills import BillPayment
from sync.server.models.residents import Bill
from tests.sync.server.bill_helpers import BILL_HEADER, PAYMENT_HEADER, csv_bytes, xlsx_bytes

NOW = datetime(2026, 11, 27, tzinfo=UTC)
#: the database fixture is shared by the examples on purpose: each starts from what the
#: last one left, as successive imports do
FIXTURE = [HealthCheck.function_scoped_fixture]
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
ROOMS = st.sampled_from(["3-2-1102", "5栋1单元603", "1-3-201", "示范社区8栋2单元1705"])
PERIODS = st.sampled_from(["2026-10", "2026-11", "2026年12月", "202701"])
AMOUNTS = st.one_of(
    st.sampled_from(["260", "0.01", "¥1,000.50"]),
    st.integers(1, 30_000).map(lambda n: f"{n / 100:.2f}"),
    st.integers(1, 30_000).map(lambda n: n / 100),  # a number cell, as Excel keeps it
)
METHODS = st.sampled_from(["现金", "微信", "支付宝", "cash", "刷卡"])
DATES = st.sampled_from(["2026-11-01", "2026/11/20 10:00", "2026年11月2日"])
REFS = st.text("ABC123-", min_size=1, max_size=6)
#: what a spreadsheet may hold besides: a wrong room, month, amount, method or date…
JUNK = st.one_of(
    TEXT, st.none(), st.sampled_from(["9-9-9", "2026-13", "-3", "1.234", "0", "积分", "?",
                                      "2030-01-01", "2026-02-30"]),
    st.floats(allow_nan=True, allow_infinity=True),
)  # fmt: skip


def _rows(*good: st.SearchStrategy[Any]) -> st.SearchStrategy[list[tuple[Any, ...]]]:
    """Mostly good rows (a few distinct bills or references), some with a cell of junk."""
    row = st.tuples(*good)
    spoiled = st.tuples(*(st.one_of(g, JUNK) for g in good))
    return st.lists(st.one_of(row, row, row, spoiled), max_size=8,
                    unique_by=lambda r: (str(r[0]), str(r[2]), str(r[-1])))  # fmt: skip


BILL_ROWS = _rows(ROOMS, TEXT, PERIODS, AMOUNTS)
PAYMENT_ROWS = _rows(ROOMS, PERIODS, AMOUNTS, METHODS, DATES, REFS)


def _cell(value: Any, xlsx: bool) -> Any:
    if value is None:
        return None if xlsx else ""
    if isinstance(value, float) and (not xlsx or value != value or abs(value) == float("inf")):
        return repr(value)  # text in a CSV; a workbook cannot hold NaN or infinity
    return value


def _file(header: list[str], rows: list[tuple[Any, ...]], kind: int) -> bytes:
    xlsx = kind == 2
    table = [header] + [[_cell(v, xlsx) for v in row] for row in rows]
    if xlsx:
        return xlsx_bytes(table)
    return csv_bytes(table, encoding="utf-8-sig" if kind == 0 else "gb18030")


def _state(db: Database) -> tuple[list[Any], list[Any]]:
    with db.read() as session:
        bills = session.execute(select(Bill.id, Bill.amount_fen, Bill.paid_fen).order_by(Bill.id))
        payments = session.execute(select(BillPayment.reference, BillPayment.amount_fen))
        return [tuple(b) for b in bills], sorted(tuple(p) for p in payments)


def _check(db: Database, before: tuple[list[Any], list[Any]], report: Any, rows: int) -> None:
    after = _state(db)
    if not report.ok:
        assert after == before  # nothing half-imported
        assert all(p.row >= 0 and p.message_zh and p.message_en for p in report.problems)
    else:
        assert report.created + report.updated + report.unchanged <= rows
    assert all(0 <= paid <= amount for _id, amount, paid in after[0])
    event(f"ok={report.ok} wrote={report.created + report.updated > 0}")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=BILL_ROWS, kind=st.integers(0, 2))
def test_bill_rows_never_crash_nor_half_import(db: Database, rows: list[Any], kind: int) -> None:
    before = _state(db)
    data = _file(BILL_HEADER, rows, kind)  # GB18030 encodes every character, as UTF-8 does
    with db.write() as session:
        report = import_bills(session, community_id="C001", data=data)
    _check(db, before, report, len(rows))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=PAYMENT_ROWS, kind=st.integers(0, 2))
def test_payment_rows_never_crash_nor_half_import(db: Database, rows: list[Any], kind: int) -> None:
    before = _state(db)
    data = _file(PAYMENT_HEADER, rows, kind)
    with db.write() as session:
        report = import_payments(session, community_id="C001", data=data, now=NOW)
    _check(db, before, report, len(rows))
