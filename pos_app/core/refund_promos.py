"""Returns of a promoted sale: the lines the promotions priced are re-priced on
what the customer keeps (`promo_refund.plan_promo_refund`), the others (a
cashier's discount, no promotion) go back by their own amounts as any return
(`refund.plan_refund`), and the points clawed back follow the nets of both.

The promotions a return re-prices with are those the sale applied, as the sale
kept them (`Sale.promotions`), at the sale's moment, membership and event: a
return never brings a promotion the sale did not have, nor loses one that was
paused or changed since. Earlier returns of the same sale are replayed in their
order, so what each kept line counts as paid (`Held`) is the same as when they
were made, and returning everything, in any number of steps, gives back exactly
what was paid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.points import Contract, clawback
from pos_app.core.promo_engine import PromoBook
from pos_app.core.promo_refund import Held, plan_promo_refund
from pos_app.core.promotions import PromoContext, PromoLine, Promotion
from pos_app.core.refund import RefundLine, RefundPlan, SoldLine, plan_refund


@dataclass(frozen=True, slots=True)
class PromotedSale:
    """What a return of a promoted sale re-prices with."""

    lines: tuple[PromoLine, ...]  # the lines the promotions priced at the sale
    promotions: tuple[Promotion, ...]  # the definitions the sale applied
    context: PromoContext  # the sale's moment, membership and event
    #: each earlier return of the sale, in order: line_no → quantity given back
    history: tuple[Mapping[int, int], ...] = ()


def plan_promoted_refund(
    sold: Sequence[SoldLine],
    already: Mapping[int, int],
    request: Mapping[int, int],
    sale: PromotedSale,
    *,
    contract: Contract | None,
    member: bool,
) -> RefundPlan:
    """Price a return of `request` (line_no → quantity) of a promoted sale.
    `sold` amounts are what was paid for each line (after 抹零)."""
    priced = {ln.line_no for ln in sale.lines}
    by_no = {ln.line_no: ln for ln in sold}
    for line_no, qty in request.items():
        line = by_no.get(line_no)
        if line is None or line.voided:
            raise PosError(ErrorCode.LINE_NOT_FOUND, line_no=line_no)
        left = line.quantity - already.get(line_no, 0)
        if isinstance(qty, bool) or not isinstance(qty, int) or not 0 < qty <= left:
            raise PosError(
                ErrorCode.REFUND_QUANTITY_INVALID, line_no=line_no, quantity=qty, left=left
            )
    others = [ln for ln in sold if ln.line_no not in priced]
    other_request = {n: q for n, q in request.items() if n not in priced}
    promo_request = {n: q for n, q in request.items() if n in priced}
    if not request:
        raise PosError(ErrorCode.REFUND_NOTHING_SELECTED)
    book = PromoBook(sale.promotions)
    held = _held_now(sale, book, {ln.line_no: ln.amount for ln in sold if ln.line_no in priced})
    before = _eligible(sale.lines, held)
    lines: list[RefundLine] = []
    after = before
    if promo_request:
        keep = {n: held[n].quantity - q for n, q in promo_request.items()}
        planned = plan_promo_refund(sale.lines, held, keep, book, sale.context)
        eligible = {ln.line_no: ln.points_eligible for ln in sale.lines}
        lines += [
            RefundLine(r.line_no, r.quantity, r.refund, eligible[r.line_no]) for r in planned.lines
        ]
        after = _eligible(sale.lines, planned.held_after)
    other_before = _kept_eligible(others, already)
    other_back = Money(0)
    if other_request:
        plain = plan_refund(others, already, other_request, contract=None, member=False)
        lines += plain.lines
        other_back = plain.eligible
    lines.sort(key=lambda ln: ln.line_no)
    total = sum((ln.amount for ln in lines), Money(0))
    kept_before = before + other_before
    kept_after = after + other_before - other_back
    points = clawback(kept_before, kept_after, contract) if member else 0
    return RefundPlan(tuple(lines), total, kept_before - kept_after, points)


def _held_now(sale: PromotedSale, book: PromoBook, paid: Mapping[int, Money]) -> dict[int, Held]:
    """What the customer holds of each priced line after the earlier returns."""
    held = {ln.line_no: Held(ln.quantity, paid[ln.line_no]) for ln in sale.lines}
    for earlier in sale.history:
        back = {n: q for n, q in earlier.items() if n in held}
        if back:
            keep = {n: held[n].quantity - q for n, q in back.items()}
            held = plan_promo_refund(sale.lines, held, keep, book, sale.context).held_after
    return held


def _eligible(lines: Sequence[PromoLine], held: Mapping[int, Held]) -> Money:
    return sum(
        (held[ln.line_no].net for ln in lines if ln.points_eligible and ln.line_no in held),
        Money(0),
    )


def _kept_eligible(lines: Sequence[SoldLine], already: Mapping[int, int]) -> Money:
    kept = Money(0)
    for line in lines:
        if not line.voided and line.points_eligible:
            done = already.get(line.line_no, 0)
            kept += Money(line.amount.fen - line.amount.fen * done // line.quantity)
    return kept
