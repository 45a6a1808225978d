"""The server's view of 抹零 and 无码商品 (SQLite and PostgreSQL): a rounding is
believed only as it recomputes it from the lines, and earns on what was paid;
an open-price line is explained by its category and the server's limit, or
earns nothing and is listed for review."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from pos_app.core.cart import Cart
from pos_app.core.categories import DEFAULT_CATEGORIES
from pos_app.core.demo_data import DEMO_CONTRACT
from pos_app.core.money import Money
from pos_app.core.open_price import open_price_line
from pos_app.core.rounding import RoundingRule
from pos_app.core.sale import build_sale, new_sale_id, sale_to_dict
from pos_app.core.tender import ManualPaymentProvider, Tender, TenderKind
from sync.protocol.payloads import SaleLine
from sync.server.db import Database
from sync.server.line_check import check_open_price
from sync.server.models.orders import Order, ReviewItem
from sync.server.models.residents import LedgerEntry
from tests.sync.server.helpers import R0001, RICE, WATER, Till, member_code_at

CATEGORIES = {c.code: c for c in DEFAULT_CATEGORIES}


def rung_up(cart: Cart, rule: RoundingRule, *, wallet: bool = False) -> dict[str, Any]:
    """A sale as the till pushes it, paid in cash (or by WeChat) under `rule`."""
    when = datetime.now(UTC).replace(microsecond=0)
    tender = Tender(cart.totals().total, rounding_rule=rule)
    if wallet:
        tender.add_external(
            TenderKind.WECHAT, tender.remaining_if(TenderKind.WECHAT), "1345",
            ManualPaymentProvider(), "s",
        )  # fmt: skip
    else:
        tender.add_cash(tender.remaining)
    sale = build_sale(
        sale_id=new_sale_id(), cart=cart, tender=tender, store_code="S001",
        terminal_code="T01", sequence=1, cashier="c01", now=when,
        contract=DEMO_CONTRACT if cart.member else None,
    )  # fmt: skip
    payload = sale_to_dict(sale)
    if cart.member is not None:
        code, nonce = member_code_at(cart.member, when)
        payload["member"] = {**payload["member"], "code": code, "code_nonce": nonce}
    return payload


def member_cart() -> Cart:
    cart = Cart(R0001)
    cart.add_product(RICE)  # 8990
    cart.add_product(WATER)  # 200
    return cart


def _order(db: Database, sale_id: str) -> Order:
    with db.read() as session:
        order = session.get(Order, sale_id)
        assert order is not None
        session.expunge(order)
        return order


def test_a_fair_rounding_is_stored_and_points_follow_what_was_paid(
    till: Till, db: Database
) -> None:
    sale = rung_up(member_cart(), RoundingRule.YUAN)  # 9190 → 9100 paid
    assert (sale["total_fen"], sale["rounding_fen"], sale["points"]) == (9190, 90, 273)
    [result] = till.push_ok([till.next_item("sale", sale)])
    assert result["status"] == "accepted" and "points_mismatch" not in result["flags"]
    order = _order(db, sale["sale_id"])
    # 9100 paid: 273 points; the unrounded 9190 would have given 275
    assert (order.rounding_fen, order.eligible_fen, order.points_server) == (90, 9100, 273)
    with db.read() as session:
        earned = session.scalar(
            select(LedgerEntry.points).where(LedgerEntry.source_id == sale["sale_id"])
        )
    assert earned == 273


@pytest.mark.parametrize(
    ("rounding", "detail"),
    [
        (95, "is not what rounding"),  # more than 元 rounding of 9190 gives (90)
        (9, "is not what rounding"),  # 角 rounding of 9190 gives 0
    ],
)
def test_a_forged_rounding_is_rejected_naming_the_field(
    till: Till, db: Database, rounding: int, detail: str
) -> None:
    sale = rung_up(member_cart(), RoundingRule.OFF)
    sale["rounding_fen"] = rounding
    [result] = till.push_ok([till.next_item("sale", sale)])
    assert (result["status"], result["reason"], result["field"]) == (
        "rejected",
        "invalid_payload",
        "payload.rounding_fen",
    )
    assert detail in result["detail"]
    with db.read() as session:
        assert session.get(Order, sale["sale_id"]) is None


def test_a_rounding_of_a_yuan_or_more_never_passes_validation(till: Till) -> None:
    sale = rung_up(member_cart(), RoundingRule.OFF)
    sale["rounding_fen"] = 100
    [result] = till.push_ok([till.next_item("sale", sale)])
    assert (result["status"], result["field"]) == ("rejected", "payload.rounding_fen")


def test_a_rounded_wallet_sale_is_rejected_while_rounding_is_cash_only(till: Till) -> None:
    cart = Cart()
    cart.add_product(WATER)
    cart.add_product(RICE)
    sale = rung_up(cart, RoundingRule.YUAN, wallet=True)
    assert sale["rounding_fen"] == 0  # the till itself rounds only cash
    sale["rounding_fen"] = 90
    sale["payments"][0]["amount_fen"] = 9100
    [result] = till.push_ok([till.next_item("sale", sale)])
    assert (result["status"], result["field"], result["detail"]) == (
        "rejected",
        "payload.rounding_fen",
        "rounding applies only to a sale paid all in cash",
    )


def open_price_cart(amount: int, category: str = "tea") -> Cart:
    cart = Cart(R0001)
    cart.add_line(open_price_line(CATEGORIES, category, Money(amount)))
    cart.add_product(WATER)
    return cart


def test_an_open_price_line_within_the_limit_earns_by_its_category(
    till: Till, db: Database
) -> None:
    sale = rung_up(open_price_cart(5000), RoundingRule.OFF)
    assert sale["lines"][0]["open_price"] is True and sale["lines"][0]["sku"] == ""
    [result] = till.push_ok([till.next_item("sale", sale)])
    assert result["status"] == "accepted" and result["flags"] == []
    order = _order(db, sale["sale_id"])
    assert (order.eligible_fen, order.earning_lines, order.points_server) == (5200, "1,2", 156)


def test_an_open_price_line_over_the_limit_earns_nothing_and_is_listed_for_review(
    till: Till, db: Database
) -> None:
    sale = rung_up(open_price_cart(20_001), RoundingRule.OFF)
    [result] = till.push_ok([till.next_item("sale", sale)])
    assert result["status"] == "accepted"
    assert "open_price_over_limit" in result["flags"]
    order = _order(db, sale["sale_id"])
    assert (order.eligible_fen, order.earning_lines) == (200, "2")
    with db.read() as session:
        review = session.scalars(
            select(ReviewItem).where(ReviewItem.source_id == sale["sale_id"])
        ).one()
    assert (review.kind, review.line_no, review.code, review.points) == (
        "line",
        1,
        "open_price_over_limit",
        0,
    )


def _line(**changes: Any) -> SaleLine:
    base: dict[str, Any] = {
        "line_no": 1, "product_id": None, "sku": "", "name": "无码商品 (茶叶)",
        "category": "tea", "points_eligible": True, "unit": "piece", "unit_price": 5000,
        "quantity": 1, "barcode": None, "fixed_amount": 5000, "discount": 0, "voided": False,
        "open_price": True,
    }  # fmt: skip
    return SaleLine.model_validate({**base, **changes})


@pytest.mark.parametrize(
    ("changes", "flags", "eligible"),
    [
        ({}, (), True),
        ({"category": "lottery", "points_eligible": False}, (), False),
        ({"category": "nosuch"}, ("unknown_category",), False),
        ({"fixed_amount": 4000}, ("price_unexplained",), False),
        ({"fixed_amount": None}, ("price_unexplained",), False),
        ({"quantity": 2}, ("price_unexplained",), False),
        ({"unit": "kg"}, ("price_unexplained",), False),
        ({"unit_price": 20_001, "fixed_amount": 20_001}, ("open_price_over_limit",), False),
        ({"discount": 5001}, ("discount_invalid",), False),
    ],
)
def test_what_explains_an_open_price_line(
    changes: dict[str, Any], flags: tuple[str, ...], eligible: bool
) -> None:
    verdict = check_open_price(
        _line(**changes), categories={"tea": True, "lottery": False}, limit_fen=20_000
    )
    assert tuple(f.value for f in verdict.flags) == flags
    assert verdict.eligible is eligible


def test_a_rounded_sale_with_a_line_below_zero_is_judged_not_refused(
    till: Till, db: Database
) -> None:
    sale = rung_up(member_cart(), RoundingRule.OFF)
    sale["lines"][1]["discount"] = 300  # water 200 − 300: a forged line of −100
    sale["rounding_fen"] = 90  # the lines now add up to 8890: 元 rounding takes 90
    [result] = till.push_ok([till.next_item("sale", sale)])
    assert result["status"] == "accepted" and "discount_invalid" in result["flags"]
    order = _order(db, sale["sale_id"])
    # the rice carries the whole rounding: 8990 − 90; the forged line earns nothing
    assert (order.rounding_fen, order.eligible_fen, order.earning_lines) == (90, 8900, "1")
