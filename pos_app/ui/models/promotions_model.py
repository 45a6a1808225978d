"""The till's promotions as a table: name, kind in words, window (showroom
time) with its conditions, stores and status, one row per promotion.

`promotion_rows` turns what `PromotionsService` gives (`active()` and
`upcoming()`, lists of core `Promotion`s) into rows: an active promotion is
"in force now" when its window holds at this moment (a 周三会员日 on a Thursday
is active but not in force), an upcoming one is "upcoming". Stores are known
only when the caller passes them (the wire's `stores`); otherwise the row says
"this store", which every promotion a till holds applies to.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pos_app.core.promotions import Promotion
from pos_app.ui.models.rows import RowsModel
from pos_app.ui.promo_text import (
    SEPARATOR,
    conditions_text,
    kind_name,
    kind_text,
    scope_text,
    status_name,
    stores_text,
    window_text,
)


@dataclass(frozen=True, slots=True)
class PromotionRow:
    promotion: Promotion
    status: str  # "now", "active", "upcoming", "paused", "ended"
    stores: tuple[str, ...] | None = None  # () every store, None not known here


def promotion_rows(
    active: Sequence[Promotion],
    upcoming: Sequence[Promotion],
    now: datetime,
    stores: Mapping[str, Sequence[str]] | None = None,
) -> list[PromotionRow]:
    """Those in force now first, then the other active ones, then the upcoming;
    each group in rank order (higher priority first, then id), as the engine ranks."""
    known = stores or {}

    def row(promo: Promotion, status: str) -> PromotionRow:
        where = known.get(promo.promo_id)
        return PromotionRow(promo, status, None if where is None else tuple(where))

    order = {"now": 0, "active": 1, "upcoming": 2}
    rows = [row(p, "now" if p.window.contains(now) else "active") for p in active]
    rows += [row(p, "upcoming") for p in upcoming]
    return sorted(rows, key=lambda r: (order[r.status], r.promotion.rank))


class PromotionsModel(RowsModel[PromotionRow]):
    NAME, KIND, WHEN, STORES, STATUS = range(5)

    def __init__(self, parent: Any = None, category_names: Mapping[str, str] | None = None) -> None:
        super().__init__(parent)
        self.category_names = dict(category_names or {})  # code → name, as the grid shows them

    def headers(self) -> list[str]:
        return [
            self.tr("Promotion"),
            self.tr("Kind"),
            self.tr("When (Beijing time)"),
            self.tr("Stores"),
            self.tr("Status"),
        ]

    def cell(self, row: PromotionRow, column: int, index: int) -> str:
        promo = row.promotion
        if column == self.NAME:
            return promo.name
        if column == self.KIND:
            scope = scope_text(promo, self.category_names)
            text = f"{kind_name(promo.kind)}: {kind_text(promo)}"
            return f"{text} ({scope})" if scope else text
        if column == self.WHEN:
            conditions = conditions_text(promo)
            when = window_text(promo.window)
            return when + SEPARATOR + conditions if conditions else when
        if column == self.STORES:
            return stores_text(row.stores)
        return status_name(row.status)
