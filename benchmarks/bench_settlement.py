"""Settlement of one community-month: the server's `settlement.compute` beside a bare SQL
sum over the same rows.

For each back-end (a SQLite file; a private PostgreSQL cluster when its binaries
are there):

1. `initialize(demo=True)` into a fresh database, then a contract change in the
   middle of the month (so the figures split over two versions);
2. bulk-insert one month of community C001: N orders (default 100,000) of 3–7
   lines each (about 500,000 `order_lines`), a refund for every 50th order (half of
   them of the previous month's sales), a ledger `earn` for every third order and a
   `clawback` for each refund of a member's sale, and 2,000 redemptions. The rows are
   what the push path stores; they are inserted directly, because this times the
   settlement and not the push;
3. time `compute(community C001, month)`, 1 warm-up and the median of 5;
4. time the bare SQL, also the median of 5: one `SUM` of what was paid over the
   month's orders, and one `SUM(net_fen)` over their 500,000 lines. This is the
   floor of any settlement.

Prints a header line, then one markdown table. Usage:

    .venv/bin/python benchmarks/bench_settlement.py [--orders 100000]
        [--backends sqlite,postgresql] [--out DIR]
"""

from __future__ import annotations

import argparse
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select, text

from sync.server.db import Database
from sync.server.devtools import LocalPostgres, find_pg_bindir
from sync.server.models.orders import Order, Refund
from sync.server.models.partners import ContractVersion
from sync.server.models.promotions import OrderLine
from sync.server.models.residents import Bill, LedgerEntry, Redemption
from sync.server.models.terminals import Terminal
from sync.server.seed import initialize
from sync.server.settlement import compute
from sync.server.settlement_period import month_window

MONTH = "2026-11"
CHUNK = 5_000


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _median_ms(work: Callable[[], Any], runs: int = 5) -> float:
    work()  # warm-up: caches, query plans
    times = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        work()
        times.append((time.perf_counter_ns() - start) / 1e6)
    return statistics.median(times)


def populate(db: Database, orders: int, seed: int = 1) -> int:
    """One month of C001 (see the module doc); returns how many order lines it holds."""
    rng = random.Random(seed)
    since, until = month_window(MONTH)
    span = int((until - since).total_seconds()) - 1
    with db.write() as session:
        session.add(ContractVersion(community_id="C001", effective_from=since + timedelta(days=15),
                                    share_bps=1200, points_bps=2500))  # fmt: skip
        session.add(Terminal(id="bench-t01", store_code="S001", terminal_code="B01",
                             public_key="-", key_id="t-bench", token_hash="bench" * 12,
                             enrolled_at=since - timedelta(days=60)))  # fmt: skip
        session.add(Bill(id="B-BENCH", resident_id="R0001", period="2099-01",
                         amount_fen=10**12, paid_fen=0))  # fmt: skip
    members = ["R0001", "R0002", "R0003", "R0004"]
    lines_total = 0
    for first in range(0, orders, CHUNK):
        order_rows, line_rows, refund_rows, ledger_rows = [], [], [], []
        for n in range(first, min(first + CHUNK, orders)):
            sale_id = str(uuid.UUID(int=rng.getrandbits(128)))
            earlier = n % 100 == 0  # a sale of the month before, refunded this month
            base = since - timedelta(days=20) if earlier else since
            created = base + timedelta(seconds=rng.randint(0, span))
            amounts = [rng.randint(200, 20_000) for _ in range(rng.randint(3, 7))]
            total = sum(amounts)
            rounding = total % 10 if n % 3 == 0 else 0
            member = members[n % 4] if n % 3 == 0 else None
            eligible = total - rounding
            points = eligible * 1000 * 3000 // 100_000_000 if member else 0
            order_rows.append({
                "sale_id": sale_id, "receipt_no": f"B{n}", "terminal_id": "bench-t01",
                "store_code": "S001", "community_id": "C001", "created_at": created,
                "received_at": created + timedelta(minutes=1), "total_fen": total,
                "rounding_fen": rounding, "eligible_fen": eligible, "earning_lines": "",
                "refunded_eligible_fen": 0, "member_id": member, "resident_id": member,
                "contract_id": None, "points_terminal": points, "points_server": points,
                "payload": "{}",
            })  # fmt: skip
            for i, amount in enumerate(amounts, start=1):
                line_rows.append({
                    "sale_id": sale_id, "line_no": i, "store_code": "S001",
                    "created_at": created, "sku": f"SKU{i}", "category": "tea",
                    "quantity": 1, "amount_fen": amount, "net_fen": amount,
                    "eligible": True, "eligible_fen": amount, "points": 0,
                    "promo_saving_fen": 0,
                })  # fmt: skip
            if member and points:
                ledger_rows.append({
                    "resident_id": member, "kind": "earn", "points": points,
                    "source_kind": "sale", "source_id": sale_id, "sale_id": sale_id,
                    "created_at": created + timedelta(minutes=1),
                })  # fmt: skip
            if n % 50 == 0:
                refunded = since + timedelta(seconds=rng.randint(0, span))
                refunded = max(refunded, created + timedelta(minutes=5))
                if refunded >= until:
                    continue
                refund_id = str(uuid.UUID(int=rng.getrandbits(128)))
                refund_rows.append({
                    "refund_id": refund_id, "sale_id": sale_id, "refund_no": f"R{n}",
                    "terminal_id": "bench-t01", "created_at": refunded,
                    "received_at": refunded + timedelta(minutes=1), "total_fen": amounts[0],
                    "eligible_fen": amounts[0], "clawback_terminal": 0, "clawback_server": 0,
                    "payload": "{}",
                })  # fmt: skip
                if member:
                    ledger_rows.append({
                        "resident_id": member, "kind": "clawback",
                        "points": -(amounts[0] * 3 // 100),
                        "source_kind": "refund", "source_id": refund_id, "sale_id": sale_id,
                        "created_at": refunded + timedelta(minutes=1),
                    })  # fmt: skip
        with db.write() as session:
            session.execute(insert(Order), order_rows)
            session.execute(insert(OrderLine), line_rows)
            if refund_rows:
                session.execute(insert(Refund), refund_rows)
            if ledger_rows:
                session.execute(insert(LedgerEntry), ledger_rows)
        lines_total += len(line_rows)
        progress(f"  {min(first + CHUNK, orders):,} orders")
    with db.write() as session:
        session.execute(insert(Redemption), [
            {"redemption_id": str(uuid.uuid4()), "resident_id": "R0001", "bill_id": "B-BENCH",
             "points": 5, "terminal_id": "bench-t01",
             "created_at": since + timedelta(seconds=rng.randint(0, span))}
            for _ in range(2_000)
        ])  # fmt: skip
    return lines_total


def measure(db: Database, orders: int) -> dict[str, Any]:
    lines = populate(db, orders)
    since, until = month_window(MONTH)
    with db.read() as session:
        if db.dialect == "postgresql":
            session.execute(text("ANALYZE"))
        document = compute(session, community_id="C001", month=MONTH).document

        def settle() -> None:
            compute(session, community_id="C001", month=MONTH)

        window = (Order.community_id == "C001", Order.created_at >= since, Order.created_at < until)

        def bare_orders() -> None:
            session.execute(
                select(func.count(), func.sum(Order.total_fen - Order.rounding_fen)).where(*window)
            ).one()

        def bare_lines() -> None:
            session.execute(
                select(func.count(), func.sum(OrderLine.net_fen)).where(
                    OrderLine.store_code == "S001",
                    OrderLine.created_at >= since,
                    OrderLine.created_at < until,
                )
            ).one()

        return {
            "orders": document["orders"],
            "lines": lines,
            "versions": len(document["contracts"]),
            "adjustments": len(document["adjustments"]),
            "settle_ms": _median_ms(settle),
            "bare_orders_ms": _median_ms(bare_orders),
            "bare_lines_ms": _median_ms(bare_lines),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--out", type=Path, help="work directory (default: a temporary one)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-settle-", dir=args.out))
    results: dict[str, dict[str, Any]] = {}
    try:
        for backend in args.backends.split(","):
            progress(f"{backend}: populating {args.orders:,} orders")
            if backend == "sqlite":
                db = Database(f"sqlite:///{work / 'central.db'}", pool_size=1, max_overflow=0)
                initialize(
                    db, key_file=work / "signing.key", demo=True, personal_key_file=work / "p.key"
                )
                results[backend] = measure(db, args.orders)
                db.dispose()
            elif find_pg_bindir() is None:
                progress("postgresql: server binaries not found, skipped")
            else:
                with LocalPostgres() as pg:
                    url = pg.create_database("bench")
                    db = Database(url, pool_size=1, max_overflow=0)
                    initialize(db, key_file=work / "pg-signing.key", demo=True,
                               personal_key_file=work / "pg-p.key")  # fmt: skip
                    results[backend] = measure(db, args.orders)
                    db.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load = Path("/proc/loadavg")
    print(
        f"bench_settlement {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"Python {platform.python_version()}, "
        f"load {load.read_text().split()[0] if load.exists() else '-'}"
    )
    print()
    head = ["back-end", "orders", "lines", "versions", "adjustments", "settlement ms",
            "bare SUM orders ms", "bare SUM lines ms", "settlement / bare orders"]  # fmt: skip
    print("| " + " | ".join(head) + " |")
    print("|---|" + "---:|" * (len(head) - 1))
    for backend, r in results.items():
        ratio = r["settle_ms"] / r["bare_orders_ms"]
        cells = [backend, f"{r['orders']:,}", f"{r['lines']:,}", str(r["versions"]),
                 f"{r['adjustments']:,}", f"{r['settle_ms']:.1f}", f"{r['bare_orders_ms']:.1f}",
                 f"{r['bare_lines_ms']:.1f}", f"{ratio:.1f}×"]  # fmt: skip
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
