"""The change log the tills pull (GET /changes): full-state changes of each pulled
entity, compacted to the latest per kind and key, with who may see each."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models.base import Base, BigId, UtcDateTime


class Change(Base):
    """Full-state changes of pulled entities; compacted to the latest per (kind, key)."""

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_kind_key", "kind", "key"), {"sqlite_autoincrement": True})
    # AUTOINCREMENT on SQLite: compaction deletes rows, and a reused seq would
    # hide a change from a till whose cursor already passed it
    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    op: Mapped[str] = mapped_column(String(8))
    key: Mapped[str] = mapped_column(String(100))
    data: Mapped[str | None] = mapped_column(Text)  # JSON text, spliced into responses as is
    #: visibility: NULL = every till; else only tills of that community / company
    community_id: Mapped[str | None] = mapped_column(String(40))
    property_company_id: Mapped[str | None] = mapped_column(String(40))
    #: ... or only that one terminal (a notice such as an id conflict)
    terminal_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
