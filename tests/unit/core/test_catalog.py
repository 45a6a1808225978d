"""Products and categories: units, member prices, equality."""

from __future__ import annotations

import dataclasses

import pytest

from pos_app.core.catalog import MAX_UNIT_PRICE_FEN, Category, Product, Unit
from pos_app.core.money import Money


def product(**changes: object) -> Product:
    base = Product(sku="RICE-5KG", name="五常大米 5kg", category="grain", price=Money(8800))
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_defaults() -> None:
    p = product()
    assert p.unit is Unit.PIECE
    assert p.unit_label == "件"
    assert p.member_price is None
    assert p.barcodes == ()
    assert p.plu is None
    assert p.points_eligible is True
    assert p.active is True
    assert p.id is None
    assert not p.weighed


def test_category_defaults_to_points_eligible() -> None:
    assert Category("tea", "茶叶").points_eligible is True
    assert Category("lottery", "彩票", False).points_eligible is False


def test_kg_unit_is_weighed() -> None:
    assert product(unit=Unit.KG).weighed
    assert Unit("kg") is Unit.KG
    assert Unit("piece") is Unit.PIECE


def test_unit_price_without_member_pricing_is_the_price() -> None:
    p = product(member_price=Money(7900))
    assert p.unit_price(member=False) == Money(8800)


def test_member_price_applies_to_members() -> None:
    p = product(member_price=Money(7900))
    assert p.unit_price(member=True) == Money(7900)


@pytest.mark.parametrize("member_price", [None, Money(8800), Money(9900)])
def test_member_price_never_raises_the_price(member_price: Money | None) -> None:
    p = product(member_price=member_price)
    assert p.unit_price(member=True) == Money(8800)


def test_zero_member_price_is_honoured() -> None:
    # a member giveaway (e.g. a tasting sample) is lower than the price
    assert product(member_price=Money(0)).unit_price(member=True) == Money(0)


def test_database_id_is_not_part_of_equality() -> None:
    assert product(id=1) == product(id=2)
    assert product(id=1) != product(id=1, price=Money(8801))


def test_products_are_frozen() -> None:
    p = product()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.price = Money(1)  # type: ignore[misc]


def test_unit_price_ceiling_is_below_money_ceiling() -> None:
    assert MAX_UNIT_PRICE_FEN == 9_999_999
    assert Money(MAX_UNIT_PRICE_FEN).format() == "¥99,999.99"
