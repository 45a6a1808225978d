"""Residents and their points: the resident (masked name, sealed personal data,
cached balance), revocations, the authoritative points ledger, property-fee
bills and redemptions (核销), claims of anonymous receipts, and the spent
nonces of membership codes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models.base import Base, BigId, UtcDateTime


class Resident(Base):
    __tablename__ = "residents"
    __table_args__ = (
        # "find by the last four digits of the phone", always within one property company
        Index("ix_residents_company_phone_tag", "property_company_id", "phone_tag"),
    )
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    community_id: Mapped[str] = mapped_column(ForeignKey("communities.id"))
    property_company_id: Mapped[str] = mapped_column(
        ForeignKey("property_companies.id"), index=True
    )
    masked_name: Mapped[str] = mapped_column(String(32))  # never the full name
    #: personal data, sealed with AES-GCM under the key file (revision 0009,
    #: sync/server/personal_data.py); NULL when not given. The bill address is the
    #: property-fee bill's 楼栋-单元-房号, which the fee office matches bills by.
    name_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    phone_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    address_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    #: HMAC-SHA256 (separate key) of the phone's last four digits: the lookup of a
    #: resident without their phone matches it, the database holds no digit of it
    phone_tag: Mapped[str | None] = mapped_column(String(64))
    #: cache of SUM(points_ledger.points), updated in the ledger's own transaction
    balance: Mapped[int] = mapped_column(BigInteger, default=0)
    balance_as_of: Mapped[datetime] = mapped_column(UtcDateTime)


class Revocation(Base):
    __tablename__ = "revocations"
    resident_id: Mapped[str] = mapped_column(ForeignKey("residents.id"), primary_key=True)
    reason: Mapped[str] = mapped_column(String(64), default="")
    revoked_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MemberCodeUse(Base):
    """A membership code's nonce, spent by the one sale that earned with it."""

    __tablename__ = "member_code_uses"
    key_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(40), primary_key=True)
    sale_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class LedgerEntry(Base):
    __tablename__ = "points_ledger"
    # one entry per source: a sale earns once, a refund claws back once, ...
    __table_args__ = (UniqueConstraint("source_kind", "source_id", name="ux_ledger_source"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("residents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # opening earn clawback claim redemption
    points: Mapped[int] = mapped_column(BigInteger)
    source_kind: Mapped[str] = mapped_column(String(16))  # opening sale refund claim redemption
    source_id: Mapped[str] = mapped_column(String(40))
    sale_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Bill(Base):
    __tablename__ = "bills"
    __table_args__ = (
        UniqueConstraint("resident_id", "period"),
        CheckConstraint("paid_fen >= 0 AND paid_fen <= amount_fen", name="ck_bill_paid"),
    )
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("residents.id"), index=True)
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    paid_fen: Mapped[int] = mapped_column(BigInteger, default=0)


class Redemption(Base):
    __tablename__ = "redemptions"
    redemption_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("residents.id"))
    #: indexed (revision 0015): the collection rate sums a bill's points by bill
    bill_id: Mapped[str] = mapped_column(ForeignKey("bills.id"), index=True)
    points: Mapped[int] = mapped_column(BigInteger)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Claim(Base):
    __tablename__ = "claims"
    # one membership code (its nonce) claims at most one receipt (revision 0003)
    __table_args__ = (Index("ux_claims_member_nonce", "resident_id", "member_nonce", unique=True),)
    sale_id: Mapped[str] = mapped_column(ForeignKey("orders.sale_id"), primary_key=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("residents.id"))
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    points: Mapped[int] = mapped_column(BigInteger)
    member_nonce: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
