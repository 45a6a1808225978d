"""Browsing the catalog by category for the product grid: the categories that
hold active products, and one page of a category's active products by name.

Each read is one statement on the read-only per-thread `Reader` connection
(as `catalog_repo` scans are): a tap on a category tab costs one indexed query.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from pos_app.persistence.db import Reader

_CATEGORIES = (
    "SELECT c.code, c.name FROM categories c"
    " WHERE EXISTS (SELECT 1 FROM products p WHERE p.category = c.code AND p.active = 1)"
    " ORDER BY c.sort, c.code"
)
# name, then id: a stable order, so offset/limit pages never skip or repeat a product
_PRODUCTS = (
    "SELECT id, sku, name, price_fen, member_price_fen, unit FROM products"
    " WHERE category = ? AND active = 1 ORDER BY name, id LIMIT ? OFFSET ?"
)
_COUNT = "SELECT count(*) FROM products WHERE category = ? AND active = 1"


@dataclass(frozen=True)
class CategoryRecord:
    code: str
    name: str


@dataclass(frozen=True)
class ProductRecord:
    id: int
    sku: str
    name: str
    price_fen: int
    member_price_fen: int | None
    unit: str


class CatalogBrowseRepository:
    def __init__(self, engine: Engine) -> None:
        self._reader = Reader(engine)

    def categories(self) -> list[CategoryRecord]:
        """Categories with at least one active product, in the catalog's sort order."""
        rows = self._reader.connection().execute(_CATEGORIES).fetchall()
        return [CategoryRecord(code, name) for code, name in rows]

    def products(self, category: str, *, offset: int = 0, limit: int = 60) -> list[ProductRecord]:
        """One page of the category's active products, ordered by name."""
        rows = (
            self._reader.connection()
            .execute(_PRODUCTS, (category, max(limit, 0), max(offset, 0)))
            .fetchall()
        )
        return [ProductRecord(*row) for row in rows]

    def count(self, category: str) -> int:
        row = self._reader.connection().execute(_COUNT, (category,)).fetchone()
        return int(row[0])
