"""Points and returns of a promoted sale.

Points follow what was paid: the eligible amount is the sum of the nets (after
every promotion) of the points-eligible lines, put through the contract's
formula (`pos_app.core.points.points_for`).

A return recomputes the promotions on what the customer keeps, with the same
promotions, moment, membership and event as the sale. The customer gets back
what they paid minus what the kept goods now cost, so they give up exactly the
promotions they no longer qualify for (the other half of 满200减25, the free
bottle of 买二送一), and never more than they paid for the goods they return:
the refund is bounded by 0 and by the returned goods' share of what was paid,
and spread over the returned lines by largest remainder in proportion to that
share. What each kept line now counts as paid (`Held.net`) adds up to what the
customer has paid less the refund, so the points of the next return, and of
what is finally kept, follow the nets. Returning everything, in one step or
several, gives back exactly what was paid.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.points import Contract, clawback, points_for
from pos_app.core.promo_engine import PromoBook, PromoResult, price
from pos_app.core.promotions import PromoContext, PromoLine, Promotion
from pos_app.core.rounding import spread


@dataclass(frozen=True, slots=True)
class Held:
    """What the customer holds of a sale line and counts as having paid for it."""

    quantity: int  # pieces, or grams
    net: Money


@dataclass(frozen=True, slots=True)
class ReturnedLine:
    line_no: int
    quantity: int
    refund: Money


@dataclass(frozen=True, slots=True)
class PromoRefund:
    lines: tuple[ReturnedLine, ...]  # in line_no order
    total: Money
    held_after: dict[int, Held]  # lines still held (quantity > 0)
    eligible_before: Money
    eligible_after: Money
    points_clawback: int


def eligible_paid(lines: Iterable[PromoLine], nets: Mapping[int, Money]) -> Money:
    """What was paid for the points-eligible lines among `nets`."""
    return sum(
        (nets[ln.line_no] for ln in lines if ln.points_eligible and ln.line_no in nets), Money(0)
    )


def sale_points(lines: Sequence[PromoLine], result: PromoResult, contract: Contract | None) -> int:
    """The points a promoted sale earns: the contract's formula on the eligible nets."""
    return points_for(eligible_paid(lines, result.nets()), contract)


def held_after_sale(lines: Sequence[PromoLine], result: PromoResult) -> dict[int, Held]:
    nets = result.nets()
    return {ln.line_no: Held(ln.quantity, nets[ln.line_no]) for ln in lines}


def plan_promo_refund(
    lines: Sequence[PromoLine],
    held: Mapping[int, Held],
    keep: Mapping[int, int],
    promotions: PromoBook | Iterable[Promotion],
    context: PromoContext,
    contract: Contract | None = None,
) -> PromoRefund:
    """Return what is not kept: `keep` maps line_no → quantity kept (a line not
    named keeps what it holds). Weighed and scale-label lines go back whole."""
    returned: dict[int, int] = {}
    kept_lines: list[PromoLine] = []
    for line in lines:
        have = held.get(line.line_no, Held(0, Money(0))).quantity
        left = keep.get(line.line_no, have)
        whole = not line.counted
        if (
            isinstance(left, bool)
            or not isinstance(left, int)
            or not 0 <= left <= have
            or (whole and left not in (0, have))
        ):
            raise PosError(
                ErrorCode.REFUND_QUANTITY_INVALID, line_no=line.line_no, quantity=left, left=have
            )
        if left < have:
            returned[line.line_no] = have - left
        if left > 0:
            kept_lines.append(replace(line, quantity=left))
    unknown = set(keep) - {ln.line_no for ln in lines}
    if unknown:
        raise PosError(ErrorCode.LINE_NOT_FOUND, line_no=min(unknown))
    if not returned:
        raise PosError(ErrorCode.REFUND_NOTHING_SELECTED)
    by_key = sorted(lines, key=lambda ln: (ln.key, ln.line_no))
    back = [ln for ln in by_key if ln.line_no in returned]
    # the returned units' share of what was paid for their line (floor: a full return is exact)
    share = {
        ln.line_no: held[ln.line_no].net.fen * returned[ln.line_no] // held[ln.line_no].quantity
        for ln in back
    }
    repriced = price(kept_lines, promotions, context).nets()
    held_total = sum(h.net.fen for h in held.values() if h.quantity > 0)
    ceiling = sum(share.values())
    refund = min(max(held_total - sum(m.fen for m in repriced.values()), 0), ceiling)
    refunds = dict(
        zip([ln.line_no for ln in back], spread(refund, list(share.values())), strict=True)
    )
    kept_by_key = sorted(kept_lines, key=lambda ln: (ln.key, ln.line_no))
    held_after = _kept_nets(kept_by_key, held, repriced, share, held_total - refund)
    before = eligible_paid(lines, {n: h.net for n, h in held.items() if h.quantity > 0})
    after = eligible_paid(lines, {n: h.net for n, h in held_after.items()})
    return PromoRefund(
        lines=tuple(ReturnedLine(n, returned[n], Money(refunds[n])) for n in sorted(returned)),
        total=Money(refund),
        held_after=held_after,
        eligible_before=before,
        eligible_after=after,
        points_clawback=clawback(before, after, contract),
    )


def _kept_nets(
    kept: Sequence[PromoLine],
    held: Mapping[int, Held],
    repriced: Mapping[int, Money],
    share: Mapping[int, int],
    target: int,
) -> dict[int, Held]:
    """What each kept line counts as paid, adding up to `target` exactly: the
    re-priced nets; when the refund hit its floor (nothing back, the kept goods
    now cost more than all that was paid) the excess comes off them by largest
    remainder; when it hit its ceiling (the kept goods now cost less than their
    share of what was paid) they keep their share."""
    nets = [repriced[ln.line_no].fen for ln in kept]
    total = sum(nets)
    if total > target:
        nets = [n - s for n, s in zip(nets, spread(total - target, nets), strict=True)]
    elif total < target:
        nets = [held[ln.line_no].net.fen - share.get(ln.line_no, 0) for ln in kept]
    return {ln.line_no: Held(ln.quantity, Money(n)) for ln, n in zip(kept, nets, strict=True)}
