"""The shift tables (交班): one row per shift, and the cash moved in or out of
the drawer during it.

A shift's id is a text UUID and `created_at` is aware UTC, like every record
the audit chain links. A closed shift keeps the Z report as the till computed
it (`figures`, JSON of core.shift.figures_to_dict) beside the count by
denomination, so a reprint years later says what was said that evening.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.persistence.models import Base, UtcDateTime


class ShiftRow(Base):
    __tablename__ = "shifts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    shift_no: Mapped[str] = mapped_column(String(40), unique=True)
    store_code: Mapped[str] = mapped_column(String(16))
    terminal_code: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)  # when it was opened
    opened_by: Mapped[str] = mapped_column(String(32))
    float_fen: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(32))
    approved_by: Mapped[str | None] = mapped_column(String(32))  # a difference's manager
    figures: Mapped[str | None] = mapped_column(Text)  # JSON, at close
    counted: Mapped[str | None] = mapped_column(Text)  # JSON {denomination fen: pieces}
    counted_fen: Mapped[int | None] = mapped_column(Integer)
    expected_fen: Mapped[int | None] = mapped_column(Integer)
    difference_fen: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (
        CheckConstraint("float_fen >= 0", name="shift_float_not_negative"),
        CheckConstraint(
            "(closed_at IS NULL) = (counted_fen IS NULL)", name="shift_closed_with_count"
        ),
        Index("ix_shifts_open", "closed_at"),
    )


class ShiftMovementRow(Base):
    __tablename__ = "shift_movements"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(64))
    cashier: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    __table_args__ = (
        CheckConstraint("amount_fen > 0", name="movement_amount_positive"),
        CheckConstraint("kind IN ('cash_in', 'cash_out')", name="movement_kind"),
    )
