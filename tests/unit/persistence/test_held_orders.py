"""Held orders (挂单) and the cart in progress survive restarts."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_app.app import AppContext, build_context
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money

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
