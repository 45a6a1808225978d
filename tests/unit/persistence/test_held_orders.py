"""Held orders (挂单) and the cart in progress survive restarts, with their resident."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from pos_app.app import AppContext, build_context
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.demo import demo_code

WATER = "6975321000012"  # ¥2.00
RICE = "6921445000018"  # ¥89.90
TEA = "6937862000029"  # 恩施玉露 一级 ¥128.00


def skus(context: AppContext) -> list[tuple[str, int]]:
    return [(ln.sku, ln.quantity) for ln in context.checkout.cart.active_lines]


def test_hold_list_take(context: AppContext) -> None:
    co = context.checkout
    co.scan(WATER)
    co.scan(WATER)
    co.scan(RICE)
    first_sale_id = co.sale_id
    held_id = co.hold()

    assert co.cart.is_empty()
    assert co.sale_id != first_sale_id
    assert co.held.load_current() is None  # the in-progress copy went with the hold

    orders = co.held_orders()
    assert [(o.id, o.item_count, o.total_fen, o.cashier) for o in orders] == [
        (held_id, 3, 2 * 200 + 8990, "收银员01")
    ]
    assert orders[0].held_at.utcoffset() is not None

    change = co.resume(held_id)
    assert change.reset
    assert skus(context) == [("YC-WAT-0001", 2), ("YC-GRN-0001", 1)]
    assert co.sale_id == first_sale_id  # same sale, same id
    assert co.held_orders() == []
    # taking it again finds nothing
    assert co.held.take(held_id) is None


@pytest.mark.parametrize("stale", ["taken", "never"])
def test_resuming_a_missing_order_keeps_the_cart_on_screen(context: AppContext, stale: str) -> None:
    co = context.checkout
    co.scan(RICE)
    held_id = co.hold()
    co.resume(held_id)  # now on screen, the held row is gone
    missing = held_id if stale == "taken" else 99
    co.scan(WATER)
    sale_id = co.sale_id

    with pytest.raises(PosError) as err:
        co.resume(missing)  # e.g. a stale list on screen
    assert err.value.code is ErrorCode.HELD_ORDER_NOT_FOUND
    assert err.value.params == {"held_id": missing}
    # the cart in progress was neither parked nor swapped
    assert skus(context) == [("YC-GRN-0001", 1), ("YC-WAT-0001", 1)]
    assert co.sale_id == sale_id
    assert co.held_orders() == []
    assert co.held.load_current() is not None


def test_empty_cart_cannot_be_held(context: AppContext) -> None:
    with pytest.raises(PosError) as err:
        context.checkout.hold()
    assert err.value.code is ErrorCode.CART_EMPTY
    assert context.checkout.held_orders() == []


def test_held_order_survives_a_restart(data_dir: Path) -> None:
    ctx = build_context(data_dir, demo=True)
    ctx.checkout.scan(TEA)
    ctx.checkout.scan(WATER)
    ctx.checkout.set_discount(1, Money(800))
    sale_id = ctx.checkout.sale_id
    held_id = ctx.checkout.hold()
    ctx.close()

    again = build_context(data_dir, demo=True)
    try:
        assert again.catalog.repo.count() == ctx.catalog.repo.count()  # demo not re-imported
        orders = again.checkout.held_orders()
        assert [(o.id, o.total_fen) for o in orders] == [(held_id, 12_800 - 800 + 200)]
        again.checkout.resume(held_id)
        lines = again.checkout.cart.active_lines
        assert [(ln.sku, ln.discount.fen) for ln in lines] == [
            ("YC-TEA-0002", 800),
            ("YC-WAT-0001", 0),
        ]
        assert again.checkout.sale_id == sale_id
        tender = again.checkout.start_tender()
        assert tender.total.fen == 12_200
        tender.add_cash(Money(20_000))
        sale = again.checkout.complete(tender)
        assert sale.sale_id == sale_id
        assert again.sales.count() == 1
    finally:
        again.close()


def test_resume_holds_the_cart_in_progress(context: AppContext) -> None:
    co = context.checkout
    co.scan(RICE)
    parked = co.hold()
    co.scan(WATER)
    co.scan(TEA)
    in_progress_id = co.sale_id

    co.resume(parked)
    assert skus(context) == [("YC-GRN-0001", 1)]
    orders = co.held_orders()
    assert len(orders) == 1  # the one taken is gone, the one in progress is parked
    assert orders[0].id != parked
    assert orders[0].total_fen == 200 + 12_800
    assert orders[0].item_count == 2

    # and the parked one comes back whole
    co.resume(orders[0].id)
    assert skus(context) == [("YC-WAT-0001", 1), ("YC-TEA-0002", 1)]
    assert co.sale_id == in_progress_id
    assert [o.total_fen for o in co.held_orders()] == [8990]


def test_cart_in_progress_is_restored_after_a_restart(data_dir: Path) -> None:
    ctx = build_context(data_dir, demo=True)
    co = ctx.checkout
    co.scan(WATER)
    co.scan(WATER)
    co.scan(RICE)
    co.set_quantity(1, 5)
    co.void(2)
    co.scan(TEA)
    sale_id = co.sale_id
    ctx.close()  # the app stops with a cart on screen (crash, power cut…)

    again = build_context(data_dir)
    try:
        assert again.checkout.cart.is_empty()  # nothing until restore()
        assert again.checkout.restore() is True
        cart = again.checkout.cart
        assert [(ln.line_no, ln.sku, ln.quantity, ln.voided) for ln in cart.lines] == [
            (1, "YC-WAT-0001", 5, False),
            (2, "YC-GRN-0001", 1, True),
            (3, "YC-TEA-0002", 1, False),
        ]
        assert again.checkout.sale_id == sale_id
        assert cart.totals().total.fen == 5 * 200 + 12_800
        # the next line number continues after the restored ones
        change = again.checkout.scan(RICE)
        assert change.line_no == 4
    finally:
        again.close()


def test_restore_without_a_saved_cart(context: AppContext) -> None:
    assert context.checkout.restore() is False
    context.checkout.scan(WATER)
    context.checkout.clear()
    # a cleared cart is not brought back
    assert context.checkout.restore() is False
    assert context.checkout.cart.is_empty()


def test_voiding_every_line_is_still_saved(data_dir: Path) -> None:
    """An all-voided cart keeps its audit trail but restore() reports nothing to do."""
    ctx = build_context(data_dir, demo=True)
    ctx.checkout.scan(WATER)
    ctx.checkout.void(1)
    ctx.close()
    again = build_context(data_dir)
    try:
        assert again.checkout.restore() is False
        assert [ln.voided for ln in again.checkout.cart.lines] == [True]
    finally:
        again.close()


# --- the resident of a held order --------------------------------------------------


def test_the_held_list_carries_each_order_s_resident(context: AppContext) -> None:
    co = context.checkout
    co.scan(WATER)
    co.hold()  # a walk-in
    co.scan(RICE)
    co.scan(demo_code("R0005"))
    co.hold()
    walk_in, resident = co.held_orders()
    assert walk_in.member is None
    assert resident.member is not None
    assert (resident.member.resident_id, resident.member.masked_name) == ("R0005", "陈*华")


def test_an_unreadable_resident_lists_as_nobody_and_resumes_at_shelf_prices(
    context: AppContext,
) -> None:
    co = context.checkout
    co.scan(WATER)
    co.scan(demo_code("R0001"))
    held_id = co.hold()
    with context.engine.begin() as conn:
        data = json.loads(conn.execute(text("SELECT cart_json FROM held_orders")).scalar_one())
        data["cart"]["member"] = {"resident_id": 42}
        conn.execute(text("UPDATE held_orders SET cart_json = :j"), {"j": json.dumps(data)})
    assert [o.member for o in co.held_orders()] == [None]
    assert co.resume(held_id).member_dropped is ErrorCode.QR_MALFORMED
    assert co.cart.member is None and skus(context) == [("YC-WAT-0001", 1)]
    assert co.cart.totals().total == Money(200)


def test_an_order_held_before_members_were_kept_resumes_at_shelf_prices(
    context: AppContext,
) -> None:
    """The reported bug's data: held at member prices, no resident saved with it."""
    old_line = {
        "line_no": 1, "product_id": 1, "sku": "YC-WAT-0001", "name": "硒泉水 550ml",
        "category": "drinks", "points_eligible": True, "unit": "piece", "unit_price": 190,
        "quantity": 3, "barcode": WATER, "fixed_amount": None, "discount": 0, "voided": False,
    }  # fmt: skip
    old_cart = {"member_pricing": True, "next_line": 2, "lines": [old_line]}
    held_id = context.checkout.held.hold(
        {"cart": old_cart, "sale_id": "6d1f7a52-2b8e-4f55-9a53-3c1d8e0b9f21"},
        item_count=3,
        total_fen=570,
        cashier="收银员01",
    )
    co = context.checkout
    change = co.resume(held_id)
    assert change.member_dropped is ErrorCode.MEMBER_UNKNOWN
    assert co.cart.member is None
    assert [(ln.sku, ln.unit_price.fen) for ln in co.cart.lines] == [("YC-WAT-0001", 200)]
    assert co.cart.totals().total == Money(600)
    # its lines learned their member price from the catalog: a resident now gets it
    co.scan(demo_code("R0001"))
    assert co.cart.lines[0].unit_price == Money(190)
