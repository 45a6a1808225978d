"""Who signs in to the partners' portal (sync/server/portal): people of a property
company (their own communities) and of Yuancang operations (every partner), each
with a password kept only as an argon2id hash, and the sessions they open (the
cookie's token only as its SHA-256)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models.base import Base, UtcDateTime


class PortalUser(Base):
    __tablename__ = "portal_users"
    username: Mapped[str] = mapped_column(String(40), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(24))  # operations | property-company
    property_company_id: Mapped[str | None] = mapped_column(ForeignKey("property_companies.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: wrong passwords in a row, and until when sign-in is refused after too many
    failed: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PortalSession(Base):
    __tablename__ = "portal_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(ForeignKey("portal_users.username"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
