"""A completed sale: preconditions, receipt numbers, eligible amount, plain data, and
its member taken from the cart with the prices."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from pos_app.core.cart import Cart, CartLine
from pos_app.core.catalog import Product, Unit
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.member import Member
from pos_app.core.money import Money
from pos_app.core.points import Contract
from pos_app.core.sale import Sale, build_sale, new_sale_id, receipt_number, sale_to_dict
from pos_app.core.tender import ChargeRequest, ChargeResult, Tender, TenderKind

RICE = Product(sku="RICE", name="五常大米", category="grain", price=Money(8800), id=1)
TEA = Product(sku="TEA", name="恩施玉露", category="tea", price=Money(12800), id=2)
LOTTERY = Product(
    sku="LOT", name="福彩 2元", category="lottery", price=Money(200), points_eligible=False, id=3
)
DEPOSIT = Product(
    sku="DEP", name="桶押金", category="deposit", price=Money(3000), points_eligible=False, id=4
)
PORK = Product(sku="PORK", name="猪肉", category="fresh", price=Money(3980), unit=Unit.KG, id=5)
NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


class Approve:
    def charge(self, request: ChargeRequest) -> ChargeResult:
        return ChargeResult(True, request.reference)


def settled_tender(cart: Cart) -> Tender:
    tender = Tender(cart.totals().total)
    if tender.remaining.fen > 0:
        tender.add_cash(tender.remaining + Money(1000))
    return tender


def make_sale(cart: Cart, tender: Tender | None = None, **overrides: object) -> Sale:
    args: dict[str, object] = {
        "sale_id": "sale-1",
        "cart": cart,
        "tender": tender if tender is not None else settled_tender(cart),
        "store_code": "S001",
        "terminal_code": "T01",
        "sequence": 42,
        "cashier": "王芳",
        "now": NOW,
    }
    args.update(overrides)
    return build_sale(**args)  # type: ignore[arg-type]


def sample_cart(member: Member | None = None) -> Cart:
    cart = Cart(member=member)
    rice = cart.add_product(RICE, 2)  # 176.00
    cart.set_discount(rice.line_no, Money(1600))  # -16.00 -> 160.00
    cart.add_product(LOTTERY, 5)  # 10.00, not eligible
    cart.add_product(DEPOSIT)  # 30.00, not eligible
    tea = cart.add_product(TEA)  # 128.00, voided
    cart.void(tea.line_no)
    cart.add_weighed(PORK, 500)  # 19.90
    return cart


# --- receipt numbers and ids --------------------------------------------------


def test_receipt_number_format() -> None:
    assert receipt_number("S001", "T01", 42) == "S001-T01-000042"
    assert receipt_number("S001", "T01", 1) == "S001-T01-000001"
    assert receipt_number("S002", "T10", 999_999) == "S002-T10-999999"


def test_new_sale_ids_are_unique_uuids() -> None:
    ids = {new_sale_id() for _ in range(100)}
    assert len(ids) == 100
    for sale_id in ids:
        assert str(uuid.UUID(sale_id)) == sale_id


# --- build_sale ---------------------------------------------------------------


def test_build_sale_copies_everything() -> None:
    cart = sample_cart()
    tender = settled_tender(cart)
    sale = make_sale(cart, tender)
    assert sale.sale_id == "sale-1"
    assert sale.receipt_no == "S001-T01-000042"
    assert (sale.store_code, sale.terminal_code, sale.cashier) == ("S001", "T01", "王芳")
    assert sale.created_at == NOW
    assert sale.lines == tuple(cart.lines)
    assert len(sale.lines) == 5  # voided line kept
    assert sale.payments == tuple(tender.payments)
    assert sale.totals == cart.totals()
    assert sale.total == Money(16000 + 1000 + 3000 + 1990)
    assert sale.change == Money(1000)


def test_sale_does_not_follow_later_cart_changes() -> None:
    cart = sample_cart()
    sale = make_sale(cart)
    lines = sale.lines
    cart.clear()
    cart.add_product(TEA)
    assert sale.lines == lines
    assert len(sale.lines) == 5


def test_empty_cart_refused() -> None:
    with pytest.raises(PosError) as info:
        make_sale(Cart(), Tender(Money(0)))
    assert info.value.code is ErrorCode.CART_EMPTY


def test_cart_with_only_voided_lines_is_empty() -> None:
    cart = Cart()
    line = cart.add_product(RICE)
    cart.void(line.line_no)
    with pytest.raises(PosError) as info:
        make_sale(cart, Tender(Money(0)))
    assert info.value.code is ErrorCode.CART_EMPTY


def test_unsettled_tender_refused() -> None:
    cart = Cart()
    cart.add_product(RICE)
    tender = Tender(Money(8800))
    tender.add_cash(Money(5000))
    with pytest.raises(PosError) as info:
        make_sale(cart, tender)
    assert info.value.code is ErrorCode.TENDER_INSUFFICIENT
    assert info.value.params == {"remaining": 3800}


def test_tender_for_another_total_refused() -> None:
    cart = Cart()
    cart.add_product(RICE)
    stale = Tender(Money(100))  # the cart changed after the tender dialog opened
    stale.add_cash(Money(100))
    with pytest.raises(PosError) as info:
        make_sale(cart, stale)
    assert info.value.code is ErrorCode.TENDER_INSUFFICIENT
    assert info.value.params == {"total": 8800}


def test_naive_time_refused() -> None:
    cart = Cart()
    cart.add_product(RICE)
    with pytest.raises(ValueError):
        make_sale(cart, now=datetime(2026, 3, 1, 9, 30))


def test_split_tender_sale() -> None:
    cart = Cart()
    cart.add_product(TEA)
    tender = Tender(Money(12800))
    tender.add_cash(Money(2800))
    tender.add_external(TenderKind.WECHAT, Money(10000), "WX-1", Approve(), "sale-1")
    sale = make_sale(cart, tender)
    assert [p.kind for p in sale.payments] == [TenderKind.CASH, TenderKind.WECHAT]
    assert sale.change == Money(0)


def test_fully_discounted_cart_needs_no_payment() -> None:
    cart = Cart()
    line = cart.add_product(RICE)
    cart.set_discount_percent(line.line_no, 100)
    sale = make_sale(cart, Tender(Money(0)))
    assert sale.total == Money(0)
    assert sale.eligible_amount == Money(0)


def test_sale_time_is_stored_in_utc() -> None:
    beijing = timezone(timedelta(hours=8))
    local = datetime(2026, 3, 1, 17, 30, tzinfo=beijing)
    cart = Cart()
    cart.add_product(RICE)
    sale = make_sale(cart, now=local)
    assert sale.created_at == local  # same instant
    assert sale.created_at.utcoffset() == timedelta(0)
    assert sale_to_dict(sale)["created_at"] == "2026-03-01T09:30:00+00:00"


# --- eligible amount ----------------------------------------------------------


def test_eligible_amount_excludes_lottery_deposit_and_voided_and_counts_discounts() -> None:
    sale = make_sale(sample_cart())
    # rice 176.00 - 16.00 discount + pork 19.90; lottery, deposit and voided tea excluded
    assert sale.eligible_amount == Money(16000 + 1990)
    assert sale.eligible_amount < sale.total


def test_eligible_amount_of_only_lottery_is_zero() -> None:
    cart = Cart()
    cart.add_product(LOTTERY, 10)
    sale = make_sale(cart)
    assert sale.total == Money(2000)
    assert sale.eligible_amount == Money(0)


def test_eligible_amount_equals_total_when_everything_is_eligible() -> None:
    cart = Cart()
    cart.add_product(RICE)
    line = cart.add_product(TEA)
    cart.set_discount_percent(line.line_no, 10)
    sale = make_sale(cart)
    assert sale.eligible_amount == sale.total == Money(8800 + 11520)


# --- plain data ---------------------------------------------------------------


def test_sale_to_dict_is_json_with_integer_fen() -> None:
    sale = make_sale(sample_cart())
    data = sale_to_dict(sale)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["sale_id"] == "sale-1"
    assert data["receipt_no"] == "S001-T01-000042"
    assert data["cashier"] == "王芳"
    assert data["created_at"] == "2026-03-01T09:30:00+00:00"
    assert datetime.fromisoformat(str(data["created_at"])) == NOW
    assert data["subtotal_fen"] == 17600 + 1000 + 3000 + 1990
    assert data["discount_fen"] == 1600
    assert data["total_fen"] == 16000 + 1000 + 3000 + 1990
    assert data["eligible_fen"] == 16000 + 1990
    assert data["change_fen"] == 1000
    for key in ("subtotal_fen", "discount_fen", "total_fen", "change_fen", "eligible_fen"):
        assert type(data[key]) is int
    lines = data["lines"]
    assert isinstance(lines, list) and len(lines) == 5
    assert [line["voided"] for line in lines] == [False, False, False, True, False]
    assert lines[4]["unit"] == "kg"
    for line in lines:
        for key in ("unit_price", "discount", "quantity"):
            assert type(line[key]) is int
    payments = data["payments"]
    assert payments == [
        {"kind": "cash", "amount_fen": 21990, "tendered_fen": 22990, "reference": ""}
    ]


def test_no_float_anywhere_in_sale_dict() -> None:
    def walk(value: object) -> None:
        assert not isinstance(value, float)
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(sale_to_dict(make_sale(sample_cart())))


def test_a_members_sale_carries_the_code_shown_and_never_the_name() -> None:
    member = Member(
        "R0001", "C001", "P001", masked_name="张*明", code_nonce="n1", code="YCM1.e30.c2ln"
    )
    data = sale_to_dict(make_sale(sample_cart(member)))
    assert data["member"] == {
        "resident_id": "R0001",
        "community_id": "C001",
        "property_company_id": "P001",
        "code_nonce": "n1",
        "code": "YCM1.e30.c2ln",
    }
    old = Member("R0001", "C001", "P001", masked_name="张*明")  # no code known
    assert sale_to_dict(make_sale(sample_cart(old)))["member"]["code"] is None  # type: ignore[index]


# --- the member comes from the cart -----------------------------------------------

MEMBER_RICE = Product(
    sku="MRICE", name="五常大米 会员", category="grain", price=Money(8800),
    member_price=Money(7900), id=6,
)  # fmt: skip
RESIDENT = Member("R0001", "C001", "P001", "张*明", "nonce-1", 1_800_000_000, "YCM1.a.b")
CONTRACT = Contract("C001", datetime(2026, 1, 1, tzinfo=UTC), share_bps=1000, points_bps=3000)


def payload(cart: Cart) -> tuple[dict[str, Any], list[int]]:
    """The sale's plain data, and its lines' unit prices."""
    data = json.loads(json.dumps(sale_to_dict(make_sale(cart, contract=CONTRACT))))
    return data, [line["unit_price"] for line in data["lines"]]


def test_a_sale_s_member_and_member_prices_come_from_the_cart_together() -> None:
    cart = Cart(member=RESIDENT)
    cart.add_product(MEMBER_RICE, 2)
    data, prices = payload(cart)
    assert data["member"]["resident_id"] == "R0001"
    assert prices == [7900]
    assert data["points"] == 474  # 158.00 × 10 % × 30 %


def test_a_sale_payload_never_carries_member_prices_without_a_member() -> None:
    # identified, held, resumed with the resident refused, paid: list prices, nobody earns
    cart = Cart(member=RESIDENT)
    cart.add_product(MEMBER_RICE, 2)
    cart.add_product(TEA)

    def refused(member: Member) -> Member:
        raise PosError(ErrorCode.QR_REVOKED)

    resumed = Cart.from_dict(json.loads(json.dumps(cart.to_dict())), check_member=refused).cart
    data, prices = payload(resumed)
    assert (data["member"], data["points"], data["contract"]) == (None, 0, None)
    assert prices == [8800, 12800]
    assert data["total_fen"] == 2 * 8800 + 12800
    # and after the resident is taken off by hand
    cart.set_member(None)
    data, prices = payload(cart)
    assert data["member"] is None and prices == [8800, 12800]
    # the payload's line is the protocol's: the cart's price offers stay out of it
    assert set(data["lines"][0]) == set(CartLine.from_dict(data["lines"][0]).to_dict())
