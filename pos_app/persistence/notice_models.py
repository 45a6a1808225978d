"""Notices the central server addressed to this till alone (change kind "notice").

Today one kind exists: `id_conflict`, another till position pushed a sale or
refund under an id one of this till's records already holds. The server kept
ours and refused theirs; both tills' managers need to look. A notice is kept
for the manager (File ▸ Sync problems), never acted on automatically.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.persistence.models import Base, UtcDateTime


class SyncNoticeRow(Base):
    __tablename__ = "sync_notices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)  # the change's key: once each
    code: Mapped[str] = mapped_column(String(32))
    record_kind: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(UtcDateTime)  # when the server saw the conflict
