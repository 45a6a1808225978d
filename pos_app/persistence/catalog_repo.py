"""Products, barcodes and categories in the local database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any, ClassVar, TypeVar

from sqlalchemy import Connection, Engine, func, select

from pos_app.core.catalog import Category, Product, Unit
from pos_app.core.money import Money
from pos_app.core.search import ColumnSource
from pos_app.persistence.db import Reader, writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.models import BarcodeRow, CategoryRow, ProductRow, UtcDateTime

T = TypeVar("T")
P = ProductRow.__table__
B = BarcodeRow.__table__
C = CategoryRow.__table__

# One statement for products and all their barcodes (a correlated
# group_concat over the product_id index, unit-separator joined), run on a `Reader`
# connection: a scan costs one indexed query, no pool and no transaction.
_ONE_SQL = (
    "SELECT p.id, p.sku, p.name, p.category, p.unit, p.unit_label, p.price_fen,"
    " p.member_price_fen, p.plu, p.active, p.pinyin_full, p.pinyin_initials,"
    " c.points_eligible,"
    " (SELECT group_concat(b.barcode, char(31)) FROM product_barcodes b WHERE b.product_id = p.id)"
    " FROM products p JOIN categories c ON c.code = p.category WHERE "
)
_BY_BARCODE = _ONE_SQL + "p.id = (SELECT product_id FROM product_barcodes WHERE barcode = ?)"
_BY_SKU = _ONE_SQL + "lower(p.sku) = ?"  # ix_products_sku_lower
_BY_PLU = _ONE_SQL + "p.plu = ?"
_BY_ID = _ONE_SQL + "p.id = ?"


def _tuple_to_product(row: tuple[Any, ...]) -> Product:
    """A `_ONE_SQL` row (plain sqlite3 values) as a Product."""
    member = row[7]
    return Product(
        id=row[0],
        sku=row[1],
        name=row[2],
        category=row[3],
        unit=Unit(row[4]),
        unit_label=row[5],
        price=Money(row[6]),
        member_price=None if member is None else Money(member),
        plu=row[8],
        active=bool(row[9]),
        points_eligible=bool(row[12]),
        pinyin_full=row[10],
        pinyin_initials=row[11],
        barcodes=tuple(row[13].split("\x1f")) if row[13] else (),
    )


class CatalogRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)  # BEGIN IMMEDIATE for writes
        self._reader = Reader(engine)  # single-statement reads, no transaction

    def categories(self) -> dict[str, Category]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(C).order_by(C.c.sort)).all()
        return {r.code: Category(r.code, r.name, bool(r.points_eligible)) for r in rows}

    def _one(self, sql: str, value: str | int) -> Product | None:
        row = self._reader.connection().execute(sql, (value,)).fetchone()
        return None if row is None else _tuple_to_product(row)

    def by_barcode(self, barcode: str) -> Product | None:
        """Active or not: the till decides what an inactive product means."""
        return self._one(_BY_BARCODE, barcode)

    def by_sku(self, sku: str) -> Product | None:
        return self._one(_BY_SKU, sku.lower())

    def by_plu(self, plu: str) -> Product | None:
        return self._one(_BY_PLU, plu)

    def by_id(self, product_id: int) -> Product | None:
        return self._one(_BY_ID, product_id)

    def by_ids(self, ids: Sequence[int]) -> list[Product]:
        """Products in the order of `ids` (search results keep their rank)."""
        conn = self._reader.connection()
        wanted = list(dict.fromkeys(ids))
        rows: dict[int, tuple[Any, ...]] = {}
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk : chunk + 500]
            sql = _ONE_SQL + f"p.id IN ({','.join('?' * len(part))})"
            rows.update((row[0], row) for row in conn.execute(sql, part))
        return [_tuple_to_product(rows[i]) for i in ids if i in rows]

    def generation(self) -> int:
        """The catalog's generation: every write to products or barcodes bumps it in
        its own transaction (`upsert_products`, the one way the till writes them), so a
        search index built at generation N is current exactly while this still answers N."""
        row = (
            self._reader.connection()
            .execute("SELECT generation FROM catalog_generation WHERE id = 1")
            .fetchone()
        )
        return int(row[0])

    def count(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(P)).scalar_one())

    def search_snapshot(self, build: Callable[[ColumnSource], T]) -> tuple[T, int]:
        """`build` over the active products' searchable text, and the catalog
        generation that text is of: all of it is read in one read transaction,
        so columns asked for one after another agree even while a sync writes."""
        conn = self._reader.connection()
        conn.execute("BEGIN")  # deferred: the snapshot is taken by the first read
        try:
            generation = self.generation()
            return build(_SnapshotColumns(conn)), generation
        finally:
            conn.execute("ROLLBACK")

    def existing_barcodes(self) -> dict[str, str]:
        """barcode → owning SKU, for import validation."""
        stmt = select(B.c.barcode, P.c.sku).join(P, P.c.id == B.c.product_id)
        with self._engine.connect() as conn:
            return dict(conn.execute(stmt).all())

    def existing_plus(self) -> dict[str, str]:
        stmt = select(P.c.plu, P.c.sku).where(P.c.plu.is_not(None))
        with self._engine.connect() as conn:
            return dict(conn.execute(stmt).all())

    def upsert(self, products: Iterable[Product]) -> tuple[int, int]:
        """Insert or update by SKU in one transaction; barcodes are replaced.

        SKUs match without regard to case, as in `by_sku` and the import's
        validation: 'yc-grn-0001' updates YC-GRN-0001, never duplicates it.
        Returns (inserted, updated). Batched, so 100,000 rows take seconds.
        """
        with storage_errors(), self._writer.begin() as conn:
            return upsert_products(conn, products)


class _SnapshotColumns:
    """`ColumnSource` over plain statements on a reader connection (300,000 rows
    a column: ORM rows cost seconds and a few hundred MiB here)."""

    _COLUMNS: ClassVar[dict[str, str]] = {
        "names": "name",
        "pinyin": "pinyin_full",
        "initials": "pinyin_initials",
    }

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def ids(self) -> list[int]:
        rows = self._conn.execute("SELECT id FROM products WHERE active = 1 ORDER BY id")
        return list(map(itemgetter(0), rows))

    def column(self, name: str) -> list[str]:
        if name == "codes":
            return self._codes()
        sql = f"SELECT {self._COLUMNS[name]} FROM products WHERE active = 1 ORDER BY id"
        # sqlite3 makes a new string per row; a catalog repeats names and pinyin
        # (sizes, flavours), so equal values share one object: a third less memory
        same: dict[str, str] = {}
        return [same.setdefault(value, value) for (value,) in self._conn.execute(sql)]

    def _codes(self) -> list[str]:
        """ "sku barcode…" per product: products and barcodes, both in product
        order, walked side by side (half the time of a per-row subquery)."""
        out: list[str] = []
        barcodes = self._conn.execute(
            "SELECT product_id, barcode FROM product_barcodes ORDER BY product_id, barcode"
        )
        pending = barcodes.fetchone()
        skus = self._conn.execute("SELECT id, sku FROM products WHERE active = 1 ORDER BY id")
        for pid, sku in skus:
            codes = [sku.lower()]
            while pending is not None and pending[0] <= pid:
                if pending[0] == pid:
                    codes.append(pending[1])
                pending = barcodes.fetchone()
            out.append(" ".join(codes))
        return out


def deactivate_products(conn: Connection, skus: Sequence[str]) -> int:
    """Take products off sale inside a caller's transaction (a product the server
    withdrew); never deleted, sales refer to them. Returns how many changed."""
    if not skus:
        return 0
    bump_generation(conn)
    marks = ",".join("?" * len(skus))
    sql = f"UPDATE products SET active = 0 WHERE active = 1 AND sku IN ({marks})"
    return int(conn.exec_driver_sql(sql, tuple(skus)).rowcount)


def bump_generation(conn: Connection) -> None:
    """Mark the catalog changed, in the caller's transaction: every write to
    products or barcodes calls it once (0007's per-row triggers did it per row,
    a second per 100,000 imported; migration 0010 dropped them). A saved search
    index of an older generation is then rebuilt, never trusted."""
    conn.exec_driver_sql(_BUMP_GENERATION)


def upsert_products(
    conn: Connection, products: Iterable[Product], *, move_barcodes: bool = False
) -> tuple[int, int]:
    """The upsert inside a caller's transaction (imports, sync pages).

    `move_barcodes`: a barcode already on another product moves to this one;
    the central server is the authority when syncing, while an import's
    validation refuses such a move before it gets here.

    Rows go to the DBAPI cursor as plain tuples in one executemany per
    statement: Core's RETURNING insert and per-row parameter processing took
    well over half of the upsert's time (cProfile of a 20,000-row import).
    """
    stamp = UtcDateTime().process_bind_param(datetime.now(UTC), conn.dialect)  # type: ignore[no-untyped-call]
    rows = [(p, _to_tuple(p, stamp)) for p in products]
    if not rows:
        return 0, 0
    bump_generation(conn)
    known = _ids_by_sku(conn, [p.sku.lower() for p, _ in rows])
    fresh = [values for p, values in rows if p.sku.lower() not in known]
    stale = [(values, known[p.sku.lower()]) for p, values in rows if p.sku.lower() in known]
    if fresh:
        conn.exec_driver_sql(_INSERT_PRODUCT, fresh)
        known.update(_ids_by_sku(conn, [values[0] for values in fresh], exact=True))
    if stale:
        conn.exec_driver_sql(_UPDATE_PRODUCT, [(*values, pid) for values, pid in stale])
        conn.exec_driver_sql(_DELETE_BARCODES, [(pid,) for _, pid in stale])
    codes = [(code, known[p.sku.lower()]) for p, _ in rows for code in p.barcodes]
    if codes:
        conn.exec_driver_sql(_INSERT_BARCODE_MOVING if move_barcodes else _INSERT_BARCODE, codes)
    return len(fresh), len(stale)


_COLUMNS = (
    "sku",
    "name",
    "category",
    "unit",
    "unit_label",
    "price_fen",
    "member_price_fen",
    "plu",
    "active",
    "pinyin_full",
    "pinyin_initials",
    "updated_at",
)
_INSERT_PRODUCT = (
    f"INSERT INTO products ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
)
_UPDATE_PRODUCT = f"UPDATE products SET {', '.join(c + ' = ?' for c in _COLUMNS)} WHERE id = ?"
_BUMP_GENERATION = "UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1"
_DELETE_BARCODES = "DELETE FROM product_barcodes WHERE product_id = ?"
_INSERT_BARCODE = "INSERT INTO product_barcodes (barcode, product_id) VALUES (?, ?)"
_INSERT_BARCODE_MOVING = (
    _INSERT_BARCODE + " ON CONFLICT (barcode) DO UPDATE SET product_id = excluded.product_id"
)


def _ids_by_sku(conn: Connection, skus: list[str], *, exact: bool = False) -> dict[str, int]:
    """sku.lower() → id for those of `skus` in the table.

    Matched on lower(sku) (`skus` already lowered; ix_products_sku_lower), or
    with `exact` on the SKU as written (the unique index): rows just inserted
    are found even when SQLite's ASCII-only lower() differs from Python's.
    """
    column = "sku" if exact else "lower(sku)"
    known: dict[str, int] = {}
    for chunk in range(0, len(skus), 500):
        part = tuple(skus[chunk : chunk + 500])
        marks = ",".join("?" * len(part))
        sql = f"SELECT sku, id FROM products WHERE {column} IN ({marks})"
        known.update((sku.lower(), pid) for sku, pid in conn.exec_driver_sql(sql, part))
    return known


def _to_tuple(product: Product, stamp: str) -> tuple[Any, ...]:
    """`product` in `_COLUMNS` order, as SQLite stores it."""
    member = product.member_price
    return (
        product.sku,
        product.name,
        product.category,
        product.unit.value,
        product.unit_label,
        product.price.fen,
        None if member is None else member.fen,
        product.plu,
        int(product.active),
        product.pinyin_full,
        product.pinyin_initials,
        stamp,
    )
