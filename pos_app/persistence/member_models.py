"""Tables for residents, contracts, points and refunds (migration 0003).

Residents are cached from the central server with the minimum a till needs:
ids, the masked name it shows, the last known balance with its date, and the
last four digits of their phone (to find one who left their phone at home).
Ledger, sale-member and refund rows are append-only like sales.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.persistence.models import Base, UtcDateTime


class ResidentRow(Base):
    __tablename__ = "residents"
    resident_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    community_id: Mapped[str] = mapped_column(String(40))
    property_company_id: Mapped[str] = mapped_column(String(40))
    masked_name: Mapped[str] = mapped_column(String(32), default="")
    community_name: Mapped[str] = mapped_column(String(64), default="")
    balance: Mapped[int] = mapped_column(Integer, default=0)  # points, server's last word
    balance_as_of: Mapped[datetime | None] = mapped_column(UtcDateTime)
    #: the phone's last four digits, for the offline lookup (migration 0009); never more
    phone_last4: Mapped[str | None] = mapped_column(String(4), index=True)


class CommunityRow(Base):
    """A community and its property company by name, as the server names them (0009)."""

    __tablename__ = "communities"
    community_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    property_company_id: Mapped[str] = mapped_column(String(40))
    property_company_name: Mapped[str] = mapped_column(String(64))


class RevocationRow(Base):
    __tablename__ = "revocations"
    resident_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    revoked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reason: Mapped[str] = mapped_column(String(32), default="")


class ContractRow(Base):
    __tablename__ = "contracts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    community_id: Mapped[str] = mapped_column(String(40))
    effective_from: Mapped[datetime] = mapped_column(UtcDateTime)
    share_bps: Mapped[int] = mapped_column(Integer)
    points_bps: Mapped[int] = mapped_column(Integer)
    __table_args__ = (UniqueConstraint("community_id", "effective_from"),)


class SaleMemberRow(Base):
    """Who earned what on a sale, under which contract version, and what its
    receipt said of them (migration 0005 added `code` and `balance_after`)."""

    __tablename__ = "sale_members"
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), primary_key=True)
    resident_id: Mapped[str] = mapped_column(String(40), index=True)
    community_id: Mapped[str] = mapped_column(String(40))
    property_company_id: Mapped[str] = mapped_column(String(40))
    masked_name: Mapped[str] = mapped_column(String(32), default="")
    code_nonce: Mapped[str] = mapped_column(String(40), default="")
    eligible_fen: Mapped[int] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(Integer)
    share_bps: Mapped[int | None] = mapped_column(Integer)
    points_bps: Mapped[int | None] = mapped_column(Integer)
    contract_from: Mapped[datetime | None] = mapped_column(UtcDateTime)
    code: Mapped[str] = mapped_column(String(400), default="")  # YCM1 as scanned
    # the balance the sale's receipt printed; None when the resident was not cached
    balance_after: Mapped[int | None] = mapped_column(Integer)


class UsedMemberCodeRow(Base):
    """Codes already used for a sale: the same code shown again is flagged."""

    __tablename__ = "used_member_codes"
    nonce: Mapped[str] = mapped_column(String(40), primary_key=True)
    resident_id: Mapped[str] = mapped_column(String(40))
    sale_id: Mapped[str] = mapped_column(String(36))
    expires_at: Mapped[int] = mapped_column(Integer)  # unix s, for pruning


class PointsLedgerRow(Base):
    __tablename__ = "points_ledger"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(36), unique=True)
    resident_id: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    points: Mapped[int] = mapped_column(Integer)
    sale_id: Mapped[str | None] = mapped_column(String(36), index=True)
    refund_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RefundRow(Base):
    __tablename__ = "refunds"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    refund_no: Mapped[str] = mapped_column(String(40), unique=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    cashier: Mapped[str] = mapped_column(String(32))
    approved_by: Mapped[str] = mapped_column(String(32), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    total_fen: Mapped[int] = mapped_column(Integer)
    eligible_fen: Mapped[int] = mapped_column(Integer)
    points_clawback: Mapped[int] = mapped_column(Integer, default=0)


class RefundLineRow(Base):
    __tablename__ = "refund_lines"
    refund_id: Mapped[str] = mapped_column(ForeignKey("refunds.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)  # the sale's line
    quantity: Mapped[int] = mapped_column(Integer)  # pieces, or grams of a weighed line
    amount_fen: Mapped[int] = mapped_column(Integer)
    eligible: Mapped[bool] = mapped_column(Boolean)
    restock: Mapped[bool] = mapped_column(Boolean, default=True)


class RefundPaymentRow(Base):
    __tablename__ = "refund_payments"
    refund_id: Mapped[str] = mapped_column(ForeignKey("refunds.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str] = mapped_column(String(64), default="")
