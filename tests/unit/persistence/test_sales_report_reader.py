"""The sales report's SQL figures equal an independent recomputation, in plain
Python over the generated raw rows (zoneinfo for the showroom day, no SQL), to
the 分: a month of sales with voided lines, 抹零, several tenders and cashiers,
member points, an event, refunds given days later and redemptions."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, text

from pos_app.app import AppContext
from pos_app.core.sales_report import DateRange, Dimension, Figures, Totals
from pos_app.persistence.sales_report_reader import SalesReportReader
from tests.sales_rows import CATEGORIES, EVENT_ID, EVENT_NAME, SHANGHAI, Generated, generate, insert

FIRST = date(2026, 10, 1)
MONTH = DateRange(FIRST, date(2026, 10, 31))


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(SHANGHAI)


def inside(text: str, span: DateRange) -> bool:
    return span.first <= local(text).date() <= span.last


def expected(rows: Generated, span: DateRange, cashier: str | None = None) -> dict[str, Any]:
    """Every figure of the report, recomputed from the rows one by one."""
    sales = {s["id"]: s for s in rows.sales}
    sold = [s for s in rows.sales if inside(s["created_at"], span)]
    if cashier is not None:
        sold = [s for s in sold if s["cashier"] == cashier]
    sold_ids = {s["id"] for s in sold}
    given = [r for r in rows.refunds if inside(r["created_at"], span)]
    if cashier is not None:
        given = [r for r in given if r["cashier"] == cashier]
    given_ids = {r["id"]: r for r in given}
    lines = {(ln["sale_id"], ln["line_no"]): ln for ln in rows.lines}
    lines_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ln in rows.lines:
        lines_of[ln["sale_id"]].append(ln)
    returned: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rl in rows.refund_lines:
        returned[rl["refund_id"]].append(rl)
    by: dict[Dimension, dict[str, dict[str, Any]]] = {
        d: defaultdict(lambda: defaultdict(int)) for d in Dimension
    }

    def items(ln: dict[str, Any], qty: int) -> int:
        return qty if ln["unit"] == "piece" else 1

    def sale_keys(s: dict[str, Any]) -> dict[Dimension, str]:
        at = local(s["created_at"])
        return {
            Dimension.DAY: at.date().isoformat(),
            Dimension.HOUR: f"{at.hour:02d}",
            Dimension.CASHIER: s["cashier"],
            Dimension.EVENT: s["event_id"] or "",
        }

    for s in sold:
        live = [ln for ln in lines_of[s["id"]] if not ln["voided"]]
        for dim, key in sale_keys(s).items():
            f = by[dim][key]
            f["sales_count"] += 1
            f["sales_fen"] += s["total_fen"]
            f["rounding_fen"] += s["rounding_fen"]
            f["items"] += sum(items(ln, ln["quantity"]) for ln in live)
        for dim, key_of in ((Dimension.PRODUCT, "sku"), (Dimension.CATEGORY, "category")):
            for key in {ln[key_of] for ln in live}:
                by[dim][key]["sales_count"] += 1
            for ln in live:
                f = by[dim][ln[key_of]]
                f["sales_fen"] += ln["amount_fen"]
                f["items"] += (
                    ln["quantity"] if dim is Dimension.PRODUCT else items(ln, ln["quantity"])
                )
    for p in rows.payments:
        if p["sale_id"] in sold_ids:
            by[Dimension.TENDER][p["kind"]]["sales_fen"] += p["amount_fen"]
    for kind in {p["kind"] for p in rows.payments if p["sale_id"] in sold_ids}:
        by[Dimension.TENDER][kind]["sales_count"] = len(
            {p["sale_id"] for p in rows.payments if p["sale_id"] in sold_ids and p["kind"] == kind}
        )
    for r in given:
        at, sale = local(r["created_at"]), sales[r["sale_id"]]
        mine = returned[r["id"]]
        keys = {
            Dimension.DAY: at.date().isoformat(),
            Dimension.HOUR: f"{at.hour:02d}",
            Dimension.CASHIER: r["cashier"],
            Dimension.EVENT: sale["event_id"] or "",
        }
        for dim, key in keys.items():
            f = by[dim][key]
            f["refund_count"] += 1
            f["refunds_fen"] += r["total_fen"]
            f["refund_items"] += sum(
                items(lines[(r["sale_id"], rl["line_no"])], rl["quantity"]) for rl in mine
            )
        for dim, key_of in ((Dimension.PRODUCT, "sku"), (Dimension.CATEGORY, "category")):
            touched = {lines[(r["sale_id"], rl["line_no"])][key_of] for rl in mine}
            for key in touched:
                by[dim][key]["refund_count"] += 1
            for rl in mine:
                ln = lines[(r["sale_id"], rl["line_no"])]
                f = by[dim][ln[key_of]]
                f["refunds_fen"] += rl["amount_fen"]
                f["refund_items"] += (
                    rl["quantity"] if dim is Dimension.PRODUCT else items(ln, rl["quantity"])
                )
    for rp in rows.refund_payments:
        if rp["refund_id"] in given_ids:
            f = by[Dimension.TENDER][rp["kind"]]
            f["refund_count"] += 1
            f["refunds_fen"] += rp["amount_fen"]
    live_lines = [ln for ln in rows.lines if ln["sale_id"] in sold_ids and not ln["voided"]]
    redeemed = [
        d for d in rows.redemptions
        if inside(d["created_at"], span) and cashier in (None, d["cashier"])
    ]  # fmt: skip
    totals = Totals(
        sales_count=len(sold),
        items=sum(items(ln, ln["quantity"]) for ln in live_lines),
        sales_fen=sum(s["total_fen"] for s in sold),
        discount_fen=sum(s["discount_fen"] for s in sold),
        rounding_fen=sum(s["rounding_fen"] for s in sold),
        refund_count=len(given),
        refunds_fen=sum(r["total_fen"] for r in given),
        points_issued=sum(m["points"] for m in rows.members if m["sale_id"] in sold_ids),
        points_clawed_back=sum(r["points_clawback"] for r in given),
        points_redeemed=sum(d["points"] for d in redeemed),
    )
    return {
        "totals": totals,
        "by": {
            d: {k: {n: x for n, x in v.items() if x} for k, v in by[d].items()} for d in Dimension
        },
    }


def reader_engine(reader: SalesReportReader) -> Engine:
    return reader._engine  # the test reads the same file by hand


def figures_dict(f: Figures) -> dict[str, int]:
    fields = ("sales_count", "items", "sales_fen", "rounding_fen", "refund_count",
              "refund_items", "refunds_fen")  # fmt: skip
    return {name: getattr(f, name) for name in fields if getattr(f, name)}


@pytest.fixture(scope="module")
def month() -> Generated:
    # a month and a few days either side: refunds of September sales given in October
    return generate(date(2026, 9, 27), 40, 25)


@pytest.fixture
def reader(empty_context: AppContext, month: Generated) -> SalesReportReader:
    insert(empty_context.engine, month)
    return SalesReportReader(empty_context.engine)


def check(reader: SalesReportReader, rows: Generated, span: DateRange, cashier: str | None) -> None:
    report = reader.report(span, cashier)
    want = expected(rows, span, cashier)
    assert report.totals == want["totals"]
    for dim in Dimension:
        got = {f.key: figures_dict(f) for f in report.rows(dim)}
        assert got == want["by"][dim], dim


def test_the_month_equals_a_recomputation_from_the_raw_rows(
    reader: SalesReportReader, month: Generated
) -> None:
    check(reader, month, MONTH, None)
    report = reader.report(MONTH)
    t = report.totals
    # the month is what the data says it is: refunds, 抹零, points, voids all there
    assert t.sales_count > 700 and t.refund_count > 40 and t.rounding_fen > 0
    assert t.points_issued > 0 and t.points_clawed_back > 0 and t.points_redeemed > 0
    assert t.net_fen == t.sales_fen - t.rounding_fen - t.refunds_fen
    # by tender the month adds up to what was paid less what was given back
    assert sum(f.net_fen for f in report.rows(Dimension.TENDER)) == t.net_fen
    # by day, hour, cashier and event too; by product and category before 抹零
    for dim in (Dimension.DAY, Dimension.HOUR, Dimension.CASHIER, Dimension.EVENT):
        assert sum(f.net_fen for f in report.rows(dim)) == t.net_fen
    for dim in (Dimension.PRODUCT, Dimension.CATEGORY):
        assert sum(f.net_fen for f in report.rows(dim)) == t.net_fen + t.rounding_fen
    assert next(f.key for f in report.rows(Dimension.DAY)) == "2026-10-01"
    assert len(report.rows(Dimension.DAY)) == 31
    labels = {f.key: f.label for f in report.rows(Dimension.CATEGORY)}
    assert set(labels) == set(CATEGORIES)
    with reader_engine(reader).connect() as conn:
        names = dict(conn.execute(text("SELECT code, name FROM categories")).all())
    assert labels == {code: names[code] for code in CATEGORIES}  # the till's names
    events = {f.key: f.label for f in report.rows(Dimension.EVENT)}
    assert events == {"": "", EVENT_ID: EVENT_NAME}


@pytest.mark.parametrize("day", [date(2026, 10, 1), date(2026, 10, 2), date(2026, 10, 31)])
def test_a_day_equals_a_recomputation(
    reader: SalesReportReader, month: Generated, day: date
) -> None:
    check(reader, month, DateRange(day, day), None)


def test_a_cashiers_own_week_equals_a_recomputation(
    reader: SalesReportReader, month: Generated
) -> None:
    span = DateRange(date(2026, 10, 5), date(2026, 10, 11))
    check(reader, month, span, "收银员小王")
    own = reader.report(span, "收银员小王")
    assert {f.key for f in own.rows(Dimension.CASHIER)} == {"收银员小王"}


def test_showroom_midnight_splits_the_days(reader: SalesReportReader, month: Generated) -> None:
    """The generator puts a sale at 00:00:00 and one at 23:59:59.999999 of each day."""
    day = reader.report(DateRange(date(2026, 10, 2), date(2026, 10, 2)))
    (hours_first, *_rest, hours_last) = day.rows(Dimension.HOUR)
    assert hours_first.key == "00" and hours_last.key == "23"
    first = [s for s in month.sales if s["created_at"] == "2026-10-01T16:00:00.000000+00:00"]
    last = [s for s in month.sales if s["created_at"] == "2026-10-02T15:59:59.999999+00:00"]
    assert len(first) == 1 and len(last) == 1


def test_a_refund_counts_on_the_day_it_was_given(
    reader: SalesReportReader, month: Generated
) -> None:
    late = next(
        r for r in month.refunds
        if local(r["created_at"]).date() > local(
            next(s for s in month.sales if s["id"] == r["sale_id"])["created_at"]
        ).date() and local(r["created_at"]).date() >= FIRST
    )  # fmt: skip
    given_on = local(late["created_at"]).date()
    day = reader.report(DateRange(given_on, given_on))
    (row,) = [f for f in day.rows(Dimension.DAY)]
    assert row.refunds_fen >= late["total_fen"] > 0
    assert day.totals.refunds_fen == row.refunds_fen
