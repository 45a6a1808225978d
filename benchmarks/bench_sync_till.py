"""A fresh till's first full sync of a 100,000-product catalog, till side included.

For each back-end of the central server (SQLite file; a private PostgreSQL
cluster with fsync on), the same set-up as `bench_sync_server.py`:
`init --demo`, the demo's products replaced by a generated catalog
(`gen_catalog.generate`, seed 1) loaded with the server's own loader, the
server started on 127.0.0.1. Then:

1. raw paging: GET /changes with `requests` only, in pages of the till's own
   size (`sync.client.pump.PULL_PAGE`), bodies decoded as JSON and dropped
   (`bench_sync_server.time_pull`): the transfer cost alone;
2. a till in a child process (its own interpreter, so its memory and cold
   caches are a real till's): `build_context(dir, demo=False)` on an empty data
   directory, `context.sync.enroll(url, code)` with a code from
   `sync.server.devtools.enrollment_code`, then timed:
   - `context.sync.sync_once()`: every page pulled, validated and applied
     (pinyin keys, one transaction per page with its cursor). The app's
     `on_catalog_changed` builds the search index inside `sync_once`; here it
     only drops the index, so the index build is timed on its own:
   - `context.catalog.index()`.
   The child also times `SyncStateRepository.apply` (the local database side
   of each page) and `pinyin_keys` within it, and reads its peak RSS from
   `VmHWM` in /proc/self/status (`ru_maxrss` elsewhere).

Prints a header line, then one markdown table. Usage:

    .venv/bin/python benchmarks/bench_sync_till.py [--products 100000]
        [--backends sqlite,postgresql] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Only the standard library at module level: the till child imports what a till
# imports (pos_app), not the server, the generator and the server benchmark.
if TYPE_CHECKING:
    from sync.server.devtools import ServerProcess

CHILD_FLAG = "--till-child"
RESULT = "RESULT "


# --- the till, in a child process ------------------------------------------------------


def _rss_kib() -> tuple[int | None, int | None]:
    """(VmHWM, VmRSS) in KiB from /proc/self/status, or (None, None)."""
    hwm = rss = None
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
                elif line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return hwm, rss


def _peak_mib() -> tuple[float, str]:
    hwm, _ = _rss_kib()
    if hwm is not None:
        return hwm / 1024, "VmHWM"
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "ru_maxrss"


def till_child(data_dir: Path, server_url: str, code: str) -> dict[str, Any]:
    """Enroll an empty till and time its first sync and index build."""
    from pos_app.app import build_context
    from pos_app.persistence import sync_repo

    context = build_context(data_dir, demo=False)
    assert context.catalog.repo.count() == 0, "the till must start empty"
    context.sync.enroll(server_url, code)

    # The app rebuilds the index inside sync_once (on_catalog_changed); time it apart.
    context.sync.on_catalog_changed = context.catalog.rebuild_index
    state = context.sync.state
    apply_original = state.apply
    pinyin_original = sync_repo.pinyin_keys
    spent = {"apply": 0.0, "pinyin": 0.0, "pages": 0}

    def timed_apply(changes, next_cursor):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return apply_original(changes, next_cursor)
        finally:
            spent["apply"] += time.perf_counter() - start
            spent["pages"] += 1

    def timed_pinyin(name: str) -> tuple[str, str]:
        start = time.perf_counter()
        try:
            return pinyin_original(name)
        finally:
            spent["pinyin"] += time.perf_counter() - start

    state.apply = timed_apply  # type: ignore[method-assign]
    sync_repo.pinyin_keys = timed_pinyin  # type: ignore[assignment]
    _, rss_before = _rss_kib()

    t0 = time.perf_counter()
    status = context.sync.sync_once()
    sync_s = time.perf_counter() - t0
    if status.error is not None:
        raise RuntimeError(f"sync failed: {status.error}")
    peak_after_sync, _ = _peak_mib()

    t0 = time.perf_counter()
    index = context.catalog.index()
    index_s = time.perf_counter() - t0
    peak, source = _peak_mib()
    products = context.catalog.repo.count()
    context.close()
    return {
        "sync_s": sync_s,
        "index_s": index_s,
        "apply_s": spent["apply"],
        "pinyin_s": spent["pinyin"],
        "pages": spent["pages"],
        "pulled": status.pulled,
        "products": products,
        "index_entries": len(index),
        "rss_before_sync_mib": (rss_before or 0) / 1024,
        "peak_after_sync_mib": peak_after_sync,
        "peak_mib": peak,
        "rss_source": source,
    }


def run_till(data_dir: Path, server: ServerProcess, code: str, timeout: float = 600) -> dict:  # type: ignore[type-arg]
    cmd = [sys.executable, str(Path(__file__).resolve()), CHILD_FLAG, str(data_dir),
           server.url, code]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"till child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    for line in done.stdout.splitlines():
        if line.startswith(RESULT):
            return json.loads(line[len(RESULT) :])  # type: ignore[no-any-return]
    raise RuntimeError(f"no result from the till child:\n{done.stdout[-2000:]}")


# --- the central server -------------------------------------------------------------------


def load_server(url: str, catalog: Path, key: Path) -> float:
    """`init --demo`, then the generated catalog in place of the demo's products."""
    from datetime import UTC, datetime

    from sqlalchemy import delete

    from sync.server.catalog import load_catalog
    from sync.server.changelog import ChangeLog
    from sync.server.db import Database
    from sync.server.models.catalog import Barcode, Price
    from sync.server.models.catalog import Product as ProductRow
    from sync.server.models.changes import Change
    from sync.server.seed import initialize

    db = Database(url)
    try:
        initialize(db, key_file=key, demo=True)
        with db.write() as session:
            for model in (Barcode, Price, ProductRow):
                session.execute(delete(model))
            session.execute(delete(Change).where(Change.kind == "product"))
        t0 = time.perf_counter()
        with db.write() as session:
            changes = ChangeLog()
            report = load_catalog(session, path=catalog, now=datetime.now(UTC), changes=changes)
            assert report.ok, report.problems[:3]
            changes.flush(session)
        return time.perf_counter() - t0
    finally:
        db.dispose()


def run_backend(name: str, url: str, work: Path, catalog: Path, products: int) -> dict:  # type: ignore[type-arg]
    from bench_sync_server import progress, time_pull

    from sync.client.pump import PULL_PAGE
    from sync.server.devtools import ServerProcess, enrollment_code

    progress(f"[{name}] loading {products:,} products into the server")
    load_s = load_server(url, catalog, work / f"{name}.key")
    log = work / f"server-{name}.log"
    with ServerProcess(url, log_path=log) as server:
        progress(f"[{name}] raw GET /changes paging, limit {PULL_PAGE}")
        raw = time_pull(server, PULL_PAGE)
        progress(f"[{name}] fresh till: enroll, first sync, index build")
        till = run_till(work / f"till-{name}", server, enrollment_code(url))
    if till["products"] != products:
        raise RuntimeError(f"till holds {till['products']:,} products, expected {products:,}")
    return {"load_s": load_s, "raw": raw, "till": till}


# --- report ---------------------------------------------------------------------------------


def table(results: dict[str, dict], products: int) -> str:  # type: ignore[type-arg]
    from sync.client.pump import PULL_PAGE

    lines = [
        f"| back-end | first sync of {products // 1000}k products (s) | products/s | pages "
        "| index build (s) | peak RSS of the process (MiB) | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        t, raw = r["till"], r["raw"]
        rest = t["sync_s"] - t["apply_s"]
        lines.append(
            f"| {name} | {t['sync_s']:.2f} | {t['products'] / t['sync_s']:,.0f} | {t['pages']} "
            f"| {t['index_s']:.2f} ({t['index_entries']:,} entries) | {t['peak_mib']:.0f} "
            f"| {t['pulled']:,} changes; apply (local DB, one transaction per page) "
            f"{t['apply_s']:.2f} s, of which pinyin keys {t['pinyin_s']:.2f} s; HTTP + JSON + "
            f"validation {rest:.2f} s. Raw GET /changes of the same catalog (limit "
            f"{PULL_PAGE}, {raw['pages']} pages, {raw['bytes'] / 2**20:.1f} MiB): "
            f"{raw['seconds']:.2f} s → till / raw = {t['sync_s'] / raw['seconds']:.1f}×. "
            f"RSS {t['rss_before_sync_mib']:.0f} MiB before the sync, peak "
            f"{t['peak_after_sync_mib']:.0f} after it ({t['rss_source']}) |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == CHILD_FLAG:
        data_dir, server_url, code = argv[1:4]
        print(RESULT + json.dumps(till_child(Path(data_dir), server_url, code)), flush=True)
        return 0
    from bench_sync_server import machine, progress
    from gen_catalog import generate

    from sync.server.devtools import LocalPostgres

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--out", default=str(Path(__file__).parent / "out"))
    args = parser.parse_args(argv)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="sync-till-bench-", dir=args.out))
    started = time.perf_counter()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    results: dict[str, dict] = {}  # type: ignore[type-arg]
    pg_version = "PostgreSQL –"
    try:
        catalog = work / "catalog.csv"
        progress(f"generating {args.products:,} products")
        generate(catalog, args.products, seed=1)
        for backend in args.backends.split(","):
            if backend == "sqlite":
                url = f"sqlite:///{work / 'central.db'}"
                results["SQLite"] = run_backend("SQLite", url, work, catalog, args.products)
            elif backend == "postgresql":
                with LocalPostgres(durable=True) as pg:
                    url = pg.create_database("bench")
                    import psycopg

                    with psycopg.connect(pg.url().replace("+psycopg", "")) as conn:
                        row = conn.execute("SHOW server_version").fetchone()
                        pg_version = f"PostgreSQL {row[0] if row else '?'}"
                    results["PostgreSQL"] = run_backend(
                        "PostgreSQL", url, work, catalog, args.products
                    )
            else:
                parser.error(f"unknown back-end {backend}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(machine(pg_version) + f" (load avg at start {load})  ")
    print(
        f"data: {args.products:,}-product catalog (seed 1) loaded into each central database; "
        "till and central databases on the project's disk, PostgreSQL with fsync on, "
        "the till's SQLite with synchronous=FULL; server (1 worker) and till on one machine"
    )
    print()
    print(table(results, args.products))
    print()
    print(f"total run time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
