"""The till's sales report over a year of local sales, next to the bare SQL sum.

Generates a year of sales (default 365 days × 300 sales, ~110,000 sales and
~275,000 lines, with refunds, voids, 抹零, members, an event and redemptions:
`tests/sales_rows.py`, seed 7) and bulk-inserts it into a fresh till database
(migrated to head, so with its indexes). Then, each series interleaved with its
floor so both see the same disk and load:

- **daily report**: `SalesReportReader.report` for one showroom day, every
  dimension and the totals (what Reports ▸ Sales reports… shows for Today and
  what the 营业日报 prints), 30 random days;
- **month report**: the same for each of the 12 months;
- **bare SQL sum**: stdlib `sqlite3` on the same file, `SELECT sum(total_fen)
  FROM sales WHERE created_at >= ? AND created_at < ?` over the same range:
  one indexed range scan, the floor under any report of those rows;
- **daily report, no refund index**: the daily report with revision 0019's
  `ix_refunds_created_at` dropped (put back afterwards): why 0019 exists.

Prints one markdown table (p50/p95 in ms and the ratio to the bare sum) and the
generation and insert times. No timing is asserted anywhere: tests check
figures, this prints times.

Usage: ``python benchmarks/bench_till_reports.py [--days 365] [--per-day 300]
[--out DIR] [--keep]``
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from time import perf_counter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from bench_stats import percentiles, time_ms  # noqa: E402

from pos_app.core.sales_report import DateRange  # noqa: E402
from pos_app.persistence.db import DB_FILENAME, open_database  # noqa: E402
from pos_app.persistence.sales_report_reader import SalesReportReader  # noqa: E402
from tests.sales_rows import generate, insert  # noqa: E402

FIRST = date(2025, 12, 1)
BARE = "SELECT coalesce(sum(total_fen), 0) FROM sales WHERE created_at >= ? AND created_at < ?"


def months(first: date, days: int) -> list[DateRange]:
    spans, start, end = [], first, first + timedelta(days=days - 1)
    while start <= end:
        nxt = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        spans.append(DateRange(start, min(nxt - timedelta(days=1), end)))
        start = nxt
    return spans


def series(
    reader: SalesReportReader, bare: sqlite3.Connection, spans: list[DateRange]
) -> tuple[list[float], list[float]]:
    """The report and the bare sum over each span, interleaved; each checked equal."""
    report_ms, bare_ms = [], []
    for span in spans:
        ms, report = time_ms(lambda span=span: reader.report(span))
        report_ms.append(ms)
        args = (span.start.isoformat(timespec="microseconds"),
                span.end.isoformat(timespec="microseconds"))  # fmt: skip
        ms, total = time_ms(lambda args=args: bare.execute(BARE, args).fetchone()[0])
        bare_ms.append(ms)
        if total != report.totals.sales_fen:  # the same rows, or the comparison means nothing
            raise AssertionError(f"{span}: report {report.totals.sales_fen} != bare {total}")
    return report_ms, bare_ms


def row(name: str, what: str, ms: list[float], floor: list[float] | None) -> str:
    p = percentiles(ms)
    ratio = "–"
    if floor is not None:
        f = percentiles(floor)
        ratio = f"{p['p50'] / f['p50']:.0f}× / {p['p95'] / f['p95']:.0f}×"
    return f"| {name} | {what} | {p['p50']:.1f} | {p['p95']:.1f} | {ratio} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, default=300)
    parser.add_argument("--samples", type=int, default=30, help="random days timed")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="bench-reports-", dir=args.out))
    try:
        engine = open_database(out)
        t0 = perf_counter()
        rows = generate(FIRST, args.days, args.per_day)
        t1 = perf_counter()
        insert(engine, rows)
        t2 = perf_counter()
        print(
            f"{len(rows.sales):,} sales, {len(rows.lines):,} lines, {len(rows.refunds):,} "
            f"refunds over {args.days} days; generated in {t1 - t0:.1f} s, bulk-inserted in "
            f"{t2 - t1:.1f} s; SQLite {sqlite3.sqlite_version}; load {os.getloadavg()[0]:.2f}",
            file=sys.stderr,
        )
        reader = SalesReportReader(engine)
        bare = sqlite3.connect(out / DB_FILENAME)
        rng = random.Random(1)
        days = [FIRST + timedelta(days=rng.randrange(args.days)) for _ in range(args.samples)]
        daily = [DateRange(d, d) for d in days]
        series(reader, bare, daily[:3])  # warm the page cache: not timed
        day_ms, day_bare = series(reader, bare, daily)
        month_ms, month_bare = series(reader, bare, months(FIRST, args.days))
        year_ms, year_bare = series(
            reader, bare, [DateRange(FIRST, FIRST + timedelta(days=args.days - 1))] * 3
        )
        bare.execute("DROP INDEX ix_refunds_created_at")
        no_index_ms, _ = series(reader, bare, daily[:10])
        bare.execute("CREATE INDEX ix_refunds_created_at ON refunds (created_at)")
        bare.close()
        engine.dispose()
        print("| row | what is timed | p50 ms | p95 ms | report / bare (p50 / p95) |")
        print("|---|---|---|---|---|")
        print(
            row(
                "daily report",
                f"{args.samples} random days, 7 dimensions + totals",
                day_ms,
                day_bare,
            )
        )
        print(row("bare SQL sum, a day", "sum(total_fen) over the same day", day_bare, None))
        print(row("month report", "each month, 7 dimensions + totals", month_ms, month_bare))
        print(row("bare SQL sum, a month", "sum(total_fen) over the same month", month_bare, None))
        print(row("year report", "the whole year, 3 times", year_ms, year_bare))
        print(row("bare SQL sum, the year", "sum(total_fen) over the year", year_bare, None))
        print(
            row(
                "daily report, no refund index",
                "10 days without 0019's index",
                no_index_ms,
                day_bare[:10],
            )
        )
    finally:
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
