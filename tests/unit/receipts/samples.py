"""Receipt data for tests: a realistic sale with Chinese names, a weighed line,
a discount, a split tender and a resident; and one of every other kind."""

from __future__ import annotations

from datetime import UTC, datetime

from pos_app.core.money import Money
from pos_app.receipts.document import (
    ReceiptData,
    ReceiptKind,
    ReceiptLine,
    ReceiptPayment,
    ReceiptTotals,
    ResidentBlock,
    StoreInfo,
)
from pos_app.services.receipt_builders import printer_test_receipt

STORE = StoreInfo("源仓公社·示范社区展示体验区", "示范社区", "T01")
WHEN = datetime(2026, 11, 26, 16, 30, 15, tzinfo=UTC)  # 2026-11-27 00:30:15 in Shanghai
LONG_NAME = "五常大米 稻花香2号 5kg 东北原产地直供特级新米礼盒装"


def line(name: str, qty: int, price: int, discount: int = 0, weighed: bool = False) -> ReceiptLine:
    gross = Money(price).scale(qty, 1000) if weighed else Money(price * qty)
    return ReceiptLine(name, qty, weighed, Money(price), Money(discount), gross - Money(discount))


def sale_receipt(**changes: object) -> ReceiptData:
    lines = (
        line("硒泉水 550ml", 6, 200),
        line(LONG_NAME, 1, 8990, discount=900),
        line("毛嘴卤鸭脖 散称", 356, 5800, weighed=True),
        line("恩施玉露 特级 礼盒 250g", 1, 39800),
    )
    subtotal = sum((ln.gross for ln in lines), Money(0))
    discount = Money(900)
    total = subtotal - discount
    data = {
        "kind": ReceiptKind.SALE,
        "store": STORE,
        "number": "S001-T01-000042",
        "cashier": "收银员01",
        "issued_at": WHEN,
        "lines": lines,
        "payments": (
            ReceiptPayment("cash", Money(10000), Money(10000)),
            ReceiptPayment("wechat", total - Money(10000), total - Money(10000), "6789"),
        ),
        "totals": ReceiptTotals(subtotal, discount, total, Money(0), 9),
        "resident": ResidentBlock("张*明", 15, 1234),
        "qr": "YCR1.S001-T01-000042",
        "footer": ("谢谢惠顾 · 积分可抵物业费",),
        "sale_id": "5b0e4f7c-1111-4222-8333-944455556666",
    }
    data.update(changes)
    return ReceiptData(**data)  # type: ignore[arg-type]


def other_kinds() -> dict[ReceiptKind, ReceiptData]:
    base = sale_receipt()
    return {
        ReceiptKind.SALE: base,
        ReceiptKind.REPRINT: base.as_reprint(datetime(2026, 11, 27, 2, 0, tzinfo=UTC)),
        ReceiptKind.REFUND: sale_receipt(
            kind=ReceiptKind.REFUND,
            number="S001-T01-R000003",
            lines=base.lines[:1],
            payments=(ReceiptPayment("cash", Money(1200), Money(1200)),),
            totals=None,
            rows=(("原单号", "S001-T01-000042"), ("审批", "店长01")),
            qr=None,
        ),
        ReceiptKind.SHIFT_CLOSE: sale_receipt(
            kind=ReceiptKind.SHIFT_CLOSE,
            number="SHIFT-T01-0007",
            lines=(),
            resident=None,
            qr=None,
            rows=(("班次", "早班 08:00-16:00"), ("笔数", "37"), ("钱箱应有", "￥1,250.00")),
        ),
        ReceiptKind.REDEMPTION: sale_receipt(
            kind=ReceiptKind.REDEMPTION,
            number="RD-000012",
            lines=(),
            payments=(),
            totals=ReceiptTotals(Money(1200), Money(0), Money(1200), Money(0), 0),
            rows=(("账单", "2026年11月物业费"), ("房号", "3栋2单元***"), ("使用积分", "1,200")),
            resident=ResidentBlock("李*", None, 34),
        ),
        ReceiptKind.TEST: printer_test_receipt(STORE, profile_title="80 mm", when=WHEN),
        ReceiptKind.EVENT_REPORT: sale_receipt(
            kind=ReceiptKind.EVENT_REPORT,
            number="EV-TEA-1128",
            lines=(),
            payments=(),
            totals=None,
            resident=None,
            qr=None,
            title="活动报告 · 恩施玉露试饮",
            rows=(("概况", ""), ("到访人数", "86"), ("· 恩施玉露", ""), ("试吃 × 40", "40")),
        ),
        ReceiptKind.DAILY_SUMMARY: sale_receipt(
            kind=ReceiptKind.DAILY_SUMMARY,
            number="2026-11-27",
            lines=(),
            payments=(),
            totals=None,
            resident=None,
            qr=None,
            title="营业日报 · 2026-11-27",
            rows=(("销售", ""), ("实收", "￥1,234.50"), ("1. 恩施玉露 特级 礼盒 ×3", "￥358.00")),
            footer=("退款计入退款当日",),
        ),
    }
