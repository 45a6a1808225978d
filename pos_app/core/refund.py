"""Returns: what a refund of some lines gives back, and the points it claws back.

Amounts per unit telescope: refunding k more units of a line of n units and
amount A gives floor(A·(done+k)/n) − floor(A·done/n), so refunding every unit,
in any number of steps, returns exactly A and never a fen more. Weighed and
scale-label lines are returned whole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.points import Contract, clawback
from pos_app.core.tender import TenderKind


@dataclass(frozen=True, slots=True)
class SoldLine:
    """A line of the original sale, as stored."""

    line_no: int
    name: str
    quantity: int  # pieces, or grams
    amount: Money  # paid, after the line discount
    points_eligible: bool
    whole_only: bool  # weighed or scale-label lines go back whole
    voided: bool = False
    weighed: bool = False  # quantity in grams


@dataclass(frozen=True, slots=True)
class RefundLine:
    line_no: int
    quantity: int
    amount: Money
    eligible: bool


@dataclass(frozen=True, slots=True)
class RefundPlan:
    lines: tuple[RefundLine, ...]
    total: Money
    eligible: Money
    points_clawback: int


@dataclass(frozen=True, slots=True)
class PaidTender:
    kind: TenderKind
    amount: Money  # paid on the sale, minus what earlier refunds gave back to it
    reference: str = ""


def refundable(line: SoldLine, already: int) -> int:
    return 0 if line.voided else line.quantity - already


def plan_refund(
    sold: Sequence[SoldLine],
    already: Mapping[int, int],
    request: Mapping[int, int],
    *,
    contract: Contract | None,
    member: bool,
) -> RefundPlan:
    """Price a refund of `request` (line_no → quantity) given earlier refunds."""
    by_no = {line.line_no: line for line in sold}
    lines: list[RefundLine] = []
    for line_no, qty in sorted(request.items()):
        line = by_no.get(line_no)
        if line is None or line.voided:
            raise PosError(ErrorCode.LINE_NOT_FOUND, line_no=line_no)
        done = already.get(line_no, 0)
        left = refundable(line, done)
        if isinstance(qty, bool) or not isinstance(qty, int) or qty <= 0 or qty > left:
            raise PosError(
                ErrorCode.REFUND_QUANTITY_INVALID, line_no=line_no, quantity=qty, left=left
            )
        if line.whole_only and qty != line.quantity:
            raise PosError(
                ErrorCode.REFUND_QUANTITY_INVALID, line_no=line_no, quantity=qty, left=left
            )
        a, n = line.amount.fen, line.quantity
        amount = Money(a * (done + qty) // n - a * done // n)
        lines.append(RefundLine(line_no, qty, amount, line.points_eligible))
    if not lines:
        raise PosError(ErrorCode.REFUND_NOTHING_SELECTED)
    total = sum((ln.amount for ln in lines), Money(0))
    eligible = sum((ln.amount for ln in lines if ln.eligible), Money(0))
    points = 0
    if member:
        kept_before = _eligible_kept(sold, already)
        points = clawback(kept_before, kept_before - eligible, contract)
    return RefundPlan(tuple(lines), total, eligible, points)


def _eligible_kept(sold: Sequence[SoldLine], already: Mapping[int, int]) -> Money:
    """Eligible amount the customer still keeps after earlier refunds."""
    kept = Money(0)
    for line in sold:
        if line.voided or not line.points_eligible:
            continue
        done = already.get(line.line_no, 0)
        kept += Money(line.amount.fen - line.amount.fen * done // line.quantity)
    return kept


def refund_tenders(total: Money, paid: Sequence[PaidTender]) -> list[PaidTender]:
    """Give money back the way it came: other tenders first (to the same wallet or
    card, with their reference), the rest in cash."""
    left = total
    out: list[PaidTender] = []
    for tender in [t for t in paid if t.kind is not TenderKind.CASH]:
        if left.fen <= 0:
            break
        take = min(left, tender.amount)
        if take.fen > 0:
            out.append(PaidTender(tender.kind, take, tender.reference))
            left -= take
    if left.fen > 0:
        out.append(PaidTender(TenderKind.CASH, left))
    return out
