"""Tasting events on the central server: create, start, close, cancel and list them;
every change reaches the tills of the event's store as a change of kind "event"
(`sync.protocol.changes.EventData`, the agreed wire form).

An event is checked before it is stored: its store and community exist (the
community is the store's unless given), it ends after it starts, its promoters are
staff of its store, its products are in the catalog (each once) with the cost of one
sample unit, its tags are distinct. Its life is planned → running → closed, or
planned/running → cancelled; a closed or cancelled event never opens again (its
records stay; a record pushed after a cancellation is stored and flagged). The
command line (`yuancang-central events`) and the API (sync/server/api/events.py)
call these functions alone; so does a till's store event (sync/server/push_store.py).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.changes import EventData
from sync.server.changelog import ChangeLog
from sync.server.models.catalog import Product
from sync.server.models.events import Event, EventProduct, EventPromoter
from sync.server.models.partners import Community, StaffMember, Store


class Status(enum.StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class Action(enum.StrEnum):
    START = "start"
    CLOSE = "close"
    CANCEL = "cancel"


_OPEN = frozenset({Status.PLANNED, Status.RUNNING})
#: action → (statuses it may start from, the status it leads to)
_MOVES: dict[Action, tuple[frozenset[Status], Status]] = {
    Action.START: (frozenset({Status.PLANNED}), Status.RUNNING),
    Action.CLOSE: (_OPEN, Status.CLOSED),
    Action.CANCEL: (_OPEN, Status.CANCELLED),
}
#: staff roles that may run an event's table
PROMOTER_ROLES = frozenset({"promoter", "manager"})


class EventError(Exception):
    """A refused request: `code` is invalid, not_found, exists or state; `field` which
    part of the event is invalid."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.field = code, message, field


@dataclass(frozen=True, slots=True)
class EventView:
    """An event as the API and the command line show it: its wire form."""

    data: EventData
    created_at: datetime
    updated_at: datetime


def _invalid(field: str, message: str) -> EventError:
    return EventError("invalid", f"{field}: {message}", field)


def parse(data: Any) -> EventData:
    """The event `data` describes; status "planned" unless given."""
    if not isinstance(data, Mapping):
        raise _invalid("event", "an event is a JSON object")
    try:
        return EventData.model_validate({"status": "planned", "community_code": None, **data})
    except ValidationError as exc:
        error = exc.errors(include_url=False, include_input=False)[0]
        field = ".".join(str(p) for p in error["loc"]) or "event"
        raise _invalid(field, error["msg"]) from None


def create(
    session: Session,
    *,
    data: Any,
    now: datetime,
    changes: ChangeLog,
    created_by: str | None = None,
) -> EventView:
    """A new event (planned unless the file says running), announced to its store's tills,
    with its event prices when it lists them (`prices`: see `_event_prices`).
    `created_by`: the store manager (staff id) who set it up at a till (origin "store")."""
    prices = data.get("prices", []) if isinstance(data, Mapping) else []
    if isinstance(data, Mapping):
        data = {k: v for k, v in data.items() if k != "prices"}
    event = parse(data)
    if event.status not in _OPEN:
        raise _invalid("status", "a new event is planned or running")
    store = session.get(Store, event.store_code)
    if store is None:
        raise _invalid("store_code", f"unknown store {event.store_code}")
    community = event.community_code or store.community_id
    if session.get(Community, community) is None:
        raise _invalid("community_code", f"unknown community {community}")
    if event.ends_at <= event.starts_at:
        raise _invalid("ends_at", "the event ends before it starts")
    _check_lists(session, event)
    if session.get(Event, event.event_id) is not None:
        raise EventError("exists", f"an event {event.event_id} exists already")
    row = Event(
        event_id=event.event_id,
        name=event.name,
        store_code=event.store_code,
        community_code=community,
        place=event.place,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        sample_budget_fen=event.sample_budget_fen,
        feedback_tags=json.dumps(event.feedback_tags, ensure_ascii=False),
        status=event.status,
        created_at=now,
        updated_at=now,
        origin="central" if created_by is None else "store",
        created_by=created_by,
    )
    session.add(row)
    session.flush()
    for n, p in enumerate(event.products):
        session.add(
            EventProduct(
                event_id=row.event_id,
                sku=p.sku,
                position=n,
                sample_cost_fen=p.sample_cost_fen,
                sample_unit=p.sample_unit,
            )
        )
    for staff_id in event.promoters:
        session.add(EventPromoter(event_id=row.event_id, staff_id=staff_id))
    session.flush()
    _event_prices(session, event, prices, now=now, changes=changes)
    return _announce(session, row, store, changes)


def _event_prices(
    session: Session, event: EventData, prices: Any, *, now: datetime, changes: ChangeLog
) -> None:
    """Each `{"sku", "price_fen"}` of `prices` becomes a promotion of the promotions
    engine: a special price for that featured product at this event only (its
    `event_id`), in the event's store, id `<event_id>-P<n>`; it reaches the tills as a
    "promotion" change in the same transaction."""
    from sync.server import promotions as promos

    featured = {p.sku for p in event.products}
    if not isinstance(prices, list):
        raise _invalid("prices", "a list of {sku, price_fen}")
    seen: set[str] = set()
    for n, price in enumerate(prices, start=1):
        if not isinstance(price, Mapping) or set(price) != {"sku", "price_fen"}:
            raise _invalid("prices", "each price is {sku, price_fen}")
        sku, fen = price["sku"], price["price_fen"]
        if sku not in featured or sku in seen:
            raise _invalid("prices.sku", "a featured product, once")
        if type(fen) is not int or fen < 0:
            raise _invalid("prices.price_fen", "a whole number of fen, 0 or more")
        seen.add(sku)
        definition = {
            "id": f"{event.event_id}-P{n}",
            "name": f"{event.name[:90]} 活动价",
            "kind": "special_price",
            "price_fen": fen,
            "event_id": event.event_id,
            "scope": {"categories": [], "skus": [sku]},
        }
        try:
            promos.create(
                session, definition=definition, stores=[event.store_code], budget_fen=None,
                now=now, changes=changes,
            )  # fmt: skip
        except promos.PromotionError as exc:
            raise _invalid("prices", exc.message) from None


def _check_lists(session: Session, event: EventData) -> None:
    skus = [p.sku for p in event.products]
    if len(set(skus)) != len(skus):
        raise _invalid("products", "a product is listed twice")
    known = (
        set(session.scalars(select(Product.sku).where(Product.sku.in_(skus)))) if skus else set()
    )
    if missing := [s for s in skus if s not in known]:
        raise _invalid("products.sku", f"not in the catalog: {missing[0]}")
    if len(set(event.feedback_tags)) != len(event.feedback_tags):
        raise _invalid("feedback_tags", "a tag is listed twice")
    if len(set(event.promoters)) != len(event.promoters):
        raise _invalid("promoters", "a promoter is listed twice")
    for staff_id in event.promoters:
        staff = session.get(StaffMember, staff_id)
        if staff is None or staff.store_code != event.store_code:
            raise _invalid("promoters", f"no staff {staff_id} in store {event.store_code}")
        if staff.role not in PROMOTER_ROLES:
            raise _invalid("promoters", f"staff {staff_id} is not a promoter or manager")


def change_status(
    session: Session,
    *,
    event_id: str,
    action: Action,
    now: datetime,
    changes: ChangeLog,
    store_code: str | None = None,
) -> EventView:
    """Start, close or cancel an event (`store_code`: a store manager's own only)."""
    row = _get(session, event_id, store_code, lock=True)
    sources, target = _MOVES[action]
    if Status(row.status) not in sources:
        raise EventError("state", f"event {event_id} is {row.status}: it cannot {action.value}")
    row.status = target.value
    row.updated_at = now
    session.flush()
    store = session.get(Store, row.store_code)
    assert store is not None  # a foreign key
    return _announce(session, row, store, changes)


def get(session: Session, *, event_id: str, store_code: str | None = None) -> EventView:
    return view(session, _get(session, event_id, store_code))


def _get(session: Session, event_id: str, store_code: str | None, lock: bool = False) -> Event:
    stmt = select(Event).where(Event.event_id == event_id)
    row = session.scalars(stmt.with_for_update() if lock else stmt).first()
    # another store's event is unknown to its manager, exactly as a missing one
    if row is None or (store_code is not None and row.store_code != store_code):
        raise EventError("not_found", f"no event {event_id}")
    return row


def list_events(session: Session, *, store_code: str | None = None) -> list[EventView]:
    stmt = select(Event).order_by(Event.starts_at, Event.event_id)
    if store_code is not None:
        stmt = stmt.where(Event.store_code == store_code)
    return [view(session, row) for row in session.scalars(stmt)]


def view(session: Session, row: Event) -> EventView:
    products = session.scalars(
        select(EventProduct)
        .where(EventProduct.event_id == row.event_id)
        .order_by(EventProduct.position)
    )
    promoters = session.scalars(
        select(EventPromoter.staff_id)
        .where(EventPromoter.event_id == row.event_id)
        .order_by(EventPromoter.staff_id)
    )
    data = EventData.model_validate(
        {
            "event_id": row.event_id,
            "name": row.name,
            "store_code": row.store_code,
            "community_code": row.community_code,
            "place": row.place,
            "starts_at": row.starts_at.astimezone(UTC),
            "ends_at": row.ends_at.astimezone(UTC),
            "promoters": list(promoters),
            "products": [
                {"sku": p.sku, "sample_cost_fen": p.sample_cost_fen, "sample_unit": p.sample_unit}
                for p in products
            ],
            "sample_budget_fen": row.sample_budget_fen,
            "feedback_tags": json.loads(row.feedback_tags),
            "status": row.status,
        }
    )
    return EventView(data, row.created_at, row.updated_at)


def _announce(session: Session, row: Event, store: Store, changes: ChangeLog) -> EventView:
    shown = view(session, row)
    # the tills of the event's store's community (a till keeps its own store's events)
    changes.upsert("event", row.event_id, shown.data, community_id=store.community_id)
    return shown
