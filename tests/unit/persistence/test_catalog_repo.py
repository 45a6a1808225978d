"""Single-product reads (by barcode, SKU, PLU, id) on a real SQLite file: they run
on `Reader` connections outside any transaction, so each must see the newest
committed state: inactive products, moved barcodes, rows a sync pull rewrote."""

from __future__ import annotations

import gc
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pos_app.core.barcodes import with_check_digit
from pos_app.core.catalog import Product, Unit
from pos_app.core.money import Money
from pos_app.core.search import ColumnSource
from pos_app.persistence.catalog_repo import (
    CatalogRepository,
    deactivate_products,
    upsert_products,
)
from pos_app.persistence.db import Reader, open_database, writer

B1 = with_check_digit("694111000001")
B2 = with_check_digit("694111000002")
B3 = with_check_digit("694111000003")


@pytest.fixture
def engine(data_dir: Path) -> Iterator[Engine]:
    engine = open_database(data_dir)
    yield engine
    engine.dispose()


@pytest.fixture
def repo(engine: Engine) -> CatalogRepository:
    return CatalogRepository(engine)


def tea(**changes: object) -> Product:
    values: dict[str, object] = {
        "sku": "T-001",
        "name": "来凤藤茶",
        "category": "tea",
        "price": Money(6800),
        "member_price": Money(6250),
        "barcodes": (B1, B2),
        "pinyin_full": "laifengtengcha",
        "pinyin_initials": "lftc",
    }
    values.update(changes)
    return Product(**values)  # type: ignore[arg-type]


def test_by_barcode_reads_every_field_and_all_barcodes(repo: CatalogRepository) -> None:
    repo.upsert([tea(), Product("S-1", "鸡汤", "soup", Money(3680), unit=Unit.KG, plu="20001")])
    product = repo.by_barcode(B2)
    assert product == tea()
    assert product is not None and product.id is not None
    assert product.barcodes == (B1, B2)
    assert product.points_eligible is True
    soup = repo.by_plu("20001")
    assert soup is not None
    assert (soup.sku, soup.unit, soup.barcodes, soup.member_price) == ("S-1", Unit.KG, (), None)
    assert repo.by_id(product.id) == tea()
    assert repo.by_sku("t-001") == tea()  # SKUs match without regard to case
    assert repo.by_barcode(B3) is None
    assert repo.by_sku("T-999") is None
    assert repo.by_id(10_000) is None


def test_lottery_is_read_back_without_points(repo: CatalogRepository) -> None:
    repo.upsert([Product("L-1", "体彩", "lottery", Money(200), barcodes=(B3,))])
    product = repo.by_barcode(B3)
    assert product is not None
    assert product.points_eligible is False


def test_an_inactive_product_reads_back_inactive(repo: CatalogRepository) -> None:
    repo.upsert([tea()])
    assert repo.by_barcode(B1) is not None
    repo.upsert([tea(active=False)])
    product = repo.by_barcode(B1)
    assert product is not None
    assert product.active is False


def test_a_moved_barcode_reads_back_on_its_new_product(
    engine: Engine, repo: CatalogRepository
) -> None:
    repo.upsert([tea()])
    assert repo.by_barcode(B2) == tea()  # the reader connection is open now
    rice = Product("G-1", "五常大米", "grain", Money(5990), barcodes=(B2,))
    with writer(engine).begin() as conn:
        upsert_products(conn, [rice], move_barcodes=True)
    moved = repo.by_barcode(B2)
    assert moved is not None
    assert (moved.sku, moved.barcodes) == ("G-1", (B2,))
    assert repo.by_sku("T-001") == tea(barcodes=(B1,))


def test_a_product_rewritten_by_a_sync_pull_reads_back_new(
    engine: Engine, repo: CatalogRepository
) -> None:
    repo.upsert([tea()])
    assert repo.by_barcode(B1) == tea()
    # the sync pull writes through its own pooled connection and transaction
    with writer(engine).begin() as conn:
        upsert_products(conn, [tea(price=Money(7200), barcodes=(B1, B3))], move_barcodes=True)
    product = repo.by_barcode(B3)
    assert product is not None
    assert (product.price, product.barcodes) == (Money(7200), (B1, B3))
    assert repo.by_barcode(B2) is None


def test_reader_connections_are_read_only_per_thread_and_close_with_thread_or_engine(
    engine: Engine,
) -> None:
    reader = Reader(engine)
    mine = reader.connection()
    assert reader.connection() is mine
    assert mine.in_transaction is False
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        mine.execute("DELETE FROM products")
    theirs: list[sqlite3.Connection] = []
    thread = threading.Thread(target=lambda: theirs.append(reader.connection()))
    thread.start()
    thread.join()
    assert theirs[0] is not mine
    gc.collect()
    with pytest.raises(sqlite3.ProgrammingError):
        theirs[0].execute("SELECT 1")  # closed when its thread ended
    assert mine.execute("SELECT 1").fetchone() == (1,)
    engine.dispose()
    with pytest.raises(sqlite3.ProgrammingError):
        mine.execute("SELECT 1")  # closed by the dispose
    fresh = reader.connection()
    assert fresh is not mine
    assert fresh.execute("SELECT count(*) FROM categories").fetchone()[0] > 0
    reader.close()


def test_a_reader_needs_a_file(engine: Engine) -> None:
    from sqlalchemy import create_engine

    with pytest.raises(ValueError, match="database file"):
        Reader(create_engine("sqlite://"))


def test_upsert_inserts_then_updates_a_sku_sqlite_cannot_lower(repo: CatalogRepository) -> None:
    # SQLite's lower() is ASCII-only: 'Ａ' stays, Python gives 'ａ'; the rows
    # just inserted must still get their barcodes
    assert repo.upsert([tea(sku="茶Ａ-1", barcodes=(B3,))]) == (1, 0)
    assert repo.upsert([tea(sku="T-1", barcodes=()), tea(sku="茶Ａ-2", barcodes=(B1,))]) == (2, 0)
    first = repo.by_barcode(B3)
    second = repo.by_barcode(B1)
    assert first is not None and second is not None
    assert (first.sku, second.sku) == ("茶Ａ-1", "茶Ａ-2")
    assert repo.upsert([tea(sku="T-1", name="藤茶", barcodes=(B2,))]) == (0, 1)
    updated = repo.by_barcode(B2)
    assert updated is not None
    assert (updated.sku, updated.name, updated.barcodes) == ("T-1", "藤茶", (B2,))
    assert repo.count() == 3


def test_by_ids_keeps_the_order_asked_for_and_skips_unknown_ids(repo: CatalogRepository) -> None:
    repo.upsert([tea(sku=f"T-{n}", barcodes=()) for n in range(600)] + [tea(sku="T-B")])
    ids = {p.sku: p.id for p in repo.by_ids(range(1, 1000))}
    assert len(ids) == 601  # more than one IN chunk of 500
    wanted = [ids["T-B"], ids["T-7"], 10_000, ids["T-B"]]
    products = repo.by_ids(wanted)  # type: ignore[arg-type]
    assert [p.sku for p in products] == ["T-B", "T-7", "T-B"]
    assert products[0] == tea(sku="T-B")
    assert products[0].barcodes == (B1, B2)
    assert repo.by_ids([]) == []


def test_every_catalog_write_bumps_the_generation_once(
    repo: CatalogRepository, engine: Engine
) -> None:
    seen = [repo.generation()]
    repo.upsert([tea(), tea(sku="T-002", barcodes=(B3,))])  # insert: one write, one bump
    assert repo.generation() == seen[-1] + 1
    seen.append(repo.generation())
    repo.upsert([tea(name="来凤藤茶 特级")])  # update, barcodes replaced
    assert repo.generation() == seen[-1] + 1
    seen.append(repo.generation())
    with writer(engine).begin() as conn:  # a sync page: the same function, its own bump
        upsert_products(conn, [tea(active=False)], move_barcodes=True)
    assert repo.generation() == seen[-1] + 1
    assert repo.generation() == repo.generation()  # reading changes nothing
    repo.upsert([])  # nothing written: nothing bumped
    assert repo.generation() == seen[-1] + 1
    seen.append(repo.generation())
    with writer(engine).begin() as conn:  # the server withdrew a product
        assert deactivate_products(conn, ["T-002"]) == 1
    assert repo.generation() == seen[-1] + 1
    assert repo.by_sku("T-002").active is False  # type: ignore[union-attr]


def test_no_trigger_is_left_on_the_catalog(data_dir: Path, repo: CatalogRepository) -> None:
    conn = sqlite3.connect(data_dir / "pos.db")
    try:
        triggers = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%generation%'"
        ).fetchall()
    finally:
        conn.close()
    assert triggers == []


def test_search_columns_hold_active_products_in_id_order_with_all_their_barcodes(
    repo: CatalogRepository,
) -> None:
    from pos_app.core.search import SearchColumns

    def read(source: ColumnSource) -> SearchColumns:
        out = SearchColumns(source.ids())
        for name in ("names", "codes", "pinyin", "initials"):
            setattr(out, name, source.column(name))
        return out

    repo.upsert(
        [
            tea(),
            tea(sku="T-002", name="利川红茶", barcodes=(B3,), pinyin_full="lichuanhongcha"),
            tea(sku="T-003", name="停售", barcodes=(), active=False),
            tea(sku="T-004", name="无码", barcodes=()),
        ]
    )
    columns, generation = repo.search_snapshot(read)
    assert generation == repo.generation()
    ids = {p.sku: p.id for p in (repo.by_sku(s) for s in ("T-001", "T-002", "T-004")) if p}
    assert columns.product_ids == [ids["T-001"], ids["T-002"], ids["T-004"]]
    assert columns.names == ["来凤藤茶", "利川红茶", "无码"]
    assert columns.codes == [f"t-001 {min(B1, B2)} {max(B1, B2)}", f"t-002 {B3}", "t-004"]
    assert columns.pinyin == ["laifengtengcha", "lichuanhongcha", "laifengtengcha"]
    assert columns.initials == ["lftc", "lftc", "lftc"]


def test_a_search_snapshot_does_not_see_a_write_made_while_it_reads(
    repo: CatalogRepository,
) -> None:
    repo.upsert([tea()])

    def read_around_a_write(source: ColumnSource) -> tuple[list[str], list[str]]:
        names = source.column("names")
        # a sync page lands in the middle (another connection, as the sync thread's)
        repo.upsert([tea(name="改名"), tea(sku="T-9", name="新品", barcodes=())])
        return names, source.column("names")

    (before, after), generation = repo.search_snapshot(read_around_a_write)
    assert before == after == ["来凤藤茶"]
    assert repo.generation() == generation + 1  # the write is the next generation's
    assert sorted(p.name for p in repo.by_ids([1, 2])) == ["改名", "新品"]


def test_only_the_catalog_repository_writes_products_or_barcodes() -> None:
    # the saved search index trusts the generation, which only catalog_repo's
    # writers bump: a write anywhere else would leave a stale index in use
    import re

    root = Path(__file__).resolve().parents[3] / "pos_app"
    writes = re.compile(
        r"(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+(products|product_barcodes)\b"
        r"|(ProductRow|BarcodeRow)(\.__table__)?\.(update|insert|delete)\(",
        re.IGNORECASE,
    )
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "migrations" not in path.parts
        and path.name != "catalog_repo.py"
        and writes.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
