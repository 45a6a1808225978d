"""How the cart meets the promotions engine: which lines it prices, with what
context, and how its answer lands back on the lines.

The lines the engine sees (docs/promotions.md, "At the counter"): every line
not voided and without a cashier's discount. A line the cashier discounted by
hand is priced by that discount alone: it takes no promotion and does not count
towards a 满减 tier or complete a group, so a cashier's discount and a
promotion never stack on one line. The unit price the engine gets is the line's
own, already the member price when a resident is identified: the cart's member
decides both, from one place. 抹零 comes after all of this, on the nets
(`pos_app.core.points.net_amounts`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from pos_app.core.cart_line import CartLine
from pos_app.core.promo_engine import PromoBook, PromoResult, price
from pos_app.core.promotions import PromoContext, PromoLine, Promotion

EMPTY_BOOK = PromoBook(())


@dataclass(frozen=True, slots=True)
class CartPricing:
    """What a cart re-prices with: the promotions in force now (a book built
    once per promotion set by whoever keeps them), the clock, and the tasting
    event the sale is made at, if any."""

    book: Callable[[], PromoBook]
    clock: Callable[[], datetime]
    event_id: str | None = None


def priced_by_engine(line: CartLine) -> bool:
    """Whether the engine prices the line (not voided, no cashier's discount)."""
    return not line.voided and not line.discount


def promo_line(line: CartLine) -> PromoLine:
    return PromoLine(
        line_no=line.line_no,
        sku=line.sku,
        category=line.category,
        unit_price=line.unit_price,
        quantity=line.quantity,
        unit=line.unit,
        points_eligible=line.points_eligible,
        fixed_amount=line.fixed_amount,
    )


def promo_lines(lines: Iterable[CartLine]) -> list[PromoLine]:
    return [promo_line(line) for line in lines if priced_by_engine(line)]


def reprice(
    lines: Sequence[CartLine],
    book: PromoBook,
    moment: datetime,
    *,
    member: bool,
    event_id: str | None = None,
) -> tuple[list[CartLine], PromoResult]:
    """The lines with the promotions the engine gives them now, and its result."""
    result = price(promo_lines(lines), book, PromoContext(moment, member, event_id))
    applied = {found.line_no: found.applied for found in result.lines}
    out: list[CartLine] = []
    for line in lines:
        given = applied.get(line.line_no, ())
        out.append(line if given == line.promotions else replace(line, promotions=given))
    return out, result


def used_promotions(book: PromoBook, result: PromoResult) -> tuple[Promotion, ...]:
    """The definitions of the promotions `result` applied, by rank: what a sale
    keeps so that a later return re-prices with exactly them."""
    used = {applied.promo_id for applied in result.totals}
    return tuple(p for p in book.promotions if p.promo_id in used)
