"""The catalog the tills pull: categories, products, barcodes and prices, loaded from CSV.

The file is read and validated exactly as the till's own import does
(`pos_app.core.catalog_text.decode`, `pos_app.core.catalog_csv`): the
same file is refused whole, with every problem and its row number, by both.
Every product written is logged as one full-state change, so a till pulls
its catalog page by page from `GET /changes`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from pos_app.core.catalog import Category as CoreCategory
from pos_app.core.catalog import Product as CoreProduct
from pos_app.core.catalog_csv import RowProblem, canonical_header, validate_rows
from pos_app.core.catalog_text import decode
from pos_app.core.categories import DEFAULT_CATEGORIES
from sync.protocol.changes import CategoryData
from sync.server.catalog_history import record_versions
from sync.server.changelog import ChangeLog
from sync.server.models.catalog import Barcode, Category, Price, Product

_CHUNK = 500


@dataclass
class LoadReport:
    inserted: int = 0
    updated: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def ensure_categories(session: Session, *, changes: ChangeLog) -> int:
    known = set(session.scalars(select(Category.code)))
    added = 0
    for sort, category in enumerate(DEFAULT_CATEGORIES):
        code, name, eligible = category.code, category.name, category.points_eligible
        if code in known:
            continue
        session.add(Category(code=code, name=name, points_eligible=eligible, sort=sort))
        changes.upsert(
            "category",
            code,
            CategoryData(code=code, name=name, points_eligible=eligible, sort=sort),
        )
        added += 1
    return added


def _rows(text: str) -> tuple[list[str], list[RowProblem], Iterator[tuple[int, dict]]]:  # type: ignore[type-arg]
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None) or []
    columns, missing = canonical_header(header)

    def rows() -> Iterator[tuple[int, dict]]:  # type: ignore[type-arg]
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(columns):
                yield reader.line_num, {None: values}
            else:
                yield reader.line_num, dict(zip(columns, values, strict=True))

    return columns, missing, rows()


def load_catalog(
    session: Session,
    *,
    path: Path,
    now: datetime,
    changes: ChangeLog,
    effective_from: datetime | None = None,
) -> LoadReport:
    """Validate the whole file, then upsert it by SKU (case-insensitive, as the till).

    Its prices are in force from `effective_from` (default: now) in the history.
    """
    report = LoadReport()
    text, _encoding = decode(path.read_bytes())
    _columns, missing, rows = _rows(text)
    if missing:
        report.problems = missing
        return report
    categories = {
        c.code: CoreCategory(c.code, c.name, bool(c.points_eligible))
        for c in session.scalars(select(Category))
    }
    barcode_owners = dict(session.execute(select(Barcode.code, Barcode.sku)).all())
    plu_owners = dict(
        session.execute(select(Product.plu, Product.sku).where(Product.plu.is_not(None))).all()
    )
    products, problems = validate_rows(
        rows, categories, barcode_owners=barcode_owners, plu_owners=plu_owners
    )
    if problems:
        report.problems = problems
        return report
    report.inserted, report.updated = upsert_products(
        session, products=products, now=now, changes=changes, effective_from=effective_from
    )
    return report


def upsert_products(
    session: Session,
    *,
    products: list[CoreProduct],
    now: datetime,
    changes: ChangeLog,
    effective_from: datetime | None = None,
) -> tuple[int, int]:
    """Insert new SKUs, update known ones (barcodes replaced); (inserted, updated).

    Whatever changed a product's category, unit, prices or activity becomes a
    new version of its history, in force from `effective_from` (default: now).
    """
    existing = dict(session.execute(select(func.lower(Product.sku), Product.sku)).all())
    rows, prices, codes = [], [], []
    stale: list[str] = []
    for p in products:
        sku = existing.get(p.sku.lower(), p.sku)  # an update keeps the stored spelling
        if p.sku.lower() in existing:
            stale.append(sku)
        rows.append(
            {
                "sku": sku,
                "name": p.name,
                "category": p.category,
                "unit": p.unit.value,
                "unit_label": p.unit_label,
                "plu": p.plu,
                "active": p.active,
                "pinyin_full": p.pinyin_full,
                "pinyin_initials": p.pinyin_initials,
                "updated_at": now,
            }
        )
        prices.append(
            {
                "sku": sku,
                "price_fen": p.price.fen,
                "member_price_fen": None if p.member_price is None else p.member_price.fen,
                "updated_at": now,
            }
        )
        codes.extend({"code": code, "sku": sku} for code in p.barcodes)
        changes.upsert("product", sku, _product_data(sku, p))
    stale_set = set(stale)
    fresh_rows = [r for r in rows if r["sku"] not in stale_set]
    fresh_prices = [r for r in prices if r["sku"] not in stale_set]
    for i in range(0, len(stale), _CHUNK):
        part = stale[i : i + _CHUNK]
        session.execute(delete(Barcode).where(Barcode.sku.in_(part)))
    if fresh_rows:
        session.execute(insert(Product), fresh_rows)
        session.execute(insert(Price), fresh_prices)
    if stale:
        _update_many(session, Product, [r for r in rows if r["sku"] in stale_set])
        _update_many(session, Price, [r for r in prices if r["sku"] in stale_set])
    if codes:
        session.execute(insert(Barcode), codes)
    record_versions(
        session,
        [{**row, **price} for row, price in zip(rows, prices, strict=True)],
        effective_from=effective_from or now,
    )
    return len(fresh_rows), len(stale)


def _update_many(session: Session, model: type[Product] | type[Price], rows: list[dict]) -> None:  # type: ignore[type-arg]
    table = model.__table__
    columns = {k: bindparam(f"v_{k}") for k in rows[0] if k != "sku"}
    stmt = update(table).where(table.c.sku == bindparam("v_sku")).values(**columns)
    session.connection().execute(stmt, [{f"v_{k}": v for k, v in r.items()} for r in rows])


def _product_data(sku: str, p: CoreProduct) -> Mapping[str, object]:
    """A `changes.ProductData` as a plain dict (100,000 are built on a full load).

    No eligibility and no pinyin: the till derives both itself (from its
    categories and the name), so they can never disagree with its own rules.
    """
    return {
        "sku": sku,
        "name": p.name,
        "category": p.category,
        "unit": p.unit.value,
        "unit_label": p.unit_label,
        "price_fen": p.price.fen,
        "member_price_fen": None if p.member_price is None else p.member_price.fen,
        "barcodes": list(p.barcodes),
        "plu": p.plu,
        "active": p.active,
    }
