"""Receipt data: built from a core Sale, masked names, JSON round trip."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from pos_app.core.barcodes import ScaleCode, ScaleValue
from pos_app.core.cart import Cart
from pos_app.core.catalog import Product, Unit
from pos_app.core.money import Money
from pos_app.core.sale import Member, build_sale
from pos_app.core.tender import ManualPaymentProvider, Tender, TenderKind
from pos_app.receipts.document import (
    ReceiptKind,
    ResidentBlock,
    item_count,
    mask_name,
    receipt_from_dict,
    receipt_from_sale,
    receipt_to_dict,
)
from tests.unit.receipts.samples import STORE, other_kinds

WATER = Product("W1", "硒泉水 550ml", "water", Money(200), barcodes=("6975321000012",))
DUCK = Product("D1", "毛嘴卤鸭脖 散称", "deli", Money(5800), unit=Unit.KG, plu="10001")


def a_sale(member: Member | None = None):  # type: ignore[no-untyped-def]
    cart = Cart(member=member)
    cart.add_product(WATER, 3)
    cart.add_weighed(DUCK, 356)
    cart.add_product(Product("L1", "体彩 顶呱刮", "lottery", Money(500), points_eligible=False))
    cart.void(3)
    cart.set_discount(1, Money(50))
    tender = Tender(cart.totals().total)
    tender.add_cash(Money(1000))
    tender.add_external(
        TenderKind.WECHAT, tender.remaining, "134567890123456789", ManualPaymentProvider(), "s1"
    )
    return build_sale(
        sale_id="s1",
        cart=cart,
        tender=tender,
        store_code="S001",
        terminal_code="T01",
        sequence=42,
        cashier="收银员01",
        now=datetime(2026, 11, 26, 16, 30, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三明", "张*明"),
        ("张三", "张*"),
        ("欧阳娜娜", "欧**娜"),
        ("王", "*"),
        ("", ""),
        (" 李四 ", "李*"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_receipt_from_sale_leaves_out_voided_lines_and_masks_payment_codes() -> None:
    sale = a_sale()
    data = receipt_from_sale(sale, STORE, footer=("谢谢惠顾",))
    assert data.kind is ReceiptKind.SALE
    assert data.number == "S001-T01-000042"
    assert [ln.name for ln in data.lines] == ["硒泉水 550ml", "毛嘴卤鸭脖 散称"]
    water, duck = data.lines
    assert (water.gross, water.discount, water.amount) == (Money(600), Money(50), Money(550))
    assert duck.weighed and duck.quantity == 356 and duck.amount == Money(2065)
    assert data.totals is not None and data.totals.total == sale.total
    assert [p.kind for p in data.payments] == ["cash", "wechat"]
    assert data.payments[1].reference_tail == "6789"
    assert "134567890123456789" not in json.dumps(receipt_to_dict(data))
    assert data.resident is None


def test_a_members_sale_shows_the_masked_name_and_points() -> None:
    sale = a_sale(Member("R1", "C001", "P001", masked_name="张*明"))
    data = receipt_from_sale(sale, STORE)
    assert data.resident == ResidentBlock("张*明", sale.points, None)


def test_item_count_is_pieces_with_a_weighed_line_as_one() -> None:
    sale = other_kinds()[ReceiptKind.SALE]
    assert item_count(sale.lines) == 6 + 1 + 1 + 1  # water ×6, rice, duck 356 g, tea


def test_a_sale_receipt_counts_items_as_the_cart_on_screen_does() -> None:
    cart = Cart()
    cart.add_product(WATER, 3)
    cart.add_weighed(DUCK, 356)
    cart.add_scale_label(DUCK, ScaleCode("10001", ScaleValue.PRICE, 2065, "2010001020652"))
    cart.add_product(Product("T1", "恩施玉露", "tea", Money(39800)), 2)
    cart.void(4)
    tender = Tender(cart.totals().total)
    tender.add_cash(cart.totals().total)
    sale = build_sale(
        sale_id="s2",
        cart=cart,
        tender=tender,
        store_code="S001",
        terminal_code="T01",
        sequence=43,
        cashier="收银员01",
        now=datetime(2026, 11, 26, 16, 30, tzinfo=UTC),
    )
    data = receipt_from_sale(sale, STORE)
    assert data.totals is not None
    assert data.totals.item_count == cart.totals().item_count == 3 + 1 + 1


@pytest.mark.parametrize("kind", list(ReceiptKind))
def test_json_round_trip(kind: ReceiptKind) -> None:
    data = other_kinds()[kind]
    raw = json.loads(json.dumps(receipt_to_dict(data), ensure_ascii=False))
    assert receipt_from_dict(raw) == data


def test_qr_payload_must_be_one_short_printable_line() -> None:
    base = other_kinds()[ReceiptKind.SALE]
    for bad in ("", "a\nb", "x" * 601):
        with pytest.raises(ValueError):
            receipt_from_dict({**receipt_to_dict(base), "qr": bad})


def test_naive_time_refused() -> None:
    with pytest.raises(ValueError):
        receipt_from_dict(
            {**receipt_to_dict(other_kinds()[ReceiptKind.SALE]), "issued_at": "2026-11-26T16:30:00"}
        )
