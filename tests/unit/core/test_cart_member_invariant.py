"""Member prices apply if and only if the cart has a member, over any sequence of
scans, member changes, discounts, voids, holds, resumes and restores that
cannot bring the member back (hypothesis stateful test)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    rule,
)

from pos_app.core.barcodes import ScaleCode, ScaleValue
from pos_app.core.cart import Cart, CartLine
from pos_app.core.catalog import Product, Unit
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.member import Member
from pos_app.core.money import Money

PRODUCTS = [
    Product("WATER", "硒泉水", "drinks", Money(300), member_price=Money(250), id=1),
    Product("TEA", "恩施玉露", "tea", Money(12800), id=2),  # no member price
    Product("RICE", "五常大米", "grain", Money(8990), member_price=Money(9990), id=3),  # dearer
    Product("LOT", "体彩", "lottery", Money(200), points_eligible=False, id=4),
]
WEIGHED = [
    Product("PORK", "土猪肉", "fresh", Money(3980), unit=Unit.KG, member_price=Money(3580), id=5),
    Product("BEAN", "黄豆", "grain", Money(1250), unit=Unit.KG, id=6),
]
BY_SKU = {p.sku: p for p in PRODUCTS + WEIGHED}
MEMBERS = [
    Member("R0001", "C001", "P001", "张*明", "n-1", 1_800_000_000, "YCM1.a.b"),
    Member("R0002", "C001", "P001", "欧**平", "n-2", 1_800_000_000, "YCM1.c.d"),
]
REFUSALS = [
    ErrorCode.QR_REVOKED,
    ErrorCode.QR_EXPIRED,
    ErrorCode.QR_WRONG_COMMUNITY,
    ErrorCode.QR_REPLAYED,
    ErrorCode.MEMBER_UNKNOWN,
]


def expected_price(line: CartLine, member: bool) -> Money:
    """The invariant, from the catalog and not from the line's own offers."""
    product = BY_SKU[line.sku]
    offer = product.member_price
    if member and line.fixed_amount is None and offer is not None and offer < product.price:
        return offer
    return product.price


def held(cart: Cart) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(cart.to_dict()))  # as stored on disk
    return data


class CartMemberMachine(RuleBasedStateMachine):
    saved = Bundle("saved")

    def __init__(self) -> None:
        super().__init__()
        self.cart = Cart()

    def _try(self, action: Any) -> None:
        before = self.cart.to_dict()
        try:
            action()
        except PosError:
            assert self.cart.to_dict() == before  # a refusal changes nothing

    # --- scans ------------------------------------------------------------------

    @rule(product=st.sampled_from(PRODUCTS), quantity=st.integers(1, 20))
    def scan_piece(self, product: Product, quantity: int) -> None:
        self.cart.add_product(product, quantity)

    @rule(product=st.sampled_from(WEIGHED), grams=st.integers(1, 5000))
    def scan_weighed(self, product: Product, grams: int) -> None:
        self.cart.add_weighed(product, grams)

    @rule(product=st.sampled_from(WEIGHED), amount=st.integers(1, 20_000))
    def scan_price_label(self, product: Product, amount: int) -> None:
        label = ScaleCode("10001", ScaleValue.PRICE, amount, f"2110001{amount:05d}0")
        self.cart.add_scale_label(product, label)

    # --- the resident -----------------------------------------------------------

    @rule(member=st.sampled_from(MEMBERS))
    def identify_or_change(self, member: Member) -> None:
        self.cart.set_member(member)
        assert self.cart.member == member

    @rule()
    def remove_member(self) -> None:
        self.cart.set_member(None)
        assert self.cart.member is None

    # --- line edits ---------------------------------------------------------------

    @rule(index=st.integers(0, 12), fen=st.integers(0, 30_000))
    def discount(self, index: int, fen: int) -> None:
        self._try(lambda: self.cart.set_discount(index + 1, Money(fen)))

    @rule(index=st.integers(0, 12), percent=st.integers(0, 100))
    def discount_percent(self, index: int, percent: int) -> None:
        self._try(lambda: self.cart.set_discount_percent(index + 1, percent))

    @rule(index=st.integers(0, 12))
    def void(self, index: int) -> None:
        self._try(lambda: self.cart.void(index + 1))

    # --- hold, resume, restore -------------------------------------------------------

    @rule(target=saved)
    def hold(self) -> dict[str, Any]:
        data = held(self.cart)
        self.cart = Cart()  # the next customer starts afresh
        return data

    @rule(data=consumes(saved))
    def resume(self, data: dict[str, Any]) -> None:
        restored = Cart.from_dict(data, check_member=lambda member: member)
        assert restored.member_dropped is None
        assert held(restored.cart) == data  # the same order, the same resident
        self.cart = restored.cart

    @rule(data=saved, refusal=st.sampled_from(REFUSALS))
    def restore_without_the_member(self, data: dict[str, Any], refusal: ErrorCode) -> None:
        def refuse(member: Member) -> Member:
            raise PosError(refusal)

        restored = Cart.from_dict(data, check_member=refuse)
        assert restored.cart.member is None
        assert restored.member_dropped is (None if data["member"] is None else refusal)
        assert [ln.line_no for ln in restored.cart.lines] == [ln["line_no"] for ln in data["lines"]]
        self.cart = restored.cart

    @rule(data=saved, garbage=st.sampled_from([[], "R0001", {"resident_id": 1}, {}]))
    def restore_unreadable_member(self, data: dict[str, Any], garbage: object) -> None:
        restored = Cart.from_dict({**data, "member": garbage})
        assert restored.member_dropped is ErrorCode.QR_MALFORMED
        assert restored.cart.member is None
        self.cart = restored.cart

    # --- after every step ------------------------------------------------------------

    @invariant()
    def member_prices_iff_member(self) -> None:
        member = self.cart.member is not None
        assert self.cart.member_pricing is member
        for line in self.cart.lines:
            assert line.unit_price == expected_price(line, member), (line, member)

    @invariant()
    def totals_are_the_sum_of_lines(self) -> None:
        totals = self.cart.totals()
        active = self.cart.active_lines
        assert totals.subtotal == sum((ln.gross for ln in active), Money(0))
        assert totals.discount == sum((ln.discount for ln in active), Money(0))
        assert totals.total == sum((ln.amount for ln in active), Money(0))
        for line in self.cart.lines:
            assert Money(0) <= line.discount <= line.gross


CartMemberMachine.TestCase.settings = settings(
    max_examples=150, stateful_step_count=30, suppress_health_check=[HealthCheck.too_slow]
)
TestCartMemberInvariant = CartMemberMachine.TestCase
