"""Refund, redemption and test-print receipts, from sales made the real way on a
real SQLite file: exact lines for counted and weighed refunds, the points taken
back shown once with their sign, and 件数 counted as on the sale receipt."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import pytest

from pos_app.app import AppContext
from pos_app.core.barcodes import with_check_digit
from pos_app.core.money import Money
from pos_app.core.sale import Sale
from pos_app.demo import demo_code
from pos_app.receipts.document import ReceiptKind, StoreInfo
from pos_app.receipts.escpos_decoder import decode
from pos_app.receipts.escpos_encoder import encode
from pos_app.receipts.layout import layout_receipt, plain_text
from pos_app.receipts.profiles import PROFILES
from pos_app.services.account_views import Redemption
from pos_app.services.receipt_builders import (
    printer_test_receipt,
    redemption_receipt,
    refund_receipt,
)
from tests.staff_helpers import refund_as_manager

WATER, RICE = "6975321000012", "6921445000018"  # ¥2.00 (members ¥1.90), ¥89.90
DUCK_LABEL = with_check_digit("20" + "10001" + "02970")  # 毛嘴卤鸭脖 ¥58.00/kg, ¥29.70: 512 g


def member_sale(context: AppContext) -> Sale:
    """Water ×3 (¥0.50 off the line), a weighed label, rice; resident R0001."""
    co = context.checkout
    for code in (WATER, WATER, WATER, DUCK_LABEL, RICE):
        co.scan(code)
    co.scan(demo_code("R0001"))
    co.set_discount(1, Money(50))
    tender = co.start_tender()
    tender.add_cash(tender.total)
    return co.complete(tender)


def refunded(context: AppContext, quantities: dict[int, int]):  # type: ignore[no-untyped-def]
    sale = member_sale(context)
    refund = refund_as_manager(context, context.refunds.find(sale.receipt_no), quantities)
    stored = context.printing.sales.load(sale.sale_id)
    assert stored is not None
    balance = context.members.repo.resident("R0001").shown_balance  # type: ignore[union-attr]
    data = refund_receipt(
        refund,
        stored,
        store=context.printing.store(),
        cashier="收银员01",
        approved_by="店长01",
        balance=balance,
    )
    return sale, refund, data


def body(text: str, first: str, last: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if i >= start and line.startswith(last))
    return lines[start : end + 1]


def test_refund_of_counted_and_weighed_lines_80mm(context: AppContext) -> None:
    sale, refund, data = refunded(context, {1: 2, 2: 512})
    # 2 of 3 waters: floor(520 × 2 / 3) = 346 back, of 380 at ¥1.90; the label whole
    assert refund.plan.total == Money(346 + 2970)
    # earned floor((520 + 2970 + 8990) × 3 %) = 374; kept (174 + 8990) earns 274
    assert sale.points == 374 and refund.plan.points_clawback == 100
    text = plain_text(layout_receipt(data, 48))
    assert body(text, "原小票", "  可抵物业费") == [
        f"原小票                           {sale.receipt_no}",
        "批准                                      店长01",
        "------------------------------------------------",
        "品名                      数量 x 单价       金额",
        "------------------------------------------------",
        "硒泉水 550ml                 2 x 1.90       3.80",
        "  优惠                                     -0.34",
        "毛嘴卤鸭脖 散称    0.512kg x 58.00/kg      29.70",
        "------------------------------------------------",
        "件数                                           3",
        "小计                                     ￥33.50",
        "优惠                                     -￥0.34",
        "退款合计         ￥33.16",
        "------------------------------------------------",
        "退回 现金                                ￥33.16",
        "------------------------------------------------",
        "会员: 张*明",
        "本单积分                                    -100",
        "积分余额                                   1,554",
        "  可抵物业费                             ￥15.54",
    ]
    assert "+-" not in text and "扣回积分" not in text
    assert text.count("100") == 1  # the points taken back appear once


def test_refund_receipt_on_58mm_paper_as_the_printer_receives_it(context: AppContext) -> None:
    _, _, data = refunded(context, {2: 512, 3: 1})
    profile = PROFILES["generic58"]
    printed = decode(encode(layout_receipt(data, profile.columns), profile)).texts
    start = printed.index("毛嘴卤鸭脖 散称")
    assert printed[start : start + 7] == [
        "毛嘴卤鸭脖 散称",
        "   0.512kg x 58.00/kg      29.70",
        "五常大米 稻花香2号 5kg",
        "            1 x 89.90      89.90",
        "--------------------------------",
        "件数                           2",  # a weighed line is one piece
        "小计                    ￥119.60",
    ]
    # 374 earned; the water kept (520) earns floor(15.6) = 15: 359 taken back
    assert "本单积分                    -359" in printed


def test_refund_counts_pieces_not_lines(context: AppContext) -> None:
    _, _, data = refunded(context, {1: 3})
    assert data.totals is not None and data.totals.item_count == 3
    assert len(data.lines) == 1


def test_refund_of_an_anonymous_sale_has_no_member_block(context: AppContext) -> None:
    co = context.checkout
    co.scan(WATER)
    tender = co.start_tender()
    tender.add_cash(tender.total)
    sale = co.complete(tender)
    refund = refund_as_manager(context, context.refunds.find(sale.receipt_no), {1: 1})
    stored = context.printing.sales.load(sale.sale_id)
    assert stored is not None
    data = refund_receipt(refund, stored, store=context.printing.store(), cashier="收银员01")
    assert data.resident is None
    assert "本单积分" not in plain_text(layout_receipt(data, 32))


def test_redemption_shows_the_points_used_once_as_a_negative_number() -> None:
    response = Redemption(
        redemption_id=UUID("7d1f0e38-3c7e-4f1f-9d4e-3f7a1b2c4d5e"),
        bill_id="B2026-11-0301",
        points=1200,
        balance=34,
        bill_open_fen=3800,
    )
    data = redemption_receipt(
        response,
        masked_name="张*明",
        period="2026-11",
        store=StoreInfo("源仓公社", "示范社区", "T01"),
        cashier="收银员01",
        when=datetime(2026, 11, 27, 2, 0, tzinfo=UTC),
    )
    text = plain_text(layout_receipt(data, 32)).splitlines()
    assert [row for row in text if "1,200" in row or "1200" in row] == [
        "本单积分                  -1,200"
    ]


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_the_test_print_tries_every_part_of_a_receipt(profile: str) -> None:
    store = StoreInfo("源仓公社", "示范社区", "T01")
    data = printer_test_receipt(
        store, profile_title=PROFILES[profile].title, when=datetime(2026, 11, 27, tzinfo=UTC)
    )
    assert data.kind is ReceiptKind.TEST
    columns = PROFILES[profile].columns
    text = plain_text(layout_receipt(data, columns))
    assert "打印测试 / Test print" in text and PROFILES[profile].title in text
    assert "0.512kg x 39.80/kg" in text and "2 x 89.90" in text
    assert "件数" + " " * (columns - 5) + "3" in text.splitlines()
    assert "[QR YCR1.TEST]" in text
