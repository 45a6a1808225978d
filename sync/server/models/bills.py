"""Payments against property-fee bills (物业费缴费): what the property company's fee office
took in cash, transfer, WeChat, Alipay or UnionPay, one row per payment reference.

Points never appear here: a points offset is a `redemptions` row (核销, made by a till
through the central server), and the bill's `paid_fen` counts both, so nothing is
counted twice. The reference (收据号 / 流水号) is the property company's own and is
unique within a community: an import or an API call repeated with the same reference
records nothing new.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models.base import Base, BigId, UtcDateTime

#: how a bill was paid in money; "points" is not one of them (see the module docstring)
PAYMENT_METHODS = ("cash", "transfer", "wechat", "alipay", "unionpay", "other")


class BillPayment(Base):
    __tablename__ = "bill_payments"
    __table_args__ = (
        UniqueConstraint("community_id", "reference", name="ux_bill_payments_reference"),
        CheckConstraint("amount_fen > 0", name="ck_bill_payment_amount"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = mapped_column(ForeignKey("communities.id"))
    reference: Mapped[str] = mapped_column(String(64))
    bill_id: Mapped[str] = mapped_column(ForeignKey("bills.id"), index=True)
    method: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    #: when the resident paid (the export's date; a bare date is 00:00 Asia/Shanghai)
    paid_at: Mapped[datetime] = mapped_column(UtcDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    source: Mapped[str] = mapped_column(String(8))  # import, api, cli
