"""Checkout commit against a bare durable SQLite commit, interleaved, same directory.

For each sale: 3–5 random products are scanned with `checkout.scan` (each scan
also autosaves the cart durably; those calls are timed as their own series),
the total is tendered in cash, and only `checkout.complete(tender)` is timed.
Right after each sale, one bare commit is timed: the stdlib `sqlite3` module on
a separate database file in the same directory, WAL and synchronous=FULL,
``BEGIN IMMEDIATE; INSERT one small row; COMMIT``. Interleaving the two puts
both under the same disk conditions.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter_ns

from bench_stats import NS_PER_MS, percentiles

from pos_app.app import AppContext

BARE_DB = "bare-commit.db"


class BareCommit:
    """One durable row commit with nothing but sqlite3."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / BARE_DB
        self.conn = sqlite3.connect(self.path, isolation_level=None)
        mode = self.conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise RuntimeError(f"bare database is in {mode} mode, not WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS t "
            "(id INTEGER PRIMARY KEY, at TEXT NOT NULL, total_fen INTEGER)"
        )
        self.n = 0

    def commit_one(self) -> float:
        self.n += 1
        at = datetime.now(UTC).isoformat()
        t0 = perf_counter_ns()
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("INSERT INTO t (at, total_fen) VALUES (?, ?)", (at, self.n))
        self.conn.execute("COMMIT")
        return (perf_counter_ns() - t0) / NS_PER_MS

    def close(self) -> None:
        self.conn.close()


def time_commits(
    context: AppContext, barcodes: list[str], rng: random.Random, sales: int, warmup: int = 10
) -> dict[str, object]:
    from pos_app.core.money import Money

    checkout = context.checkout
    checkout.clear()
    bare = BareCommit(context.data_dir)
    complete_ms: list[float] = []
    bare_ms: list[float] = []
    scan_ms: list[float] = []
    lines = 0
    try:
        for i in range(warmup + sales):
            items = rng.sample(barcodes, rng.randint(3, 5))
            for code in items:
                t0 = perf_counter_ns()
                checkout.scan(code)
                scanned = (perf_counter_ns() - t0) / NS_PER_MS
                if i >= warmup:
                    scan_ms.append(scanned)
            tender = checkout.start_tender()
            tender.add_cash(Money(tender.total.fen))
            t0 = perf_counter_ns()
            sale = checkout.complete(tender)
            done = (perf_counter_ns() - t0) / NS_PER_MS
            bare_one = bare.commit_one()
            if i >= warmup:
                complete_ms.append(done)
                bare_ms.append(bare_one)
                lines += len(sale.lines)
    finally:
        bare.close()
    complete, plain = percentiles(complete_ms), percentiles(bare_ms)
    return {
        "complete_ms": complete,
        "bare_ms": plain,
        "scan_ms": percentiles(scan_ms),
        "ratio_p50": complete["p50"] / plain["p50"],
        "ratio_p95": complete["p95"] / plain["p95"],
        "sales": sales,
        "lines": lines,
        "directory": str(context.data_dir),
    }
