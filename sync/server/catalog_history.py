"""The catalog's past: every version of each product's category, unit and prices.

A version is written whenever a load or upsert changes one of those facts, in
force from its `effective_from` until the SKU's next version. A pushed sale is
checked against "the product as it stood at time t", never against the labels
the till sent.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from sync.server.models.catalog import ProductVersion

_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Version:
    """A product's priced facts from `effective_from` on."""

    sku: str
    effective_from: datetime
    category: str
    unit: str
    price_fen: int
    member_price_fen: int | None
    active: bool

    @property
    def facts(self) -> tuple[str, str, int, int | None, bool]:
        return (self.category, self.unit, self.price_fen, self.member_price_fen, self.active)


def _facts(row: Mapping[str, Any]) -> tuple[str, str, int, int | None, bool]:
    return (
        row["category"],
        row["unit"],
        row["price_fen"],
        row["member_price_fen"],
        bool(row["active"]),
    )


def history(session: Session, skus: Iterable[str]) -> dict[str, list[Version]]:
    """Every version of these SKUs, oldest first (SKUs without one are absent)."""
    wanted = sorted(set(skus))
    found: dict[str, list[Version]] = {}
    table = ProductVersion.__table__
    for i in range(0, len(wanted), _CHUNK):
        stmt = (
            select(table)
            .where(table.c.sku.in_(wanted[i : i + _CHUNK]))
            .order_by(table.c.sku, table.c.effective_from)
        )
        for row in session.execute(stmt).mappings():
            version = Version(
                row["sku"],
                row["effective_from"],
                row["category"],
                row["unit"],
                row["price_fen"],
                row["member_price_fen"],
                bool(row["active"]),
            )
            found.setdefault(version.sku, []).append(version)
    return found


def at(versions: Sequence[Version], when: datetime) -> Version | None:
    """The product as it stood at `when` (None: not in the catalog yet)."""
    index = bisect_right([v.effective_from for v in versions], when)
    return versions[index - 1] if index else None


def in_force_between(versions: Sequence[Version], start: datetime, end: datetime) -> list[Version]:
    """Every version in force at some moment of [start, end]."""
    first = at(versions, start)
    later = [v for v in versions if start < v.effective_from <= end]
    return ([first] if first is not None else []) + later


def record_versions(
    session: Session, rows: Sequence[Mapping[str, Any]], *, effective_from: datetime
) -> int:
    """Write a version for each row (sku, category, unit, prices, active) that changed.

    A row equal to its SKU's latest version writes nothing, so reloading the
    same catalog leaves the history as it was. Two changes at the very same
    instant keep the last.
    """
    latest = {sku: vs[-1] for sku, vs in history(session, (r["sku"] for r in rows)).items()}
    fresh, same_instant = [], []
    for row in rows:
        last = latest.get(row["sku"])
        if last is not None and last.facts == _facts(row):
            continue
        values = {
            "sku": row["sku"],
            "effective_from": effective_from,
            "category": row["category"],
            "unit": row["unit"],
            "price_fen": row["price_fen"],
            "member_price_fen": row["member_price_fen"],
            "active": bool(row["active"]),
        }
        if last is not None and last.effective_from == effective_from:
            same_instant.append(values)
        else:
            fresh.append(values)
    if fresh:
        session.execute(insert(ProductVersion), fresh)
    for values in same_instant:
        session.execute(
            update(ProductVersion)
            .where(
                ProductVersion.sku == values["sku"],
                ProductVersion.effective_from == effective_from,
            )
            .values(**values)
        )
    return len(fresh) + len(same_instant)
