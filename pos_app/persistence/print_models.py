"""The print queue table: receipts waiting for (or done by) the printer.

A job keeps the receipt's data (JSON of receipts.document.ReceiptData), not its
bytes: it is rendered when it is printed, for whatever printer is configured
then. Rows are separate from the sale and written after its transaction, so a
printer problem can never touch a sale.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.persistence.models import Base, UtcDateTime

PENDING, PRINTED, FAILED, CANCELLED = "pending", "printed", "failed", "cancelled"


class PrintJobRow(Base):
    __tablename__ = "print_jobs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # 'sale:<sale_id>' for a sale's own receipt, so enqueueing it twice is harmless
    job_key: Mapped[str] = mapped_column(String(80), unique=True)
    sale_id: Mapped[str | None] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(Text)  # ReceiptData as JSON
    kick_drawer: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(12), default=PENDING)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(16))  # a PrinterErrorCode value
    last_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    printed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    __table_args__ = (
        Index("ix_print_jobs_state", "state", "id"),
        CheckConstraint(
            "state IN ('pending', 'printed', 'failed', 'cancelled')", name="print_job_state"
        ),
    )
