"""The 交班报表 (Z report) and the X read as receipt data: the figures of
core.shift laid out as labelled rows, sections marked by a row with no value.

Paper is Chinese, like every receipt; times stay aware UTC here and the
template prints them in Asia/Shanghai.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pos_app.core.money import Money
from pos_app.core.shift import Denomination, ShiftFigures, ZClose
from pos_app.receipts.document import ReceiptData, ReceiptKind, StoreInfo

TENDER_NAMES = {"cash": "现金", "wechat": "微信支付", "alipay": "支付宝", "unionpay": "银联卡"}
DENOMINATION_NAMES = {
    Denomination.Y100: "100元",
    Denomination.Y50: "50元",
    Denomination.Y20: "20元",
    Denomination.Y10: "10元",
    Denomination.Y5: "5元",
    Denomination.Y1: "1元",
    Denomination.J5: "5角",
    Denomination.J1: "1角",
}
X_TITLE, Z_TITLE = "班中读数 (X)", "交班报表 (Z)"


def _rmb(fen: int) -> str:
    return Money(fen).format("￥")


def figure_rows(f: ShiftFigures) -> list[tuple[str, str]]:
    """Sales and refunds by tender, 抹零, points and the drawer, as rows."""
    rows: list[tuple[str, str]] = [("销售", ""), ("笔数", str(f.sale_count))]
    rows += [(TENDER_NAMES.get(k, k), _rmb(v)) for k, v in f.sales_by_tender.items()]
    rows += [("实收合计", _rmb(f.sales_total_fen)), ("抹零", _rmb(f.rounding_fen))]
    rows += [("退款", ""), ("笔数", str(f.refund_count))]
    rows += [(TENDER_NAMES.get(k, k), _rmb(v)) for k, v in f.refunds_by_tender.items()]
    rows += [("退款合计", _rmb(f.refunds_total_fen))]
    rows += [
        ("积分", ""),
        ("发放", str(f.points_issued)),
        ("退款扣回", str(f.points_clawed_back)),
        ("核销", str(f.points_redeemed)),
        ("钱箱", ""),
        ("备用金", _rmb(f.float_fen)),
        ("现金收款", _rmb(f.cash_tendered_fen)),
        ("找零", "-" + _rmb(f.change_fen)),
        ("存入", _rmb(f.cash_in_fen)),
        ("取款", "-" + _rmb(f.cash_out_fen)),
        ("现金退款", "-" + _rmb(f.refunds_by_tender.get("cash", 0))),
        ("应有现金", _rmb(f.expected_cash_fen)),
    ]
    return rows


def count_rows(z: ZClose) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = [("点钞", "")]
    for denomination, pieces in z.counted.items():
        name = DENOMINATION_NAMES[Denomination(denomination)]
        rows.append((f"{name} x {pieces}", _rmb(int(denomination) * pieces)))
    diff = z.difference_fen
    label = "长款" if diff > 0 else "短款" if diff < 0 else "差额"
    rows += [
        ("实点现金", _rmb(z.counted_fen)),
        ("应有现金", _rmb(z.figures.expected_cash_fen)),
        (label, ("+" if diff > 0 else "") + _rmb(diff)),
    ]
    return rows


def shift_receipt(
    *,
    store: StoreInfo,
    shift_no: str,
    opened_by: str,
    opened_at: datetime,
    figures: ShiftFigures,
    issued_at: datetime,
    cashier: str,
    z: ZClose | None = None,
    approved_by: str | None = None,
    footer: tuple[str, ...] = (),
) -> ReceiptData:
    """An X read (z None: during the shift) or the Z report (at its close)."""
    rows = [("开班", opened_by), ("开班时间", _local(opened_at))]
    if z is not None:
        rows += [("交班", cashier), ("交班时间", _local(issued_at))]
    rows += figure_rows(figures)
    if z is not None:
        rows += count_rows(z)
        if approved_by:
            rows.append(("差额批准", approved_by))
    return ReceiptData(
        kind=ReceiptKind.SHIFT_CLOSE,
        store=store,
        number=shift_no,
        cashier=cashier,
        issued_at=issued_at,
        rows=tuple(rows),
        title=Z_TITLE if z is not None else X_TITLE,
        footer=footer,
    )


def _local(when: datetime) -> str:
    return when.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
