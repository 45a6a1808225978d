"""One sale line against the catalog history, without a database: which price, unit,
label and discount the server accepts, and why the rest earns nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from pos_app.core.barcodes import ScaleCode, ScaleValue, with_check_digit
from pos_app.core.cart import Cart
from pos_app.core.catalog import Product, Unit
from pos_app.core.money import Money
from sync.protocol.codes import ItemFlag
from sync.protocol.payloads import SaleLine
from sync.server.catalog_history import Version
from sync.server.line_check import check_line, gross_fen, label_agrees

T = datetime(2026, 6, 10, 12, tzinfo=UTC)
CATEGORIES = {"deli": True, "tea": True, "lottery": False}
DUCK = [Version("D", T - timedelta(days=30), "deli", "kg", 5800, 5500, True)]
TEA = [
    Version("T", T - timedelta(days=30), "tea", "piece", 12800, 11800, True),
    Version("T", T - timedelta(days=2), "tea", "piece", 13800, None, True),
]


def line(**changes: Any) -> SaleLine:
    base: dict[str, Any] = {
        "line_no": 1, "product_id": 1, "sku": "T", "name": "茶", "category": "tea",
        "points_eligible": True, "unit": "piece", "unit_price": 13800, "quantity": 1,
        "barcode": None, "fixed_amount": None, "discount": 0, "voided": False,
    }  # fmt: skip
    return SaleLine.model_validate({**base, **changes})


def verdict(ln: SaleLine, versions: list[Version], *, grace_days: float = 7, member: bool = False):  # type: ignore[no-untyped-def]
    return check_line(ln, versions, when=T, grace=timedelta(days=grace_days), member=member,
                      categories=CATEGORIES)  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "member", "flags"),
    [
        ({}, False, ()),
        ({"unit_price": 12800}, False, ()),  # the price before the rise, within the grace
        ({"unit_price": 11800}, False, (ItemFlag.PRICE_UNEXPLAINED,)),  # member price, no member
        ({"unit_price": 11800}, True, ()),
        ({"unit_price": 13799}, True, (ItemFlag.PRICE_UNEXPLAINED,)),
        ({"unit": "kg"}, False, (ItemFlag.UNIT_MISMATCH,)),
        ({"discount": 13800}, False, ()),  # a discount up to the gross
        ({"discount": 13801}, False, (ItemFlag.DISCOUNT_INVALID,)),
        ({"category": "lottery", "points_eligible": True}, False, ()),  # the label is ignored
    ],
)
def test_prices_units_and_discounts(changes: dict[str, Any], member: bool, flags: tuple) -> None:  # type: ignore[type-arg]
    result = verdict(line(**changes), TEA, member=member)
    assert result.flags == flags
    assert result.category == "tea" and result.eligible is (not flags)


def test_the_grace_bounds_how_old_a_price_may_be() -> None:
    assert verdict(line(unit_price=12800), TEA, grace_days=1).flags == (ItemFlag.PRICE_UNEXPLAINED,)


def test_unknown_skus_and_categories_and_the_servers_eligibility() -> None:
    assert verdict(line(), []).flags == (ItemFlag.UNKNOWN_SKU,)
    later = [Version("T", T + timedelta(days=1), "tea", "piece", 13800, None, True)]
    assert verdict(line(), later).flags == (ItemFlag.UNKNOWN_SKU,)  # not sold yet at T
    odd = [Version("T", T - timedelta(days=1), "mystery", "piece", 13800, None, True)]
    result = verdict(line(), odd)
    assert (result.flags, result.eligible) == ((ItemFlag.UNKNOWN_CATEGORY,), False)
    lottery = [Version("T", T - timedelta(days=1), "lottery", "piece", 13800, None, True)]
    result = verdict(line(category="tea"), lottery)
    assert (result.flags, result.category, result.eligible) == ((), "lottery", False)
    assert verdict(line(points_eligible=False), TEA).eligible is False  # the till may give less


def _scale_line(price_fen: int, amount_fen: int) -> SaleLine:
    """A price-embedded label rung up by the real cart, as the till records it."""
    product = Product("D", "鸭脖", "deli", Money(price_fen), unit=Unit.KG, plu="10001", id=1)
    code = with_check_digit(f"20{10001:05d}{amount_fen:05d}")
    label = ScaleCode(plu="10001", value=ScaleValue.PRICE, amount=amount_fen, raw=code)
    return SaleLine.model_validate(Cart().add_scale_label(product, label).to_dict())


@pytest.mark.parametrize("amount", [1, 2, 3, 29, 2900, 7157, 12345, 99999])
def test_every_label_the_till_rings_up_agrees_with_its_price(amount: int) -> None:
    ln = _scale_line(5800, amount)
    assert label_agrees(ln) and verdict(ln, DUCK).flags == ()
    assert gross_fen(ln) == amount


def test_a_label_that_does_not_fit_its_weight_or_price_is_unexplained() -> None:
    ok = line(sku="D", unit="kg", unit_price=5800, quantity=500, fixed_amount=2900)
    assert label_agrees(ok)
    for amount, grams in ((2930, 500), (2870, 500), (4000, 500), (10, 1000)):
        wrong = line(sku="D", unit="kg", unit_price=5800, quantity=grams, fixed_amount=amount)
        assert verdict(wrong, DUCK).flags == (ItemFlag.PRICE_UNEXPLAINED,), (amount, grams)
    # within half a gram's worth either way: 500 g ± 0.5 g at ¥58/kg = 2,900 ± 2.9 fen
    assert label_agrees(line(unit="kg", unit_price=5800, quantity=500, fixed_amount=2902))
    assert not label_agrees(line(unit="kg", unit_price=0, quantity=1, fixed_amount=100))
    # a counted product's label must carry its price
    assert verdict(line(fixed_amount=13800), TEA).flags == ()
    assert verdict(line(fixed_amount=9900), TEA).flags == (ItemFlag.PRICE_UNEXPLAINED,)


def test_gross_rounds_a_weighed_line_half_up_as_the_till() -> None:
    ln = line(unit="kg", unit_price=5800, quantity=1234)  # 7,157.2 fen
    assert gross_fen(ln) == 7157
    assert gross_fen(line(unit="kg", unit_price=3, quantity=500)) == 2  # 1.5 → 2
