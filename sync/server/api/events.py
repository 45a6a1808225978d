"""Tasting events through the API: operations create, start, close and cancel any
store's events, read each one's report and compare events (scope `operations`); a
store manager does the same for their own store's events under /stores/{store_code}
(scope `store`: another store's event is not found, and one created for another
store is refused `403 wrong_store`).

Every write runs the same functions as `yuancang-central events`
(sync/server/events.py) and appends its change (kind "event") for the tills in the
same transaction. Refusals: an event that cannot be is `422 event_invalid` (the
message names the field), an id taken `409 event_exists`, a move its status forbids
`409 event_state`, an unknown id `404 not_found`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from sync.protocol.changes import EventData
from sync.protocol.codes import ErrorCode
from sync.protocol.types import CLEAN, UtcTime
from sync.server import event_compare, event_report
from sync.server import events as ev
from sync.server.api.deps import DbDep, OperationsDep, StoreDep
from sync.server.api.errors import ApiError, responses
from sync.server.api.store import StoreCode
from sync.server.changelog import ChangeLog
from sync.server.db import Database
from sync.server.models.partners import Store

router = APIRouter(tags=["events"])
EventId = Annotated[str, Path(min_length=1, max_length=40, description="e.g. EV-TEA-1128"), CLEAN]
IdList = Annotated[str | None, Query(max_length=4000, description="EV1,EV2 (default: all)")]


class EventPrice(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    sku: Annotated[str, Field(min_length=1, max_length=64), CLEAN]
    price_fen: int = Field(ge=0, le=9_999_999_999)


class EventCreate(EventData):
    """An event as the tills receive it; a new one is planned unless it says running,
    and its community is its store's unless given."""

    community_code: Annotated[str, Field(min_length=1, max_length=40), CLEAN] | None = None
    status: Literal["planned", "running", "closed", "cancelled"] = "planned"
    #: event prices: each a special price of a featured product at this event only
    prices: list[EventPrice] = Field(default_factory=list, max_length=100)


class EventOut(EventData):
    created_at: datetime
    updated_at: datetime


class EventProductFigures(BaseModel):
    sku: str  # "" : feedback about the event, no one product
    tastings: int
    sample_quantity: int  # pieces, or grams
    sample_cost_fen: int
    units: int
    sales_fen: int
    feedback_count: int
    rating_sum: int  # the average rating is rating_sum / feedback_count
    tags: list[tuple[str, int]]  # (tag, count), most frequent first


class EventHourFigures(BaseModel):
    hour: datetime  # the hour's start, Asia/Shanghai
    visitors: int
    sales_count: int
    units: int
    sales_fen: int


class EventReportOut(BaseModel):
    event_id: str
    visitors: int
    tastings: int
    sample_cost_fen: int
    sample_budget_fen: int
    sales_count: int
    buyers: int
    member_buyers: int
    sales_fen: int
    units: int
    buyers_per_visitor_bps: int | None
    buyers_per_tasting_bps: int | None
    residents_identified: int
    new_residents: int
    leads: int
    feedback_count: int
    products: list[EventProductFigures]
    hours: list[EventHourFigures]


class EventCompareRow(BaseModel):
    key: str  # the sku, the community code, or the showroom hour "00" … "23"
    events: int
    visitors: int
    tastings: int
    buyers: int
    sales_fen: int
    sample_cost_fen: int
    buyers_per_visitor_bps: int | None
    sales_per_visitor_fen: int | None
    sample_cost_per_buyer_fen: int | None


_STATUS = {"invalid": 422, "not_found": 404, "exists": 409, "state": 409}
_CODE = {
    "invalid": ErrorCode.EVENT_INVALID,
    "not_found": ErrorCode.NOT_FOUND,
    "exists": ErrorCode.EVENT_EXISTS,
    "state": ErrorCode.EVENT_STATE,
}


def _out(view: ev.EventView) -> EventOut:
    return EventOut(
        **view.data.model_dump(), created_at=view.created_at, updated_at=view.updated_at
    )


def _write(db: Database, work: Callable[..., ev.EventView]) -> EventOut:
    now = datetime.now(UTC)
    changes = ChangeLog()
    try:
        with db.write() as session:
            view = work(session, now=now, changes=changes)
            changes.flush(session, now=now)
    except ev.EventError as exc:
        raise ApiError(_STATUS[exc.code], _CODE[exc.code], exc.message) from None
    return _out(view)


def _report(db: Database, event_id: str, store_code: str | None) -> EventReportOut:
    try:
        with db.read() as session:
            r = event_report.report(session, event_id=event_id, store_code=store_code)
    except event_report.EventNotFound:
        raise ApiError(404, ErrorCode.NOT_FOUND, f"no event {event_id}") from None
    return EventReportOut.model_validate(r, from_attributes=True)


def _compare(
    db: Database,
    by: event_compare.By,
    ids: str | None,
    store_code: str | None,
    since: datetime | None,
    until: datetime | None,
) -> list[EventCompareRow]:
    wanted = [i for i in (ids or "").split(",") if i]
    with db.read() as session:
        if store_code is not None:
            _known_store(session, store_code)
        chosen = event_compare.select_events(
            session, event_ids=wanted, store_code=store_code, since=since, until=until
        )
        rows = event_compare.compare(session, by=by, events=chosen)
    return [EventCompareRow.model_validate(r, from_attributes=True) for r in rows]


def _known_store(session: Session, store_code: str) -> None:
    """Operations only: a manager's store is their own (checked by the scope)."""
    if session.get(Store, store_code) is None:
        raise ApiError(404, ErrorCode.NOT_FOUND, "unknown store")


def _create(body: EventCreate) -> Callable[..., ev.EventView]:
    data: dict[str, Any] = body.model_dump(mode="json")
    return lambda session, **kw: ev.create(session, data=data, **kw)


def _move(event_id: str, action: ev.Action, store: str | None) -> Callable[..., ev.EventView]:
    return lambda session, **kw: ev.change_status(
        session, event_id=event_id, action=action, store_code=store, **kw
    )


# --- operations ------------------------------------------------------------------------


@router.get("/events", response_model=list[EventOut], responses=responses(401, 403))
def list_all(
    db: DbDep,
    _who: OperationsDep,
    store: Annotated[str | None, Query(max_length=16, description="only this store's")] = None,
) -> list[EventOut]:
    with db.read() as session:
        return [_out(v) for v in ev.list_events(session, store_code=store)]


@router.post("/events", response_model=EventOut, responses=responses(401, 403, 409))
def create(body: EventCreate, db: DbDep, _who: OperationsDep) -> EventOut:
    return _write(db, _create(body))


@router.get("/events/compare", response_model=list[EventCompareRow], responses=responses(401, 403))
def compare(
    db: DbDep,
    _who: OperationsDep,
    by: event_compare.By,
    ids: IdList = None,
    store: Annotated[str | None, Query(max_length=16)] = None,
    since: Annotated[UtcTime | None, Query(description="events starting from")] = None,
    until: Annotated[UtcTime | None, Query(description="events starting before")] = None,
) -> list[EventCompareRow]:
    return _compare(db, by, ids, store, since, until)


@router.get(
    "/events/{event_id}/report", response_model=EventReportOut, responses=responses(401, 403, 404)
)
def report(event_id: EventId, db: DbDep, _who: OperationsDep) -> EventReportOut:
    return _report(db, event_id, None)


# --- a store manager, their own store's ------------------------------------------------


@router.get(
    "/stores/{store_code}/events",
    response_model=list[EventOut],
    responses=responses(401, 403, 404),
)
def store_events(store_code: StoreCode, db: DbDep, _who: StoreDep) -> list[EventOut]:
    with db.read() as session:
        _known_store(session, store_code)
        return [_out(v) for v in ev.list_events(session, store_code=store_code)]


@router.post(
    "/stores/{store_code}/events",
    response_model=EventOut,
    responses=responses(401, 403, 404, 409),
)
def store_create(store_code: StoreCode, body: EventCreate, db: DbDep, _who: StoreDep) -> EventOut:
    if body.store_code != store_code:
        raise ApiError(403, ErrorCode.WRONG_STORE, "an event of another store")
    return _write(db, _create(body))


@router.get(
    "/stores/{store_code}/events/compare",
    response_model=list[EventCompareRow],
    responses=responses(401, 403, 404),
)
def store_compare(
    store_code: StoreCode,
    db: DbDep,
    _who: StoreDep,
    by: event_compare.By,
    ids: IdList = None,
    since: Annotated[UtcTime | None, Query()] = None,
    until: Annotated[UtcTime | None, Query()] = None,
) -> list[EventCompareRow]:
    return _compare(db, by, ids, store_code, since, until)


@router.get(
    "/stores/{store_code}/events/{event_id}/report",
    response_model=EventReportOut,
    responses=responses(401, 403, 404),
)
def store_report(
    store_code: StoreCode, event_id: EventId, db: DbDep, _who: StoreDep
) -> EventReportOut:
    return _report(db, event_id, store_code)


def _status_routes(action: ev.Action) -> None:
    def move(event_id: EventId, db: DbDep, _who: OperationsDep) -> EventOut:
        return _write(db, _move(event_id, action, None))

    def store_move(store_code: StoreCode, event_id: EventId, db: DbDep, _who: StoreDep) -> EventOut:
        return _write(db, _move(event_id, action, store_code))

    move.__name__ = f"{action.value}_event"
    store_move.__name__ = f"store_{action.value}_event"
    for path, handler in (
        (f"/events/{{event_id}}/{action.value}", move),
        (f"/stores/{{store_code}}/events/{{event_id}}/{action.value}", store_move),
    ):
        router.post(
            path,
            response_model=EventOut,
            responses=responses(401, 403, 404, 409),
            summary=f"{action.value.capitalize()} an event",
        )(handler)


for _action in ev.Action:
    _status_routes(_action)
