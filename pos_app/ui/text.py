"""Small display helpers shared by models and dialogs (no business rules)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from pos_app.core.cart import CartLine
from pos_app.core.tender import TenderKind

SHANGHAI = ZoneInfo("Asia/Shanghai")


def quantity_text(line: CartLine) -> str:
    if line.weighed:
        return f"{line.quantity / 1000:.3f} kg"
    return str(line.quantity)


def local_time(moment: datetime) -> str:
    """A stored UTC time as shown in the showroom (Asia/Shanghai)."""
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


def tender_name(kind: TenderKind) -> str:
    names = {
        TenderKind.CASH: QCoreApplication.translate("Tender", "Cash"),
        TenderKind.WECHAT: QCoreApplication.translate("Tender", "WeChat Pay"),
        TenderKind.ALIPAY: QCoreApplication.translate("Tender", "Alipay"),
        TenderKind.UNIONPAY: QCoreApplication.translate("Tender", "UnionPay card"),
    }
    return names[kind]
