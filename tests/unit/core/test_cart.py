"""The cart: merging scans, bounds, weighed goods, voids, discounts, totals, the
resident and member prices, persistence."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_app.core.barcodes import ScaleCode, ScaleValue
from pos_app.core.cart import MAX_GRAMS, MAX_LINES, MAX_PIECES, Cart, CartLine
from pos_app.core.catalog import MAX_UNIT_PRICE_FEN, Product, Unit
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.member import Member
from pos_app.core.money import MAX_FEN, Money

WATER = Product(
    sku="WATER-550",
    name="硒泉水 550ml",
    category="drinks",
    price=Money(300),
    member_price=Money(250),
    barcodes=("6901234567892",),
    id=1,
)
TEA = Product(sku="TEA-YL", name="恩施玉露", category="tea", price=Money(12800), id=2)
LOTTERY = Product(
    sku="LOT-2", name="体彩 2元", category="lottery", price=Money(200), points_eligible=False, id=3
)
PORK = Product(
    sku="PORK", name="猪肉", category="fresh", price=Money(3980), unit=Unit.KG, unit_label="kg",
    plu="10001", id=4,
)  # fmt: skip
CHEAP_KG = Product(sku="BEAN", name="黄豆", category="grain", price=Money(1250), unit=Unit.KG, id=5)
GOLD = Product(sku="GOLD", name="金条", category="gift", price=Money(MAX_UNIT_PRICE_FEN), id=6)
BIG = Product(sku="BIG", name="大件", category="gift", price=Money(999_999), id=7)
BIG2 = Product(sku="BIG2", name="大件二", category="gift", price=Money(999_999), id=8)
WATER_BOX = Product(
    sku="WATER-BOX", name="硒泉水 箱", category="drinks", price=Money(1000),
    member_price=Money(900), id=9,
)  # fmt: skip
RESIDENT = Member("R0001", "C001", "P001", "张*明", "nonce-1", 1_800_000_000, "YCM1.a.b")
OTHER = Member("R0002", "C001", "P001", "欧**平", "nonce-2", 1_800_000_000, "YCM1.c.d")


def code_of(call: Any) -> ErrorCode:
    with pytest.raises(PosError) as info:
        call()
    return info.value.code


def price_label(amount: int, plu: str = "10001") -> ScaleCode:
    return ScaleCode(plu=plu, value=ScaleValue.PRICE, amount=amount, raw=f"21{plu}{amount:05d}0")


def weight_label(grams: int, plu: str = "10001") -> ScaleCode:
    return ScaleCode(plu=plu, value=ScaleValue.WEIGHT, amount=grams, raw=f"22{plu}{grams:05d}0")


def check_invariant(cart: Cart) -> None:
    totals = cart.totals()
    active = [line for line in cart.lines if not line.voided]
    assert totals.total == totals.subtotal - totals.discount
    assert totals.total == sum((line.amount for line in active), Money(0))
    assert totals.subtotal == sum((line.gross for line in active), Money(0))
    assert totals.discount == sum((line.discount for line in active), Money(0))
    for line in cart.lines:
        assert Money(0) <= line.discount <= line.gross
    numbers = [line.line_no for line in cart.lines]
    assert numbers == sorted(set(numbers))
    assert all(n < cart.to_dict()["next_line"] for n in numbers)


# --- adding counted goods -----------------------------------------------------


def test_new_cart_is_empty() -> None:
    cart = Cart()
    assert cart.is_empty()
    assert len(cart) == 0
    totals = cart.totals()
    assert (totals.subtotal, totals.discount, totals.total, totals.item_count) == (
        Money(0),
        Money(0),
        Money(0),
        0,
    )


def test_add_product_creates_a_line_from_the_product() -> None:
    cart = Cart()
    line = cart.add_product(WATER, 2, barcode="6901234567892")
    assert line.line_no == 1
    assert (line.sku, line.name, line.category, line.product_id) == (
        "WATER-550",
        "硒泉水 550ml",
        "drinks",
        1,
    )
    assert line.unit_price == Money(300)
    assert line.quantity == 2
    assert line.barcode == "6901234567892"
    assert line.gross == Money(600)
    assert line.amount == Money(600)
    assert line.points_eligible is True
    assert cart.lines == (line,)
    assert not cart.is_empty()


def test_repeat_scan_merges_into_the_open_line() -> None:
    cart = Cart()
    cart.add_product(WATER)
    merged = cart.add_product(WATER, 3)
    assert len(cart) == 1
    assert merged.line_no == 1
    assert merged.quantity == 4
    assert cart.totals().total == Money(1200)
    assert cart.totals().item_count == 4


def test_different_products_get_their_own_lines() -> None:
    cart = Cart()
    cart.add_product(WATER)
    cart.add_product(TEA)
    cart.add_product(WATER)
    assert [(line.line_no, line.sku, line.quantity) for line in cart] == [
        (1, "WATER-550", 2),
        (2, "TEA-YL", 1),
    ]
    assert cart.totals().total == Money(600 + 12800)


def test_no_merge_into_a_discounted_line() -> None:
    cart = Cart()
    first = cart.add_product(WATER, 2)
    cart.set_discount(first.line_no, Money(100))
    second = cart.add_product(WATER)
    assert second.line_no == 2
    assert [line.quantity for line in cart] == [2, 1]
    assert cart.totals().total == Money(500 + 300)


def test_no_merge_into_a_voided_line() -> None:
    cart = Cart()
    first = cart.add_product(WATER)
    cart.void(first.line_no)
    second = cart.add_product(WATER)
    assert second.line_no == 2
    assert cart.lines[0].voided and cart.lines[0].quantity == 1
    assert not cart.lines[1].voided


def test_no_merge_into_a_price_label_line() -> None:
    cart = Cart()
    cart.add_scale_label(WATER, price_label(450))
    line = cart.add_product(WATER)
    assert line.line_no == 2
    assert cart.totals().total == Money(450 + 300)


@pytest.mark.parametrize("quantity", [0, -1, MAX_PIECES + 1, 10_000, True, False, 1.0, 2.5, "2"])
def test_add_product_refuses_bad_quantities(quantity: Any) -> None:
    cart = Cart()
    assert code_of(lambda: cart.add_product(WATER, quantity)) is ErrorCode.QUANTITY_INVALID
    assert len(cart) == 0


def test_quantity_bounds_are_inclusive() -> None:
    cart = Cart()
    assert cart.add_product(WATER, MAX_PIECES).quantity == 9_999
    assert cart.add_product(TEA, 1).quantity == 1


def test_merge_past_the_limit_is_refused_and_line_kept() -> None:
    cart = Cart()
    cart.add_product(WATER, MAX_PIECES)
    assert code_of(lambda: cart.add_product(WATER)) is ErrorCode.QUANTITY_INVALID
    assert [line.quantity for line in cart] == [MAX_PIECES]


def test_weighed_product_cannot_be_added_by_piece() -> None:
    cart = Cart()
    assert code_of(lambda: cart.add_product(PORK)) is ErrorCode.WEIGHED_NEEDS_LABEL
    assert len(cart) == 0


def test_line_numbers_are_never_reused() -> None:
    cart = Cart()
    a = cart.add_product(WATER)
    cart.void(a.line_no)
    b = cart.add_product(TEA)
    c = cart.add_weighed(PORK, 500)
    assert [a.line_no, b.line_no, c.line_no] == [1, 2, 3]


def test_line_count_limit() -> None:
    cart = Cart()
    for _ in range(MAX_LINES):
        cart.add_weighed(CHEAP_KG, 1)
    assert code_of(lambda: cart.add_weighed(CHEAP_KG, 1)) is ErrorCode.QUANTITY_INVALID
    assert len(cart) == MAX_LINES


# --- weighed goods and scale labels -------------------------------------------


def test_add_weighed_prices_per_kilogram() -> None:
    cart = Cart()
    line = cart.add_weighed(PORK, 333)  # 39.80 * 0.333 = 13.2534
    assert line.weighed
    assert line.quantity == 333
    assert line.unit_price == Money(3980)
    assert line.gross == Money(1325)
    assert cart.totals().item_count == 1


@pytest.mark.parametrize(
    ("grams", "fen"), [(2, 3), (1, 1), (3, 4), (1000, 1250), (4, 5), (400, 500)]
)
def test_weighed_amount_rounds_half_up(grams: int, fen: int) -> None:
    # ¥12.50/kg: 2 g = 2.5 fen -> 3; 1 g = 1.25 -> 1; 3 g = 3.75 -> 4
    assert Cart().add_weighed(CHEAP_KG, grams).gross == Money(fen)


def test_weighed_lines_never_merge() -> None:
    cart = Cart()
    cart.add_weighed(PORK, 500)
    cart.add_weighed(PORK, 500)
    assert len(cart) == 2
    assert cart.totals().item_count == 2
    assert cart.totals().total == Money(1990 * 2)


@pytest.mark.parametrize("grams", [0, -5, MAX_GRAMS + 1, True, 1.5])
def test_add_weighed_refuses_bad_weights(grams: Any) -> None:
    cart = Cart()
    assert code_of(lambda: cart.add_weighed(PORK, grams)) is ErrorCode.QUANTITY_INVALID
    assert len(cart) == 0


def test_add_weighed_refuses_counted_products() -> None:
    assert code_of(lambda: Cart().add_weighed(WATER, 500)) is ErrorCode.LINE_NOT_EDITABLE


def test_price_label_is_a_fixed_amount() -> None:
    cart = Cart()
    label = price_label(1250)
    line = cart.add_scale_label(PORK, label)
    assert line.fixed_amount == Money(1250)
    assert line.gross == Money(1250)
    assert line.barcode == label.raw
    # the weight the scale used, for the receipt: 12.50 / 39.80 per kg ≈ 314 g
    assert line.quantity == 314
    assert cart.totals().total == Money(1250)
    assert cart.totals().item_count == 1


def test_price_label_on_counted_product_is_one_piece() -> None:
    cart = Cart()
    line = cart.add_scale_label(TEA, price_label(9999))
    assert (line.quantity, line.gross) == (1, Money(9999))


def test_price_label_amount_must_be_positive() -> None:
    cart = Cart()
    assert code_of(lambda: cart.add_scale_label(PORK, price_label(0))) is ErrorCode.QUANTITY_INVALID
    assert len(cart) == 0


def test_weight_label_computes_price_per_kg_times_grams() -> None:
    cart = Cart()
    label = weight_label(750)
    line = cart.add_scale_label(PORK, label)
    assert line.fixed_amount is None
    assert line.quantity == 750
    assert line.gross == Money(2985)  # 39.80 * 0.75
    assert line.barcode == label.raw


def test_weight_label_rounds_half_up() -> None:
    assert Cart().add_scale_label(CHEAP_KG, weight_label(2)).gross == Money(3)


def test_weight_label_with_member_price() -> None:
    member_pork = Product(
        sku="P2", name="土猪肉", category="fresh", price=Money(5000), member_price=Money(4000),
        unit=Unit.KG,
    )  # fmt: skip
    cart = Cart(member=RESIDENT)
    assert cart.add_scale_label(member_pork, weight_label(500)).gross == Money(2000)


def test_weight_label_refuses_counted_products_and_bad_weights() -> None:
    cart = Cart()
    assert (
        code_of(lambda: cart.add_scale_label(WATER, weight_label(500)))
        is ErrorCode.LINE_NOT_EDITABLE
    )
    assert (
        code_of(lambda: cart.add_scale_label(PORK, weight_label(0))) is ErrorCode.QUANTITY_INVALID
    )
    assert len(cart) == 0


def test_scale_label_lines_never_merge() -> None:
    cart = Cart()
    cart.add_scale_label(PORK, price_label(1000))
    cart.add_scale_label(PORK, price_label(1000))
    assert len(cart) == 2


# --- changing lines -----------------------------------------------------------


def test_set_quantity() -> None:
    cart = Cart()
    line = cart.add_product(WATER)
    changed = cart.set_quantity(line.line_no, 5)
    assert changed.quantity == 5
    assert cart.totals().total == Money(1500)


@pytest.mark.parametrize("quantity", [0, -3, 10_000, True])
def test_set_quantity_bounds(quantity: Any) -> None:
    cart = Cart()
    line = cart.add_product(WATER, 2)
    assert code_of(lambda: cart.set_quantity(line.line_no, quantity)) is ErrorCode.QUANTITY_INVALID
    assert cart.lines[0].quantity == 2


def test_set_quantity_not_on_weighed_or_label_lines() -> None:
    cart = Cart()
    weighed = cart.add_weighed(PORK, 500)
    label = cart.add_scale_label(TEA, price_label(500))
    assert code_of(lambda: cart.set_quantity(weighed.line_no, 2)) is ErrorCode.LINE_NOT_EDITABLE
    assert code_of(lambda: cart.set_quantity(label.line_no, 2)) is ErrorCode.LINE_NOT_EDITABLE


def test_set_quantity_below_discount_refused() -> None:
    cart = Cart()
    line = cart.add_product(WATER, 3)
    cart.set_discount(line.line_no, Money(700))
    assert code_of(lambda: cart.set_quantity(line.line_no, 2)) is ErrorCode.DISCOUNT_INVALID
    assert cart.lines[0].quantity == 3
    assert cart.set_quantity(line.line_no, 4).amount == Money(500)


def test_unknown_line_numbers() -> None:
    cart = Cart()
    cart.add_product(WATER)
    for call in (
        lambda: cart.set_quantity(9, 1),
        lambda: cart.set_discount(9, Money(1)),
        lambda: cart.set_discount_percent(9, 10),
        lambda: cart.void(9),
    ):
        assert code_of(call) is ErrorCode.LINE_NOT_FOUND


# --- voids --------------------------------------------------------------------


def test_void_keeps_the_line_flagged_and_excludes_it_from_totals() -> None:
    cart = Cart()
    water = cart.add_product(WATER, 2)
    cart.add_product(TEA)
    voided = cart.void(water.line_no)
    assert voided.voided
    assert len(cart) == 2
    assert cart.lines[0].voided and cart.lines[0].quantity == 2
    assert [line.sku for line in cart.active_lines] == ["TEA-YL"]
    totals = cart.totals()
    assert totals.total == Money(12800)
    assert totals.subtotal == Money(12800)
    assert totals.item_count == 1


def test_voided_lines_cannot_be_changed_or_voided_again() -> None:
    cart = Cart()
    line = cart.add_product(WATER)
    cart.void(line.line_no)
    assert code_of(lambda: cart.void(line.line_no)) is ErrorCode.LINE_NOT_FOUND
    assert code_of(lambda: cart.set_quantity(line.line_no, 3)) is ErrorCode.LINE_NOT_FOUND
    assert code_of(lambda: cart.set_discount(line.line_no, Money(1))) is ErrorCode.LINE_NOT_FOUND


def test_cart_with_only_voided_lines_is_empty() -> None:
    cart = Cart()
    line = cart.add_product(WATER)
    cart.void(line.line_no)
    assert cart.is_empty()
    assert len(cart) == 1
    assert cart.totals().total == Money(0)


def test_void_discounted_line_removes_its_discount_from_totals() -> None:
    cart = Cart()
    line = cart.add_product(TEA)
    cart.add_product(WATER)
    cart.set_discount(line.line_no, Money(800))
    cart.void(line.line_no)
    totals = cart.totals()
    assert (totals.subtotal, totals.discount, totals.total) == (Money(300), Money(0), Money(300))


# --- discounts ----------------------------------------------------------------


def test_line_discount() -> None:
    cart = Cart()
    line = cart.add_product(TEA, 2)
    changed = cart.set_discount(line.line_no, Money(1600))
    assert changed.discount == Money(1600)
    assert changed.amount == Money(24000)
    totals = cart.totals()
    assert (totals.subtotal, totals.discount, totals.total) == (
        Money(25600),
        Money(1600),
        Money(24000),
    )


def test_discount_bounds() -> None:
    cart = Cart()
    line = cart.add_product(TEA)
    assert cart.set_discount(line.line_no, Money(0)).amount == Money(12800)
    assert cart.set_discount(line.line_no, Money(12800)).amount == Money(0)
    for bad in (Money(-1), Money(12801)):
        with pytest.raises(PosError) as info:
            cart.set_discount(line.line_no, bad)
        assert info.value.code is ErrorCode.DISCOUNT_INVALID
        assert info.value.params["fen"] == bad.fen
    assert cart.lines[0].discount == Money(12800)


def test_discount_on_weighed_and_label_lines() -> None:
    cart = Cart()
    weighed = cart.add_weighed(PORK, 500)  # 19.90
    label = cart.add_scale_label(PORK, price_label(1000))
    assert cart.set_discount(weighed.line_no, Money(190)).amount == Money(1800)
    assert (
        code_of(lambda: cart.set_discount(label.line_no, Money(1001))) is ErrorCode.DISCOUNT_INVALID
    )
    assert cart.set_discount(label.line_no, Money(1000)).amount == Money(0)


@pytest.mark.parametrize(("percent", "discount"), [(0, 0), (10, 1280), (15, 1920), (100, 12800)])
def test_percent_discount(percent: int, discount: int) -> None:
    cart = Cart()
    line = cart.add_product(TEA)
    assert cart.set_discount_percent(line.line_no, percent).discount == Money(discount)


def test_percent_discount_rounds_half_up() -> None:
    cart = Cart()
    line = cart.add_product(Product(sku="X", name="x", category="c", price=Money(5)))
    assert cart.set_discount_percent(line.line_no, 50).discount == Money(3)  # 2.5 -> 3
    line2 = cart.add_product(Product(sku="Y", name="y", category="c", price=Money(333)))
    assert cart.set_discount_percent(line2.line_no, 15).discount == Money(50)  # 49.95 -> 50


@pytest.mark.parametrize("percent", [-1, 101, 1000])
def test_percent_discount_bounds(percent: int) -> None:
    cart = Cart()
    line = cart.add_product(TEA)
    assert (
        code_of(lambda: cart.set_discount_percent(line.line_no, percent))
        is ErrorCode.DISCOUNT_INVALID
    )
    assert cart.lines[0].discount == Money(0)


# --- member pricing -----------------------------------------------------------


def test_member_pricing_uses_the_member_price() -> None:
    cart = Cart(member=RESIDENT)
    assert cart.add_product(WATER, 2).unit_price == Money(250)
    assert cart.add_product(TEA).unit_price == Money(12800)  # no member price
    assert cart.totals().total == Money(500 + 12800)


def test_no_member_pricing_uses_the_shelf_price() -> None:
    assert Cart().add_product(WATER).unit_price == Money(300)


def test_setting_changing_and_removing_the_member_reprices_every_line() -> None:
    cart = Cart()
    water = cart.add_product(WATER, 4)  # 12.00, then 2.00 off
    cart.set_discount(water.line_no, Money(200))
    tea = cart.add_product(TEA)
    voided = cart.add_product(WATER_BOX)
    cart.void(voided.line_no)
    cart.set_member(RESIDENT)
    assert [ln.unit_price.fen for ln in cart.lines] == [250, 12800, 900]  # voided too
    assert cart.totals().total == Money(1000 - 200 + 12800)
    cart.set_member(OTHER)  # another resident: still member prices, now theirs
    assert cart.member == OTHER and [ln.unit_price.fen for ln in cart.lines] == [250, 12800, 900]
    cart.set_member(None)
    assert cart.member is None and cart.member_pricing is False
    assert [ln.unit_price.fen for ln in cart.lines] == [300, 12800, 1000]
    assert cart.totals().total == Money(1200 - 200 + 12800)
    assert cart.lines[1] == tea


def test_a_member_price_caps_a_discount_and_removing_the_member_keeps_the_cap() -> None:
    cart = Cart()
    line = cart.add_product(WATER, 2)  # 6.00
    cart.set_discount(line.line_no, Money(560))
    cart.set_member(RESIDENT)  # 5.00 gross: the discount cannot stay above it
    assert (cart.lines[0].gross, cart.lines[0].discount) == (Money(500), Money(500))
    cart.set_member(None)
    assert (cart.lines[0].gross, cart.lines[0].discount) == (Money(600), Money(500))
    check_invariant(cart)


def test_a_price_label_is_never_member_priced() -> None:
    # the scale priced the label at the shelf price: its amount is what is charged
    member_pork = Product(
        sku="P3", name="土猪肉", category="fresh", price=Money(5000), member_price=Money(4000),
        unit=Unit.KG, plu="10001",
    )  # fmt: skip
    cart = Cart(member=RESIDENT)
    line = cart.add_scale_label(member_pork, price_label(2500))
    assert (line.unit_price, line.gross, line.member_price) == (Money(5000), Money(2500), None)
    cart.set_member(None)
    assert cart.lines[0].unit_price == Money(5000)


def test_a_member_change_that_would_overflow_changes_nothing() -> None:
    dear = Product(
        sku="DEAR", name="礼盒", category="gift", price=Money(MAX_UNIT_PRICE_FEN),
        member_price=Money(1_000_000),
    )  # fmt: skip
    cart = Cart(member=RESIDENT)
    cart.add_product(dear, MAX_PIECES)  # ¥99,990,000.00 at the member price
    before = cart.to_dict()
    assert code_of(lambda: cart.set_member(None)) is ErrorCode.AMOUNT_OVERFLOW
    assert cart.to_dict() == before and cart.member == RESIDENT


def test_member_cannot_be_assigned_around_the_cart() -> None:
    cart = Cart()
    cart.add_product(WATER)
    with pytest.raises(AttributeError):
        cart.member = RESIDENT  # type: ignore[misc]
    with pytest.raises(AttributeError):
        cart.member_pricing = True  # type: ignore[misc]
    with pytest.raises(TypeError):
        cart.lines[0] = cart.lines[0]  # type: ignore[index]
    assert cart.member is None and cart.lines[0].unit_price == Money(300)


def test_clear_resets_everything() -> None:
    cart = Cart(member=RESIDENT)
    cart.add_product(WATER)
    cart.add_product(TEA)
    cart.clear()
    assert len(cart) == 0
    assert cart.member is None and cart.member_pricing is False
    assert cart.add_product(TEA).line_no == 1


# --- overflow -----------------------------------------------------------------


def test_line_amount_overflow_leaves_cart_unchanged() -> None:
    cart = Cart()
    cart.add_product(WATER)
    before = cart.to_dict()
    # ¥99,999.99 × 9,999 is past the ¥99,999,999.99 ceiling
    assert code_of(lambda: cart.add_product(GOLD, MAX_PIECES)) is ErrorCode.AMOUNT_OVERFLOW
    assert cart.to_dict() == before
    gold = cart.add_product(GOLD, 1)
    assert code_of(lambda: cart.set_quantity(gold.line_no, MAX_PIECES)) is ErrorCode.AMOUNT_OVERFLOW
    assert cart.lines[-1].quantity == 1
    check_invariant(cart)


def test_cart_total_overflow_leaves_cart_unchanged() -> None:
    cart = Cart()
    cart.add_product(BIG, MAX_PIECES)  # ¥99,989,900.01
    cart.add_product(BIG2, 1)  # ¥99,999,900.00: still fits
    before = cart.to_dict()
    assert code_of(lambda: cart.add_product(BIG2, 1)) is ErrorCode.AMOUNT_OVERFLOW  # merge
    assert code_of(lambda: cart.add_product(GOLD, 1)) is ErrorCode.AMOUNT_OVERFLOW  # new line
    assert code_of(lambda: cart.add_weighed(PORK, MAX_GRAMS)) is ErrorCode.AMOUNT_OVERFLOW
    assert (
        code_of(lambda: cart.add_scale_label(TEA, price_label(99_999))) is ErrorCode.AMOUNT_OVERFLOW
    )
    assert cart.to_dict() == before
    check_invariant(cart)


def test_discounted_lines_cannot_hide_a_subtotal_overflow() -> None:
    # the total after discounts would fit, but the subtotal would not: totals()
    # must keep working, so the second line is refused
    cart = Cart()
    first = cart.add_product(BIG, MAX_PIECES)
    cart.set_discount_percent(first.line_no, 100)
    before = cart.to_dict()
    assert code_of(lambda: cart.add_product(BIG2, MAX_PIECES)) is ErrorCode.AMOUNT_OVERFLOW
    assert cart.to_dict() == before
    check_invariant(cart)


def test_discount_change_cannot_overflow_subtotal_after_the_fact() -> None:
    cart = Cart()
    big = cart.add_product(BIG, MAX_PIECES)
    cart.set_discount_percent(big.line_no, 100)
    with pytest.raises(PosError):
        cart.add_product(BIG2, MAX_PIECES)
    cart.totals()  # still computable


# --- persistence --------------------------------------------------------------


def test_line_to_dict_is_plain_data() -> None:
    cart = Cart()
    line = cart.add_scale_label(PORK, price_label(1250))
    data = line.to_dict()
    assert data["unit"] == "kg"
    assert data["unit_price"] == 3980
    assert data["fixed_amount"] == 1250
    assert data["discount"] == 0
    assert data["voided"] is False
    assert json.loads(json.dumps(data)) == data
    assert CartLine.from_dict(data) == line


def test_cart_round_trip_keeps_numbering_and_member() -> None:
    cart = Cart(member=RESIDENT)
    a = cart.add_product(WATER, 2)
    cart.add_weighed(PORK, 500)
    cart.void(a.line_no)
    restored = Cart.from_dict(json.loads(json.dumps(cart.to_dict()))).cart
    assert restored == cart
    assert restored.member == RESIDENT and restored.member_pricing is True
    assert restored.totals() == cart.totals()
    assert restored.add_product(TEA).line_no == 3


def test_from_dict_without_next_line() -> None:
    data = Cart().to_dict()
    line = Cart().add_product(WATER).to_dict()
    data["lines"] = [line]
    del data["next_line"]
    restored = Cart.from_dict(data).cart
    assert restored.add_product(TEA).line_no == 2


def saved(cart: Cart) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(cart.to_dict()))
    return data


def test_to_dict_carries_the_member_and_each_line_s_offers() -> None:
    cart = Cart(member=RESIDENT)
    cart.add_product(WATER)
    data = saved(cart)
    assert data["member"] == {
        "resident_id": "R0001", "community_id": "C001", "property_company_id": "P001",
        "masked_name": "张*明", "code_nonce": "nonce-1", "code_expires_at": 1_800_000_000,
        "code": "YCM1.a.b",
    }  # fmt: skip
    assert (data["lines"][0]["list_price"], data["lines"][0]["member_price"]) == (300, 250)
    assert "member_pricing" not in data
    # the sale's line (what the sync protocol carries) has no offers
    assert "list_price" not in cart.lines[0].to_dict()


def test_from_dict_asks_check_member_and_takes_the_refreshed_member() -> None:
    cart = Cart(member=RESIDENT)
    cart.add_product(WATER)
    seen: list[Member] = []

    def check(member: Member) -> Member:
        seen.append(member)
        return OTHER

    restored = Cart.from_dict(saved(cart), check_member=check)
    assert seen == [RESIDENT]
    assert restored.member_dropped is None and restored.cart.member == OTHER
    assert restored.cart.lines[0].unit_price == Money(250)


@pytest.mark.parametrize(
    "refusal", [ErrorCode.QR_REVOKED, ErrorCode.QR_EXPIRED, ErrorCode.QR_WRONG_COMMUNITY]
)
def test_a_member_refused_on_restore_leaves_shelf_prices_and_says_why(refusal: ErrorCode) -> None:
    cart = Cart(member=RESIDENT)
    cart.add_product(WATER, 2)
    cart.add_weighed(PORK, 500)

    def refuse(member: Member) -> Member:
        raise PosError(refusal)

    restored = Cart.from_dict(saved(cart), check_member=refuse)
    assert restored.member_dropped is refusal
    assert restored.cart.member is None
    assert [ln.unit_price.fen for ln in restored.cart.lines] == [300, 3980]
    assert restored.cart.totals().total == Money(600 + 1990)


@pytest.mark.parametrize(
    "member", [{"resident_id": 7}, "R0001", {"community_id": "C001"}, {"resident_id": ""}]
)
def test_unreadable_member_data_leaves_shelf_prices(member: object) -> None:
    cart = Cart(member=RESIDENT)
    cart.add_product(WATER)
    data = saved(cart)
    data["member"] = member
    restored = Cart.from_dict(data)
    assert restored.member_dropped is ErrorCode.QR_MALFORMED
    assert restored.cart.member is None and restored.cart.lines[0].unit_price == Money(300)


def test_a_cart_saved_with_member_prices_and_no_member_comes_back_at_shelf_prices() -> None:
    # the format before members were kept: the flag said member prices, nobody earned
    legacy = {
        "member_pricing": True,
        "next_line": 2,
        "lines": [{**Cart(member=RESIDENT).add_product(WATER).to_dict(), "list_price": 300}],
    }
    restored = Cart.from_dict(legacy)
    assert restored.member_dropped is ErrorCode.MEMBER_UNKNOWN
    assert restored.cart.member is None and restored.cart.lines[0].unit_price == Money(300)


def test_unit_prices_are_never_read_from_saved_data() -> None:
    cart = Cart()
    cart.add_product(WATER)
    data = saved(cart)
    data["lines"][0]["unit_price"] = 250  # a member price smuggled in without a member
    assert Cart.from_dict(data).cart.lines[0].unit_price == Money(300)


# --- properties over random operation sequences -------------------------------

PIECE_PRODUCTS = [WATER, TEA, LOTTERY, GOLD, BIG, BIG2]
KG_PRODUCTS = [PORK, CHEAP_KG]

operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(PIECE_PRODUCTS), st.integers(-2, MAX_PIECES + 2)),
        st.tuples(st.just("weigh"), st.sampled_from(KG_PRODUCTS), st.integers(-2, MAX_GRAMS + 2)),
        st.tuples(
            st.just("price_label"),
            st.sampled_from(PIECE_PRODUCTS + KG_PRODUCTS),
            st.integers(0, 99_999),
        ),
        st.tuples(st.just("weight_label"), st.sampled_from(KG_PRODUCTS), st.integers(0, MAX_GRAMS)),
        st.tuples(st.just("quantity"), st.integers(0, 12), st.integers(-1, MAX_PIECES + 1)),
        st.tuples(st.just("discount"), st.integers(0, 12), st.integers(-10, MAX_FEN)),
        st.tuples(st.just("percent"), st.integers(0, 12), st.integers(-5, 105)),
        st.tuples(st.just("void"), st.integers(0, 12), st.just(0)),
    ),
    max_size=25,
)


def apply(cart: Cart, op: tuple[str, Any, int]) -> None:
    kind, target, value = op
    line_no = target + 1 if isinstance(target, int) else 0
    if kind == "add":
        cart.add_product(target, value)
    elif kind == "weigh":
        cart.add_weighed(target, value)
    elif kind == "price_label":
        cart.add_scale_label(target, price_label(value))
    elif kind == "weight_label":
        cart.add_scale_label(target, weight_label(value))
    elif kind == "quantity":
        cart.set_quantity(line_no, value)
    elif kind == "discount":
        cart.set_discount(line_no, Money(value))
    elif kind == "percent":
        cart.set_discount_percent(line_no, value)
    else:
        cart.void(line_no)


def run(ops: list[tuple[str, Any, int]], member: bool = False) -> Cart:
    cart = Cart(member=RESIDENT if member else None)
    for op in ops:
        before = cart.to_dict()
        try:
            apply(cart, op)
        except PosError:
            assert cart.to_dict() == before, f"failed {op} changed the cart"
        check_invariant(cart)
    return cart


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(operations, st.booleans())
def test_totals_invariant_over_any_operations(
    ops: list[tuple[str, Any, int]], member: bool
) -> None:
    cart = run(ops, member)
    totals = cart.totals()
    assert totals.total.fen >= 0
    expected_count = sum(
        1 if (line.weighed or line.fixed_amount is not None) else line.quantity
        for line in cart.active_lines
    )
    assert totals.item_count == expected_count


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(operations, st.booleans())
def test_round_trip_over_any_operations(ops: list[tuple[str, Any, int]], member: bool) -> None:
    cart = run(ops, member)
    data = json.loads(json.dumps(cart.to_dict()))
    restored = Cart.from_dict(data)
    assert restored.member_dropped is None
    assert restored.cart == cart
    assert restored.cart.to_dict() == cart.to_dict()
    assert restored.cart.totals() == cart.totals()


def test_pieces_of_a_line_count_weighed_and_scale_priced_lines_once() -> None:
    cart = Cart()
    counted = cart.add_product(WATER, 3)
    weighed = cart.add_weighed(PORK, 512)
    assert (counted.pieces, weighed.pieces) == (3, 1)
    assert cart.totals().item_count == 4
