"""Receipts of the documents that are not sales: refunds and points redemptions.

The layout is in resources/receipts/*.j2; this only gathers the data.
"""

from __future__ import annotations

from datetime import datetime

from pos_app.core.money import Money
from pos_app.persistence.refunds_repo import RecordedRefund, SaleForRefund
from pos_app.receipts.document import (
    ReceiptData,
    ReceiptKind,
    ReceiptLine,
    ReceiptPayment,
    ReceiptTotals,
    ResidentBlock,
    StoreInfo,
)
from sync.protocol.messages import RedemptionResponse


def refund_receipt(
    refund: RecordedRefund,
    sale: SaleForRefund,
    *,
    store: StoreInfo,
    cashier: str,
    approved_by: str = "",
    balance: int | None = None,
    footer: tuple[str, ...] = (),
) -> ReceiptData:
    by_no = {line.line_no: line for line in sale.lines}
    lines = []
    for ln in refund.plan.lines:
        sold = by_no[ln.line_no]
        unit = Money(sold.amount.fen // sold.quantity) if not sold.weighed else Money(0)
        lines.append(
            ReceiptLine(
                name=sold.name,
                quantity=ln.quantity,
                weighed=sold.weighed,
                unit_price=unit,
                discount=Money(0),
                amount=ln.amount,
            )
        )
    rows = [("原小票", sale.receipt_no)]
    if approved_by:
        rows.append(("批准", approved_by))
    resident = None
    if sale.resident_id:
        resident = ResidentBlock(sale.masked_name or "*", -refund.plan.points_clawback, balance)
        rows.append(("扣回积分", str(refund.plan.points_clawback)))
    total = refund.plan.total
    return ReceiptData(
        kind=ReceiptKind.REFUND,
        store=store,
        number=refund.refund_no,
        cashier=cashier,
        issued_at=refund.created_at,
        lines=tuple(lines),
        payments=tuple(ReceiptPayment(t.kind.value, t.amount, t.amount) for t in refund.tenders),
        totals=ReceiptTotals(total, Money(0), total, Money(0), len(lines)),
        resident=resident,
        rows=tuple(rows),
        footer=footer,
        sale_id=sale.sale_id,
    )


def redemption_receipt(
    response: RedemptionResponse,
    *,
    masked_name: str,
    period: str,
    store: StoreInfo,
    cashier: str,
    when: datetime,
    footer: tuple[str, ...] = (),
) -> ReceiptData:
    value = Money(response.points)  # 1 point = ¥0.01 of property fee
    return ReceiptData(
        kind=ReceiptKind.REDEMPTION,
        store=store,
        number=str(response.redemption_id)[:8].upper(),
        cashier=cashier,
        issued_at=when,
        totals=ReceiptTotals(value, Money(0), value, Money(0), 0),
        resident=ResidentBlock(masked_name, -response.points, response.balance),
        rows=(
            ("物业费账单", response.bill_id),
            ("账期", period),
            ("使用积分", str(response.points)),
            ("账单未缴", Money(response.bill_open_fen).format("￥")),
        ),
        footer=footer,
    )
