"""Catalog benchmarks: CSV import, search-index build, barcode lookup and text search.

All of them go through the app's own `AppContext` (`import_catalog`,
`catalog.index()`, `catalog.by_barcode`, `catalog.search`), on a database in
a fresh data directory, so they include SQLAlchemy and SQLite exactly as the
till runs them.
"""

from __future__ import annotations

import csv
import random
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter_ns

from bench_stats import NS_PER_MS, percentiles

from pos_app.app import AppContext
from pos_app.persistence.search_cache import SearchIndexCache


@dataclass
class CatalogCodes:
    """Codes read back from the generated CSV, to pick realistic inputs from."""

    all_barcodes: list[str] = field(default_factory=list)  # every barcode, active or not
    sellable: list[str] = field(default_factory=list)  # first barcode of active 69… products
    skus: list[str] = field(default_factory=list)


def read_codes(path: Path) -> CatalogCodes:
    codes = CatalogCodes()
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            barcodes = [c for c in row["barcodes"].split("|") if c]
            codes.all_barcodes.extend(barcodes)
            codes.skus.append(row["sku"])
            if barcodes and row["active"] == "1" and barcodes[0].startswith("69"):
                codes.sellable.append(barcodes[0])
    return codes


def time_import(context: AppContext, path: Path) -> dict[str, object]:
    """One import of the whole file, timed; it must be accepted."""
    t0 = perf_counter_ns()
    report = context.import_catalog(path)
    seconds = (perf_counter_ns() - t0) / 1e9
    if not report.ok:
        raise RuntimeError(f"benchmark catalog refused: {report.problems[:3]}")
    return {"seconds": seconds, "inserted": report.inserted, "updated": report.updated}


def time_index_build(context: AppContext) -> dict[str, object]:
    """Build the in-memory search index once (it is dropped by the import)."""
    context.catalog.rebuild_index()
    t0 = perf_counter_ns()
    index = context.catalog.index()
    return {"seconds": (perf_counter_ns() - t0) / 1e9, "entries": len(index)}


def time_index_load(context: AppContext) -> dict[str, object]:
    """Load the index saved by `time_index_build`, as a till's start does."""
    cache = SearchIndexCache(context.data_dir)
    generation = context.catalog.repo.generation()
    t0 = perf_counter_ns()
    index = cache.load(generation)
    seconds = (perf_counter_ns() - t0) / 1e9
    if index is None:
        raise RuntimeError("the saved search index did not load")
    return {"seconds": seconds, "entries": len(index), "bytes": cache.path.stat().st_size}


def time_lookups(
    context: AppContext, barcodes: list[str], rng: random.Random, count: int, warmup: int = 500
) -> dict[str, object]:
    """`catalog.by_barcode` on `count` random existing barcodes, after a warm-up."""
    by_barcode = context.catalog.by_barcode
    for code in rng.choices(barcodes, k=warmup):
        by_barcode(code)
    samples: list[float] = []
    missing = 0
    for code in rng.choices(barcodes, k=count):
        t0 = perf_counter_ns()
        product = by_barcode(code)
        samples.append((perf_counter_ns() - t0) / NS_PER_MS)
        missing += product is None
    if missing:
        raise RuntimeError(f"{missing} existing barcodes were not found")
    return {"ms": percentiles(samples), "count": count}


def time_bare_lookups(
    db_path: Path, barcodes: list[str], rng: random.Random, count: int, warmup: int = 500
) -> dict[str, object]:
    """The floor under `by_barcode`: stdlib sqlite3, the same indexed join on the same file,
    the product's row fetched, no ORM and no domain object."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    sql = (
        "SELECT p.* FROM product_barcodes b JOIN products p ON p.id = b.product_id "
        "WHERE b.barcode = ?"
    )
    try:
        for code in rng.choices(barcodes, k=warmup):
            conn.execute(sql, (code,)).fetchone()
        samples: list[float] = []
        for code in rng.choices(barcodes, k=count):
            t0 = perf_counter_ns()
            row = conn.execute(sql, (code,)).fetchone()
            samples.append((perf_counter_ns() - t0) / NS_PER_MS)
            if row is None:
                raise RuntimeError(f"bare lookup missed {code}")
    finally:
        conn.close()
    return {"ms": percentiles(samples), "count": count}


def time_bare_insert(csv_path: Path, scratch: Path) -> dict[str, object]:
    """The floor under the import: the same rows, already parsed, inserted by stdlib sqlite3
    into a plain table (with a unique SKU index, as products have) in one durable transaction
    in the same directory."""
    with csv_path.open(encoding="utf-8", newline="") as fh:
        rows = [
            (r["sku"], r["name"], r["category"], r["price"], r["barcodes"], r["plu"] or None)
            for r in csv.DictReader(fh)
        ]
    conn = sqlite3.connect(scratch, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(
            "CREATE TABLE bare_products (id INTEGER PRIMARY KEY, sku TEXT UNIQUE, name TEXT, "
            "category TEXT, price TEXT, barcodes TEXT, plu TEXT)"
        )
        t0 = perf_counter_ns()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO bare_products (sku, name, category, price, barcodes, plu) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.execute("COMMIT")
        seconds = (perf_counter_ns() - t0) / 1e9
    finally:
        conn.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    return {"seconds": seconds, "rows": len(rows)}


def search_queries(codes: CatalogCodes, rng: random.Random) -> dict[str, str]:
    """Label → query: the kinds of text a cashier types into the scan or search field."""
    sku = rng.choice(codes.skus)  # BM-012345 → "BM-01234" matches ten SKUs
    prefix_code = rng.choice(codes.sellable)
    middle_code = rng.choice(codes.sellable)
    return {
        "1 char 茶": "茶",
        "1 char 米": "米",
        "2 chars 牛奶": "牛奶",
        "2 chars 玉露": "玉露",
        "initials wcdm": "wcdm",
        "initials esyl": "esyl",
        "pinyin wuchang": "wuchang",
        "pinyin yulu": "yulu",
        f"SKU fragment {sku[:8]}": sku[:8],
        f"barcode prefix {prefix_code[:7]}": prefix_code[:7],
        f"barcode middle {middle_code[4:10]}": middle_code[4:10],
        "no match 不存在": "不存在",
        "no match code 5555555": "5555555",
    }


def time_search(context: AppContext, queries: dict[str, str], repeats: int) -> dict[str, object]:
    """Each query `repeats` times, round-robin, after one warm-up pass; index already built."""
    search = context.catalog.search
    hits = {label: len(search(q)) for label, q in queries.items()}  # warm-up
    per_query: dict[str, list[float]] = {label: [] for label in queries}
    for _ in range(repeats):
        for label, q in queries.items():
            t0 = perf_counter_ns()
            search(q)
            per_query[label].append((perf_counter_ns() - t0) / NS_PER_MS)
    every = [s for samples in per_query.values() for s in samples]
    detail = {
        label: {"query": queries[label], "hits": hits[label], **percentiles(samples)}
        for label, samples in per_query.items()
    }
    return {"ms": percentiles(every), "per_query": detail, "repeats": repeats}


def time_index_search_only(
    context: AppContext, queries: dict[str, str], repeats: int
) -> dict[str, object]:
    """`SearchIndex.search` alone (no product rows fetched): splits search cost in two."""
    index = context.catalog.index()
    samples: list[float] = []
    for _ in range(repeats):
        for q in queries.values():
            t0 = perf_counter_ns()
            index.search(q, limit=50)
            samples.append((perf_counter_ns() - t0) / NS_PER_MS)
    return {"ms": percentiles(samples)}
