"""Central server throughput: pushing a till's backlog, and a fresh till's first pull.

For each back-end (SQLite file; a private PostgreSQL cluster with fsync on):

1. `yuancang-central init --demo` into a fresh database;
2. load a generated catalog (`gen_catalog.generate`, 100,000 products) with
   the server's own loader, then a freshly enrolled till pulls everything from
   GET /changes in pages of 5,000 over HTTP;
3. push 10,000 queued sales (pos_app's `sale_to_dict`, 3–5 lines of that
   catalog, every third with a member showing a real membership code) over
   HTTP on 127.0.0.1 in batches of 500, one request after another as a till's
   outbox pump does. The scene is a till back after two days offline: the
   catalog was loaded a day before the first sale and the till enrolled before
   it too, so every sale passes the server's checks (catalog history, time
   bounds, member code) as in real use, and the table says how many were
   flagged;
4. beside it, a bare bulk insert of the same 10,000 rows into a plain table of
   the same database, 500 per transaction: the floor under any sync protocol.

Prints a header line, then one markdown table. Usage:

    .venv/bin/python benchmarks/bench_sync_server.py [--items 10000] [--products 100000]
        [--backends sqlite,postgresql] [--workers 1] [--out DIR]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import platform
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from gen_catalog import generate
from sqlalchemy import Column, MetaData, String, Table, Text, delete, insert, select

from pos_app.core.cart import Cart
from pos_app.core.catalog import Product, Unit
from pos_app.core.demo_data import DEMO_CONTRACT, DEMO_KEY_ID, demo_key
from pos_app.core.membership import issue_code, public_key_text
from pos_app.core.money import Money
from pos_app.core.sale import Member, build_sale, sale_to_dict
from pos_app.core.tender import Tender
from sync.server.catalog import load_catalog
from sync.server.changelog import ChangeLog
from sync.server.db import Database
from sync.server.devtools import LocalPostgres, ServerProcess
from sync.server.models.catalog import Barcode, Category, Price
from sync.server.models.catalog import Product as ProductRow
from sync.server.models.changes import Change
from sync.server.models.terminals import Terminal
from sync.server.seed import initialize

MEMBERS = [Member(f"R000{i}", "C001" if i <= 4 else "C002", "P001") for i in range(1, 7)]


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def catalog_products(db: Database) -> list[Product]:
    with db.read() as session:
        eligible = dict(session.execute(select(Category.code, Category.points_eligible)).all())
        rows = session.execute(
            select(ProductRow, Price.price_fen).join(Price, Price.sku == ProductRow.sku)
        ).all()
    return [
        Product(p.sku, p.name, p.category, Money(price), unit=Unit(p.unit),
                points_eligible=bool(eligible[p.category]), id=i)
        for i, (p, price) in enumerate(rows, start=1)
        if p.unit == "piece" and p.active
    ]  # fmt: skip


#: the first queued sale; the catalog and the till's enrollment are older
START = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)


def make_sales(products: list[Product], n: int, seed: int = 5) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    start = START
    sales = []
    for i in range(n):
        member = MEMBERS[i % 6] if i % 3 == 0 else None
        cart = Cart(member=member)
        for product in rng.sample(products, rng.randint(3, 5)):
            cart.add_product(product, rng.randint(1, 3))
        tender = Tender(cart.totals().total)
        tender.add_cash(cart.totals().total)
        sale = build_sale(
            sale_id=str(uuid.uuid4()), cart=cart, tender=tender, store_code="S001",
            terminal_code="T01", sequence=i + 1, cashier="c01",
            now=start + timedelta(seconds=10 * i),
            contract=DEMO_CONTRACT if member else None,
        )  # fmt: skip
        data = sale_to_dict(sale)
        if member is not None:  # the code the resident showed, signed by the server's key
            when = int((start + timedelta(seconds=10 * i)).timestamp())
            nonce = f"bench{i:07d}"
            data["member"]["code_nonce"] = nonce
            data["member"]["code"] = issue_code(
                demo_key(), key_id=DEMO_KEY_ID, resident_id=member.resident_id,
                community_id=member.community_id, property_company_id="P001",
                now=when, lifetime_s=60, nonce=nonce,
            )  # fmt: skip
        sales.append(data)
    return sales


def outbox_items(sales: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"item_id": str(uuid.uuid4()), "kind": "sale", "aggregate_id": s["sale_id"],
         "seq": i + 1, "created_at": s["created_at"], "payload": s}
        for i, s in enumerate(sales)
    ]  # fmt: skip


def enroll(server: ServerProcess, terminal: str) -> requests.Session:
    http = requests.Session()
    key = Ed25519PrivateKey.generate()
    response = http.post(
        f"{server.api}/enroll",
        json={"code": server.enrollment_code("S001", terminal),
              "terminal_public_key": public_key_text(key.public_key())},
    )  # fmt: skip
    response.raise_for_status()
    http.headers["Authorization"] = f"Bearer {response.json()['token']}"
    return http


def time_push(
    server: ServerProcess, db: Database, items: list[dict[str, Any]], batch: int
) -> dict[str, Any]:
    http = enroll(server, "T01")
    with db.write() as session:  # enrolled before the backlog began (a till back online)
        session.execute(Terminal.__table__.update().values(enrolled_at=START - timedelta(hours=1)))
    flagged = 0
    flags: collections.Counter[str] = collections.Counter()
    t0 = time.perf_counter()
    for i in range(0, len(items), batch):
        response = http.post(
            f"{server.api}/push", json={"protocol": 1, "items": items[i : i + batch]}, timeout=300
        )
        response.raise_for_status()
        results = response.json()["results"]
        bad = [r for r in results if r["status"] != "accepted"]
        if bad:
            raise RuntimeError(f"not accepted: {bad[:3]}")
        flagged += sum(1 for r in results if r["flags"])
        flags.update(f for r in results for f in r["flags"])
    return {"seconds": time.perf_counter() - t0, "flagged": flagged, "flags": dict(flags)}


def time_bare_insert(db: Database, items: list[dict[str, Any]], batch: int) -> float:
    meta = MetaData()
    table = Table(
        "bench_bare_orders", meta,
        Column("sale_id", String(36), primary_key=True), Column("item_id", String(36)),
        Column("created_at", String(40)), Column("payload", Text),
    )  # fmt: skip
    meta.drop_all(db.engine)
    meta.create_all(db.engine)
    rows = [
        {"sale_id": it["payload"]["sale_id"], "item_id": it["item_id"],
         "created_at": it["created_at"], "payload": json.dumps(it["payload"], ensure_ascii=False)}
        for it in items
    ]  # fmt: skip
    t0 = time.perf_counter()
    for i in range(0, len(rows), batch):
        with db.write() as session:
            session.execute(insert(table), rows[i : i + batch])
    seconds = time.perf_counter() - t0
    meta.drop_all(db.engine)
    return seconds


def time_pull(server: ServerProcess, limit: int) -> dict[str, Any]:
    http = enroll(server, "T09")
    cursor, changes, pages, size = "", 0, 0, 0
    t0 = time.perf_counter()
    while True:
        response = http.get(f"{server.api}/changes", params={"cursor": cursor, "limit": limit})
        response.raise_for_status()
        size += len(response.content)
        page = response.json()
        changes += len(page["changes"])
        pages += 1
        cursor = page["next_cursor"]
        if not page["more"]:
            break
    return {"seconds": time.perf_counter() - t0, "changes": changes, "pages": pages, "bytes": size}


def run_backend(name: str, url: str, args: argparse.Namespace, catalog: Path, key: Path) -> dict:  # type: ignore[type-arg]
    db = Database(url)
    initialize(db, key_file=key, demo=True)
    with db.write() as session:  # the generated catalog replaces the demo's 258 products
        for model in (Barcode, Price, ProductRow):
            session.execute(delete(model))
        session.execute(delete(Change).where(Change.kind == "product"))
    progress(f"[{name}] loading {args.products:,} products")
    t0 = time.perf_counter()
    with db.write() as session:
        changes = ChangeLog()
        report = load_catalog(session, path=catalog, now=START - timedelta(days=1), changes=changes)
        assert report.ok, report.problems[:3]
        changes.flush(session)
    load_s = time.perf_counter() - t0
    products = catalog_products(db)[:5000]
    progress(f"[{name}] building {args.items:,} sales")
    items = outbox_items(make_sales(products, args.items))
    log = catalog.parent / f"server-{name}.log"  # removed with the work directory
    with ServerProcess(url, workers=args.workers, log_path=log) as server:
        progress(f"[{name}] initial pull")
        pull = time_pull(server, 5000)
        progress(f"[{name}] pushing")
        push = time_push(server, db, items, args.batch)
    progress(f"[{name}] bare insert")
    bare = time_bare_insert(db, items, args.batch)
    db.dispose()
    return {"load": load_s, "pull": pull, "push": push, "bare": bare, "n": len(items)}


def table(results: dict[str, dict], args: argparse.Namespace) -> str:  # type: ignore[type-arg]
    lines = [
        "| back-end | measure | seconds | rate | note |",
        "|---|---|---|---|---|",
    ]
    for name, r in results.items():
        n, push, bare, pull = r["n"], r["push"], r["bare"], r["pull"]
        lines += [
            f"| {name} | push {n:,} sales over HTTP ({args.batch} per request) | "
            f"{push['seconds']:.2f} | {n / push['seconds']:,.0f} items/s | "
            f"{-(-n // args.batch)} requests in a row, {args.workers} worker; every 3rd sale "
            f"with a member; {push['flagged']} flagged |",
            f"| {name} | bare bulk insert of the same rows | {bare:.2f} | "
            f"{n / bare:,.0f} rows/s | one plain table, {args.batch} per transaction; "
            f"push / bare = {push['seconds'] / bare:.1f}× |",
            f"| {name} | catalog load ({args.products:,} products, CSV → DB) | "
            f"{r['load']:.2f} | {args.products / r['load']:,.0f} products/s | validation, "
            "pinyin keys, products + barcodes + prices + change log, one transaction |",
            f"| {name} | initial pull of the catalog (GET /changes, limit 5000) | "
            f"{pull['seconds']:.2f} | {pull['changes'] / pull['seconds']:,.0f} changes/s | "
            f"{pull['changes']:,} changes in {pull['pages']} pages, "
            f"{pull['bytes'] / 2**20:.1f} MiB of JSON |",
        ]
    return "\n".join(lines)


def machine(pg_version: str) -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    import sqlalchemy

    return (
        f"machine: {os.cpu_count()} CPUs (load avg {load}), {platform.system()} "
        f"{platform.machine()}, Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}, {pg_version}, SQLAlchemy {sqlalchemy.__version__}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", default=str(Path(__file__).parent / "out"))
    args = parser.parse_args(argv)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="sync-bench-", dir=args.out))
    started = time.perf_counter()
    results: dict[str, dict] = {}  # type: ignore[type-arg]
    pg_version = "PostgreSQL –"
    try:
        catalog = work / "catalog.csv"
        progress(f"generating {args.products:,} products")
        generate(catalog, args.products, seed=1)
        for backend in args.backends.split(","):
            if backend == "sqlite":
                url = f"sqlite:///{work / 'central.db'}"
                results["SQLite"] = run_backend("SQLite", url, args, catalog, work / "sqlite.key")
            elif backend == "postgresql":
                with LocalPostgres(durable=True) as pg:
                    url = pg.create_database("bench")
                    import psycopg

                    with psycopg.connect(pg.url().replace("+psycopg", "")) as conn:
                        pg_version = "PostgreSQL " + str(
                            conn.execute("SHOW server_version").fetchone()[0]
                        )  # type: ignore[index]
                    results["PostgreSQL"] = run_backend(
                        "PostgreSQL", url, args, catalog, work / "pg.key"
                    )
            else:
                parser.error(f"unknown back-end {backend}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(machine(pg_version) + "  ")
    print(f"data: {args.items:,} sales, {args.products:,}-product catalog (seed 1); "
          f"databases on the project's disk, PostgreSQL with fsync on")  # fmt: skip
    print()
    print(table(results, args))
    print()
    print(f"total run time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
