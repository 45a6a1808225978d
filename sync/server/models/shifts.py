"""The central server's table of closed shifts (交班), one row per shift.

The server's own figures (recomputed from the orders and refunds it holds for
that till position and time span) sit beside the till's, never replaced by
them; `mismatch` says they disagree and `flags` names what.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models.base import Base, UtcDateTime


class Shift(Base):
    __tablename__ = "shifts"
    __table_args__ = (Index("ix_shifts_store_closed", "store_code", "closed_at"),)
    shift_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    shift_no: Mapped[str] = mapped_column(String(40))
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    store_code: Mapped[str] = mapped_column(ForeignKey("stores.code"))
    terminal_code: Mapped[str] = mapped_column(String(16))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    opened_by: Mapped[str] = mapped_column(String(64))
    closed_by: Mapped[str] = mapped_column(String(64))
    approved_by: Mapped[str] = mapped_column(String(64), default="")
    float_fen: Mapped[int] = mapped_column(BigInteger)
    counted_fen: Mapped[int] = mapped_column(BigInteger)  # the server's sum of the count
    #: the drawer: the server's from its own orders and refunds, the till's beside it
    expected_server: Mapped[int] = mapped_column(BigInteger)
    expected_terminal: Mapped[int] = mapped_column(BigInteger)
    difference_server: Mapped[int] = mapped_column(BigInteger)
    difference_terminal: Mapped[int] = mapped_column(BigInteger)
    sales_server: Mapped[int] = mapped_column(BigInteger)  # what customers paid
    sales_terminal: Mapped[int] = mapped_column(BigInteger)
    figures_server: Mapped[str] = mapped_column(Text)  # JSON, as the till's figures
    mismatch: Mapped[bool] = mapped_column(Boolean, default=False)
    flags: Mapped[str] = mapped_column(Text, default="")  # the figures that differ
    payload: Mapped[str] = mapped_column(Text)  # the till's record as pushed
