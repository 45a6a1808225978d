"""The cart priced with promotions: re-priced at every change, the cashier's
discount keeps a line out of the engine, member prices come from the cart's
member alone, 抹零 after promotions, the sale's wire lines and points on nets."""

from __future__ import annotations

from datetime import UTC, datetime
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.core.cart import Cart
from pos_app.core.cart_promos import CartPricing, promo_lines
from pos_app.core.catalog import Product
from pos_app.core.member import Member
from pos_app.core.money import Money
from pos_app.core.points import Contract
from pos_app.core.promo_codec import promotion_from_dict
from pos_app.core.promo_engine import Applied, PromoBook
from pos_app.core.promo_refund import sale_points
from pos_app.core.rounding import RoundingRule
from pos_app.core.sale import build_sale, sale_to_dict
from pos_app.core.tender import Tender

THURSDAY = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)  # 10:00 in the showroom

T200 = promotion_from_dict(
    {
        "id": "T200",
        "name": "满100减10 满200减25",
        "kind": "threshold",
        "tiers": [{"min_fen": 10000, "off_fen": 1000}, {"min_fen": 20000, "off_fen": 2500}],
    }
)
N2 = promotion_from_dict(
    {
        "id": "N2",
        "name": "卤味第二件半价",
        "kind": "nth_percent",
        "nth": 2,
        "percent_bps": 5000,
        "scope": {"categories": ["deli"], "skus": []},
    }
)
M_RICE = promotion_from_dict(
    {
        "id": "M_RICE",
        "name": "大米会员价",
        "kind": "special_price",
        "price_fen": 4200,
        "members_only": True,
        "scope": {"categories": [], "skus": ["RICE"]},
    }
)
TEA = Product(sku="TEA", name="恩施玉露", category="tea", price=Money(15000), id=1)
RICE = Product(
    sku="RICE", name="五常大米", category="grain", price=Money(6000), member_price=Money(4800), id=2
)
DUCK = Product(sku="DUCK", name="鸭脖", category="deli", price=Money(3000), id=3)
NECK = Product(sku="NECK", name="鸭翅", category="deli", price=Money(2000), id=4)
RESIDENT = Member("R0001", "C001", "P001", "张**")
CONTRACT = Contract("C001", datetime(2026, 1, 1, tzinfo=UTC), share_bps=1000, points_bps=3000)


def cart_with(*promos: object, event_id: str | None = None) -> Cart:
    book = PromoBook(promos)  # type: ignore[arg-type]
    return Cart(pricing=CartPricing(lambda: book, lambda: THURSDAY, event_id))


def test_every_change_reprices_and_the_totals_carry_the_saving() -> None:
    cart = cart_with(T200)
    cart.add_product(TEA)
    assert cart.lines[0].promotions == (Applied("T200", "满100减10 满200减25", Money(1000)),)
    assert cart.totals().total == Money(14000)
    line = cart.add_product(RICE)  # ¥210: the ¥25 tier, spread 17.86 / 7.14
    assert line.amount == Money(5286)
    assert [ln.amount for ln in cart.lines] == [Money(13214), Money(5286)]
    totals = cart.totals()
    assert (totals.subtotal, totals.discount, totals.promotion, totals.total) == (
        Money(21000),
        Money(2500),
        Money(2500),
        Money(18500),
    )
    result = cart.promotions()
    assert result.totals == (Applied("T200", "满100减10 满200减25", Money(2500)),)
    assert result.hints == ()
    cart.void(2)  # back under the ¥200 tier
    assert cart.lines[1].promotions == ()
    assert cart.totals().total == Money(14000)
    assert [(h.promo_id, h.missing) for h in cart.promotions().hints] == [("T200", Money(5000))]


def test_a_cashier_discount_keeps_its_line_out_of_every_promotion() -> None:
    cart = cart_with(N2, T200)
    cart.add_product(DUCK)
    cart.add_product(NECK)
    assert [ln.promo_saving for ln in cart.lines] == [Money(0), Money(1000)]
    cart.set_discount(2, Money(100))  # the neck: ¥1 off by hand, no 第二件半价 any more
    assert [ln.promotions for ln in cart.lines] == [(), ()]
    assert [ln.amount for ln in cart.lines] == [Money(3000), Money(1900)]
    totals = cart.totals()
    assert (totals.discount, totals.promotion, totals.total) == (Money(100), Money(0), Money(4900))


def test_a_discounted_line_does_not_count_towards_a_threshold() -> None:
    cart = cart_with(T200)
    cart.add_product(TEA)
    cart.add_product(RICE)
    cart.set_discount(2, Money(100))  # the rice: only the tea's ¥150 meets 满100减10
    assert [ln.amount for ln in cart.lines] == [Money(14000), Money(5900)]
    assert cart.totals().total == Money(19900)


def test_the_member_price_is_the_engines_unit_price_and_members_only_follow_the_cart() -> None:
    cart = cart_with(M_RICE)
    cart.add_product(RICE)
    assert cart.lines[0].amount == Money(6000)  # no resident: shelf price, no member promotion
    cart.set_member(RESIDENT)
    line = cart.lines[0]
    assert (line.unit_price, line.promo_saving, line.amount) == (
        Money(4800),
        Money(600),
        Money(4200),
    )
    cart.set_member(None)
    assert (cart.lines[0].unit_price, cart.lines[0].promotions) == (Money(6000), ())


def test_a_saved_cart_keeps_no_promotion_and_gets_them_back_when_priced() -> None:
    cart = cart_with(N2)
    cart.add_product(DUCK)
    cart.add_product(NECK)
    data = cart.to_dict()
    assert all("promotions" not in line for line in data["lines"])
    back = Cart.from_dict(data).cart
    assert back.totals().total == Money(5000)
    back.set_pricing(cart.pricing)
    assert back.totals().total == Money(4000)


def test_rounding_is_spread_after_promotions_and_points_follow_the_nets() -> None:
    cart = cart_with(T200)
    cart.set_member(RESIDENT)
    cart.add_product(TEA)
    cart.add_product(NECK)  # ¥170, 满100减10: 160.00; nets 141.18 / 18.82
    tender = Tender(total=cart.totals().total, rounding_rule=RoundingRule.YUAN)
    assert tender.total == Money(16000)
    tender.add_cash(Money(16000))
    sale = build_sale(
        sale_id="s1",
        cart=cart,
        tender=tender,
        store_code="S001",
        terminal_code="T01",
        sequence=1,
        cashier="王",
        now=THURSDAY,
        contract=CONTRACT,
    )
    assert sale.rounding == Money(0)
    assert sale.net_amounts() == {1: Money(14118), 2: Money(1882)}
    assert sale.points == 16000 * 1000 * 3000 // 10**8  # the contract formula on the nets
    assert sale.promotions == (T200,)


def test_rounding_after_promotions_comes_off_the_nets() -> None:
    cart = cart_with(N2)
    cart.add_product(DUCK, 2)  # 30 + 15: the second at half price
    cart.add_product(Product(sku="PEN", name="笔", category="office", price=Money(50), id=9))
    assert cart.totals().total == Money(4550)
    tender = Tender(total=cart.totals().total, rounding_rule=RoundingRule.YUAN)
    tender.add_cash(Money(4500))
    sale = build_sale(
        sale_id="s2",
        cart=cart,
        tender=tender,
        store_code="S001",
        terminal_code="T01",
        sequence=2,
        cashier="王",
        now=THURSDAY,
    )
    assert sale.rounding == Money(50)
    # the 0.50 spread over the nets 45.00 and 0.50: 49.45 → 49 and 0.55 → 0, the
    # missing 分 to the larger remainder (the pen)
    assert sale.net_amounts() == {1: Money(4451), 2: Money(49)}


def test_the_sale_sends_each_lines_promotions_and_everything_taken_off() -> None:
    cart = cart_with(N2, event_id="E1")
    cart.add_product(DUCK)
    cart.add_product(NECK)
    cart.add_product(TEA)
    cart.set_discount(3, Money(500))
    tender = Tender(total=cart.totals().total)
    tender.add_cash(Money(19500))
    sale = build_sale(
        sale_id="s3",
        cart=cart,
        tender=tender,
        store_code="S001",
        terminal_code="T01",
        sequence=3,
        cashier="王",
        now=THURSDAY,
    )
    body = sale_to_dict(sale)
    lines = body["lines"]
    assert isinstance(lines, list)
    assert (lines[0]["discount"], "promotions" in lines[0]) == (0, False)
    assert (lines[1]["discount"], lines[1]["promotions"]) == (
        1000,
        [{"id": "N2", "saving_fen": 1000}],
    )
    assert (lines[2]["discount"], "promotions" in lines[2]) == (500, False)
    assert (body["subtotal_fen"], body["discount_fen"], body["total_fen"]) == (20000, 1500, 18500)
    assert body["event_id"] == "E1"


def test_a_sale_without_promotions_sends_what_it_always_did() -> None:
    cart = Cart()
    cart.add_product(DUCK)
    tender = Tender(total=cart.totals().total)
    tender.add_cash(Money(3000))
    sale = build_sale(
        sale_id="s4",
        cart=cart,
        tender=tender,
        store_code="S001",
        terminal_code="T01",
        sequence=4,
        cashier="王",
        now=THURSDAY,
    )
    body = sale_to_dict(sale)
    assert "event_id" not in body
    assert body["lines"] == [cart.lines[0].to_dict()]


@settings(deadline=None, max_examples=60)
@given(st.lists(st.sampled_from([TEA, RICE, DUCK, NECK]), min_size=1, max_size=8), st.randoms())
def test_scan_order_changes_nothing_and_points_are_the_formula_on_the_nets(
    scans: list[Product], rnd: Random
) -> None:
    first = cart_with(T200, N2, M_RICE)
    for product in scans:
        first.add_product(product)
    shuffled = list(scans)
    rnd.shuffle(shuffled)
    second = cart_with(T200, N2, M_RICE)
    for product in shuffled:
        second.add_product(product)
    assert first.totals() == second.totals()
    first.set_member(RESIDENT)
    tender = Tender(total=first.totals().total)
    tender.add_cash(first.totals().total if first.totals().total.fen else Money(1))
    sale = build_sale(
        sale_id="p", cart=first, tender=tender, store_code="S001", terminal_code="T01",
        sequence=1, cashier="王", now=THURSDAY, contract=CONTRACT,
    )  # fmt: skip
    assert sale.points == sale_points(promo_lines(first.lines), first.promotions(), CONTRACT)
    assert sum(line.amount.fen for line in sale.lines) == sale.total.fen >= 0
