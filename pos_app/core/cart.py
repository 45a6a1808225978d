"""The cart being rung up: lines, quantities, weighed goods, voids, line discounts,
and the resident it is rung up for.

Member pricing is not a flag that could be left on by mistake: it is the
presence of a `Member` in the cart. Each line keeps the prices its product
offered when it was scanned (shelf, and member when lower), so setting,
changing or removing the member re-prices every line from the cart alone, and
a cart saved without its member (or with one that no longer checks out) comes
back at shelf prices.

Promotions are re-priced at every change when the cart has a `CartPricing`
(`pos_app.core.cart_promos`): each line carries what the engine gave it, the
totals carry the saving, and `promotions()` is the engine's whole answer
(per-promotion totals, next-tier hints) for the screen.

Voided lines stay in the cart (and in the sale) flagged as voided, so an audit
can see what was scanned and taken off. A cart serializes to plain data so a
held order (挂单) and the cart on screen survive a restart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from pos_app.core.barcodes import ScaleCode, ScaleValue
from pos_app.core.cart_line import (
    MAX_GRAMS,
    MAX_PIECES,
    NO_DISCOUNT,
    CartLine,
    Totals,
    check_grams,
    check_pieces,
)
from pos_app.core.cart_promos import (
    EMPTY_BOOK,
    CartPricing,
    promo_lines,
    reprice,
    used_promotions,
)
from pos_app.core.catalog import Product
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.member import Member
from pos_app.core.money import Money
from pos_app.core.promo_engine import PromoResult, price
from pos_app.core.promotions import PromoContext, Promotion

__all__ = [
    "MAX_GRAMS",
    "MAX_LINES",
    "MAX_PIECES",
    "NO_DISCOUNT",
    "Cart",
    "CartLine",
    "Member",
    "RestoredCart",
    "Totals",
]

MAX_LINES = 500
_ANY_MOMENT = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class RestoredCart:
    """A cart read back from disk, and why its resident did not come back, if not."""

    cart: Cart
    member_dropped: ErrorCode | None = None


#: Checks a saved member again (revoked since? code still trusted?) and returns
#: it, maybe refreshed, or raises the PosError that says why it cannot return.
MemberCheck = Callable[[Member], Member]


class Cart:
    """Lines and resident, changed only through methods that keep every line
    priced for whoever is (or is not) the member."""

    __slots__ = ("_lines", "_member", "_next_line", "_pricing", "_result")

    def __init__(self, member: Member | None = None, pricing: CartPricing | None = None) -> None:
        self._lines: list[CartLine] = []
        self._member = member
        self._next_line = 1
        self._pricing = pricing
        self._result: PromoResult | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Cart):
            return NotImplemented
        return (self._member, self._lines, self._next_line) == (
            other._member,
            other._lines,
            other._next_line,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"Cart(member={self._member!r}, lines={self._lines!r})"

    def __iter__(self) -> Iterator[CartLine]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)

    @property
    def lines(self) -> tuple[CartLine, ...]:
        """A snapshot: lines change only through the cart, which keeps them priced."""
        return tuple(self._lines)

    @property
    def member(self) -> Member | None:
        return self._member

    @property
    def member_pricing(self) -> bool:
        return self._member is not None

    @property
    def active_lines(self) -> list[CartLine]:
        return [line for line in self._lines if not line.voided]

    def is_empty(self) -> bool:
        return not self.active_lines

    # --- the resident ---------------------------------------------------------

    def set_member(self, member: Member | None) -> None:
        """Identify, change or remove the resident; every line is re-priced at once.

        A discount is capped at its line's new gross, as a re-price always did.
        All or nothing: if the new prices would pass the money ceiling, nothing
        changes (AMOUNT_OVERFLOW).
        """
        priced = [self._priced(line, member is not None) for line in self._lines]
        _check_fits(priced)
        self._lines = priced
        self._member = member
        self.reprice()

    @staticmethod
    def _priced(line: CartLine, member: bool) -> CartLine:
        price = line.price_for(member)
        if price == line.unit_price:
            return line
        repriced = replace(line, unit_price=price)
        return replace(repriced, discount=min(line.discount, repriced.gross))

    # --- adding -------------------------------------------------------------

    def add_product(
        self, product: Product, quantity: int = 1, barcode: str | None = None
    ) -> CartLine:
        """Add pieces of a counted product; a repeat scan adds to its open line."""
        if product.weighed:
            raise PosError(ErrorCode.WEIGHED_NEEDS_LABEL, name=product.name)
        check_pieces(quantity)
        for index, line in enumerate(self._lines):
            if (
                line.sku == product.sku
                and not line.voided
                and not line.discount
                and line.fixed_amount is None
            ):
                return self._replace(index, quantity=check_pieces(line.quantity + quantity))
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
        return self._append(product, check_grams(label.amount), label.raw, None)

    def add_weighed(self, product: Product, grams: int) -> CartLine:
        if not product.weighed:
            raise PosError(ErrorCode.LINE_NOT_EDITABLE, sku=product.sku)
        return self._append(product, check_grams(grams), None, None)

    def _append(
        self, product: Product, quantity: int, barcode: str | None, fixed: Money | None
    ) -> CartLine:
        member_price = product.unit_price(member=True)
        line = CartLine(
            line_no=0,  # numbered by add_line
            product_id=product.id,
            sku=product.sku,
            name=product.name,
            category=product.category,
            points_eligible=product.points_eligible,
            unit=product.unit,
            unit_price=product.price,
            quantity=quantity,
            barcode=barcode,
            fixed_amount=fixed,
            list_price=product.price,
            # a price-embedded label was priced by the scale at the shelf price:
            # its amount is what is charged, so no member price applies to it
            member_price=member_price if fixed is None and member_price < product.price else None,
        )
        return self.add_line(lambda n: self._priced(replace(line, line_no=n), self.member_pricing))

    def add_line(self, make: Callable[[int], CartLine]) -> CartLine:
        """Append a line built elsewhere (an open-price item) under the next line number;
        `make` receives the number. The money ceiling and the line limit apply."""
        if len(self._lines) >= MAX_LINES:
            raise PosError(ErrorCode.QUANTITY_INVALID, quantity=len(self._lines) + 1)
        line = make(self._next_line)
        self._check_total_with(line)
        self._lines.append(line)
        self._next_line += 1
        self.reprice()
        return self._lines[-1]

    # --- changing -----------------------------------------------------------

    def set_quantity(self, line_no: int, quantity: int) -> CartLine:
        index, line = self._find(line_no)
        if line.weighed or line.fixed_amount is not None:
            raise PosError(ErrorCode.LINE_NOT_EDITABLE, line_no=line_no)
        check_pieces(quantity)
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

    def void(self, line_no: int) -> CartLine:
        index, _ = self._find(line_no)
        return self._replace(index, voided=True)

    def clear(self) -> None:
        """An empty cart for the next customer: lines and resident go together."""
        self._lines.clear()
        self._next_line = 1
        self._member = None
        self.reprice()

    def _find(self, line_no: int) -> tuple[int, CartLine]:
        for index, line in enumerate(self._lines):
            if line.line_no == line_no and not line.voided:
                return index, line
        raise PosError(ErrorCode.LINE_NOT_FOUND, line_no=line_no)

    def _replace(self, index: int, **changes: Any) -> CartLine:
        line = replace(self._lines[index], **changes)
        self._check_total_with(line, replacing=index)
        self._lines[index] = line
        self.reprice()
        return self._lines[index]

    def _check_total_with(self, line: CartLine, replacing: int | None = None) -> None:
        lines = [other for index, other in enumerate(self._lines) if index != replacing]
        _check_fits([*lines, line])

    # --- promotions ------------------------------------------------------------

    def set_pricing(self, pricing: CartPricing | None) -> None:
        """Price with these promotions from now on (None: none); re-priced at once."""
        self._pricing = pricing
        self.reprice()

    @property
    def pricing(self) -> CartPricing | None:
        return self._pricing

    def promotions(self) -> PromoResult:
        """The engine's last answer: per-line savings, per-promotion totals, hints."""
        if self._result is None:
            # no promotions: nothing applied (with no promotion, the moment is moot)
            return price(promo_lines(self._lines), EMPTY_BOOK, PromoContext(_ANY_MOMENT))
        return self._result

    def used_promotions(self) -> tuple[Promotion, ...]:
        """The definitions of the promotions applied now, by rank."""
        if self._pricing is None or self._result is None:
            return ()
        return used_promotions(self._pricing.book(), self._result)

    def reprice(self, moment: datetime | None = None) -> None:
        """Re-price the promotions at `moment` (the clock's now when None): every
        change does, and a sale at the moment it is made, as the server checks it."""
        if self._pricing is None:
            if any(line.promotions for line in self._lines):
                self._lines = [replace(line, promotions=()) for line in self._lines]
            self._result = None
            return
        when = self._pricing.clock() if moment is None else moment
        self._lines, self._result = reprice(
            self._lines,
            self._pricing.book(),
            when,
            member=self._member is not None,
            event_id=self._pricing.event_id,
        )

    # --- totals and persistence --------------------------------------------

    def totals(self) -> Totals:
        subtotal = discount = promotion = Money(0)
        count = 0
        for line in self.active_lines:
            subtotal += line.gross
            discount += line.discount
            if line.promotions:
                promotion += line.promo_saving
            count += line.pieces
        discount += promotion
        return Totals(subtotal, discount, subtotal - discount, count, promotion)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for a held order or the autosave: the member goes with the lines."""
        return {
            "member": None if self._member is None else self._member.to_dict(),
            "next_line": self._next_line,
            "lines": [_saved_line(line) for line in self._lines],
        }

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], check_member: MemberCheck | None = None
    ) -> RestoredCart:
        """Read a saved cart back; its member returns only if `check_member` accepts it.

        A member that cannot come back (none saved where the data says member
        prices, unreadable, or refused by `check_member`) leaves the cart at
        shelf prices, and `member_dropped` says why. Unit prices are never
        taken from the data: they follow from the member and the saved offers.
        """
        dropped: ErrorCode | None = None
        member: Member | None = None
        saved = data.get("member")
        if saved is not None:
            try:
                member = Member.from_dict(saved)
                if check_member is not None:
                    member = check_member(member)
            except PosError as exc:
                member, dropped = None, exc.code
        elif data.get("member_pricing"):
            # a cart saved before members were kept with it: member prices, nobody to earn
            dropped = ErrorCode.MEMBER_UNKNOWN
        cart = cls()
        for saved_line in data["lines"]:
            # a line saved before lines kept their offers has only the price it was at
            list_price = saved_line.get("list_price", saved_line.get("unit_price"))
            line = {**saved_line, "unit_price": list_price, "list_price": list_price}
            cart._lines.append(CartLine.from_dict(line))
        cart._next_line = int(data.get("next_line", len(cart._lines) + 1))
        cart.set_member(member)  # every line priced for who is (or is not) there
        return RestoredCart(cart, dropped)


def _saved_line(line: CartLine) -> dict[str, Any]:
    data = line.to_dict()
    # promotions are re-priced when the cart comes back, never read from disk
    # the unit price follows from the member and these offers: never saved, so
    # never trusted from disk
    del data["unit_price"]
    data["list_price"] = (line.unit_price if line.list_price is None else line.list_price).fen
    if line.member_price is not None:
        data["member_price"] = line.member_price.fen
    return data


def _check_fits(lines: list[CartLine]) -> None:
    # Money() raises AMOUNT_OVERFLOW past its ceiling; check before mutating.
    # The subtotal (gross before discounts) is the largest sum totals() makes,
    # so it is what must fit; the total after discounts alone is not enough.
    subtotal = Money(0)
    for line in lines:
        if not line.voided:
            subtotal = subtotal + line.gross
