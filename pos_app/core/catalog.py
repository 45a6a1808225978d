"""Products and categories as the checkout sees them.

A category says whether its sales earn points (lottery tickets and deposits do
not); a product carries its barcodes, its pinyin search keys and its prices.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from pos_app.core.money import Money

#: Highest unit price the catalog accepts (¥99,999.99); above is a typo.
MAX_UNIT_PRICE_FEN = 9_999_999


class Unit(enum.Enum):
    PIECE = "piece"  # counted, quantity is an integer
    KG = "kg"  # weighed, price is per kilogram, quantity in grams


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    name: str
    points_eligible: bool = True


@dataclass(frozen=True, slots=True)
class Product:
    sku: str
    name: str
    category: str
    price: Money
    unit: Unit = Unit.PIECE
    unit_label: str = "件"
    member_price: Money | None = None
    barcodes: tuple[str, ...] = ()
    plu: str | None = None  # scale PLU for weighed or pre-packed fresh goods
    points_eligible: bool = True
    active: bool = True
    pinyin_full: str = ""
    pinyin_initials: str = ""
    id: int | None = field(default=None, compare=False)

    @property
    def weighed(self) -> bool:
        return self.unit is Unit.KG

    def unit_price(self, member: bool) -> Money:
        if member and self.member_price is not None and self.member_price < self.price:
            return self.member_price
        return self.price
