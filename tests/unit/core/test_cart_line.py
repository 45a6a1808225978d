"""One cart line: how it prices itself, what it counts, how it serializes, and the
quantity limits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.cart_line import (
    MAX_GRAMS,
    MAX_PIECES,
    CartLine,
    check_grams,
    check_pieces,
)
from pos_app.core.catalog import Unit
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money


def line(**changes: object) -> CartLine:
    values: dict[str, object] = {
        "line_no": 1,
        "product_id": 7,
        "sku": "T-1",
        "name": "来凤藤茶",
        "category": "tea",
        "points_eligible": True,
        "unit": Unit.PIECE,
        "unit_price": Money(6800),
        "quantity": 3,
    }
    values.update(changes)
    return CartLine(**values)  # type: ignore[arg-type]


def test_a_counted_line_charges_price_times_pieces_less_its_discount() -> None:
    counted = line(discount=Money(400))
    assert (counted.gross, counted.amount, counted.pieces) == (Money(20400), Money(20000), 3)
    assert not counted.weighed


def test_a_weighed_line_charges_per_kilogram_to_the_fen_and_counts_once() -> None:
    duck = line(unit=Unit.KG, unit_price=Money(5800), quantity=333)
    assert duck.gross == Money(1931)  # 58.00 × 0.333 = 19.314
    assert (duck.weighed, duck.pieces) == (True, 1)


def test_a_scale_label_charges_its_own_amount() -> None:
    labelled = line(unit=Unit.KG, unit_price=Money(5800), quantity=400, fixed_amount=Money(2320))
    assert (labelled.gross, labelled.pieces) == (Money(2320), 1)


def test_the_member_price_applies_only_with_a_member() -> None:
    offered = line(list_price=Money(6800), member_price=Money(6250))
    assert offered.price_for(member=True) == Money(6250)
    assert offered.price_for(member=False) == Money(6800)
    recorded = line()  # read back from a sale: its own price either way
    assert recorded.price_for(member=True) == recorded.price_for(member=False) == Money(6800)


def test_a_line_round_trips_through_its_dict() -> None:
    original = line(barcode="6901234567892", fixed_amount=None, discount=Money(5), voided=True)
    data = original.to_dict()
    assert data["unit"] == "piece" and data["unit_price"] == 6800 and data["voided"] is True
    assert CartLine.from_dict(data) == original


@given(st.integers(min_value=-5, max_value=MAX_PIECES + 5))
def test_pieces_are_one_to_the_maximum(quantity: int) -> None:
    if 1 <= quantity <= MAX_PIECES:
        assert check_pieces(quantity) == quantity
    else:
        with pytest.raises(PosError) as err:
            check_pieces(quantity)
        assert err.value.code is ErrorCode.QUANTITY_INVALID


@pytest.mark.parametrize("grams", [0, -1, MAX_GRAMS + 1, True, 1.5])
def test_grams_outside_the_scale_field_are_refused(grams: object) -> None:
    with pytest.raises(PosError) as err:
        check_grams(grams)  # type: ignore[arg-type]
    assert err.value.code is ErrorCode.QUANTITY_INVALID
    assert check_grams(MAX_GRAMS) == MAX_GRAMS
