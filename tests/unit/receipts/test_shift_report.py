"""The 交班报表 on paper: the Z report's ESC/POS bytes, decoded, say the figures,
the count by denomination, the difference and who closed, in Shanghai time."""

from __future__ import annotations

from datetime import UTC, datetime

from pos_app.core.shift import (
    CashMovement,
    Denomination,
    MovementKind,
    ShiftRefund,
    ShiftSale,
    TenderAmount,
    close,
    summarize,
)
from pos_app.receipts.document import StoreInfo, receipt_from_dict, receipt_to_dict
from pos_app.receipts.escpos_decoder import decode
from pos_app.receipts.escpos_encoder import encode
from pos_app.receipts.layout import layout_receipt
from pos_app.receipts.profiles import PROFILES
from pos_app.receipts.shift_report import shift_receipt

STORE = StoreInfo("源仓公社·示范社区展示体验区", "示范社区", "T01")
OPENED = datetime(2026, 11, 27, 0, 30, tzinfo=UTC)  # 08:30 in Shanghai
CLOSED = datetime(2026, 11, 27, 8, 5, tzinfo=UTC)  # 16:05


def figures():  # type: ignore[no-untyped-def]
    return summarize(
        float_fen=50000,
        sales=[
            ShiftSale(3855, 5, (TenderAmount("cash", 3850, 5000),), points=11),
            ShiftSale(12000, 0, (TenderAmount("wechat", 12000),), points=36),
        ],
        refunds=[ShiftRefund(1200, (TenderAmount("cash", 1200),), points_clawback=3)],
        movements=[CashMovement(MovementKind.CASH_OUT, 20000, "取款", OPENED)],
    )


def printed(profile_name: str, z: bool) -> list[str]:
    f = figures()
    zc = close(f, {Denomination.Y100: 3, Denomination.Y10: 1, Denomination.J5: 3}) if z else None
    data = shift_receipt(
        store=STORE,
        shift_no="S001-T01-Z00007",
        opened_by="收银员01",
        opened_at=OPENED,
        figures=f,
        issued_at=CLOSED,
        cashier="收银员02",
        z=zc,
        approved_by="店长01" if z else None,
    )
    data = receipt_from_dict(receipt_to_dict(data))  # as a print job stores it
    profile = PROFILES[profile_name]
    return [t.strip() for t in decode(encode(layout_receipt(data, profile.columns), profile)).texts]


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_z_report_lines_on_80mm() -> None:
    texts = [squeeze(t) for t in printed("generic80", z=True)]
    assert "交班报表 (Z)" in texts
    assert "单号: S001-T01-Z00007" in texts
    assert "时间: 2026-11-27 16:05:00" in texts
    for line in (
        "开班 收银员01",
        "开班时间 2026-11-27 08:30",
        "交班 收银员02",
        "现金 ￥38.50",
        "微信支付 ￥120.00",
        "抹零 ￥0.05",
        "发放 47",
        "退款扣回 3",
        "备用金 ￥500.00",
        "找零 -￥11.50",
        "取款 -￥200.00",
        "现金退款 -￥12.00",
        "应有现金 ￥326.50",
        "100元 x 3 ￥300.00",
        "10元 x 1 ￥10.00",
        "5角 x 3 ￥1.50",
        "实点现金 ￥311.50",
        "短款 -￥15.00",
        "差额批准 店长01",
        "交班人签字:",
    ):
        assert line in texts, line


def test_x_read_has_no_count_nor_signatures_and_fits_58mm() -> None:
    texts = [squeeze(t) for t in printed("generic58", z=False)]
    assert "班中读数 (X)" in texts
    assert "应有现金 ￥326.50" in texts
    assert not any("实点" in t or "签字" in t or t.startswith("交班 ") for t in texts)
