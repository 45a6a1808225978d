"""What one promotion saves, kind by kind, in integer 分.

Each function prices ONE promotion on the lines given to it and returns a map
line_no → saving (only lines it touches, savings may be 0 for lines that only
qualify a group). They never look at other promotions: combining them is the
engine's job (`pos_app.core.promo_engine`). Lines are always walked in
`PromoLine.key` order (dearest first, then by what the line is), never in scan
order, so the result does not depend on the order of scanning.
"""

from __future__ import annotations

from collections.abc import Sequence

from pos_app.core.catalog import Unit
from pos_app.core.promotions import BPS, PromoKind, PromoLine, Promotion
from pos_app.core.rounding import spread

Savings = dict[int, int]  # line_no → 分 saved


def percent_of(fen: int, bps: int) -> int:
    """`bps` of `fen`, rounded half up (as `Money.scale`): 8折 of ¥0.05 saves 1 分."""
    return (fen * bps * 2 + BPS) // (2 * BPS)


def line_saving(promo: Promotion, line: PromoLine) -> int:
    """What a per-line kind (percent off, amount off, special price) saves on one line."""
    gross = line.gross_fen
    kind = promo.kind
    if kind is PromoKind.PERCENT_OFF:
        return percent_of(gross, promo.percent_bps)
    if line.fixed_amount is not None:
        # a scale label's amount has no trustworthy unit price: only a percentage applies
        return 0
    if kind is PromoKind.AMOUNT_OFF:
        return min(gross, _per_unit(promo.amount_fen, line))
    if kind is PromoKind.SPECIAL_PRICE:
        return max(0, gross - _per_unit(promo.price_fen, line))
    raise ValueError(f"{kind} is not priced line by line")


def _per_unit(fen: int, line: PromoLine) -> int:
    """`fen` per piece, or per kg scaled to the line's grams (half up, as the cart)."""
    if line.unit is Unit.KG:
        # Money.scale's half up, in integers (fen ≥ 0): this runs for every line a promotion meets
        return (fen * line.quantity * 2 + 1000) // 2000
    return fen * line.quantity


def group_savings(promo: Promotion, lines: Sequence[PromoLine]) -> Savings:
    """A grouped kind on the counted (piece) lines in its scope."""
    counted = sorted((ln for ln in lines if ln.counted), key=lambda ln: (ln.key, ln.line_no))
    if promo.kind is PromoKind.BUY_N_GET_M:
        return _every_group(counted, promo.buy + promo.get, promo.get, BPS)
    if promo.kind is PromoKind.NTH_PERCENT:
        return _every_group(counted, promo.nth, 1, promo.percent_bps)
    if promo.kind is PromoKind.BUNDLE:
        return _bundle(promo, counted)
    raise ValueError(f"{promo.kind} is not a grouped kind")


def _every_group(lines: Sequence[PromoLine], size: int, last: int, bps: int) -> Savings:
    """Units laid out dearest first and cut into groups of `size`; the `last`
    units of each full group get `bps` off (a whole unit's price when bps = 100%).
    A trailing group that is not full gets nothing, and its lines are not touched."""
    units = sum(ln.quantity for ln in lines)
    full = units // size * size  # positions of full groups: 0 … full-1
    if full == 0:
        return {}

    def discounted_before(pos: int) -> int:
        """How many discounted positions lie below `pos` (within the full groups)."""
        pos = min(pos, full)
        return pos // size * last + max(0, pos % size - (size - last))

    savings: Savings = {}
    start = 0
    for line in lines:
        if start >= full:
            break
        count = discounted_before(start + line.quantity) - discounted_before(start)
        savings[line.line_no] = count * percent_of(line.unit_price.fen, bps)
        start += line.quantity
    return savings


def _bundle(promo: Promotion, lines: Sequence[PromoLine]) -> Savings:
    """As many whole bundles as the lines make; each bundle's units are the
    dearest of each component. The saving (shelf value − bundles × price, never
    negative) is spread over the bundled lines by largest remainder, in
    proportion to what their bundled units cost."""
    wanted = dict(promo.bundle)
    available = dict.fromkeys(wanted, 0)
    for line in lines:
        if line.sku in wanted:
            available[line.sku] += line.quantity
    bundles = min(available[sku] // count for sku, count in wanted.items())
    if bundles == 0:
        return {}
    take = {sku: count * bundles for sku, count in wanted.items()}
    used: list[tuple[int, int]] = []  # (line_no, shelf value of its bundled units)
    for line in lines:
        left = take.get(line.sku, 0)
        if left <= 0:
            continue
        units = min(left, line.quantity)
        take[line.sku] = left - units
        used.append((line.line_no, units * line.unit_price.fen))
    value = sum(amount for _, amount in used)
    saving = max(0, value - bundles * promo.price_fen)
    shares = spread(saving, [amount for _, amount in used])
    return {line_no: share for (line_no, _), share in zip(used, shares, strict=True)}


def threshold_tier(promo: Promotion, base_fen: int) -> tuple[int, int | None]:
    """(分 off for the highest tier `base_fen` reaches, index of the next tier or None)."""
    off = 0
    for index, tier in enumerate(promo.tiers):
        if base_fen < tier.min_fen:
            return off, index
        off = tier.off_fen
    return off, None
