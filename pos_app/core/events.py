"""Tasting events (试吃/试饮活动) as data: the event a promoter runs, its
featured products with what a sample of each costs, the sample budget and its
warning, and the checks a sample, a feedback, a visitor tally and a lead pass
before they are recorded.

The wire form of an event (change kind "event") is `event_to_dict`; the
reader `event_from_dict` refuses anything else with `PosError(EVENT_INVALID,
field=...)`. Event prices are ordinary promotions carrying the event id
(`pos_app.core.promotions`), not part of the event.

A product's `sample_cost_fen` is the cost of ONE sample unit: one piece when
`sample_unit` is "piece", one gram when it is "g"; a sample's cost is that
times its quantity (`sample_cost`). The central server imports this module to
recompute a till's figure, so both sides agree by construction.

Pure: no clock is read here; callers pass `at`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import MAX_FEN

MAX_EVENT_ID = 40
MAX_NAME = 100
MAX_PLACE = 100
MAX_TAGS = 12
MAX_TAG_LEN = 16
MAX_NOTE = 200
MAX_TALLY = 500  # one tap is 1, a group N: more than this at once is a typing slip
MAX_SAMPLE_QUANTITY = 10_000  # pieces, or grams
MAX_PRODUCTS = 100
MAX_PROMOTERS = 50
#: a record may carry a time this far outside the event's hours (two clocks differ)
CLOCK_SKEW = timedelta(minutes=15)
#: the budget warns once this share (basis points) of it is spent
BUDGET_WARN_BPS = 8_000
BPS = 10_000


class EventStatus(enum.StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class SampleUnit(enum.StrEnum):
    PIECE = "piece"
    GRAM = "g"


def _bad(field_name: str) -> PosError:
    return PosError(ErrorCode.EVENT_INVALID, field=field_name)


def _text(value: str, limit: int) -> bool:
    return bool(value.strip()) and len(value) <= limit and value.isprintable()


@dataclass(frozen=True, slots=True)
class EventProduct:
    """A featured product: what one sample unit of it costs."""

    sku: str
    sample_cost_fen: int
    sample_unit: SampleUnit = SampleUnit.PIECE

    def __post_init__(self) -> None:
        if not _text(self.sku, 64):
            raise _bad("products.sku")
        if type(self.sample_cost_fen) is not int or not 0 <= self.sample_cost_fen <= MAX_FEN:
            raise _bad("products.sample_cost_fen")


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    name: str
    store_code: str
    community_code: str | None
    place: str
    starts_at: datetime  # aware
    ends_at: datetime
    promoters: tuple[str, ...]  # staff ids
    products: tuple[EventProduct, ...]
    sample_budget_fen: int
    feedback_tags: tuple[str, ...]
    status: EventStatus = EventStatus.PLANNED

    def __post_init__(self) -> None:
        if not _text(self.event_id, MAX_EVENT_ID):
            raise _bad("event_id")
        if not _text(self.name, MAX_NAME):
            raise _bad("name")
        if not _text(self.store_code, 16):
            raise _bad("store_code")
        if self.community_code is not None and not _text(self.community_code, 40):
            raise _bad("community_code")
        if len(self.place) > MAX_PLACE or not self.place.isprintable():
            raise _bad("place")
        if self.starts_at.tzinfo is None or self.ends_at.tzinfo is None:
            raise _bad("starts_at")
        if self.ends_at <= self.starts_at:
            raise _bad("ends_at")
        if len(self.promoters) > MAX_PROMOTERS or not all(_text(p, 40) for p in self.promoters):
            raise _bad("promoters")
        skus = [p.sku for p in self.products]
        if len(skus) > MAX_PRODUCTS or len(set(skus)) != len(skus):
            raise _bad("products")
        if type(self.sample_budget_fen) is not int or not 0 <= self.sample_budget_fen <= MAX_FEN:
            raise _bad("sample_budget_fen")
        tags = self.feedback_tags
        if len(tags) > MAX_TAGS or len(set(tags)) != len(tags):
            raise _bad("feedback_tags")
        if not all(_text(t, MAX_TAG_LEN) for t in tags):
            raise _bad("feedback_tags")

    def product(self, sku: str) -> EventProduct:
        for p in self.products:
            if p.sku == sku:
                return p
        raise PosError(ErrorCode.EVENT_PRODUCT_UNKNOWN, sku=sku)

    @property
    def open(self) -> bool:
        """Planned or running: records may still be made at it."""
        return self.status in (EventStatus.PLANNED, EventStatus.RUNNING)

    def within_hours(self, at: datetime) -> bool:
        """`at` inside the event's hours, give or take the clock skew."""
        return self.starts_at - CLOCK_SKEW <= at <= self.ends_at + CLOCK_SKEW


def check_open(event: Event, at: datetime) -> None:
    """EVENT_NOT_RUNNING unless a record may be made at `event` at `at`."""
    if not event.open or not event.within_hours(at):
        raise PosError(ErrorCode.EVENT_NOT_RUNNING, event_id=event.event_id)


# --- samples and the budget -------------------------------------------------------------


def sample_cost(product: EventProduct, quantity: int) -> int:
    """The cost in 分 of `quantity` sample units (pieces or grams) of `product`."""
    if type(quantity) is not int or not 0 < quantity <= MAX_SAMPLE_QUANTITY:
        raise PosError(ErrorCode.QUANTITY_INVALID, quantity=quantity)
    return product.sample_cost_fen * quantity


class BudgetLevel(enum.StrEnum):
    OK = "ok"
    NEAR = "near"  # at or past the warning share
    OVER = "over"  # the budget is spent (or more)


@dataclass(frozen=True, slots=True)
class Budget:
    """The sample budget as it stands: what is spent of it and how close it is."""

    budget_fen: int
    spent_fen: int
    warn_bps: int = BUDGET_WARN_BPS

    @property
    def remaining_fen(self) -> int:
        """What is left (negative once overspent: shown, never hidden)."""
        return self.budget_fen - self.spent_fen

    @property
    def used_bps(self) -> int | None:
        """Share of the budget spent, basis points rounded down; None without a budget."""
        return None if self.budget_fen == 0 else self.spent_fen * BPS // self.budget_fen

    @property
    def level(self) -> BudgetLevel:
        if self.spent_fen >= self.budget_fen and (self.budget_fen or self.spent_fen):
            return BudgetLevel.OVER
        # integer comparison: spent/budget >= warn_bps/BPS, no rounding near the line
        if self.spent_fen * BPS >= self.budget_fen * self.warn_bps and self.budget_fen:
            return BudgetLevel.NEAR
        return BudgetLevel.OK


def budget_after(event: Event, spent_fen: int, warn_bps: int = BUDGET_WARN_BPS) -> Budget:
    return Budget(event.sample_budget_fen, spent_fen, warn_bps)


# --- feedback, tallies, leads -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Feedback:
    """A taster's word, checked: anonymous unless the resident consented."""

    sku: str | None
    rating: int
    tags: tuple[str, ...]
    note: str
    resident_id: str | None
    consent: bool


def check_feedback(
    event: Event,
    *,
    sku: str | None,
    rating: int,
    tags: Sequence[str],
    note: str = "",
    resident_id: str | None = None,
    consent: bool = False,
) -> Feedback:
    """The feedback as recorded, or FEEDBACK_INVALID (field) / EVENT_PRODUCT_UNKNOWN."""
    if sku is not None:
        event.product(sku)
    if type(rating) is not int or not 1 <= rating <= 5:
        raise PosError(ErrorCode.FEEDBACK_INVALID, field="rating")
    if len(set(tags)) != len(tags) or not set(tags) <= set(event.feedback_tags):
        raise PosError(ErrorCode.FEEDBACK_INVALID, field="tags")
    note = note.strip()
    if len(note) > MAX_NOTE or not note.replace("\n", " ").isprintable():
        raise PosError(ErrorCode.FEEDBACK_INVALID, field="note")
    if resident_id is not None and (not consent or not _text(resident_id, 40)):
        # a resident's name on a remark needs their yes; without it the remark stays anonymous
        raise PosError(ErrorCode.FEEDBACK_INVALID, field="resident_id")
    # the event's order, so the same tags always read the same
    ordered = tuple(t for t in event.feedback_tags if t in tags)
    return Feedback(sku, rating, ordered, note, resident_id, consent)


def check_tally(count: int) -> int:
    if type(count) is not int or not 1 <= count <= MAX_TALLY:
        raise PosError(ErrorCode.QUANTITY_INVALID, quantity=count)
    return count


def check_lead(resident_id: str, consent: bool) -> str:
    """A lead is kept only to follow up, which needs the resident's consent."""
    if not consent:
        raise PosError(ErrorCode.EVENT_CONSENT_REQUIRED)
    if not _text(resident_id, 40):
        raise PosError(ErrorCode.MEMBER_UNKNOWN)
    return resident_id


# --- the wire form ----------------------------------------------------------------------

_KEYS = {
    "event_id",
    "name",
    "store_code",
    "community_code",
    "place",
    "starts_at",
    "ends_at",
    "promoters",
    "products",
    "sample_budget_fen",
    "feedback_tags",
    "status",
}


def event_to_dict(event: Event) -> dict[str, Any]:
    return {
        "event_id": event.event_id,
        "name": event.name,
        "store_code": event.store_code,
        "community_code": event.community_code,
        "place": event.place,
        "starts_at": event.starts_at.isoformat(),
        "ends_at": event.ends_at.isoformat(),
        "promoters": list(event.promoters),
        "products": [
            {"sku": p.sku, "sample_cost_fen": p.sample_cost_fen, "sample_unit": p.sample_unit.value}
            for p in event.products
        ],
        "sample_budget_fen": event.sample_budget_fen,
        "feedback_tags": list(event.feedback_tags),
        "status": event.status.value,
    }


def _str(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise _bad(key)
    return value


def _time(data: Mapping[str, Any], key: str) -> datetime:
    try:
        when = datetime.fromisoformat(_str(data, key))
    except ValueError:
        raise _bad(key) from None
    if when.tzinfo is None:
        raise _bad(key)
    return when


def _strings(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _bad(key)
    return tuple(value)


def _product(raw: object) -> EventProduct:
    if not isinstance(raw, dict) or set(raw) != {"sku", "sample_cost_fen", "sample_unit"}:
        raise _bad("products")
    cost = raw["sample_cost_fen"]
    if type(cost) is not int:
        raise _bad("products.sample_cost_fen")
    try:
        unit = SampleUnit(raw["sample_unit"])
    except ValueError:
        raise _bad("products.sample_unit") from None
    if not isinstance(raw["sku"], str):
        raise _bad("products.sku")
    return EventProduct(raw["sku"], cost, unit)


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """The event of the wire form, exactly: an unknown key or a wrong type is refused."""
    if set(data) != _KEYS:
        raise _bad(sorted(set(data) ^ _KEYS)[0])
    community = data["community_code"]
    if community is not None and not isinstance(community, str):
        raise _bad("community_code")
    products = data["products"]
    if not isinstance(products, list):
        raise _bad("products")
    budget = data["sample_budget_fen"]
    if type(budget) is not int:
        raise _bad("sample_budget_fen")
    try:
        status = EventStatus(data["status"])
    except ValueError:
        raise _bad("status") from None
    return Event(
        event_id=_str(data, "event_id"),
        name=_str(data, "name"),
        store_code=_str(data, "store_code"),
        community_code=community,
        place=_str(data, "place"),
        starts_at=_time(data, "starts_at"),
        ends_at=_time(data, "ends_at"),
        promoters=_strings(data, "promoters"),
        products=tuple(_product(p) for p in products),
        sample_budget_fen=budget,
        feedback_tags=_strings(data, "feedback_tags"),
        status=status,
    )
