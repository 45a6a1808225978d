"""The engine's documented rules as properties: never below zero, nets add up,
scan order and the order promotions arrive in change nothing, tiers exact at
the 分, and the result is the cheapest of the documented alternatives (brute
force on small carts), each kind checked against a reimplementation."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.promo_engine import PromoBook, PromoResult, evaluate_alternative, price
from pos_app.core.promotions import (
    PromoContext,
    PromoKind,
    PromoLine,
    Promotion,
    Scope,
    Tier,
    Window,
)
from tests.unit.core.promo_strategies import contexts, lines, promotion_sets, promotions

NOON = PromoContext(datetime(2026, 3, 4, 4, 0, tzinfo=UTC))
TIERS = Promotion(
    "T",
    "满100减10 满200减25",
    PromoKind.THRESHOLD,
    tiers=(Tier(10_000, 1_000), Tier(20_000, 2_500)),
)


def _check_consistent(cart: list[PromoLine], result: PromoResult) -> None:
    assert result.total.fen >= 0
    assert sum(ln.net.fen for ln in result.lines) == result.total.fen
    assert result.gross.fen == sum(ln.gross.fen for ln in cart)
    per_promo: Counter[str] = Counter()
    for line in result.lines:
        assert line.net.fen >= 0
        assert line.gross.fen - sum(a.saving.fen for a in line.applied) == line.net.fen
        assert all(a.saving.fen > 0 for a in line.applied)
        for a in line.applied:
            per_promo[a.promo_id] += a.saving.fen
    assert {a.promo_id: a.saving.fen for a in result.totals} == dict(per_promo)
    assert sorted(ln.line_no for ln in result.lines) == [ln.line_no for ln in result.lines]


@settings(deadline=None)  # no timing in tests: the machine is shared
@given(lines(), promotion_sets(), contexts())
def test_total_never_below_zero_and_nets_add_up(
    cart: list[PromoLine], promos: list[Promotion], context: PromoContext
) -> None:
    _check_consistent(cart, price(cart, promos, context))


def _by_content(cart: list[PromoLine], result: PromoResult) -> Counter[tuple[object, ...]]:
    """The result keyed by what each line is, not by its number."""
    nets = {ln.line_no: ln for ln in result.lines}
    return Counter(
        (replace(ln, line_no=0), nets[ln.line_no].net, nets[ln.line_no].applied) for ln in cart
    )


@settings(deadline=None)  # no timing in tests: the machine is shared
@given(lines(max_size=7), promotion_sets(), contexts(), st.randoms(use_true_random=False))
def test_scan_order_changes_nothing(
    cart: list[PromoLine], promos: list[Promotion], context: PromoContext, rnd: object
) -> None:
    numbers = [ln.line_no for ln in cart]
    rnd.shuffle(numbers)  # type: ignore[attr-defined]
    rescanned = [replace(ln, line_no=n) for ln, n in zip(cart, numbers, strict=True)]
    rnd.shuffle(rescanned)  # type: ignore[attr-defined]
    shuffled_promos = list(promos)
    rnd.shuffle(shuffled_promos)  # type: ignore[attr-defined]
    first = price(cart, promos, context)
    second = price(rescanned, shuffled_promos, context)
    assert first.total == second.total
    assert first.totals == second.totals
    assert first.hints == second.hints
    assert _by_content(cart, first) == _by_content(rescanned, second)


def _split(total: int, parts: list[int]) -> list[PromoLine]:
    """Lines of one piece each whose prices add up to exactly `total`."""
    cuts = sorted({min(max(p, 1), total - 1) for p in parts if total > 1})
    bounds = [0, *cuts, total]
    prices = [b - a for a, b in itertools.pairwise(bounds) if b > a]
    skus = ["TEA", "RICE", "OIL", "WATER"]
    return [PromoLine(i + 1, skus[i % 4], "tea", Money(p), 1) for i, p in enumerate(prices)]


@settings(deadline=None)  # no timing in tests: the machine is shared
@given(
    st.sampled_from([9_999, 10_000, 19_999, 20_000]),
    st.integers(-1, 1),
    st.lists(st.integers(1, 20_000), max_size=4),
)
def test_tier_boundaries_are_exact_to_the_fen(edge: int, step: int, parts: list[int]) -> None:
    total = edge + step
    result = price(_split(total, parts), [TIERS], NOON)
    off = 2_500 if total >= 20_000 else 1_000 if total >= 10_000 else 0
    assert result.total.fen == total - off
    hints = {h.promo_id: (h.missing.fen, h.off.fen) for h in result.hints}
    if total < 10_000:
        assert hints == {"T": (10_000 - total, 1_000)}
    elif total < 20_000:
        assert hints == {"T": (20_000 - total, 2_500)}
    else:
        assert hints == {}


def test_199_99_misses_and_200_00_reaches_the_tier() -> None:
    below = price([PromoLine(1, "TEA", "tea", Money(19_999), 1)], [TIERS], NOON)
    at = price([PromoLine(1, "TEA", "tea", Money(20_000), 1)], [TIERS], NOON)
    assert (below.total, at.total) == (Money(18_999), Money(17_500))
    assert [(h.missing, h.min_amount, h.off) for h in below.hints] == [
        (Money(1), Money(20_000), Money(2_500))
    ]


def _alternatives(
    cart: list[PromoLine], promos: list[Promotion], context: PromoContext
) -> list[tuple[str | None, list[Promotion]]]:
    """Rule 2 written out: the non-exclusive set, then each exclusive alone, by rank."""
    eligible = sorted(
        (p for p in promos if p.eligible(context) and any(p.covers(ln) for ln in cart)),
        key=lambda p: (-p.priority, p.promo_id),
    )
    return [(None, [p for p in eligible if not p.exclusive])] + [
        (p.promo_id, [p]) for p in eligible if p.exclusive
    ]


@settings(max_examples=300, deadline=None)
@given(lines(), promotion_sets(max_size=6), contexts())
def test_the_result_is_the_cheapest_documented_alternative(
    cart: list[PromoLine], promos: list[Promotion], context: PromoContext
) -> None:
    alternatives = _alternatives(cart, promos, context)
    priced = [(name, evaluate_alternative(cart, alt)) for name, alt in alternatives]
    cheapest = min(result.total for _, result in priced)
    first = next(name for name, result in priced if result.total == cheapest)
    result = price(cart, PromoBook(promos), context)
    assert result.total == cheapest
    assert result.exclusive == first  # a tie goes to the earlier alternative
    chosen = dict(priced)[first]
    assert result.lines == chosen.lines
    assert result.hints == chosen.hints


def _half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


def _reference_saving(promo: Promotion, line: PromoLine) -> int:
    """Rule 'per-line kinds' recomputed with fractions."""
    gross = line.gross.fen
    qty = Fraction(line.quantity, 1000) if line.unit.value == "kg" else Fraction(line.quantity)
    if promo.kind is PromoKind.PERCENT_OFF:
        return _half_up(Fraction(gross * promo.percent_bps, 10_000))
    if promo.kind is PromoKind.AMOUNT_OFF:
        return min(gross, _half_up(promo.amount_fen * qty))
    return max(0, gross - _half_up(promo.price_fen * qty))


@settings(deadline=None)  # no timing in tests: the machine is shared
@given(lines(), st.lists(promotions(), max_size=5), contexts())
def test_each_line_gets_its_best_per_line_promotion(
    cart: list[PromoLine], promos: list[Promotion], context: PromoContext
) -> None:
    per_line = [
        replace(p, exclusive=False, promo_id=f"{p.promo_id}{i}")
        for i, p in enumerate(promos)
        if p.kind.per_line
    ]
    result = evaluate_alternative(cart, per_line)
    nets = result.nets()
    for line in cart:
        best = max((_reference_saving(p, line) for p in per_line if p.covers(line)), default=0)
        assert nets[line.line_no].fen == line.gross.fen - best


def _units(cart: list[PromoLine], promo: Promotion) -> list[int]:
    """Every counted piece in scope as its price, dearest first."""
    prices = [
        ln.unit_price.fen
        for ln in cart
        for _ in range(ln.quantity)
        if ln.counted and promo.covers(ln)
    ]
    return sorted(prices, reverse=True)


@settings(deadline=None)  # no timing in tests: the machine is shared
@given(lines(max_size=5), st.integers(1, 3), st.integers(1, 2), st.booleans())
def test_buy_n_get_m_frees_the_cheapest_of_each_full_group(
    cart: list[PromoLine], buy: int, get: int, nth: bool
) -> None:
    if nth:
        promo = Promotion("N", "第N件", PromoKind.NTH_PERCENT, nth=buy + 1, percent_bps=5_000)
        size, free = buy + 1, 1
    else:
        promo = Promotion("B", "买N送M", PromoKind.BUY_N_GET_M, buy=buy, get=get)
        size, free = buy + get, get
    units = _units(cart, promo)
    expected = 0
    for start in range(0, len(units) - size + 1, size):
        for unit in units[start + size - free : start + size]:
            expected += unit if not nth else _half_up(Fraction(unit, 2))
    assert evaluate_alternative(cart, [promo]).saving.fen == expected


@settings(deadline=None)  # no timing in tests: the machine is shared
@given(lines(max_size=5), st.integers(0, 40_000))
def test_a_bundle_prices_the_dearest_whole_bundles(cart: list[PromoLine], bundle_fen: int) -> None:
    promo = Promotion(
        "K", "套餐", PromoKind.BUNDLE, bundle=(("RICE", 1), ("TEA", 2)), price_fen=bundle_fen
    )
    rice = sorted(
        (ln.unit_price.fen for ln in cart if ln.sku == "RICE" for _ in range(ln.quantity)),
        reverse=True,
    )
    tea = sorted(
        (ln.unit_price.fen for ln in cart if ln.sku == "TEA" for _ in range(ln.quantity)),
        reverse=True,
    )
    count = min(len(rice), len(tea) // 2)
    value = sum(rice[:count]) + sum(tea[: 2 * count])
    assert evaluate_alternative(cart, [promo]).saving.fen == max(0, value - count * bundle_fen)


def test_a_line_takes_one_item_promotion_and_thresholds_stack_on_it() -> None:
    cart = [PromoLine(1, "TEA", "tea", Money(10_000), 3)]
    nine = Promotion("P9", "9折", PromoKind.PERCENT_OFF, percent_bps=1_000)
    eight = Promotion("P8", "8折", PromoKind.PERCENT_OFF, percent_bps=2_000)
    result = price(cart, [nine, eight, TIERS], NOON)
    # 8折 beats 9折 on the line (they never compound), then 满200减25 on ¥240
    assert [(a.promo_id, a.saving.fen) for a in result.lines[0].applied] == [
        ("P8", 6_000),
        ("T", 2_500),
    ]
    assert result.total == Money(21_500)


def test_a_tie_between_per_line_promotions_goes_to_rank() -> None:
    cart = [PromoLine(1, "TEA", "tea", Money(10_000), 1)]
    low = Promotion("A", "a", PromoKind.PERCENT_OFF, percent_bps=1_000)
    high = Promotion("Z", "z", PromoKind.AMOUNT_OFF, amount_fen=1_000, priority=5)
    assert price(cart, [low, high], NOON).lines[0].applied[0].promo_id == "Z"
    assert price(cart, [low, replace(high, priority=0)], NOON).lines[0].applied[0].promo_id == "A"


def test_two_thresholds_never_take_a_line_below_zero() -> None:
    cart = [PromoLine(1, "TEA", "tea", Money(100), 1)]
    a = Promotion("A", "满1减1", PromoKind.THRESHOLD, tiers=(Tier(100, 100),))
    b = Promotion("B", "满1减1", PromoKind.THRESHOLD, tiers=(Tier(100, 100),))
    result = price(cart, [a, b], NOON)
    assert result.total == Money(0)
    assert [(x.promo_id, x.saving.fen) for x in result.totals] == [("A", 100)]


def test_an_ineligible_promotion_is_not_used() -> None:
    cart = [PromoLine(1, "TEA", "tea", Money(10_000), 1)]
    member = Promotion("M", "会员", PromoKind.PERCENT_OFF, percent_bps=1_000, members_only=True)
    event = Promotion("E", "活动", PromoKind.SPECIAL_PRICE, price_fen=5_000, event_id="E9")
    assert price(cart, [member, event], NOON).total == Money(10_000)
    both = replace(NOON, member=True, event_id="E9")
    assert price(cart, [member, event], both).total == Money(5_000)


def test_the_book_indexes_skus_and_categories_together() -> None:
    cart = [
        PromoLine(1, "TEA", "tea", Money(10_000), 1),
        PromoLine(2, "OIL", "grain", Money(500), 1),
    ]
    both = Promotion(
        "S",
        "茶",
        PromoKind.PERCENT_OFF,
        percent_bps=1_000,
        scope=Scope(categories=frozenset({"tea"}), skus=frozenset({"TEA", "OIL"})),
    )
    result = price(cart, PromoBook([both]), NOON)
    assert result.nets() == {1: Money(9_000), 2: Money(450)}


def test_a_tied_remainder_goes_by_what_the_line_is_not_when_it_was_scanned() -> None:
    one_fen = Promotion("T1", "满2减0.01", PromoKind.THRESHOLD, tiers=(Tier(200, 1),))
    tea = PromoLine(1, "TEA", "tea", Money(100), 1)
    rice = PromoLine(2, "RICE", "grain", Money(100), 1)
    for cart in ([tea, rice], [replace(rice, line_no=1), replace(tea, line_no=2)]):
        result = price(cart, [one_fen], NOON)
        by_sku = {ln.sku: result.nets()[ln.line_no].fen for ln in cart}
        # equal remainders: the 分 goes to the first line in key order (RICE < TEA)
        assert by_sku == {"RICE": 99, "TEA": 100}


def test_one_book_follows_each_sale_s_member_event_and_minute() -> None:
    cart = [PromoLine(1, "TEA", "tea", Money(10_000), 1)]
    member = Promotion("M", "会员", PromoKind.PERCENT_OFF, percent_bps=1_000, members_only=True)
    lunch = Promotion(
        "L",
        "午市",
        PromoKind.AMOUNT_OFF,
        amount_fen=500,
        window=Window(start_minute=12 * 60, end_minute=12 * 60 + 1),
    )
    book = PromoBook([member, lunch])
    noon = NOON.moment  # 12:00 in Shanghai
    seen = [
        price(cart, book, PromoContext(noon, member=True)).total.fen,
        price(cart, book, PromoContext(noon, member=False)).total.fen,
        price(cart, book, PromoContext(noon + timedelta(seconds=59), member=False)).total.fen,
        price(cart, book, PromoContext(noon + timedelta(minutes=1), member=False)).total.fen,
        price(cart, book, PromoContext(noon + timedelta(minutes=1), member=True)).total.fen,
    ]
    assert seen == [9_000, 9_500, 9_500, 10_000, 9_000]


def test_a_repeated_id_and_an_empty_line_are_refused() -> None:
    with pytest.raises(PosError) as info:
        PromoBook([TIERS, replace(TIERS, name="again")])
    assert info.value.params == {"field": "id"}
    for quantity in (0, -1, True):
        with pytest.raises(PosError) as info:
            PromoLine(1, "TEA", "tea", Money(100), quantity)
        assert info.value.code is ErrorCode.QUANTITY_INVALID
