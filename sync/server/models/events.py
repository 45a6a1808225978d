"""Tasting events (试吃/试饮活动) the central server manages, and what tills push
from them: the event, its featured products with the cost of one sample unit, its
promoters; each sample (a stock movement, reason 试吃, never a sale), feedback
(with its tags, one row each, so they count in plain SQL), visitor tally and lead;
and the sales the server credits to an event.

Every pushed record is keyed by the till's own id (a uuid): pushed twice, it is
stored once. A sample keeps the server's cost beside the till's.

An event's origin is "central" (operations or a store manager's API token) or
"store" (set up at a till, sync/server/push_store.py), with the manager who did.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models.base import Base, UtcDateTime


class Event(Base):
    __tablename__ = "events"
    event_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    store_code: Mapped[str] = mapped_column(ForeignKey("stores.code"), index=True)
    community_code: Mapped[str | None] = mapped_column(String(40))
    place: Mapped[str] = mapped_column(String(100), default="")
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sample_budget_fen: Mapped[int] = mapped_column(BigInteger)
    feedback_tags: Mapped[str] = mapped_column(Text)  # JSON list, the form's order
    status: Mapped[str] = mapped_column(String(10))  # planned running closed cancelled
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    origin: Mapped[str] = mapped_column(String(8), default="central", server_default="central")
    created_by: Mapped[str | None] = mapped_column(String(36))  # a store event's manager


class EventProduct(Base):
    """A featured product and what ONE sample unit of it costs (a piece, or a gram)."""

    __tablename__ = "event_products"
    event_id: Mapped[str] = mapped_column(ForeignKey("events.event_id"), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)  # the order the event lists them in
    sample_cost_fen: Mapped[int] = mapped_column(BigInteger)
    sample_unit: Mapped[str] = mapped_column(String(8))  # piece | g


class EventPromoter(Base):
    __tablename__ = "event_promoters"
    event_id: Mapped[str] = mapped_column(ForeignKey("events.event_id"), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), primary_key=True)


class EventSample(Base):
    __tablename__ = "event_samples"
    sample_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.event_id"), index=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    promoter: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sku: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)  # pieces, or grams
    unit: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(String(8))  # 试吃: a stock movement
    cost_fen: Mapped[int] = mapped_column(BigInteger)  # the server's, from the event
    cost_terminal: Mapped[int] = mapped_column(BigInteger)  # the till's, kept beside it


class EventFeedback(Base):
    __tablename__ = "event_feedback"
    feedback_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.event_id"), index=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    promoter: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sku: Mapped[str] = mapped_column(String(64))  # "" : about the event, no one product
    rating: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200), default="")
    resident_id: Mapped[str | None] = mapped_column(String(40))  # only with consent
    consent: Mapped[bool] = mapped_column(Boolean)


class EventFeedbackTag(Base):
    __tablename__ = "event_feedback_tags"
    feedback_id: Mapped[str] = mapped_column(
        ForeignKey("event_feedback.feedback_id"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(16), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(40), index=True)
    sku: Mapped[str] = mapped_column(String(64))


class EventVisitors(Base):
    __tablename__ = "event_visitors"
    tally_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.event_id"), index=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    promoter: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    count: Mapped[int] = mapped_column(Integer)


class EventLead(Base):
    __tablename__ = "event_leads"
    lead_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.event_id"), index=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    promoter: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resident_id: Mapped[str] = mapped_column(String(40))
    consent: Mapped[bool] = mapped_column(Boolean)


class EventSale(Base):
    """A stored sale the server credits to an event (its event, store, time and cashier
    checked); `member_id` is the resident the till identified, as on the order."""

    __tablename__ = "event_sales"
    sale_id: Mapped[str] = mapped_column(ForeignKey("orders.sale_id"), primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.event_id"), index=True)
    promoter: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    member_id: Mapped[str | None] = mapped_column(String(40))
