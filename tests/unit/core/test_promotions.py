"""The promotion model: windows in showroom time, who may have a promotion, the
fields each kind must (and must not) carry, and lines priced as the cart does."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from pos_app.core.cart_line import CartLine
from pos_app.core.catalog import Unit
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.promotions import (
    PromoContext,
    PromoKind,
    PromoLine,
    Promotion,
    Scope,
    Tier,
    Window,
)

WEDNESDAY_MEMBER_DAY = Window(weekdays=frozenset({3}), start_minute=9 * 60, end_minute=21 * 60)


@pytest.mark.parametrize(
    ("utc", "inside"),
    [
        # 2026-03-04 is a Wednesday in Shanghai from 2026-03-03 16:00 UTC
        (datetime(2026, 3, 4, 0, 59, tzinfo=UTC), False),  # 08:59 Shanghai
        (datetime(2026, 3, 4, 1, 0, tzinfo=UTC), True),  # 09:00
        (datetime(2026, 3, 4, 12, 59, tzinfo=UTC), True),  # 20:59
        (datetime(2026, 3, 4, 13, 0, tzinfo=UTC), False),  # 21:00: the end is excluded
        (datetime(2026, 3, 3, 17, 0, tzinfo=UTC), False),  # Wednesday 01:00, before hours
        (datetime(2026, 3, 5, 1, 0, tzinfo=UTC), False),  # Thursday
    ],
)
def test_a_window_is_read_in_showroom_time(utc: datetime, inside: bool) -> None:
    assert WEDNESDAY_MEMBER_DAY.contains(utc) is inside


def test_dates_are_inclusive_in_showroom_time() -> None:
    window = Window(start_date=date(2026, 3, 1), end_date=date(2026, 3, 7))
    assert window.contains(datetime(2026, 2, 28, 16, 0, tzinfo=UTC))  # 03-01 00:00 Shanghai
    assert not window.contains(datetime(2026, 2, 28, 15, 59, tzinfo=UTC))
    assert window.contains(datetime(2026, 3, 7, 15, 59, tzinfo=UTC))  # 03-07 23:59
    assert not window.contains(datetime(2026, 3, 7, 16, 0, tzinfo=UTC))


def test_a_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError):
        PromoContext(datetime(2026, 3, 4, 10, 0))
    with pytest.raises(ValueError):
        Window().contains(datetime(2026, 3, 4, 10, 0))


@pytest.mark.parametrize(
    ("members_only", "event_id", "member", "at_event", "eligible"),
    [
        (False, None, False, None, True),
        (True, None, False, None, False),
        (True, None, True, None, True),
        (False, "E1", True, None, False),
        (False, "E1", False, "E2", False),
        (False, "E1", False, "E1", True),
    ],
)
def test_who_may_have_a_promotion(
    members_only: bool, event_id: str | None, member: bool, at_event: str | None, eligible: bool
) -> None:
    promo = Promotion(
        "P",
        "p",
        PromoKind.PERCENT_OFF,
        percent_bps=1000,
        members_only=members_only,
        event_id=event_id,
    )
    context = PromoContext(datetime(2026, 3, 4, tzinfo=UTC), member=member, event_id=at_event)
    assert promo.eligible(context) is eligible


def _field(**kwargs: object) -> str:
    base: dict[str, object] = {"promo_id": "P", "name": "p", "kind": PromoKind.PERCENT_OFF}
    base.update(kwargs)
    if "percent_bps" not in kwargs and base["kind"] is PromoKind.PERCENT_OFF:
        base["percent_bps"] = 1000
    with pytest.raises(PosError) as info:
        Promotion(**base)  # type: ignore[arg-type]
    assert info.value.code is ErrorCode.PROMO_INVALID
    return str(info.value.params["field"])


def test_every_bad_field_is_named() -> None:
    assert _field(promo_id="") == "id"
    assert _field(promo_id="x" * 65) == "id"
    assert _field(name=" ") == "name"
    assert _field(priority=1001) == "priority"
    assert _field(budget_fen=-1) == "budget_fen"
    assert _field(event_id="") == "event_id"
    assert _field(percent_bps=0) == "percent_bps"
    assert _field(percent_bps=10_001) == "percent_bps"
    assert _field(amount_fen=5) == "amount_fen"  # a parameter of another kind
    assert _field(kind=PromoKind.AMOUNT_OFF, percent_bps=0) == "amount_fen"
    assert _field(kind=PromoKind.BUY_N_GET_M, percent_bps=0, buy=0, get=1) == "buy"
    assert _field(kind=PromoKind.BUY_N_GET_M, percent_bps=0, buy=2, get=0) == "get"
    assert _field(kind=PromoKind.NTH_PERCENT, nth=1, percent_bps=5000) == "nth"
    bundle = {"kind": PromoKind.BUNDLE, "percent_bps": 0, "price_fen": 100}
    assert _field(**bundle, bundle=()) == "bundle"
    assert _field(**bundle, bundle=(("B", 1), ("A", 1))) == "bundle"  # not sorted
    assert _field(**bundle, bundle=(("A", 1), ("A", 2))) == "bundle"
    assert _field(**bundle, bundle=(("A", 0),)) == "bundle"
    assert _field(**bundle, bundle=(("A", 1),), scope=Scope(skus=frozenset({"A"}))) == "scope"
    tiers = {"kind": PromoKind.THRESHOLD, "percent_bps": 0}
    assert _field(**tiers, tiers=()) == "tiers"
    assert _field(**tiers, tiers=(Tier(200, 20), Tier(100, 10))) == "tiers"  # not rising
    assert _field(**tiers, tiers=(Tier(100, 20), Tier(200, 10))) == "tiers"  # worth less
    assert _field(**tiers, tiers=(Tier(100, 101),)) == "tiers"  # more off than spent


def test_window_fields_are_checked() -> None:
    for kwargs, name in (
        ({"start_date": date(2026, 3, 2), "end_date": date(2026, 3, 1)}, "end_date"),
        ({"weekdays": frozenset({0})}, "weekdays"),
        ({"start_minute": 600, "end_minute": 600}, "hours"),
        ({"end_minute": 24 * 60 + 1}, "hours"),
    ):
        with pytest.raises(PosError) as info:
            Window(**kwargs)  # type: ignore[arg-type]
        assert info.value.params == {"field": name}


def test_a_line_prices_as_the_cart_line_does() -> None:
    weighed = CartLine(1, 7, "PORK", "猪肉", "fresh", True, Unit.KG, Money(3_333), 1_234)
    label = replace(weighed, fixed_amount=Money(4_567))
    for cart_line in (weighed, label):
        line = PromoLine(
            cart_line.line_no,
            cart_line.sku,
            cart_line.category,
            cart_line.unit_price,
            cart_line.quantity,
            cart_line.unit,
            fixed_amount=cart_line.fixed_amount,
        )
        assert line.gross == cart_line.gross
    assert PromoLine(1, "A", "a", Money(250), 3).gross == Money(750)
    assert not PromoLine(1, "A", "a", Money(250), 3, Unit.KG).counted
    assert not PromoLine(1, "A", "a", Money(250), 3, fixed_amount=Money(9)).counted


def test_a_bundle_covers_its_components_only() -> None:
    promo = Promotion(
        "K", "套餐", PromoKind.BUNDLE, bundle=(("OIL", 1), ("RICE", 1)), price_fen=8000
    )
    assert promo.covers(PromoLine(1, "RICE", "grain", Money(1), 1))
    assert not promo.covers(PromoLine(1, "FLOUR", "grain", Money(1), 1))
