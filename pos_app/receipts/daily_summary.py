"""The day's summary (营业日报) as receipt data: the figures of
`pos_app.core.sales_report` for one showroom day laid out as labelled rows,
sections marked by a row with no value (template `daily_summary.j2`).

Paper is Chinese like every receipt: amounts with `￥` (GB18030 has it; `¥`
prints as `?` on most printers); `·` and `×` are two columns wide on the
printer and the layout measures them so (`pos_app.receipts.text`). A refund
counts on the day it was given, and the paper says so.
"""

from __future__ import annotations

from datetime import datetime

from pos_app.core.money import Money
from pos_app.core.sales_report import NO_EVENT, Dimension, Figures, SalesReport
from pos_app.receipts.document import ReceiptData, ReceiptKind, StoreInfo
from pos_app.receipts.shift_report import TENDER_NAMES

TITLE = "营业日报"
TOP_PRODUCTS = 10
REFUND_NOTE = "退款计入退款当日"


def _rmb(fen: int) -> str:
    return Money(fen).format("￥")


def quantity_text(f: Figures) -> str:
    """A product's quantity kept (sold less returned): × pieces, or kilograms
    with three places (from grams)."""
    kept = f.items - f.refund_items
    if f.unit == "kg":
        sign, grams = ("-" if kept < 0 else ""), abs(kept)
        return f"{sign}{grams // 1000}.{grams % 1000:03d}kg"
    return f"×{kept}"


def summary_rows(report: SalesReport) -> list[tuple[str, str]]:
    t = report.totals
    rows: list[tuple[str, str]] = [
        ("销售", ""),
        ("笔数", str(t.sales_count)),
        ("件数", str(t.items)),
        ("销售额", _rmb(t.sales_fen)),
        ("抹零", _rmb(t.rounding_fen)),
        ("实收", _rmb(t.paid_fen)),
        ("退款", ""),
        ("笔数", str(t.refund_count)),
        ("退款额", "-" + _rmb(t.refunds_fen)),
        ("净额", _rmb(t.net_fen)),
        ("按支付方式", ""),
    ]
    rows += [(TENDER_NAMES.get(f.key, f.key), _rmb(f.net_fen)) for f in _rows(report, "tender")]
    rows.append(("按品类", ""))
    rows += [(f.label or f.key, _rmb(f.net_fen)) for f in _rows(report, "category")]
    rows.append((f"热销商品 前{TOP_PRODUCTS}", ""))
    for n, f in enumerate(report.top(Dimension.PRODUCT, TOP_PRODUCTS), start=1):
        rows.append((f"{n}. {f.label or f.key} {quantity_text(f)}", _rmb(f.net_fen)))
    events = [f for f in _rows(report, "event") if f.key != NO_EVENT]
    if events:
        rows.append(("活动销售", ""))
        rows += [(f.label or f.key, _rmb(f.net_fen)) for f in events]
    rows += [
        ("积分", ""),
        ("发放", str(t.points_issued)),
        ("退款扣回", str(t.points_clawed_back)),
        ("核销", str(t.points_redeemed)),
        ("按收银员", ""),
    ]
    for f in _rows(report, "cashier"):
        rows.append((f.key, f"{f.sales_count}笔 {_rmb(f.net_fen)}"))
    return rows


def _rows(report: SalesReport, dimension: str) -> tuple[Figures, ...]:
    return report.rows(Dimension(dimension))


def daily_receipt(
    *, store: StoreInfo, report: SalesReport, issued_at: datetime, cashier: str
) -> ReceiptData:
    day = report.range.first.isoformat()
    head = [("日期", day)]
    if report.cashier is not None:  # a cashier's own day, not the store's
        head.append(("收银员", report.cashier))
    return ReceiptData(
        kind=ReceiptKind.DAILY_SUMMARY,
        store=store,
        number=day,
        cashier=cashier,
        issued_at=issued_at,
        rows=tuple(head + summary_rows(report)),
        title=f"{TITLE} · {day}",
        footer=(REFUND_NOTE,),
    )
