"""Products, barcodes and categories in the local database."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pos_app.core.catalog import Category, Product, Unit
from pos_app.core.money import Money
from pos_app.core.search import SearchEntry
from pos_app.persistence.db import Reader, writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.models import BarcodeRow, CategoryRow, ProductRow

P = ProductRow.__table__
B = BarcodeRow.__table__
C = CategoryRow.__table__

_PRODUCT_COLUMNS = (
    P.c.id,
    P.c.sku,
    P.c.name,
    P.c.category,
    P.c.unit,
    P.c.unit_label,
    P.c.price_fen,
    P.c.member_price_fen,
    P.c.plu,
    P.c.active,
    P.c.pinyin_full,
    P.c.pinyin_initials,
    C.c.points_eligible,
)
_BASE = select(*_PRODUCT_COLUMNS).join(C, C.c.code == P.c.category)

# One statement for a single product and all its barcodes (a correlated
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


def _to_product(row: Row, barcodes: tuple[str, ...] = ()) -> Product:  # type: ignore[type-arg]
    member = row.member_price_fen
    return Product(
        id=row.id,
        sku=row.sku,
        name=row.name,
        category=row.category,
        unit=Unit(row.unit),
        unit_label=row.unit_label,
        price=Money(row.price_fen),
        member_price=None if member is None else Money(member),
        plu=row.plu,
        active=bool(row.active),
        points_eligible=bool(row.points_eligible),
        pinyin_full=row.pinyin_full,
        pinyin_initials=row.pinyin_initials,
        barcodes=barcodes,
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
        if not ids:
            return []
        with self._engine.connect() as conn:
            rows = {r.id: r for r in conn.execute(_BASE.where(P.c.id.in_(list(ids))))}
            codes: dict[int, list[str]] = {}
            for pid, code in conn.execute(
                select(B.c.product_id, B.c.barcode).where(B.c.product_id.in_(list(ids)))
            ):
                codes.setdefault(pid, []).append(code)
        return [_to_product(rows[i], tuple(codes.get(i, ()))) for i in ids if i in rows]

    def count(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(P)).scalar_one())

    def search_entries(self) -> list[SearchEntry]:
        codes = func.group_concat(B.c.barcode, " ")
        stmt = (
            select(P.c.id, P.c.sku, P.c.name, P.c.pinyin_full, P.c.pinyin_initials, codes)
            .outerjoin(B, B.c.product_id == P.c.id)
            .where(P.c.active.is_(True))
            .group_by(P.c.id)
        )
        with self._engine.connect() as conn:
            return [
                SearchEntry(r[0], r[1], r[2], tuple((r[5] or "").split()), r[3], r[4])
                for r in conn.execute(stmt)
            ]

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


def upsert_products(
    conn: Connection, products: Iterable[Product], *, move_barcodes: bool = False
) -> tuple[int, int]:
    """The upsert inside a caller's transaction (imports, sync pages).

    `move_barcodes`: a barcode already on another product moves to this one;
    the central server is the authority when syncing, while an import's
    validation refuses such a move before it gets here.
    """
    now = datetime.now(UTC)
    rows = [_to_values(p, now) for p in products]
    if not rows:
        return 0, 0
    known: dict[str, int] = {}
    skus = [r["sku"].lower() for r in rows]  # ix_products_sku_lower serves lower(sku) IN
    for chunk in range(0, len(skus), 500):
        part = skus[chunk : chunk + 500]
        stmt = select(P.c.sku, P.c.id).where(func.lower(P.c.sku).in_(part))
        known.update((sku.lower(), pid) for sku, pid in conn.execute(stmt))
    fresh = [r for r in rows if r["sku"].lower() not in known]
    stale = [r for r in rows if r["sku"].lower() in known]
    if fresh:
        stmt = insert(P).returning(P.c.sku, P.c.id, sort_by_parameter_order=True)
        inserted = conn.execute(stmt, [_columns(r) for r in fresh])
        known.update((sku.lower(), pid) for sku, pid in inserted)
    if stale:
        ids = [known[r["sku"].lower()] for r in stale]
        stmt = update(P).where(P.c.id == bindparam("pid"))
        conn.execute(stmt, [{**_columns(r), "pid": i} for r, i in zip(stale, ids, strict=True)])
        for chunk in range(0, len(ids), 500):
            conn.execute(delete(B).where(B.c.product_id.in_(ids[chunk : chunk + 500])))
    codes = [
        {"barcode": code, "product_id": known[r["sku"].lower()]}
        for r in rows
        for code in r["barcodes"]
    ]
    if codes:
        stmt = sqlite_insert(B)
        if move_barcodes:
            stmt = stmt.on_conflict_do_update(
                index_elements=["barcode"], set_={"product_id": stmt.excluded.product_id}
            )
        conn.execute(stmt, codes)
    return len(fresh), len(stale)


def _to_values(product: Product, now: datetime) -> dict[str, Any]:
    return {
        "sku": product.sku,
        "name": product.name,
        "category": product.category,
        "unit": product.unit.value,
        "unit_label": product.unit_label,
        "price_fen": product.price.fen,
        "member_price_fen": None if product.member_price is None else product.member_price.fen,
        "plu": product.plu,
        "active": product.active,
        "pinyin_full": product.pinyin_full,
        "pinyin_initials": product.pinyin_initials,
        "updated_at": now,
        "barcodes": product.barcodes,
    }


def _columns(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k != "barcodes"}
