"""What a till's outbox items of a tasting event carry (kinds `event_sample`,
`event_feedback`, `event_visitors`, `event_lead`): each record its own uuid id,
the event, the till and the promoter, and its time (aware, converted to UTC).

The bounds are the till's own (`MAX_*` below repeat them: the protocol imports
neither side). The server checks everything else against its own records: the
event, the promoter, the time, the sample's cost, the tags.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sync.protocol.types import CLEAN, Id36, Text16, Text40, Text64, UtcTime

#: a tally of more than this at once is a typing slip
MAX_TALLY = 500
#: pieces, or grams, of one sample
MAX_SAMPLE_QUANTITY = 10_000
MAX_NOTE = 200
MAX_TAGS = 12
MAX_TAG_LEN = 16

SampleUnit = Literal["piece", "g"]
Tag = Annotated[str, Field(min_length=1, max_length=MAX_TAG_LEN), CLEAN]


class _EventRecord(BaseModel):
    """What every event record carries: the event, the till position, the promoter, when."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    event_id: Annotated[str, Field(min_length=1, max_length=40), CLEAN]
    terminal_code: Text16
    store_code: Text16
    at: UtcTime
    promoter: Annotated[str, Field(min_length=1, max_length=40), CLEAN]


class EventSamplePayload(_EventRecord):
    """A sample handed out (试吃): a stock movement, never a sale."""

    sample_id: Id36
    sku: Annotated[str, Field(min_length=1, max_length=64), CLEAN]
    quantity: int = Field(ge=1, le=MAX_SAMPLE_QUANTITY)
    unit: SampleUnit
    cost_fen: int = Field(ge=0, le=9_999_999_999)


class EventFeedbackPayload(_EventRecord):
    """A taster's rating, tags and note; a resident only with their consent."""

    feedback_id: Id36
    sku: Text64 | None
    rating: int = Field(ge=1, le=5)
    tags: list[Tag] = Field(max_length=MAX_TAGS)
    note: Annotated[str, Field(max_length=MAX_NOTE), CLEAN] = ""
    resident_id: Text40 | None = None
    consent: bool = False


class EventVisitorsPayload(_EventRecord):
    """A visitor tally: one tap is 1, a group N."""

    tally_id: Id36
    count: int = Field(ge=1, le=MAX_TALLY)


class EventLeadPayload(_EventRecord):
    """A resident who identified but did not buy, kept for a follow-up they agreed to."""

    lead_id: Id36
    resident_id: Annotated[str, Field(min_length=1, max_length=40), CLEAN]
    consent: bool


#: outbox kind → its payload model and the field holding the record's own id
EVENT_PAYLOADS: dict[str, tuple[type[_EventRecord], str]] = {
    "event_sample": (EventSamplePayload, "sample_id"),
    "event_feedback": (EventFeedbackPayload, "feedback_id"),
    "event_visitors": (EventVisitorsPayload, "tally_id"),
    "event_lead": (EventLeadPayload, "lead_id"),
}
