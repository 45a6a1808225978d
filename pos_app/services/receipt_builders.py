"""Receipts of the documents that are not sales: refunds, points redemptions
and the printer dialog's test print.

The layout is in resources/receipts/*.j2; this only gathers the data.
"""

from __future__ import annotations

from datetime import datetime

from pos_app.core.cart import CartLine
from pos_app.core.money import Money
from pos_app.core.refund import RefundLine
from pos_app.core.sale import Sale
from pos_app.persistence.refunds_repo import RecordedRefund
from pos_app.receipts.document import (
    ReceiptData,
    ReceiptKind,
    ReceiptLine,
    ReceiptPayment,
    ReceiptTotals,
    ResidentBlock,
    StoreInfo,
    item_count,
)
from pos_app.services.account_views import Redemption


def refund_line(sold: CartLine, back: RefundLine) -> ReceiptLine:
    """A refunded line as the sale receipt showed it: quantity × the sale's unit
    price (per kg when weighed), and what it falls short of the money given back
    as the line's share of its discount.

    A weighed or scale-label line goes back whole, at its own gross. Pieces are
    priced `unit × k`; the amount given back is never more than that (the
    telescoping share of core.refund), so the discount is never negative.
    """
    whole = sold.weighed or sold.fixed_amount is not None
    gross = sold.gross if whole else sold.unit_price * back.quantity
    discount = gross - back.amount if gross > back.amount else Money(0)
    return ReceiptLine(
        name=sold.name,
        quantity=back.quantity,
        weighed=sold.weighed,
        unit_price=sold.unit_price,
        discount=discount,
        amount=back.amount,
    )


def refund_receipt(
    refund: RecordedRefund,
    sale: Sale,
    *,
    store: StoreInfo,
    cashier: str,
    approved_by: str = "",
    balance: int | None = None,
    footer: tuple[str, ...] = (),
) -> ReceiptData:
    """The refund's receipt; `sale` is the original as stored (SaleReader).

    The points taken back are shown once, in the resident block, as a negative
    number; `balance` is the resident's balance after the refund, when known.
    """
    by_no = {line.line_no: line for line in sale.lines}
    lines = tuple(refund_line(by_no[ln.line_no], ln) for ln in refund.plan.lines)
    rows = [("原小票", sale.receipt_no)]
    if approved_by:
        rows.append(("批准", approved_by))
    resident = None
    if sale.member is not None:
        masked = sale.member.masked_name or "*"
        resident = ResidentBlock(masked, -refund.plan.points_clawback, balance)
    subtotal = sum((ln.gross for ln in lines), Money(0))
    total = refund.plan.total
    return ReceiptData(
        kind=ReceiptKind.REFUND,
        store=store,
        number=refund.refund_no,
        cashier=cashier,
        issued_at=refund.created_at,
        lines=lines,
        payments=tuple(ReceiptPayment(t.kind.value, t.amount, t.amount) for t in refund.tenders),
        totals=ReceiptTotals(subtotal, subtotal - total, total, Money(0), item_count(lines)),
        resident=resident,
        rows=tuple(rows),
        footer=footer,
        sale_id=sale.sale_id,
    )


def printer_test_receipt(
    store: StoreInfo, *, profile_title: str, when: datetime, footer: tuple[str, ...] = ()
) -> ReceiptData:
    """A test print that tries every part of a receipt on the chosen printer:
    Chinese and ASCII text, a counted and a weighed line, totals and a QR."""
    per_kg, grams = Money(3980), 512
    lines = (
        ReceiptLine("五常大米 稻花香2号 5kg", 2, False, Money(8990), Money(0), Money(8990) * 2),
        ReceiptLine("毛嘴卤鸭脖 散称", grams, True, per_kg, Money(0), per_kg.scale(grams, 1000)),
    )
    subtotal = sum((ln.amount for ln in lines), Money(0))
    return ReceiptData(
        kind=ReceiptKind.TEST,
        store=store,
        number="TEST",
        cashier="-",
        issued_at=when,
        lines=lines,
        totals=ReceiptTotals(subtotal, Money(0), subtotal, Money(0), item_count(lines)),
        rows=(
            ("纸张/型号", profile_title),
            ("中文", "五常大米 恩施玉露 ￥12.50"),
            ("ASCII", "0123456789 ABC xyz"),
        ),
        qr="YCR1.TEST",
        footer=footer,
    )


def redemption_receipt(
    response: Redemption,
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
        # the points used show once, in the resident block, as a negative number
        rows=(
            ("物业费账单", response.bill_id),
            ("账期", period),
            ("账单未缴", Money(response.bill_open_fen).format("￥")),
        ),
        footer=footer,
    )
