"""抹零: rounding the cash total down, and spreading what was taken off over the lines.

Chinese shops round the amount due DOWN to a whole 角 (10 分) or a whole 元
(100 分) so that nobody counts out small change: always in the customer's
favour, never up. The store chooses the unit (`RoundingRule`); by default it
applies only when the sale is paid all in cash (a wallet or a card charges to
the 分, so nothing needs rounding off).

Two limits keep the rule honest, and the central server checks both again:

* the amount taken off is less than one unit (< 10 分 or < 100 分);
* a total below one unit is never rounded: the customer always pays something.

Points are earned on what was actually paid, so the rounding is spread over
the lines (`spread`) by the largest-remainder rule; each line's net amount is
then exact to the 分 and the nets add up to the amount paid.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from pos_app.core.money import Money


class RoundingRule(enum.Enum):
    """How far the cash total is rounded down; the value is the setting's text."""

    OFF = "off"
    JIAO = "jiao"  # to a whole 角: 0–9 分 off
    YUAN = "yuan"  # to a whole 元: 0–99 分 off

    @property
    def unit_fen(self) -> int:
        return {RoundingRule.OFF: 1, RoundingRule.JIAO: 10, RoundingRule.YUAN: 100}[self]


#: No rounding: an immutable Money, safe as a default.
NO_ROUNDING = Money(0)

#: The largest unit any rule allows: the server refuses more than this minus one 分.
MAX_UNIT_FEN = 100


def rounding_for(total: Money, rule: RoundingRule) -> Money:
    """What 抹零 takes off `total` (≥ 0, < one unit); nothing below one unit."""
    unit = rule.unit_fen
    if unit == 1 or total.fen < unit:
        return Money(0)
    return Money(total.fen % unit)


def allowed_roundings(total_fen: int, units: Sequence[int] = (10, 100)) -> set[int]:
    """Every rounding some allowed rule gives for `total_fen` (0 is always allowed:
    a till with rounding off, or paid by a wallet). The server's recomputation."""
    allowed = {0}
    for unit in units:
        if total_fen >= unit:
            allowed.add(total_fen % unit)
    return allowed


def spread(rounding: int, amounts: Sequence[int]) -> list[int]:
    """Split `rounding` fen over lines of these amounts, in proportion, by largest
    remainder: each line first gets floor(rounding × amount / total); the fen
    still missing go one each to the lines with the largest remainders, the
    earlier line first on a tie. The shares add up to `rounding` exactly and no
    line gets more than its amount (rounding < total).

    Lines of amount 0 get nothing. `rounding` must lie in 0 … sum(amounts).
    """
    if rounding == 0:
        return [0] * len(amounts)
    total = sum(amounts)
    if rounding < 0 or rounding > total or any(a < 0 for a in amounts):
        raise ValueError("rounding must lie between 0 and the sum of non-negative amounts")
    shares = [rounding * a // total for a in amounts]
    missing = rounding - sum(shares)
    # the remainders, compared as rounding × a mod total (same order as the fractions)
    order = sorted(range(len(amounts)), key=lambda i: (-(rounding * amounts[i] % total), i))
    for i in order[:missing]:
        shares[i] += 1
    return shares
