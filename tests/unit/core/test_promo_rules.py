"""Each kind's saving on its own lines, in 分: half-up percentages, amounts and
special prices per piece or per kg, groups cut dearest first, bundles spread by
largest remainder, tiers chosen at the exact 分."""

from __future__ import annotations

import pytest

from pos_app.core.catalog import Unit
from pos_app.core.money import Money
from pos_app.core.promo_rules import group_savings, line_saving, percent_of, threshold_tier
from pos_app.core.promotions import PromoKind, PromoLine, Promotion, Tier

PORK = PromoLine(1, "PORK", "fresh", Money(3_000), 1_234, Unit.KG)  # ¥37.02
LABEL = PromoLine(2, "PORK", "fresh", Money(3_000), 1_234, Unit.KG, fixed_amount=Money(3_702))


@pytest.mark.parametrize(
    ("fen", "bps", "saved"),
    [(5, 1_000, 1), (4, 1_000, 0), (15, 1_000, 2), (10_000, 2_000, 2_000), (1, 10_000, 1)],
)
def test_percentages_round_half_up(fen: int, bps: int, saved: int) -> None:
    assert percent_of(fen, bps) == saved


def test_per_line_kinds_on_weighed_lines_and_labels() -> None:
    off = Promotion("A", "每斤减", PromoKind.AMOUNT_OFF, amount_fen=1_000)
    special = Promotion("S", "特价", PromoKind.SPECIAL_PRICE, price_fen=2_000)
    pct = Promotion("P", "7折", PromoKind.PERCENT_OFF, percent_bps=3_000)
    assert line_saving(off, PORK) == 1_234  # ¥10/kg × 1.234 kg
    assert line_saving(special, PORK) == 3_702 - 2_468
    assert line_saving(pct, PORK) == 1_111  # 1110.6 rounds up
    # a scale label's amount: only a percentage applies
    assert (line_saving(off, LABEL), line_saving(special, LABEL)) == (0, 0)
    assert line_saving(pct, LABEL) == 1_111


def test_amount_off_never_below_zero_and_a_dearer_special_price_saves_nothing() -> None:
    cheap = PromoLine(1, "X", "x", Money(300), 2)
    assert line_saving(Promotion("A", "a", PromoKind.AMOUNT_OFF, amount_fen=500), cheap) == 600
    assert line_saving(Promotion("S", "s", PromoKind.SPECIAL_PRICE, price_fen=400), cheap) == 0


def test_groups_are_cut_dearest_first_across_lines() -> None:
    b21 = Promotion("B", "买二送一", PromoKind.BUY_N_GET_M, buy=2, get=1)
    lines = [
        PromoLine(1, "W2", "water", Money(200), 2),
        PromoLine(2, "W1", "water", Money(300), 2),
        PromoLine(3, "W3", "water", Money(100), 3),
        PORK,  # weighed: never in a group
    ]
    # 3 3 2 | 2 1 1 | 1: the 2 and the 1 of the full groups are free, the last 1 waits
    assert group_savings(b21, lines) == {2: 0, 1: 200, 3: 100}
    assert group_savings(b21, lines[:1]) == {}


def test_a_bundle_spreads_its_saving_by_largest_remainder() -> None:
    bundle = Promotion(
        "K", "套餐", PromoKind.BUNDLE, bundle=(("OIL", 1), ("RICE", 1)), price_fen=8_000
    )
    lines = [
        PromoLine(1, "RICE", "grain", Money(5_000), 3),
        PromoLine(2, "OIL", "grain", Money(4_000), 1),
    ]
    assert group_savings(bundle, lines) == {1: 556, 2: 444}
    dear = Promotion(
        "K", "套餐", PromoKind.BUNDLE, bundle=(("OIL", 1), ("RICE", 1)), price_fen=9_500
    )
    assert group_savings(dear, lines) == {1: 0, 2: 0}  # dearer than the shelf: no saving


def test_the_tier_reached_and_the_next() -> None:
    promo = Promotion(
        "T", "t", PromoKind.THRESHOLD, tiers=(Tier(10_000, 1_000), Tier(20_000, 2_500))
    )
    assert threshold_tier(promo, 9_999) == (0, 0)
    assert threshold_tier(promo, 10_000) == (1_000, 1)
    assert threshold_tier(promo, 19_999) == (1_000, 1)
    assert threshold_tier(promo, 20_000) == (2_500, None)
