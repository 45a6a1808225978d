"""Pushed records of a tasting event (`event_sample`, `event_feedback`,
`event_visitors`, `event_lead`) and the crediting of a sale to its event: each
checked against the server's own records, then stored once by its own id.

Refused with a coded reason (nothing stored but the received item):
* a record of another till (`wrong_terminal`), whose aggregate_id is not its id;
* an event the server does not have for this till's store (`event_unknown`);
* a promoter who is not a staff member of this store (`promoter_unknown`);
* a time outside the event's hours by more than `EVENT_CLOCK_SKEW`, or past the
  server's clock plus that skew (`event_time_out_of_bounds`);
* what the event cannot have (`event_record_invalid`, field and detail say which): a
  sample of a product not at the event or in another unit, feedback on such a product
  or with a tag not on the event's form, a resident without consent or unknown here,
  a lead without consent.

Stored and flagged for review: a sample whose cost is not the event's cost per unit
times its quantity (the SERVER's cost is stored, the till's beside it:
`sample_cost_mismatch`), a promoter neither on the event's list nor a manager
(`promoter_not_listed`), a record of an event cancelled since (`event_cancelled`).

A sale naming an event is credited to it (`event_sales`) only when the event is this
store's, not cancelled, and the sale's time is inside its hours (± the skew); if not,
the sale stands and is flagged `event_unattributed`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pos_app.core.events import CLOCK_SKEW, SampleUnit, sample_cost
from pos_app.core.events import EventProduct as CoreProduct
from sync.protocol.codes import ItemFlag, RejectReason
from sync.protocol.event_payloads import (
    EVENT_PAYLOADS,
    EventFeedbackPayload,
    EventLeadPayload,
    EventSamplePayload,
    EventVisitorsPayload,
)
from sync.protocol.payloads import SalePayload
from sync.protocol.push import OutboxItem
from sync.server.crud import insert_ignore
from sync.server.models.events import (
    Event,
    EventFeedback,
    EventFeedbackTag,
    EventLead,
    EventProduct,
    EventPromoter,
    EventSale,
    EventSample,
    EventVisitors,
)
from sync.server.models.partners import StaffMember
from sync.server.models.residents import Resident
from sync.server.push_common import Batch, Duplicate, Reject, same_position

#: a record may carry a time this far outside the event's hours: two clocks differ
#: (the till's own bound, so a till never makes a record the server refuses)
EVENT_CLOCK_SKEW = CLOCK_SKEW
SAMPLE_REASON = "试吃"
_TABLES: dict[str, type[Any]] = {
    "event_sample": EventSample,
    "event_feedback": EventFeedback,
    "event_visitors": EventVisitors,
    "event_lead": EventLead,
}


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What the checks read of an event, once a batch."""

    event_id: str
    store_code: str
    starts_at: datetime
    ends_at: datetime
    status: str
    products: dict[str, tuple[int, str]]  # sku → (cost per unit, unit)
    promoters: frozenset[str]
    tags: frozenset[str]

    def within(self, at: datetime) -> bool:
        return self.starts_at - EVENT_CLOCK_SKEW <= at <= self.ends_at + EVENT_CLOCK_SKEW


def facts(batch: Batch, event_id: str) -> EventFacts | None:
    """The event of this till's store, or None (another store's is unknown alike)."""
    cache: dict[str, EventFacts | None] = batch.cache.setdefault("events", {})
    if event_id not in cache:
        cache[event_id] = _read(batch.session, event_id, batch.terminal.store_code)
    return cache[event_id]


def _read(session: Session, event_id: str, store_code: str) -> EventFacts | None:
    row = session.get(Event, event_id)
    if row is None or row.store_code != store_code:
        return None
    products = {
        p.sku: (p.sample_cost_fen, p.sample_unit)
        for p in session.scalars(select(EventProduct).where(EventProduct.event_id == event_id))
    }
    promoters = session.scalars(
        select(EventPromoter.staff_id).where(EventPromoter.event_id == event_id)
    )
    return EventFacts(
        row.event_id,
        row.store_code,
        row.starts_at,
        row.ends_at,
        row.status,
        products,
        frozenset(promoters),
        frozenset(json.loads(row.feedback_tags)),
    )


def _staff(batch: Batch, who: str) -> StaffMember | None:
    """A staff member of this store by id, or by name (a sale names its cashier so)."""
    cache: dict[str, StaffMember | None] = batch.cache.setdefault("event_staff", {})
    if who not in cache:
        store = batch.terminal.store_code
        rows = batch.session.scalars(
            select(StaffMember).where(
                StaffMember.store_code == store,
                (StaffMember.id == who) | (StaffMember.name == who),
            )
        ).all()
        by_id = [r for r in rows if r.id == who]
        found = by_id or list(rows)
        cache[who] = found[0] if found else None
    return cache[who]


def _listed(event: EventFacts, staff: StaffMember | None) -> bool:
    """On the event's list (an empty list: any of the store's promoters), or a manager."""
    if staff is None:
        return False
    if staff.role == "manager":
        return True
    return staff.role == "promoter" and (not event.promoters or staff.id in event.promoters)


def _resident_known(batch: Batch, resident_id: str) -> bool:
    return batch.session.get(Resident, resident_id) is not None


def _invalid(field: str, detail: str) -> Reject:
    return Reject(RejectReason.EVENT_RECORD_INVALID, f"payload.{field}", detail)


def apply_event_record(batch: Batch, item: OutboxItem, payload_text: str) -> list[str]:
    """Check and store one event record; its flags."""
    model, id_field = EVENT_PAYLOADS[item.kind]
    try:
        record = model.model_validate(item.payload)
    except ValidationError as exc:
        raise Reject(RejectReason.INVALID_PAYLOAD) from exc
    record_id = getattr(record, id_field)
    if item.aggregate_id != record_id:
        raise Reject(RejectReason.AGGREGATE_MISMATCH)
    t = batch.terminal
    if (record.store_code, record.terminal_code) != (t.store_code, t.terminal_code):
        raise Reject(RejectReason.WRONG_TERMINAL)
    table = _TABLES[item.kind]
    _already_stored(batch, table, record_id)
    event = facts(batch, record.event_id)
    if event is None:
        raise Reject(RejectReason.EVENT_UNKNOWN)
    staff = _staff(batch, record.promoter)
    if staff is None or staff.id != record.promoter:
        raise Reject(RejectReason.PROMOTER_UNKNOWN)
    if not event.within(record.at) or record.at > batch.now + EVENT_CLOCK_SKEW:
        raise Reject(RejectReason.EVENT_TIME_OUT_OF_BOUNDS)
    flags: list[str] = []
    if not _listed(event, staff):
        flags.append(ItemFlag.PROMOTER_NOT_LISTED.value)
    if event.status == "cancelled":
        flags.append(ItemFlag.EVENT_CANCELLED.value)
    head = {
        id_field: record_id,
        "event_id": event.event_id,
        "terminal_id": t.id,
        "promoter": record.promoter,
        "at": record.at,
        "received_at": batch.now,
    }
    values, more = _fields(batch, event, record, flags)
    if not insert_ignore(batch.session, table, head | values, [id_field]):
        raise Duplicate  # the same record pushed concurrently
    if more:
        batch.session.execute(insert(EventFeedbackTag), more)
    return flags


def _already_stored(batch: Batch, table: type[Any], record_id: str) -> None:
    key = next(iter(table.__table__.primary_key.columns))
    owner = batch.session.scalar(select(table.terminal_id).where(key == record_id))
    if owner is None:
        return
    if same_position(batch, owner):
        raise Duplicate
    raise Reject(RejectReason.ID_CONFLICT)


def _fields(
    batch: Batch, event: EventFacts, record: Any, flags: list[str]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The kind's own columns, checked (and the feedback's tag rows)."""
    if isinstance(record, EventSamplePayload):
        product = event.products.get(record.sku)
        if product is None:
            raise _invalid("sku", "not a product of this event")
        per_unit, unit = product
        if record.unit != unit:
            raise _invalid("unit", f"this event samples it by {unit}")
        # the till's own function (pos_app.core.events): both sides agree by construction
        cost = sample_cost(CoreProduct(record.sku, per_unit, SampleUnit(unit)), record.quantity)
        if cost != record.cost_fen:
            flags.append(ItemFlag.SAMPLE_COST_MISMATCH.value)
        return {
            "sku": record.sku,
            "quantity": record.quantity,
            "unit": record.unit,
            "reason": SAMPLE_REASON,
            "cost_fen": cost,
            "cost_terminal": record.cost_fen,
        }, []
    if isinstance(record, EventFeedbackPayload):
        if record.sku is not None and record.sku not in event.products:
            raise _invalid("sku", "not a product of this event")
        if len(set(record.tags)) != len(record.tags) or not set(record.tags) <= event.tags:
            raise _invalid("tags", "a tag twice, or one not on this event's form")
        _check_resident(batch, record.resident_id, record.consent, needed=False)
        sku = record.sku or ""
        tags = [
            {"feedback_id": record.feedback_id, "tag": tag, "event_id": event.event_id, "sku": sku}
            for tag in record.tags
        ]
        return {
            "sku": sku,
            "rating": record.rating,
            "note": record.note.strip(),
            "resident_id": record.resident_id,
            "consent": record.consent,
        }, tags
    if isinstance(record, EventVisitorsPayload):
        return {"count": record.count}, []
    assert isinstance(record, EventLeadPayload)
    _check_resident(batch, record.resident_id, record.consent, needed=True)
    return {"resident_id": record.resident_id, "consent": record.consent}, []


def _check_resident(batch: Batch, resident_id: str | None, consent: bool, *, needed: bool) -> None:
    """A resident is named only with their consent, and must be one the server knows."""
    if resident_id is None:
        if needed:
            raise _invalid("resident_id", "a lead names a resident")
        return
    if not consent:
        raise _invalid("consent", "a resident is named only with their consent")
    if not _resident_known(batch, resident_id):
        raise _invalid("resident_id", "no such resident")


def attribute_sale(batch: Batch, sale: SalePayload) -> list[str]:
    """Credit a stored sale to the event it names, if the server agrees; its flags."""
    if sale.event_id is None:
        return []
    event = facts(batch, sale.event_id)
    if event is None or event.status == "cancelled" or not event.within(sale.created_at):
        return [ItemFlag.EVENT_UNATTRIBUTED.value]
    staff = _staff(batch, sale.cashier)
    insert_ignore(
        batch.session,
        EventSale,
        {
            "sale_id": sale.sale_id,
            "event_id": event.event_id,
            "promoter": staff.id if staff is not None else sale.cashier,
            "created_at": sale.created_at,
            "member_id": sale.member.resident_id if sale.member else None,
        },
        ["sale_id"],
    )
    return [] if _listed(event, staff) else [ItemFlag.PROMOTER_NOT_LISTED.value]
