"""The cart being rung up: lines, quantities, weighed goods, voids and line discounts.

Voided lines stay in the cart (and in the sale) flagged as voided, so an audit
can see what was scanned and taken off. A cart serializes to plain data so a
held order (挂单) survives a restart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from pos_app.core.barcodes import ScaleCode, ScaleValue
from pos_app.core.catalog import Product, Unit
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money

MAX_PIECES = 9_999
MAX_GRAMS = 99_999  # a scale label field of five digits
MAX_LINES = 500
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

    @property
    def gross(self) -> Money:
        if self.fixed_amount is not None:
            return self.fixed_amount
        if self.unit is Unit.KG:
            return self.unit_price.scale(self.quantity, 1000)
        return self.unit_price * self.quantity

    @property
    def amount(self) -> Money:
        return self.gross - self.discount

    @property
    def weighed(self) -> bool:
        return self.unit is Unit.KG

    def to_dict(self) -> dict[str, Any]:
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
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CartLine:
        data = dict(data)
        data["unit"] = Unit(data["unit"])
        data["unit_price"] = Money(data["unit_price"])
        data["discount"] = Money(data["discount"])
        fixed = data.get("fixed_amount")
        data["fixed_amount"] = None if fixed is None else Money(fixed)
        return cls(**data)


@dataclass(frozen=True, slots=True)
class Totals:
    subtotal: Money
    discount: Money
    total: Money
    item_count: int  # pieces, with a weighed line counting as one


@dataclass
class Cart:
    member_pricing: bool = False
    lines: list[CartLine] = field(default_factory=list)
    _next_line: int = 1

    def __iter__(self) -> Iterator[CartLine]:
        return iter(self.lines)

    def __len__(self) -> int:
        return len(self.lines)

    @property
    def active_lines(self) -> list[CartLine]:
        return [line for line in self.lines if not line.voided]

    def is_empty(self) -> bool:
        return not self.active_lines

    # --- adding -------------------------------------------------------------

    def add_product(
        self, product: Product, quantity: int = 1, barcode: str | None = None
    ) -> CartLine:
        """Add pieces of a counted product; a repeat scan adds to its open line."""
        if product.weighed:
            raise PosError(ErrorCode.WEIGHED_NEEDS_LABEL, name=product.name)
        _check_pieces(quantity)
        for index, line in enumerate(self.lines):
            if (
                line.sku == product.sku
                and not line.voided
                and not line.discount
                and line.fixed_amount is None
            ):
                return self._replace(index, quantity=_check_pieces(line.quantity + quantity))
        return self._append(product, quantity, barcode, None)

    def add_scale_label(self, product: Product, label: ScaleCode) -> CartLine:
        """A weighed or pre-packed item from a scale label; never merged with others."""
        if label.value is ScaleValue.PRICE:
            if label.amount <= 0:
                raise PosError(ErrorCode.QUANTITY_INVALID, quantity=label.amount)
            quantity = 1
            if product.weighed and product.price.fen > 0:
                # the weight the scale used, for the receipt: amount / price per kg
                quantity = max(1, round(label.amount * 1000 / product.price.fen))
            return self._append(product, quantity, label.raw, Money(label.amount))
        if not product.weighed:
            raise PosError(ErrorCode.LINE_NOT_EDITABLE, sku=product.sku)
        return self._append(product, _check_grams(label.amount), label.raw, None)

    def add_weighed(self, product: Product, grams: int) -> CartLine:
        if not product.weighed:
            raise PosError(ErrorCode.LINE_NOT_EDITABLE, sku=product.sku)
        return self._append(product, _check_grams(grams), None, None)

    def _append(
        self, product: Product, quantity: int, barcode: str | None, fixed: Money | None
    ) -> CartLine:
        if len(self.lines) >= MAX_LINES:
            raise PosError(ErrorCode.QUANTITY_INVALID, quantity=len(self.lines) + 1)
        line = CartLine(
            line_no=self._next_line,
            product_id=product.id,
            sku=product.sku,
            name=product.name,
            category=product.category,
            points_eligible=product.points_eligible,
            unit=product.unit,
            unit_price=product.unit_price(self.member_pricing),
            quantity=quantity,
            barcode=barcode,
            fixed_amount=fixed,
        )
        self._check_total_with(line)
        self.lines.append(line)
        self._next_line += 1
        return line

    # --- changing -----------------------------------------------------------

    def set_quantity(self, line_no: int, quantity: int) -> CartLine:
        index, line = self._find(line_no)
        if line.weighed or line.fixed_amount is not None:
            raise PosError(ErrorCode.LINE_NOT_EDITABLE, line_no=line_no)
        _check_pieces(quantity)
        if line.discount > line.unit_price * quantity:
            raise PosError(ErrorCode.DISCOUNT_INVALID, line_no=line_no)
        return self._replace(index, quantity=quantity)

    def set_discount(self, line_no: int, discount: Money) -> CartLine:
        """An amount off one line, from 0 up to the line's gross amount."""
        index, line = self._find(line_no)
        if discount.fen < 0 or discount > line.gross:
            raise PosError(ErrorCode.DISCOUNT_INVALID, line_no=line_no, fen=discount.fen)
        return self._replace(index, discount=discount)

    def set_discount_percent(self, line_no: int, percent_off: int) -> CartLine:
        """Percent off (0–100), rounded half up to the fen."""
        if not 0 <= percent_off <= 100:
            raise PosError(ErrorCode.DISCOUNT_INVALID, line_no=line_no, percent=percent_off)
        _, line = self._find(line_no)
        return self.set_discount(line_no, line.gross.scale(percent_off, 100))

    def set_unit_price(self, line_no: int, price: Money) -> CartLine:
        """Re-price a line (a member identified after scanning); the discount is capped."""
        index, line = self._find(line_no)
        if line.fixed_amount is not None:
            return line
        repriced = replace(line, unit_price=price)
        discount = min(line.discount, repriced.gross)
        return self._replace(index, unit_price=price, discount=discount)

    def void(self, line_no: int) -> CartLine:
        index, _ = self._find(line_no)
        return self._replace(index, voided=True)

    def clear(self) -> None:
        self.lines.clear()
        self._next_line = 1
        self.member_pricing = False

    def _find(self, line_no: int) -> tuple[int, CartLine]:
        for index, line in enumerate(self.lines):
            if line.line_no == line_no and not line.voided:
                return index, line
        raise PosError(ErrorCode.LINE_NOT_FOUND, line_no=line_no)

    def _replace(self, index: int, **changes: Any) -> CartLine:
        line = replace(self.lines[index], **changes)
        self._check_total_with(line, replacing=index)
        self.lines[index] = line
        return line

    def _check_total_with(self, line: CartLine, replacing: int | None = None) -> None:
        # Money() raises AMOUNT_OVERFLOW past its ceiling; check before mutating.
        # The subtotal (gross before discounts) is the largest sum totals() makes,
        # so it is what must fit; the total after discounts alone is not enough.
        subtotal = Money(0) if line.voided else line.gross
        total = line.amount
        for index, other in enumerate(self.lines):
            if index != replacing and not other.voided:
                subtotal = subtotal + other.gross
                total = total + other.amount

    # --- totals and persistence --------------------------------------------

    def totals(self) -> Totals:
        subtotal = discount = Money(0)
        count = 0
        for line in self.active_lines:
            subtotal += line.gross
            discount += line.discount
            count += 1 if (line.weighed or line.fixed_amount is not None) else line.quantity
        return Totals(subtotal, discount, subtotal - discount, count)

    def to_dict(self) -> dict[str, Any]:
        return {
            "member_pricing": self.member_pricing,
            "next_line": self._next_line,
            "lines": [line.to_dict() for line in self.lines],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cart:
        cart = cls(member_pricing=bool(data.get("member_pricing", False)))
        cart.lines = [CartLine.from_dict(line) for line in data["lines"]]
        cart._next_line = int(data.get("next_line", len(cart.lines) + 1))
        return cart


def _check_pieces(quantity: int) -> int:
    if (
        isinstance(quantity, bool)
        or not isinstance(quantity, int)
        or not 1 <= quantity <= MAX_PIECES
    ):
        raise PosError(ErrorCode.QUANTITY_INVALID, quantity=quantity)
    return quantity


def _check_grams(grams: int) -> int:
    if isinstance(grams, bool) or not isinstance(grams, int) or not 1 <= grams <= MAX_GRAMS:
        raise PosError(ErrorCode.QUANTITY_INVALID, quantity=grams)
    return grams
