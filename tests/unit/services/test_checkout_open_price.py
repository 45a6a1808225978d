"""无码商品 through the checkout: sold by category and amount, recorded, earning by its
category's rule, and above the store's limit only with a manager's approval."""

from __future__ import annotations

from typing import Any

import pytest

from pos_app.app import AppContext
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.demo import demo_code
from pos_app.persistence.sale_reader import SaleReader


class Manager:
    """The approval port, answering as a manager would (the staff issue asks a PIN)."""

    def __init__(self, name: str | None) -> None:
        self.name = name
        self.asked: list[Any] = []

    def approve(self, request: Any) -> str | None:
        self.asked.append(request)
        return self.name


def test_an_open_price_item_is_sold_recorded_and_earns_by_its_category(
    context: AppContext,
) -> None:
    checkout = context.checkout
    codes = [c.code for c in checkout.categories()]
    assert codes[:3] == ["water", "grain", "tea"] and "lottery" in codes
    checkout.scan(demo_code("R0001"))
    change = checkout.add_open_price("tea", Money(3_550))
    checkout.add_open_price("lottery", Money(1_000))  # not eligible: earns nothing
    line = checkout.cart.lines[0]
    assert change.line_no == line.line_no == 1
    assert (line.name, line.product_id, line.sku, line.open_price) == (
        "无码商品 (茶叶)",
        None,
        "",
        True,
    )
    assert checkout.cart.totals().total == Money(4_550)
    tender = checkout.start_tender()
    tender.add_cash(Money(5_000))
    sale = checkout.complete(tender)
    assert (sale.eligible_amount, sale.points) == (Money(3_550), 106)  # 3550 × 3 %
    stored = SaleReader(context.engine).load(sale.sale_id)
    assert stored is not None and stored.lines == sale.lines
    assert [ln.open_price for ln in stored.lines] == [True, True]


def test_an_open_price_item_needs_a_known_category_and_a_positive_amount(
    context: AppContext,
) -> None:
    with pytest.raises(PosError) as err:
        context.checkout.add_open_price("nosuch", Money(100))
    assert err.value.code is ErrorCode.OPEN_PRICE_CATEGORY_UNKNOWN
    with pytest.raises(PosError) as err:
        context.checkout.add_open_price("tea", Money(0))
    assert err.value.code is ErrorCode.OPEN_PRICE_AMOUNT_INVALID
    assert context.checkout.cart.is_empty()


def test_above_the_limit_a_manager_is_asked_and_a_refusal_adds_nothing(
    context: AppContext,
) -> None:
    context.save_setting("store.open_price_limit_fen", 10_000)
    checkout = context.checkout
    refusing = Manager(None)
    checkout.approval = refusing
    checkout.add_open_price("tea", Money(10_000))  # at the limit: nobody asked
    assert refusing.asked == []
    with pytest.raises(PosError) as err:
        checkout.add_open_price("tea", Money(10_001))
    assert err.value.code is ErrorCode.OPEN_PRICE_NOT_APPROVED
    assert err.value.params == {"fen": 10_001, "limit_fen": 10_000}
    assert len(refusing.asked) == 1 and len(checkout.cart.lines) == 1
    approving = Manager("店长王")
    checkout.approval = approving
    checkout.add_open_price("tea", Money(10_001))
    assert len(approving.asked) == 1 and len(checkout.cart.lines) == 2


def test_an_open_price_line_survives_a_restart_with_the_cart(context: AppContext) -> None:
    context.checkout.add_open_price("deli", Money(1_280))
    restored = context.checkout.restore_cart()
    assert restored is not None
    [line] = context.checkout.cart.lines
    assert (line.open_price, line.amount, line.category) == (True, Money(1_280), "deli")
