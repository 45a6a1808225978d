"""The promotions engine: which promotions a cart gets, what each line then
costs, and how close the cart is to the next 满减 tier.

The rules, numbered as in `docs/promotions.md`:

1. A promotion is *eligible* when its window holds at the sale's moment (in
   showroom time), the buyer is a member if it is members-only, and the sale
   is at its event if it is an event price.
2. *Alternatives*: every eligible non-exclusive promotion together is one
   alternative; each eligible exclusive promotion alone is another. The
   customer gets the alternative with the lowest total; on a tie, the
   non-exclusive set, then the exclusives by rank.
3. *Rank*: higher priority first, then the smaller id; it settles every tie.
4. Within an alternative, *item promotions* come first; a line takes at most
   one. Each line's best per-line promotion (percent, amount off, special
   price) is the one that saves it most (tie: rank). Grouped promotions (buy N
   get M, Nth item, bundles) are then taken in rank order: each takes the
   still-free lines it would group if it saves more on them than their best
   per-line promotions would; lines left take their best per-line promotion.
5. *Thresholds* (满减) then apply in rank order, each on the lines of its
   scope: the tier is chosen on what those lines cost after item promotions;
   the amount off (never more than what those lines still cost) is spread over
   them by largest remainder in proportion to what each still costs.

Lines are always walked in `PromoLine.key` order, so scanning order changes
nothing. `PromoBook` indexes the promotions once (by SKU, category, or
everything) so that re-pricing a cart looks only at the promotions its lines
can meet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.promo_rules import group_savings, line_saving, threshold_tier
from pos_app.core.promotions import (
    SHOWROOM_TZ,
    PromoContext,
    PromoKind,
    PromoLine,
    Promotion,
)
from pos_app.core.rounding import spread

PER_LINE, GROUPED, THRESHOLD = 0, 1, 2  # Promotion.stage


# Applied, LineResult and NextTier are named tuples, not frozen dataclasses:
# as immutable, and a re-price builds hundreds of them (several times faster).


class Applied(NamedTuple):
    """A promotion and what it saved (on one line, or on the whole order)."""

    promo_id: str
    name: str
    saving: Money


class LineResult(NamedTuple):
    line_no: int
    gross: Money
    applied: tuple[Applied, ...]  # the item promotion first, then thresholds by rank
    net: Money

    @property
    def saving(self) -> Money:
        return self.gross - self.net


class NextTier(NamedTuple):
    """还差 `missing` 满 `min_amount` 减 `off`: what the cart lacks for a threshold's next tier."""

    promo_id: str
    name: str
    missing: Money
    min_amount: Money
    off: Money


@dataclass(frozen=True, slots=True)
class PromoResult:
    lines: tuple[LineResult, ...]  # in line_no order
    totals: tuple[Applied, ...]  # per promotion applied, by rank
    gross: Money
    total: Money
    hints: tuple[NextTier, ...]  # smallest missing amount first
    exclusive: str | None  # the exclusive promotion used alone, if that was cheapest

    @property
    def saving(self) -> Money:
        return self.gross - self.total

    def nets(self) -> dict[int, Money]:
        return {line.line_no: line.net for line in self.lines}


@dataclass
class _Outcome:
    """One alternative priced: per line, (promotion, 分 saved) in the order applied."""

    applied: dict[int, list[tuple[Promotion, int]]]
    saving: int
    hints: list[NextTier]


class PromoBook:
    """The promotions in force, indexed by what they can touch."""

    def __init__(self, promotions: Iterable[Promotion]) -> None:
        self.promotions = tuple(sorted(promotions, key=lambda p: p.rank))
        ids = [p.promo_id for p in self.promotions]
        if len(set(ids)) != len(ids):
            # an id names one promotion: two would be one alternative counted twice
            raise PosError(ErrorCode.PROMO_INVALID, field="id")
        self._by_sku: dict[str, list[Promotion]] = defaultdict(list)
        self._by_category: dict[str, list[Promotion]] = defaultdict(list)
        self._everything: list[Promotion] = []
        for promo in self.promotions:
            if promo.kind is PromoKind.BUNDLE:
                for sku, _ in promo.bundle:
                    self._by_sku[sku].append(promo)
            elif promo.scope.everything:
                self._everything.append(promo)
            else:
                for sku in promo.scope.skus:
                    self._by_sku[sku].append(promo)
                for category in promo.scope.categories:
                    self._by_category[category].append(promo)
        # who may have what at which minute: the same for every scan of a sale
        # (key, ids) as one tuple so that a thread sharing the book never pairs
        # one moment's key with another's ids
        self._eligible: tuple[tuple[object, ...], frozenset[str]] = ((), frozenset())

    def eligible(self, context: PromoContext) -> frozenset[str]:
        """Ids of the promotions open to this sale (rule 1), kept for the minute."""
        local = context.moment.astimezone(SHOWROOM_TZ)
        key = (context.member, context.event_id, local.replace(second=0, microsecond=0))
        held_key, ids = self._eligible
        if key != held_key:
            ids = frozenset(p.promo_id for p in self.promotions if p.eligible_local(context, local))
            self._eligible = (key, ids)
        return ids

    def touching(
        self, lines: Sequence[PromoLine], context: PromoContext
    ) -> tuple[list[Promotion], dict[str, list[PromoLine]]]:
        """The eligible promotions that cover at least one of `lines` (in key
        order), by rank, and for each the lines it covers, in the same order."""
        eligible = self.eligible(context)
        lines_of: dict[str, list[PromoLine]] = {}
        found: dict[str, Promotion] = {}
        for promo in self._everything if lines else ():
            if promo.promo_id in eligible:
                found[promo.promo_id] = promo
                lines_of[promo.promo_id] = list(lines)
        no_promos: list[Promotion] = []
        for line in lines:
            for promos in (
                self._by_sku.get(line.sku, no_promos),
                self._by_category.get(line.category, no_promos),
            ):
                for promo in promos:
                    pid = promo.promo_id
                    if pid not in eligible:
                        continue
                    covered = lines_of.get(pid)
                    if covered is None:
                        found[pid] = promo
                        lines_of[pid] = [line]
                    elif covered[-1] is not line:
                        # a promotion on both the SKU and its category meets the line once
                        covered.append(line)
        return sorted(found.values(), key=lambda p: p.rank), lines_of


def _ordered(lines: Iterable[PromoLine]) -> list[PromoLine]:
    return sorted(lines, key=lambda ln: (ln.key, ln.line_no))


def price(
    lines: Sequence[PromoLine],
    promotions: PromoBook | Iterable[Promotion],
    context: PromoContext,
) -> PromoResult:
    """Apply the documented rules to `lines` and say what each line costs."""
    book = promotions if isinstance(promotions, PromoBook) else PromoBook(promotions)
    ordered = _ordered(lines)
    candidates, lines_of = book.touching(ordered, context)
    best = _evaluate(ordered, [p for p in candidates if not p.exclusive], lines_of)
    chosen: str | None = None
    for promo in candidates:
        # strictly more: a tie keeps the earlier alternative
        if promo.exclusive and _alone(promo, lines_of[promo.promo_id]) > best.saving:
            best = _evaluate(lines_of[promo.promo_id], [promo], lines_of)
            chosen = promo.promo_id
    return _result(lines, best, chosen)


def _alone(promo: Promotion, lines: Sequence[PromoLine]) -> int:
    """What `promo` saves used alone (rules 4-5 with one promotion), without
    building the outcome: most exclusive alternatives lose, cheaply."""
    if promo.stage == PER_LINE:
        return sum(max(line_saving(promo, ln), 0) for ln in lines)
    if promo.stage == GROUPED:
        return sum(group_savings(promo, lines).values())
    base = sum(ln.gross_fen for ln in lines)
    return min(threshold_tier(promo, base)[0], base)


def evaluate_alternative(
    lines: Sequence[PromoLine], promotions: Sequence[Promotion]
) -> PromoResult:
    """One alternative priced as rules 4 and 5 say, whatever the promotions'
    flags and conditions (no eligibility, no choice): the reference the tests
    brute-force against, and a receipt's explanation."""
    ordered = _ordered(lines)
    promos = sorted(promotions, key=lambda p: p.rank)
    lines_of = {p.promo_id: [ln for ln in ordered if p.covers(ln)] for p in promos}
    return _result(lines, _evaluate(ordered, promos, lines_of), None)


def _evaluate(
    lines: Sequence[PromoLine],
    promos: Sequence[Promotion],
    lines_of: dict[str, list[PromoLine]],
) -> _Outcome:
    """Rules 4 and 5 on `lines` (key order) with `promos` (by rank), each
    promotion meeting the lines `lines_of` gives it."""
    best: dict[int, tuple[Promotion, int]] = {}
    stages: tuple[list[Promotion], list[Promotion], list[Promotion]] = ([], [], [])
    for promo in promos:
        stages[promo.stage].append(promo)
    for promo in stages[PER_LINE]:
        for line in lines_of[promo.promo_id]:
            saving = line_saving(promo, line)
            held = best.get(line.line_no)
            # promos come by rank, so only a strictly larger saving displaces
            if saving > 0 and (held is None or saving > held[1]):
                best[line.line_no] = (promo, saving)
    applied: dict[int, list[tuple[Promotion, int]]] = {}
    claimed: set[int] = set()
    for promo in stages[GROUPED]:
        free = [ln for ln in lines_of[promo.promo_id] if ln.line_no not in claimed]
        savings = group_savings(promo, free)
        gain = sum(savings.values())
        if gain > sum(best[n][1] for n in savings if n in best):
            claimed.update(savings)
            for line_no, saving in savings.items():
                if saving > 0:
                    applied[line_no] = [(promo, saving)]
    for line_no, (promo, saving) in best.items():
        if line_no not in claimed:
            applied[line_no] = [(promo, saving)]
    item_net = {ln.line_no: ln.gross_fen for ln in lines}
    saving = 0
    for line_no, steps in applied.items():
        item_net[line_no] -= steps[0][1]  # one item promotion per line (rule 4)
        saving += steps[0][1]
    net = dict(item_net)
    hints: list[NextTier] = []
    for promo in stages[THRESHOLD]:
        scope = [ln.line_no for ln in lines_of[promo.promo_id]]
        base = sum([item_net[n] for n in scope])
        off, nxt = threshold_tier(promo, base)
        if nxt is not None and base > 0:
            tier = promo.tiers[nxt]
            missing = Money(tier.min_fen - base)
            hints.append(
                NextTier(
                    promo.promo_id, promo.name, missing, Money(tier.min_fen), Money(tier.off_fen)
                )
            )
        current = [net[n] for n in scope]
        off = min(off, sum(current))
        if off <= 0:
            continue
        saving += off
        for line_no, share in zip(scope, spread(off, current), strict=True):
            if share > 0:
                net[line_no] -= share
                applied.setdefault(line_no, []).append((promo, share))
    return _Outcome(applied, saving, hints)


def _result(lines: Sequence[PromoLine], outcome: _Outcome, chosen: str | None) -> PromoResult:
    results: list[LineResult] = []
    totals: dict[str, int] = defaultdict(int)
    promos: dict[str, Promotion] = {}
    found = outcome.applied
    gross = 0
    for line in sorted(lines, key=lambda ln: ln.line_no):
        gross += line.gross_fen
        line_gross = line.gross
        steps = found.get(line.line_no)
        if not steps:
            results.append(LineResult(line.line_no, line_gross, (), line_gross))
            continue
        for promo, saving in steps:
            totals[promo.promo_id] += saving
            promos[promo.promo_id] = promo
        applied = tuple(Applied(p.promo_id, p.name, Money(s)) for p, s in steps)
        net = line.gross_fen - sum(s for _, s in steps)
        results.append(LineResult(line.line_no, line_gross, applied, Money(net)))
    by_rank = sorted(promos.values(), key=lambda p: p.rank)
    return PromoResult(
        lines=tuple(results),
        totals=tuple(Applied(p.promo_id, p.name, Money(totals[p.promo_id])) for p in by_rank),
        gross=Money(gross),
        total=Money(gross - outcome.saving),
        hints=tuple(sorted(outcome.hints, key=lambda h: (h.missing.fen, h.promo_id))),
        exclusive=chosen,
    )
