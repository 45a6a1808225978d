"""Returns of a promoted sale and its points: everything back is exactly what was
paid (in one step or several), a refund is never negative nor more than the
returned goods' share, the customer gives back exactly the promotions they lose,
and points follow the nets by the contract's formula."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.core.catalog import Unit
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.points import Contract
from pos_app.core.promo_engine import price
from pos_app.core.promo_refund import (
    Held,
    eligible_paid,
    held_after_sale,
    plan_promo_refund,
    sale_points,
)
from pos_app.core.promotions import PromoContext, PromoKind, PromoLine, Promotion, Tier
from tests.unit.core.promo_strategies import contexts, lines, promotion_sets

CONTRACT = Contract("C001", datetime(2026, 1, 1, tzinfo=UTC), 1000, 3000)
NOON = PromoContext(datetime(2026, 3, 4, 4, 0, tzinfo=UTC))
TIERS = Promotion(
    "T",
    "满100减10 满200减25",
    PromoKind.THRESHOLD,
    tiers=(Tier(10_000, 1_000), Tier(20_000, 2_500)),
)


@st.composite
def returns(
    draw: st.DrawFn,
) -> tuple[list[PromoLine], list[Promotion], PromoContext, list[dict[int, int]]]:
    """A sale and a sequence of returns that ends with nothing kept."""
    cart = draw(lines())
    holding = {ln.line_no: ln.quantity for ln in cart}
    steps = []
    while any(holding.values()):
        keep = {}
        for line in cart:
            have = holding[line.line_no]
            if have and draw(st.booleans()):
                keep[line.line_no] = 0 if not line.counted else draw(st.integers(0, have - 1))
        if not keep or draw(st.integers(0, 3)) == 0:
            keep = dict.fromkeys(holding, 0)  # the last step takes the rest
        holding.update(keep)
        steps.append(keep)
    return cart, draw(promotion_sets()), draw(contexts()), steps


@settings(deadline=None)  # no timing in tests: the machine is shared
@given(returns())
def test_returning_everything_gives_back_exactly_what_was_paid(
    case: tuple[list[PromoLine], list[Promotion], PromoContext, list[dict[int, int]]],
) -> None:
    cart, promos, context, steps = case
    sale = price(cart, promos, context)
    held = held_after_sale(cart, sale)
    back = 0
    holding = {ln.line_no: ln.quantity for ln in cart}
    for keep in steps:
        holding.update(keep)
        before = held
        plan = plan_promo_refund(cart, held, keep, promos, context, CONTRACT)
        paid_before = sum(h.net.fen for h in before.values() if h.quantity)
        assert plan.total.fen >= 0
        assert sum(r.refund.fen for r in plan.lines) == plan.total.fen
        for returned in plan.lines:
            had = before[returned.line_no]
            # never more than the returned goods' share of what their line paid
            assert returned.refund.fen <= had.net.fen * returned.quantity // had.quantity
        held = plan.held_after
        assert {n: h.quantity for n, h in held.items()} == {n: q for n, q in holding.items() if q}
        assert sum(h.net.fen for h in held.values()) == paid_before - plan.total.fen
        assert all(h.net.fen >= 0 for h in held.values())
        # points follow the nets: the clawback is the difference of the formula on them
        assert plan.points_clawback == (
            plan.eligible_before.fen * 3 // 100 - plan.eligible_after.fen * 3 // 100
        )
        back += plan.total.fen
    assert back == sale.total.fen
    assert held == {}


@settings(deadline=None)  # no timing in tests: the machine is shared
@given(lines(), promotion_sets(), contexts())
def test_points_are_the_contract_formula_on_the_eligible_nets(
    cart: list[PromoLine], promos: list[Promotion], context: PromoContext
) -> None:
    sale = price(cart, promos, context)
    eligible = sum(
        ln.net.fen
        for ln, c in zip(sale.lines, sorted(cart, key=lambda x: x.line_no), strict=True)
        if c.points_eligible
    )
    assert sale_points(cart, sale, CONTRACT) == eligible * 1000 * 3000 // 100_000_000
    assert eligible_paid(cart, sale.nets()) == Money(eligible)


def test_returning_the_half_that_made_the_tier_costs_the_tier() -> None:
    cart = [
        PromoLine(1, "TEA", "tea", Money(15_000), 1),
        PromoLine(2, "RICE", "grain", Money(6_000), 1),
    ]
    sale = price(cart, [TIERS], NOON)
    plan = plan_promo_refund(cart, held_after_sale(cart, sale), {2: 0}, [TIERS], NOON, CONTRACT)
    # paid 185.00; the tea alone now costs 150 − 10 = 140: 45.00 back, not the 52.86 the rice paid
    assert plan.total == Money(4_500)
    assert plan.held_after == {1: Held(1, Money(14_000))}
    assert (plan.eligible_before, plan.eligible_after) == (Money(18_500), Money(14_000))
    assert plan.points_clawback == 555 - 420


def test_a_return_never_costs_the_customer() -> None:
    # the pair cost ¥40; the rice alone costs ¥50, more than all that was paid:
    # nothing back, and the rice now counts as the whole ¥40
    bundle = Promotion(
        "K", "套餐", PromoKind.BUNDLE, bundle=(("OIL", 1), ("RICE", 1)), price_fen=4000
    )
    cart = [
        PromoLine(1, "RICE", "grain", Money(5_000), 1),
        PromoLine(2, "OIL", "grain", Money(4_000), 1),
    ]
    sale = price(cart, [bundle], NOON)
    plan = plan_promo_refund(cart, held_after_sale(cart, sale), {2: 0}, [bundle], NOON)
    assert plan.total == Money(0)
    assert plan.held_after == {1: Held(1, Money(4_000))}


def test_quantities_are_checked() -> None:
    cart = [
        PromoLine(1, "TEA", "tea", Money(1_000), 3),
        PromoLine(2, "PORK", "fresh", Money(3_000), 500, Unit.KG),
    ]
    held = held_after_sale(cart, price(cart, [], NOON))
    for keep, code in (
        ({1: 4}, ErrorCode.REFUND_QUANTITY_INVALID),
        ({1: -1}, ErrorCode.REFUND_QUANTITY_INVALID),
        ({1: True}, ErrorCode.REFUND_QUANTITY_INVALID),
        ({2: 200}, ErrorCode.REFUND_QUANTITY_INVALID),  # a weighed line goes back whole
        ({9: 0}, ErrorCode.LINE_NOT_FOUND),
        ({1: 3}, ErrorCode.REFUND_NOTHING_SELECTED),
        ({}, ErrorCode.REFUND_NOTHING_SELECTED),
    ):
        with pytest.raises(PosError) as info:
            plan_promo_refund(cart, held, keep, [], NOON)
        assert info.value.code is code
    plan = plan_promo_refund(cart, held, {1: 1, 2: 0}, [], NOON)
    assert [(r.line_no, r.quantity, r.refund.fen) for r in plan.lines] == [
        (1, 2, 2_000),
        (2, 500, 1_500),
    ]


def test_a_refund_is_capped_at_the_returned_goods_share() -> None:
    # 第二件半价, dearest first: 30 | 20 half price | 20 waiting; the two necks paid ¥30
    half = Promotion("N", "第二件半价", PromoKind.NTH_PERCENT, nth=2, percent_bps=5000)
    cart = [
        PromoLine(1, "DUCK", "deli", Money(3_000), 1),
        PromoLine(2, "NECK", "deli", Money(2_000), 2),
    ]
    sale = price(cart, [half], NOON)
    assert sale.nets() == {1: Money(3_000), 2: Money(3_000)}
    plan = plan_promo_refund(cart, held_after_sale(cart, sale), {2: 1}, [half], NOON)
    # kept now cost ¥40 (¥20 less than paid), but one neck paid only ¥15 of its line's ¥30
    assert plan.total == Money(1_500)
    assert plan.held_after == {1: Held(1, Money(3_000)), 2: Held(1, Money(1_500))}
