"""POST /push: a till's outbox items (sales, refunds, closed shifts, tasting-event records,
store-only promotions and events set up at the till) and the server's answer to each,
positional and idempotent by item id."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, PlainValidator

from sync.protocol.event_payloads import (
    EventFeedbackPayload,
    EventLeadPayload,
    EventSamplePayload,
    EventVisitorsPayload,
)
from sync.protocol.payloads import RefundPayload, SalePayload, ShiftPayload
from sync.protocol.store_payloads import StoreEventPayload, StorePromotionPayload
from sync.protocol.types import Counter, Message, Text36, Text40, Text128, Text200, UtcTime

MAX_BATCH = 500
OutboxKind = Literal[
    "sale",
    "refund",
    "shift",
    "event_sample",
    "event_feedback",
    "event_visitors",
    "event_lead",
    "store_promotion",
    "store_event",
    "sample",
    "feedback",
]


class OutboxItem(Message):
    """One outbox item as the till builds it (its payload checked by the server, by kind)."""

    item_id: uuid.UUID  # the till's id: the server stores each item once
    kind: OutboxKind
    aggregate_id: Text36  # the sale_id or refund_id the payload carries
    seq: Counter  # the till's outbox order: 1, 2, 3… per terminal
    created_at: UtcTime
    payload: dict[str, Any]


class SaleItem(OutboxItem):
    """The wire form of a sale item (OpenAPI: `kind` selects the payload's schema)."""

    kind: Literal["sale"]
    payload: SalePayload  # type: ignore[assignment]


class RefundItem(OutboxItem):
    kind: Literal["refund"]
    payload: RefundPayload  # type: ignore[assignment]


class ShiftItem(OutboxItem):
    """A closed shift (交班); aggregate_id is its shift_id."""

    kind: Literal["shift"]
    payload: ShiftPayload  # type: ignore[assignment]


class EventSampleItem(OutboxItem):
    """A sample given at a tasting event; aggregate_id is its sample_id."""

    kind: Literal["event_sample"]
    payload: EventSamplePayload  # type: ignore[assignment]


class EventFeedbackItem(OutboxItem):
    """A taster's feedback; aggregate_id is its feedback_id."""

    kind: Literal["event_feedback"]
    payload: EventFeedbackPayload  # type: ignore[assignment]


class EventVisitorsItem(OutboxItem):
    """A visitor tally; aggregate_id is its tally_id."""

    kind: Literal["event_visitors"]
    payload: EventVisitorsPayload  # type: ignore[assignment]


class EventLeadItem(OutboxItem):
    """A lead (identified, did not buy); aggregate_id is its lead_id."""

    kind: Literal["event_lead"]
    payload: EventLeadPayload  # type: ignore[assignment]


class StorePromotionItem(OutboxItem):
    """A store-only promotion set up or changed at the till; aggregate_id is its record_id."""

    kind: Literal["store_promotion"]
    payload: StorePromotionPayload  # type: ignore[assignment]


class StoreEventItem(OutboxItem):
    """A tasting event set up at the till; aggregate_id is its record_id."""

    kind: Literal["store_event"]
    payload: StoreEventPayload  # type: ignore[assignment]


class UnsupportedItem(OutboxItem):
    """sample and feedback: rejected as unsupported_kind in protocol 1."""

    kind: Literal["sample", "feedback"]
    payload: dict[str, Any] = Field(max_length=64)


#: A push item as the server reads it: the payload's model follows `kind`.
PushItem = Annotated[
    SaleItem
    | RefundItem
    | ShiftItem
    | EventSampleItem
    | EventFeedbackItem
    | EventVisitorsItem
    | EventLeadItem
    | StorePromotionItem
    | StoreEventItem
    | UnsupportedItem,
    Field(discriminator="kind"),
]


def raw_item(value: object) -> dict[str, Any]:
    """An item as plain JSON: a till's OutboxItem becomes its JSON form; a dict stays.

    Items stay raw JSON in a PushRequest: the server parses each on its own, so
    one bad item is rejected alone.
    """
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if not isinstance(value, dict):
        raise ValueError("an item must be a JSON object")
    return value


#: An item of a push request: a till's OutboxItem, or any JSON object (always held as a
#: dict); OpenAPI shows a PushItem, the form the server accepts.
RawItem = Annotated[
    dict[str, Any] | OutboxItem, PlainValidator(raw_item, json_schema_input_type=PushItem)
]


class PushRequest(Message):
    protocol: Counter = 1
    items: Sequence[RawItem] = Field(min_length=1, max_length=MAX_BATCH)


class ItemStatus(enum.StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


class ItemResult(Message):
    """The answer to one item; results are positional: one per item, in request order."""

    #: None only for an item whose own item_id is missing or not a UUID
    item_id: uuid.UUID | None
    status: ItemStatus
    reason: Text40 | None = None  # a code, for rejected items: kept and shown to the manager
    flags: list[Text40] = Field(default_factory=list, max_length=32)  # e.g. "points_mismatch"
    #: invalid_payload: the first field that failed, as a dotted path (payload.lines.0.sku)
    field: Text128 | None = None
    #: invalid_payload: what is wrong with that field, in English, for people
    detail: Text200 | None = None


class PushResponse(Message):
    results: list[ItemResult] = Field(max_length=MAX_BATCH)
    server_time: UtcTime
