"""One line of a cart and the cart's totals: what a line holds, how it prices
itself (shelf or member price, weighed or counted, a scale label's fixed amount),
the promotions the engine gave it (re-priced by the cart at every change), and
the limits a quantity must keep. Plain data that serializes, so a held order
and the cart on screen survive a restart (`cart.Cart` keeps the lines)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pos_app.core.catalog import Unit
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.promo_engine import Applied

MAX_PIECES = 9_999
MAX_GRAMS = 99_999  # a scale label field of five digits
NO_DISCOUNT = Money(0)


@dataclass(frozen=True, slots=True)
class CartLine:
    line_no: int
    product_id: int | None
    sku: str
    name: str
    category: str
    points_eligible: bool
    unit: Unit
    unit_price: Money  # per piece, or per kilogram for weighed goods
    quantity: int  # pieces, or grams for weighed goods
    barcode: str | None = None
    fixed_amount: Money | None = None  # a price-embedded scale label
    discount: Money = NO_DISCOUNT
    voided: bool = False
    # What the product offered when scanned; None on a line read back from a
    # recorded sale, which is never re-priced. What a line charged is its
    # identity, so these two stay out of comparisons.
    list_price: Money | None = field(default=None, compare=False)
    member_price: Money | None = field(default=None, compare=False)  # only when lower
    # 无码商品: sold by category and typed amount, no product (pos_app.core.open_price)
    open_price: bool = False
    # What the promotions engine gave the line at the last re-price (the item
    # promotion first, then 满减 shares): derived from the cart, never saved with it,
    # so it stays out of comparisons as the offers do. `discount` is the cashier's.
    promotions: tuple[Applied, ...] = field(default=(), compare=False)

    @property
    def gross(self) -> Money:
        if self.fixed_amount is not None:
            return self.fixed_amount
        if self.unit is Unit.KG:
            return self.unit_price.scale(self.quantity, 1000)
        return self.unit_price * self.quantity

    @property
    def promo_saving(self) -> Money:
        """What the promotions took off the line."""
        return Money(sum(applied.saving.fen for applied in self.promotions))

    @property
    def amount(self) -> Money:
        """What the line costs: gross less the cashier's discount and the promotions."""
        if not self.promotions:
            return self.gross - self.discount
        return self.gross - self.discount - self.promo_saving

    @property
    def weighed(self) -> bool:
        return self.unit is Unit.KG

    @property
    def pieces(self) -> int:
        """What the line adds to 件数: its quantity, or one for a weighed or scale-priced line."""
        return 1 if (self.weighed or self.fixed_amount is not None) else self.quantity

    def price_for(self, member: bool) -> Money:
        """The unit price with or without a member in the cart."""
        if member and self.member_price is not None:
            return self.member_price
        return self.unit_price if self.list_price is None else self.list_price

    def to_dict(self) -> dict[str, Any]:
        """The line as a sale records and sends it (the sync protocol's line)."""
        # by hand, not dataclasses.asdict: this runs on every scan (cart autosave)
        return {
            "line_no": self.line_no,
            "product_id": self.product_id,
            "sku": self.sku,
            "name": self.name,
            "category": self.category,
            "points_eligible": self.points_eligible,
            "unit": self.unit.value,
            "unit_price": self.unit_price.fen,
            "quantity": self.quantity,
            "barcode": self.barcode,
            "fixed_amount": None if self.fixed_amount is None else self.fixed_amount.fen,
            "discount": self.discount.fen,
            "voided": self.voided,
            "open_price": self.open_price,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CartLine:
        data = dict(data)
        data["unit"] = Unit(data["unit"])
        data["unit_price"] = Money(data["unit_price"])
        data["discount"] = Money(data["discount"])
        for key in ("fixed_amount", "list_price", "member_price"):
            value = data.get(key)
            data[key] = None if value is None else Money(value)
        return cls(**data)


@dataclass(frozen=True, slots=True)
class Totals:
    """`discount` is everything taken off the subtotal (the cashier's line
    discounts and the promotions), so total = subtotal − discount as the sale
    records and sends it; `promotion` is the promotions' part of it."""

    subtotal: Money
    discount: Money
    total: Money
    item_count: int  # pieces, with a weighed line counting as one
    promotion: Money = NO_DISCOUNT


def check_pieces(quantity: int) -> int:
    if (
        isinstance(quantity, bool)
        or not isinstance(quantity, int)
        or not 1 <= quantity <= MAX_PIECES
    ):
        raise PosError(ErrorCode.QUANTITY_INVALID, quantity=quantity)
    return quantity


def check_grams(grams: int) -> int:
    if isinstance(grams, bool) or not isinstance(grams, int) or not 1 <= grams <= MAX_GRAMS:
        raise PosError(ErrorCode.QUANTITY_INVALID, quantity=grams)
    return grams
