"""Tables of the till's staff and of the manager approvals asked for.

`staff`: who may sign in at this store, with their PIN as an argon2 hash (made
on the central server for staff it sends, or here for staff a manager added
locally) and their wrong-PIN count, kept on disk so a restart never resets a
lockout. `approvals`: every manager approval asked, granted or refused, with
who asked, who answered, what and how much, for the audit trail.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.persistence.models import Base, UtcDateTime


class StaffRow(Base):
    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    store_code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    origin: Mapped[str] = mapped_column(String(8))  # "server" or "local"
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ApprovalRow(Base):
    __tablename__ = "approvals"
    __table_args__ = (Index("ix_approvals_at", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(24))
    amount: Mapped[int] = mapped_column(Integer)  # 分, or points for a redemption
    reference: Mapped[str] = mapped_column(String(64))
    requested_by: Mapped[str] = mapped_column(String(32))  # the signed-in cashier's name
    approver_id: Mapped[str] = mapped_column(String(36))  # "" when no PIN was needed
    approver_name: Mapped[str] = mapped_column(String(32))
    granted: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(String(24))  # why refused, or "pin"/"not_needed"
    terminal_code: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
