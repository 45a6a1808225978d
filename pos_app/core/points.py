"""Points: the contract of a community and the arithmetic of earning and clawback.

The contract (MISSION.md): of what a resident actually paid for
points-eligible lines, the property company gets `share_bps` and passes
`points_bps` of that share on as points, 1 point = ¥0.01 of property fee:

    points = floor(eligible_fen * share_bps * points_bps / 100_000_000)

Never rounded up: the points are the property company's money. What was
actually paid is after 抹零: the rounding is spread over the lines by the
largest-remainder rule (`pos_app.core.rounding.spread`), so each line has an
exact net amount and the eligible amount is the sum of the eligible nets. A refund
recomputes the points on what remains and claws back the difference, so any
sequence of partial refunds claws back at most what was earned.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from pos_app.core.cart import CartLine
from pos_app.core.money import Money
from pos_app.core.rounding import NO_ROUNDING, spread

BPS = 10_000
DEFAULT_SHARE_BPS = 1000  # 10 % of the sale to the property company


@dataclass(frozen=True, slots=True)
class Contract:
    community_id: str
    effective_from: datetime  # aware; the version in force from this moment
    share_bps: int = DEFAULT_SHARE_BPS
    points_bps: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.share_bps <= BPS or not 0 <= self.points_bps <= BPS:
            raise ValueError("basis points must be 0..10000")
        if self.effective_from.tzinfo is None:
            raise ValueError("effective_from must be timezone-aware")


def contract_at(
    contracts: Iterable[Contract], community_id: str, when: datetime
) -> Contract | None:
    """The version in force for a community at a moment (latest effective_from ≤ when)."""
    in_force = [c for c in contracts if c.community_id == community_id and c.effective_from <= when]
    return max(in_force, key=lambda c: c.effective_from, default=None)


def points_for(eligible: Money, contract: Contract | None) -> int:
    if contract is None or eligible.fen <= 0:
        return 0
    return eligible.fen * contract.share_bps * contract.points_bps // (BPS * BPS)


def share_for(eligible: Money, contract: Contract | None) -> Money:
    """The property company's revenue share of a sale (floor, in fen)."""
    if contract is None or eligible.fen <= 0:
        return Money(0)
    return Money(eligible.fen * contract.share_bps // BPS)


def net_amounts(lines: Iterable[CartLine], rounding: Money = NO_ROUNDING) -> dict[int, Money]:
    """Line number → what was actually paid for the line: its amount less its share
    of the 抹零 (largest remainder over the non-voided lines, in line order)."""
    live = [ln for ln in lines if not ln.voided]
    shares = spread(rounding.fen, [ln.amount.fen for ln in live])
    return {ln.line_no: ln.amount - Money(share) for ln, share in zip(live, shares, strict=True)}


def eligible_amount(lines: Iterable[CartLine], rounding: Money = NO_ROUNDING) -> Money:
    """What was actually paid for points-eligible, non-voided lines, after 抹零."""
    lines = list(lines)
    nets = net_amounts(lines, rounding)
    return sum((nets[ln.line_no] for ln in lines if not ln.voided and ln.points_eligible), Money(0))


def clawback(remaining_before: Money, remaining_after: Money, contract: Contract | None) -> int:
    """Points to take back when a refund lowers the eligible amount still kept.

    The difference of two recomputations, never a computation on the refunded
    amount alone: summed over any sequence of refunds it telescopes to
    points_for(original) - points_for(what is finally kept), never more than
    was earned.
    """
    return points_for(remaining_before, contract) - points_for(remaining_after, contract)


class LedgerKind(enum.Enum):
    EARN = "earn"
    CLAWBACK = "clawback"
    CLAIM = "claim"
    ADJUSTMENT = "adjustment"


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One append-only movement of a resident's points (negative for clawbacks)."""

    entry_id: str
    resident_id: str
    kind: LedgerKind
    points: int
    sale_id: str | None
    created_at: datetime
    refund_id: str | None = None


def balance(entries: Sequence[LedgerEntry], opening: int = 0) -> int:
    """May be negative after clawbacks: shown as such, never silently zeroed."""
    return opening + sum(e.points for e in entries)
