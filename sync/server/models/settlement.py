"""What the settlement with a property company is summed from and what it freezes:
each refund's lines (relational, beside the refund's JSON payload), the settlement
signing keys (public halves only: the private key lives in a 0600 file), and the
closed settlements, one signed canonical document per community and month.

A closed settlement is never edited: the database refuses UPDATE and DELETE on
`settlements` (triggers of migration 0016), and a later correction is an
adjustment line of a later month (docs/settlement.md).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models.base import Base, BigId, UtcDateTime


class RefundLine(Base):
    """One line of a stored refund, by the server's checks (written by push_refunds)."""

    __tablename__ = "refund_lines"
    __table_args__ = (Index("ix_refund_lines_sale", "sale_id", "line_no"),)
    refund_id: Mapped[str] = mapped_column(ForeignKey("refunds.refund_id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)  # the sale line's number
    sale_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)  # the refund's time
    quantity: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    #: the amount when the sale line earned points, else 0
    eligible_fen: Mapped[int] = mapped_column(BigInteger)
    #: the refund's clawback_server spread over its lines by eligible_fen
    clawed_points: Mapped[int] = mapped_column(BigInteger)


class SettlementKey(Base):
    """The public half of a settlement signing key (Ed25519, base64url raw)."""

    __tablename__ = "settlement_keys"
    key_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ClosedSettlement(Base):
    """A community's month, frozen: the canonical JSON document, its SHA-256 and signature."""

    __tablename__ = "settlements"
    __table_args__ = (UniqueConstraint("community_id", "month", name="ux_settlements_month"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = mapped_column(ForeignKey("communities.id"))
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM, Asia/Shanghai
    closed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    document: Mapped[str] = mapped_column(Text)  # canonical JSON (sorted keys, UTF-8)
    sha256: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(ForeignKey("settlement_keys.key_id"))
    signature: Mapped[str] = mapped_column(String(100))  # base64url, over the document bytes
