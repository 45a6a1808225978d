"""抹零: the rounding rule, the tender that applies it, the spread over lines, and
the points of a rounded sale (earned on what was paid)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.cart import Cart
from pos_app.core.catalog import Product
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.member import Member
from pos_app.core.money import MAX_FEN, Money
from pos_app.core.points import Contract, net_amounts
from pos_app.core.rounding import RoundingRule, allowed_roundings, rounding_for, spread
from pos_app.core.sale import build_sale, sale_to_dict
from pos_app.core.tender import ManualPaymentProvider, Tender, TenderKind

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
RICE = Product(sku="RICE", name="五常大米", category="grain", price=Money(8_999), id=1)
TEA = Product(sku="TEA", name="恩施玉露", category="tea", price=Money(1_234), id=2)
LOTTERY = Product(
    sku="LOT", name="福彩", category="lottery", price=Money(567), points_eligible=False, id=3
)
MEMBER = Member("R1", "C001", "P001", "张*明", "n1")
CONTRACT = Contract("C001", datetime(2026, 1, 1, tzinfo=UTC), 1000, 3000)


@pytest.mark.parametrize(
    ("total", "rule", "off"),
    [
        (1234, RoundingRule.OFF, 0),
        (1234, RoundingRule.JIAO, 4),
        (1234, RoundingRule.YUAN, 34),
        (1299, RoundingRule.YUAN, 99),  # always down, never up to ¥13
        (1200, RoundingRule.YUAN, 0),
        (99, RoundingRule.YUAN, 0),  # below one unit: the customer still pays something
        (9, RoundingRule.JIAO, 0),
        (10, RoundingRule.JIAO, 0),
        (100, RoundingRule.YUAN, 0),
        (101, RoundingRule.YUAN, 1),
    ],
)
def test_rounding_is_down_to_the_unit(total: int, rule: RoundingRule, off: int) -> None:
    assert rounding_for(Money(total), rule) == Money(off)


@given(st.integers(0, MAX_FEN), st.sampled_from(list(RoundingRule)))
def test_rounding_never_exceeds_the_unit_nor_empties_the_total(
    total: int, rule: RoundingRule
) -> None:
    off = rounding_for(Money(total), rule).fen
    assert 0 <= off < max(rule.unit_fen, 1)
    assert total - off >= 0
    if total > 0:
        assert total - off > 0  # never rounded to nothing
    assert (total - off) % rule.unit_fen == 0 or total < rule.unit_fen
    assert off in allowed_roundings(total)


def test_allowed_roundings_are_what_the_rules_give() -> None:
    assert allowed_roundings(1234) == {0, 4, 34}
    assert allowed_roundings(55) == {0, 5}  # below ¥1: no 元 rounding
    assert allowed_roundings(5) == {0}


@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=40), st.data())
def test_the_spread_sums_exactly_and_never_exceeds_a_line(
    amounts: list[int], data: st.DataObject
) -> None:
    rounding = data.draw(st.integers(0, min(sum(amounts), 99)))
    shares = spread(rounding, amounts)
    assert sum(shares) == rounding
    assert all(0 <= s <= a for s, a in zip(shares, amounts, strict=True))
    # largest remainder: each share is the proportional one rounded down or up by one
    total = sum(amounts)
    if total:
        for s, a in zip(shares, amounts, strict=True):
            assert rounding * a // total <= s <= -(-rounding * a // total)


def test_the_spread_gives_leftover_fen_to_the_largest_remainders_earlier_first() -> None:
    # 34 × (8999, 1234, 567) / 10800 = 28.33, 3.88, 1.78: floors 28+3+1 = 32, two left
    assert spread(34, [8999, 1234, 567]) == [28, 4, 2]
    # equal remainders: the earlier line first
    assert spread(1, [5, 5]) == [1, 0]
    assert spread(0, [5, 5]) == [0, 0]
    with pytest.raises(ValueError):
        spread(11, [5, 5])


def tender_for(cart: Cart, rule: RoundingRule, cash_only: bool = True) -> Tender:
    return Tender(cart.totals().total, rounding_rule=rule, rounding_cash_only=cash_only)


def rung_up(*products: Product, member: Member | None = None) -> Cart:
    cart = Cart(member)
    for product in products:
        cart.add_product(product)
    return cart


def test_a_cash_tender_pays_the_rounded_total_and_a_wallet_ends_the_rounding() -> None:
    cart = rung_up(RICE, TEA, LOTTERY)  # 10800 fen
    assert cart.totals().total == Money(10_800)
    cart.add_product(TEA)  # 12034
    tender = tender_for(cart, RoundingRule.YUAN)
    assert (tender.rounding, tender.due, tender.remaining) == (
        Money(34),
        Money(12_000),
        Money(12_000),
    )
    tender.add_cash(Money(5_000))
    assert tender.remaining == Money(7_000)
    # a wallet may charge the unrounded rest: the sale is no longer all cash
    assert (tender.rounding_if(TenderKind.CASH), tender.rounding_if(TenderKind.WECHAT)) == (
        Money(34),
        Money(0),
    )
    assert tender.remaining_if(TenderKind.WECHAT) == Money(7_034)
    tender.add_external(TenderKind.WECHAT, Money(7_034), "1345", ManualPaymentProvider(), "s")
    assert tender.rounding == Money(0) and tender.settled


def test_the_rounding_may_apply_to_any_tender_when_the_store_says_so() -> None:
    tender = tender_for(rung_up(TEA), RoundingRule.JIAO, cash_only=False)
    assert tender.remaining_if(TenderKind.ALIPAY) == Money(1_230)
    tender.add_external(TenderKind.ALIPAY, Money(1_230), "2812", ManualPaymentProvider(), "s")
    assert tender.settled and tender.rounding == Money(4)


def test_a_settled_tender_takes_no_more_payments() -> None:
    tender = tender_for(rung_up(TEA), RoundingRule.JIAO)
    tender.add_cash(Money(1_230))
    with pytest.raises(PosError) as err:
        tender.add_external(TenderKind.WECHAT, Money(4), "1345", ManualPaymentProvider(), "s")
    assert err.value.code is ErrorCode.TENDER_OVERPAY


def test_a_rounded_sale_records_the_rounding_and_earns_on_what_was_paid() -> None:
    cart = rung_up(RICE, TEA, LOTTERY, member=MEMBER)  # 10800, lottery not eligible
    tender = tender_for(cart, RoundingRule.YUAN)
    tender.add_cash(Money(10_000))
    assert tender.rounding == Money(0)  # 10800 is whole yuan
    cart.add_product(TEA)  # now 12034
    tender = tender_for(cart, RoundingRule.YUAN)
    tender.add_cash(Money(12_000))
    sale = build_sale(
        sale_id="s1", cart=cart, tender=tender, store_code="S001", terminal_code="T01",
        sequence=1, cashier="c", now=NOW, contract=CONTRACT,
    )  # fmt: skip
    assert sale.rounding == Money(34) and sale.due == Money(12_000)
    assert sale.total == Money(12_034)
    # 34 spread over 8999, 2468 (two teas), 567 → 25.43, 6.97, 1.60: 25+6+1 = 32, the two
    # fen left go to the largest remainders (.97, .60)
    nets = sale.net_amounts()
    assert nets == {1: Money(8_974), 2: Money(2_461), 3: Money(565)}
    assert sum(n.fen for n in nets.values()) == 12_000
    assert sale.eligible_amount == Money(8_974 + 2_461)
    assert (
        sale.points == (8_974 + 2_461) * 1000 * 3000 // 10**8 == 343
    )  # 344 on the unrounded 11467
    data = sale_to_dict(sale)
    assert (data["total_fen"], data["rounding_fen"]) == (12_034, 34)


def test_net_amounts_leave_voided_lines_out() -> None:
    cart = rung_up(RICE, TEA)
    cart.void(1)
    assert net_amounts(cart.lines, Money(4)) == {2: Money(1_230)}
