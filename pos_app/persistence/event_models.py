"""Tables of the tasting events on the till (0016).

`events`: the definitions this till knows (the server's, or a manager's here),
as JSON of `event_to_dict`. `event_samples`, `event_feedback`,
`event_visitors`, `event_leads`: what promoters recorded at an event, one row
each, append-only (triggers); a sample is a stock movement (reason 试吃) and is
hash-chained since it has a cost.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.persistence.models import Base, UtcDateTime


class EventRow(Base):
    __tablename__ = "events"
    event_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    definition: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(8))  # "server" or "local"
    created_by: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class _Record:
    """Who recorded it, where and when: the same on every record of an event."""

    event_id: Mapped[str] = mapped_column(String(40))
    promoter: Mapped[str] = mapped_column(String(40))
    terminal_code: Mapped[str] = mapped_column(String(16))
    store_code: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class EventSampleRow(_Record, Base):
    __tablename__ = "event_samples"
    sample_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(8))
    cost_fen: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(8))


class EventFeedbackRow(_Record, Base):
    __tablename__ = "event_feedback"
    feedback_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sku: Mapped[str | None] = mapped_column(String(64))
    rating: Mapped[int] = mapped_column(Integer)
    tags: Mapped[str] = mapped_column(Text)  # JSON list
    note: Mapped[str] = mapped_column(String(200))
    resident_id: Mapped[str | None] = mapped_column(String(40))
    consent: Mapped[bool] = mapped_column(Boolean)


class EventVisitorsRow(_Record, Base):
    __tablename__ = "event_visitors"
    tally_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class EventLeadRow(_Record, Base):
    __tablename__ = "event_leads"
    lead_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    resident_id: Mapped[str] = mapped_column(String(40))
    consent: Mapped[bool] = mapped_column(Boolean)
