"""Tables of the audit trail and the hash chain (migration 0013).

`audit_log` holds every sensitive act (sign-ins, approvals, refunds, voids,
drawer openings, settings changes, price changes, catalog imports) with its
details as JSON free of personal data. `chain_links` gives every append-only
record (sale, refund, points-ledger entry, audit entry) its position in the
terminal's one hash chain, with the previous hash and its own
(`pos_app.core.chain`). Both tables refuse UPDATE and DELETE by trigger.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.persistence.models import Base, UtcDateTime


class AuditRow(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    terminal: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(64))  # who did it ("" when nobody signed in)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    subject: Mapped[str] = mapped_column(String(128))  # receipt no, setting key, file name…
    details: Mapped[str] = mapped_column(Text)  # canonical JSON, no personal data


class ChainLinkRow(Base):
    __tablename__ = "chain_links"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # sale, refund, ledger, audit (shift later)
    record_id: Mapped[str] = mapped_column(String(40))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (UniqueConstraint("kind", "record_id"),)
