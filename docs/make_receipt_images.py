"""Render the README's receipt pictures from a realistic sample sale.

    .venv/bin/python docs/make_receipt_images.py

Writes docs/receipt-58mm.png and docs/receipt-80mm.png. The sale goes through
the real pipeline: core Sale → receipt data → template layout → ESC/POS bytes →
decoded → drawn, so the pictures show exactly what a printer receives.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pos_app.core.cart import Cart
from pos_app.core.catalog import Product, Unit
from pos_app.core.money import Money
from pos_app.core.receipt_codes import lookup_code
from pos_app.core.sale import Sale, build_sale
from pos_app.core.tender import ManualPaymentProvider, Tender, TenderKind
from pos_app.receipts.document import ReceiptData, ResidentBlock, StoreInfo, receipt_from_sale
from pos_app.receipts.escpos_encoder import encode
from pos_app.receipts.layout import layout_receipt
from pos_app.receipts.preview import render_preview
from pos_app.receipts.profiles import PROFILES

DOCS = Path(__file__).resolve().parent
SHARE_BPS, POINTS_BPS = 1000, 3000  # the seed's example: 10 % share, 30 % of it as points


def sample_sale() -> Sale:
    water = Product("YC-W-001", "硒泉水 550ml", "water", Money(200))
    rice = Product("YC-G-002", "五常大米 稻花香2号 5kg 东北原产地直供", "grain", Money(8990))
    duck = Product("YC-D-001", "毛嘴卤鸭脖 散称", "deli", Money(5800), unit=Unit.KG, plu="10001")
    tea = Product("YC-T-003", "恩施玉露 特级 礼盒 250g", "tea", Money(39800))
    ticket = Product("YC-L-001", "体彩 顶呱刮 5元", "lottery", Money(500), points_eligible=False)
    cart = Cart()
    cart.add_product(water, 6)
    cart.add_product(rice)
    cart.set_discount_percent(2, 10)  # theme-day 10 % off the rice
    cart.add_weighed(duck, 356)
    cart.add_product(tea)
    cart.add_product(ticket, 2)
    tender = Tender(cart.totals().total)
    tender.add_cash(Money(10000))
    tender.add_external(
        TenderKind.WECHAT, tender.remaining, "134567890123456789", ManualPaymentProvider(), "demo"
    )
    return build_sale(
        sale_id="5b0e4f7c-1111-4222-8333-944455556666",
        cart=cart,
        tender=tender,
        store_code="S001",
        terminal_code="T01",
        sequence=42,
        cashier="收银员01",
        now=datetime(2026, 11, 27, 2, 35, 8, tzinfo=UTC),  # 10:35 in the showroom
    )


def sample_receipt() -> ReceiptData:
    sale = sample_sale()
    points = sale.eligible_amount.fen * SHARE_BPS * POINTS_BPS // 100_000_000
    return receipt_from_sale(
        sale,
        StoreInfo("源仓公社·示范社区展示体验区", "示范社区", "T01"),
        resident=ResidentBlock("张*明", points, 1234 + points),
        qr=lookup_code(sale.receipt_no),
        footer=("谢谢惠顾 · 积分可抵物业费",),
    )


def main() -> None:
    data = sample_receipt()
    for name, out in (("generic58", "receipt-58mm.png"), ("generic80", "receipt-80mm.png")):
        profile = PROFILES[name]
        job = encode(layout_receipt(data, profile.columns, open_drawer=True), profile)
        image = render_preview(job, profile)
        image.save(DOCS / out, optimize=True)
        print(f"{out}: {image.width}x{image.height} dots, job {len(job)} bytes")


if __name__ == "__main__":
    main()
