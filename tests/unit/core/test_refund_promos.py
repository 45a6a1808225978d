"""Returns of a promoted sale: what the customer keeps is re-priced with the
sale's own promotions; every line back returns exactly what was paid; one
bottle of a 买二送一 brings back only what is no longer earned; a cashier's
discounted line goes back by its own amount; the points follow the nets."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.points import Contract, points_for
from pos_app.core.promo_codec import promotion_from_dict
from pos_app.core.promo_engine import price
from pos_app.core.promotions import PromoContext, PromoLine
from pos_app.core.refund import SoldLine
from pos_app.core.refund_promos import PromotedSale, plan_promoted_refund

MOMENT = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)
CONTRACT = Contract("C001", datetime(2026, 1, 1, tzinfo=UTC), share_bps=1000, points_bps=3000)
B21 = promotion_from_dict(
    {
        "id": "B21",
        "name": "饮用水买二送一",
        "kind": "buy_n_get_m",
        "buy": 2,
        "get": 1,
        "scope": {"categories": ["water"], "skus": []},
    }
)
T200 = promotion_from_dict(
    {
        "id": "T200",
        "name": "满100减10 满200减25",
        "kind": "threshold",
        "tiers": [{"min_fen": 10000, "off_fen": 1000}, {"min_fen": 20000, "off_fen": 2500}],
    }
)


def sale_of(
    lines: list[PromoLine], *promos: object, manual: dict[int, tuple[int, int]] | None = None
) -> tuple[list[SoldLine], PromotedSale]:
    """The sold lines (amounts as paid) and what a return re-prices with; `manual`
    adds lines a cashier discounted: line_no → (quantity, amount paid)."""
    context = PromoContext(MOMENT)
    result = price(lines, promos, context)  # type: ignore[arg-type]
    nets = result.nets()
    sold = [
        SoldLine(ln.line_no, ln.sku, ln.quantity, nets[ln.line_no], ln.points_eligible, False)
        for ln in lines
    ]
    for line_no, (qty, amount) in (manual or {}).items():
        sold.append(SoldLine(line_no, "manual", qty, Money(amount), True, False))
    used = tuple(p for p in promos if p.promo_id in {a.promo_id for a in result.totals})  # type: ignore[attr-defined]
    return sold, PromotedSale(tuple(lines), used, context)


def water(n: int) -> PromoLine:
    return PromoLine(1, "WATER", "water", Money(300), n)


def test_one_bottle_of_a_buy_two_get_one_back_returns_nothing() -> None:
    sold, promoted = sale_of([water(3)], B21)
    assert sold[0].amount == Money(600)
    plan = plan_promoted_refund(sold, {}, {1: 1}, promoted, contract=None, member=False)
    assert (plan.total, [ln.amount for ln in plan.lines]) == (Money(0), [Money(0)])
    # then the next two, one at a time: 3.00 each, all that was paid
    after_one = PromotedSale(promoted.lines, promoted.promotions, promoted.context, ({1: 1},))
    second = plan_promoted_refund(sold, {1: 1}, {1: 1}, after_one, contract=None, member=False)
    assert second.total == Money(300)
    after_two = PromotedSale(
        promoted.lines, promoted.promotions, promoted.context, ({1: 1}, {1: 1})
    )
    third = plan_promoted_refund(sold, {1: 2}, {1: 1}, after_two, contract=None, member=False)
    assert third.total == Money(300)


def test_every_line_back_returns_exactly_what_was_paid_with_a_discounted_line() -> None:
    tea = PromoLine(1, "TEA", "tea", Money(15000), 1)
    rice = PromoLine(2, "RICE", "grain", Money(6000), 1)
    sold, promoted = sale_of([tea, rice], T200, manual={3: (2, 1899)})
    plan = plan_promoted_refund(
        sold, {}, {1: 1, 2: 1, 3: 2}, promoted, contract=CONTRACT, member=True
    )
    assert [ln.amount for ln in plan.lines] == [Money(13214), Money(5286), Money(1899)]
    assert plan.total == Money(18500 + 1899)
    assert plan.points_clawback == points_for(Money(18500 + 1899), CONTRACT)
    assert plan.eligible == Money(20399)


def test_the_points_follow_the_nets_of_what_is_kept() -> None:
    tea = PromoLine(1, "TEA", "tea", Money(15000), 1)
    rice = PromoLine(2, "RICE", "grain", Money(6000), 1)
    sold, promoted = sale_of([tea, rice], T200)
    plan = plan_promoted_refund(sold, {}, {2: 1}, promoted, contract=CONTRACT, member=True)
    # the tea alone still reaches 满100减10: ¥140 kept, ¥45 back (docs, worked return 1)
    assert plan.total == Money(4500)
    assert plan.points_clawback == points_for(Money(18500), CONTRACT) - points_for(
        Money(14000), CONTRACT
    )
    assert plan.eligible == Money(4500)
    walk_in = plan_promoted_refund(sold, {}, {2: 1}, promoted, contract=CONTRACT, member=False)
    assert walk_in.points_clawback == 0


def test_more_than_is_left_is_refused() -> None:
    sold, promoted = sale_of([water(3)], B21)
    with pytest.raises(PosError) as err:
        plan_promoted_refund(sold, {1: 3}, {1: 1}, promoted, contract=None, member=False)
    assert err.value.code is ErrorCode.REFUND_QUANTITY_INVALID


@settings(deadline=None, max_examples=60)
@given(
    st.integers(1, 6),
    st.integers(1, 4),
    st.lists(st.integers(1, 3), min_size=1, max_size=6),
)
def test_returning_everything_in_steps_gives_back_exactly_what_was_paid(
    bottles: int, teas: int, steps: list[int]
) -> None:
    lines = [water(bottles), PromoLine(2, "TEA", "tea", Money(4999), teas)]
    sold, promoted = sale_of(lines, B21, T200)
    paid = sum(ln.amount.fen for ln in sold)
    already: dict[int, int] = {}
    history: list[dict[int, int]] = []
    back = 0
    i = 0
    while any(already.get(ln.line_no, 0) < ln.quantity for ln in sold):
        line = sold[i % 2]
        left = line.quantity - already.get(line.line_no, 0)
        i += 1
        if left == 0:
            continue
        qty = min(steps[i % len(steps)], left)
        now = PromotedSale(promoted.lines, promoted.promotions, promoted.context, tuple(history))
        plan = plan_promoted_refund(
            sold, already, {line.line_no: qty}, now, contract=None, member=False
        )
        assert plan.total.fen >= 0
        back += plan.total.fen
        already[line.line_no] = already.get(line.line_no, 0) + qty
        history.append({line.line_no: qty})
    assert back == paid
