"""Performance benchmarks of the till on a generated catalog (default 100,000 products).

    .venv/bin/python benchmarks/run.py [--products 100000] [--out benchmarks/out]

Generates a catalog with `gen_catalog.generate`, imports it into a fresh data
directory under ``--out`` (same disk as the project), then measures import,
index build, barcode lookup, search, scan-to-render in the real window
(offscreen), checkout commit against a bare durable SQLite commit, and cold
start. Prints one markdown table on stdout (progress goes to stderr) and writes
every sample summary to ``OUT/results.json``. See benchmarks/README.md.
"""

from __future__ import annotations

from time import perf_counter_ns

_STARTED = perf_counter_ns()  # the run time reported at the end counts imports too

import os  # noqa: E402

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports PySide6

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

import bench_catalog  # noqa: E402
import bench_cold_start  # noqa: E402
import bench_commit  # noqa: E402
import bench_ui  # noqa: E402
from bench_stats import Row, Table, verdict  # noqa: E402
from gen_catalog import generate  # noqa: E402

from pos_app.app import build_context  # noqa: E402
from pos_app.persistence.db import DB_FILENAME  # noqa: E402
from pos_app.persistence.search_cache import SearchIndexCache  # noqa: E402


def progress(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def machine_facts() -> str:
    import PySide6
    import sqlalchemy
    from PySide6 import QtCore

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"machine: {os.cpu_count()} CPUs (load avg {load}), "
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, SQLAlchemy {sqlalchemy.__version__}, "
        f"PySide6 {PySide6.__version__} (Qt {QtCore.qVersion()})"
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--products",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[100_000, 300_000],
        help="catalog sizes, comma-separated: one table each (default 100000,300000)",
    )
    parser.add_argument("--out", type=Path, default=HERE / "out", help="work and results directory")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lookups", type=int, default=5000, help="timed barcode lookups")
    parser.add_argument("--search-repeats", type=int, default=30, help="repeats of each query")
    parser.add_argument("--scans", type=int, default=300, help="timed scans in the window")
    parser.add_argument("--sales", type=int, default=300, help="timed sales and bare commits")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold starts (median reported)")
    parser.add_argument("--keep", action="store_true", help="keep the generated data directory")
    return parser.parse_args(argv)


def dist_row(measure: str, ms: dict[str, float], target: str, ok: bool | None, note: str) -> Row:
    v = "" if ok is None else verdict(ok)
    return Row(measure, "ms", ms["p50"], ms["p95"], ms["p99"], target, v, note)


def build_table(r: dict[str, dict], products: int) -> Table:  # type: ignore[type-arg]
    t = Table()
    imp, idx = r["import"], r["index"]
    note = f"one run; {imp['inserted']:,} inserted (validation, pinyin keys, upsert)"
    t.add(Row(f"catalog import ({products:,} rows CSV)", "s", imp["seconds"], note=note))
    bare = r["bare_insert"]
    note = "stdlib sqlite3 executemany, same rows already parsed, one durable transaction"
    t.add(Row("bare bulk insert (same rows)", "s", bare["seconds"], note=note))
    share = bare["seconds"] / imp["seconds"] * 100
    row = Row("import rate / bare insert rate", "%", share, target="≥ 5 %")
    row.verdict = verdict(share >= 5)
    row.note = (
        f"{imp['inserted'] / imp['seconds']:,.0f} vs {bare['rows'] / bare['seconds']:,.0f} rows/s"
    )
    t.add(row)
    note = f"one run; {idx['entries']:,} active products; then saved next to the database"
    t.add(Row("search index build", "s", idx["seconds"], note=note))
    load = r["index_load"]
    note = f"the saved file ({load['bytes'] / 2**20:.0f} MiB), as every start after the first"
    t.add(Row("search index load", "s", load["seconds"], note=note))

    look = r["lookup"]["ms"]
    note = f"n={look['n']} random existing barcodes, after 500 warm-up"
    t.add(
        dist_row("barcode lookup (catalog.by_barcode)", look, "p99 < 1 ms", look["p99"] < 1, note)
    )
    bare_look = r["bare_lookup"]["ms"]
    note = "stdlib sqlite3, the same indexed join on the same file, row fetched"
    t.add(dist_row("bare indexed lookup", bare_look, "reference", None, note))
    ratio_ok = look["p99"] <= 10 * bare_look["p99"]
    lr = Row(
        "ratio lookup / bare",
        "×",
        look["p50"] / bare_look["p50"],
        look["p95"] / bare_look["p95"],
        look["p99"] / bare_look["p99"],
        "p99 ≤ 10×",
    )
    lr.verdict, lr.note = verdict(ratio_ok), "p50, p95, p99 ratios"
    t.add(lr)

    s = r["search"]
    slow = max(s["per_query"].values(), key=lambda q: q["p95"])
    note = (
        f"n={s['ms']['n']}: {len(s['per_query'])} queries × {s['repeats']}; slowest "
        f"'{slow['query']}' p95 {slow['p95']:.1f} ms ({slow['hits']} shown)"
    )
    ok = s["ms"]["p95"] < 20
    t.add(dist_row("search (catalog.search, limit 50)", s["ms"], "p95 < 20 ms", ok, note))
    note = "same queries; the rest is by_ids (rows of the 50 hits)"
    t.add(dist_row("  of which SearchIndex.search alone", r["index_only"]["ms"], "–", None, note))

    ui = r["ui"]
    note = (
        f"n={ui['ms']['n']}, offscreen {ui['window']}, cart cleared every {ui['clear_every']}; "
        "process_scan + repaint + processEvents"
    )
    ok = ui["ms"]["p95"] < 30
    t.add(dist_row("scan → line rendered (window)", ui["ms"], "p95 < 30 ms", ok, note))

    c = r["commit"]
    note = f"n={c['scan_ms']['n']}; each scan commits the cart durably"
    t.add(dist_row("checkout.scan (service, incl. cart autosave)", c["scan_ms"], "–", None, note))
    ok = c["ratio_p50"] <= 3 and c["ratio_p95"] <= 3
    note = f"n={c['sales']} sales, {c['lines']} lines; interleaved with the bare commit"
    t.add(dist_row("checkout commit (checkout.complete)", c["complete_ms"], "≤ 3× bare", ok, note))
    note = "stdlib sqlite3, 1 small row, same directory"
    t.add(dist_row("bare SQLite commit (WAL, sync=FULL)", c["bare_ms"], "reference", None, note))
    ratio = Row("ratio checkout / bare", "×", c["ratio_p50"], c["ratio_p95"], None, "≤ 3×")
    ratio.verdict, ratio.note = verdict(ok), "p50 ratio, p95 ratio"
    t.add(ratio)

    runs = r["cold"]["runs"]
    walls = [run["wall_s"] for run in runs]
    med = statistics.median(walls)
    middle = min(runs, key=lambda run: abs(run["wall_s"] - med))
    phases = ", ".join(f"{k} {v:.2f}" for k, v in middle["phases"].items())
    note = (
        f"median of {len(runs)} (min {min(walls):.2f}, max {max(walls):.2f}); "
        f"child phases (s): {phases}"
    )
    t.add(
        Row(
            "cold start to ready window",
            "s",
            med,
            target="< 2 s",
            verdict=verdict(med < 2),
            note=note,
        )
    )
    ready = statistics.median(run["search_ready_s"] for run in runs)
    note = "index loaded on a worker thread after the window shows; scans work before"
    t.add(Row("cold start to search ready", "s", ready, target="< 3 s"))
    t.rows[-1].verdict, t.rows[-1].note = verdict(ready < 3), note
    rss = [run["rss_mib"] for run in runs]
    note = (
        f"median of {len(runs)} (min {min(rss):.0f}, max {max(rss):.0f}); "
        f"{runs[0]['rss_source']} of the child (see README)"
    )
    peak = statistics.median(rss)
    t.add(Row("resident memory at ready (peak RSS)", "MiB", peak, target="< 400 MiB"))
    t.rows[-1].verdict, t.rows[-1].note = verdict(peak < 400), note
    first = r["cold_unsaved"]["runs"][0]
    note = "one run with the saved index removed (first start after an upgrade): built, then saved"
    t.add(Row("  first start: to search ready", "s", first["search_ready_s"], note=note))
    t.add(Row("  first start: peak RSS", "MiB", first["rss_mib"], note="VmHWM of the child"))
    return t


def run_one(args: argparse.Namespace, products: int, out: Path) -> tuple[dict, Path]:  # type: ignore[type-arg]
    """Every measurement on a fresh catalog of `products`; (results, work directory)."""
    work = Path(tempfile.mkdtemp(prefix="run-", dir=out))
    rng = random.Random(args.seed)
    results: dict[str, dict] = {}  # type: ignore[type-arg]
    context = None
    try:
        csv_path = work / "catalog.csv"
        progress(f"generating {products:,} products in {csv_path}")
        generate(csv_path, products, args.seed)
        codes = bench_catalog.read_codes(csv_path)
        context = build_context(work / "data")
        context.shifts.open(0)  # a sale needs an open shift (交班), as at a till

        progress("importing the catalog (one run), then the bare bulk insert")
        results["import"] = bench_catalog.time_import(context, csv_path)
        results["bare_insert"] = bench_catalog.time_bare_insert(csv_path, work / "bare.db")
        progress(f"  {results['import']['seconds']:.1f} s; building the search index")
        results["index"] = bench_catalog.time_index_build(context)
        results["index_load"] = bench_catalog.time_index_load(context)

        progress(f"barcode lookups ×{args.lookups}, and bare lookups")
        results["lookup"] = bench_catalog.time_lookups(
            context, codes.all_barcodes, rng, args.lookups
        )
        results["bare_lookup"] = bench_catalog.time_bare_lookups(
            work / "data" / DB_FILENAME, codes.all_barcodes, rng, args.lookups
        )

        queries = bench_catalog.search_queries(codes, rng)
        progress(f"search: {len(queries)} queries ×{args.search_repeats}")
        results["search"] = bench_catalog.time_search(context, queries, args.search_repeats)
        results["index_only"] = bench_catalog.time_index_search_only(
            context, queries, args.search_repeats
        )

        progress(f"scan → render in the window ×{args.scans}")
        results["ui"] = bench_ui.time_scans(context, codes.sellable, rng, args.scans)

        progress(f"checkout commit vs bare commit ×{args.sales}")
        results["commit"] = bench_commit.time_commits(context, codes.sellable, rng, args.sales)
        context.close()  # checkpoints the WAL, as a till being shut down would
        context = None

        progress(f"cold start ×{args.cold_runs}")
        results["cold"] = bench_cold_start.measure(work / "data", args.cold_runs)
        progress("cold start without the saved search index ×1")
        SearchIndexCache(work / "data").discard()
        results["cold_unsaved"] = bench_cold_start.measure(work / "data", 1)
    finally:
        if context is not None:
            context.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return results, work


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    facts = machine_facts()  # load average at the start of the run
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    everything: dict[str, dict] = {}  # type: ignore[type-arg]
    tables = []
    for products in args.products:
        results, work = run_one(args, products, out)
        everything[str(products)] = results
        tables.append((products, work, build_table(results, products)))
    elapsed = (perf_counter_ns() - _STARTED) / 1e9
    print(facts)
    for products, work, table in tables:
        print()
        print(f"catalog: {products:,} products (seed {args.seed}); data dir: {work}")
        print()
        print(table.markdown())
    print()
    print(f"total benchmark run time: {elapsed:.1f} s")
    everything["meta"] = {"machine": facts, "products": args.products, "run_s": elapsed}
    (out / "results.json").write_text(
        json.dumps(everything, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    progress(f"details in {out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
