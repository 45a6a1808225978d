"""What the residents' own page keeps: the one-time sign-in codes sent to a
resident's phone and the sessions they open (sync/server/web/resident_access.py).

Neither holds a secret in the clear: a code and a session token are kept as a
SHA-256 (a code with a random salt: six digits alone are a small space), so a
copy of the database signs nobody in.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models.base import Base, BigId, UtcDateTime


class ResidentCode(Base):
    """A one-time code sent to a resident's phone: usable once, until it expires,
    for a few attempts."""

    __tablename__ = "resident_codes"
    __table_args__ = (Index("ix_resident_codes_resident_sent", "resident_id", "sent_at"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("residents.id"))
    salt: Mapped[str] = mapped_column(String(32))  # hex
    code_hash: Mapped[str] = mapped_column(String(64))  # sha256(salt + code), hex
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ResidentSession(Base):
    """A signed-in resident's browser: the cookie's token only as its SHA-256."""

    __tablename__ = "resident_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("residents.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
