"""The table of the redemptions (核销) the central server granted at this till:
one row per redemption, keyed by the request's idempotent id, as the server
answered it (revision 0014). Append-only and hash-chained."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.persistence.models import Base, UtcDateTime


class RedemptionRow(Base):
    __tablename__ = "redemptions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the redemption_id
    resident_id: Mapped[str] = mapped_column(String(40))
    bill_id: Mapped[str] = mapped_column(String(64))
    points: Mapped[int] = mapped_column(Integer)
    bill_open_fen: Mapped[int] = mapped_column(Integer)  # what the bill still owed after
    balance_after: Mapped[int] = mapped_column(Integer)  # the resident's points left
    cashier: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    __table_args__ = (
        CheckConstraint("points > 0", name="redemption_points_positive"),
        Index("ix_redemptions_created_at", "created_at"),
    )
