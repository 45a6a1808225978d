"""Promotions through the API: operations create, schedule, pause, resume and end
them and read each one's report (scope `operations`); a store manager lists the
promotions of their own store (scope `store`).

Every write runs the same functions as `yuancang-central promotions`
(sync/server/promotions.py) and appends its change for the tills in the same
transaction. Refusals: a definition, window or store that cannot be is `422
promotion_invalid` (the message names the field), an id taken `409
promotion_exists`, a move its status forbids `409 promotion_state`, an unknown id
`404 not_found`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from sync.protocol.changes import PromotionDefinition, PromotionWindowData
from sync.protocol.codes import ErrorCode
from sync.protocol.types import CLEAN, Fen, Message, UtcTime
from sync.server import promo_report
from sync.server import promotions as promos
from sync.server.api.deps import DbDep, OperationsDep, SettingsDep, StoreDep
from sync.server.api.errors import ApiError, responses
from sync.server.api.store import StoreCode
from sync.server.changelog import ChangeLog
from sync.server.db import Database
from sync.server.models.partners import Store

router = APIRouter(tags=["promotions"])
PromoId = Annotated[str, Path(min_length=1, max_length=64, description="e.g. T200"), CLEAN]
StoreList = list[Annotated[str, Field(min_length=1, max_length=16), CLEAN]]


class PromotionCreate(Message):
    #: the promotion as docs/promotions.md writes it (its budget_fen, if any, is replaced
    #: by `budget_fen` below when that is given); the till's codec has the last word
    definition: PromotionDefinition
    stores: StoreList = Field(default_factory=list, max_length=promos.MAX_STORES)
    budget_fen: Fen | None = None


class PromotionSchedule(Message):
    #: start_date, end_date, weekdays, hours: as in a definition's window
    window: PromotionWindowData


class PromotionOut(BaseModel):
    id: str
    name: str
    kind: str
    status: str  # active | paused | ended
    stores: list[str]  # empty: every store
    budget_fen: int | None
    given_fen: int  # the discount given so far, as the server explains it
    #: exactly the codec's keys (the kind's own parameters; no null for another kind's)
    definition: PromotionDefinition
    created_at: datetime
    updated_at: datetime


class PromotionReportOut(BaseModel):
    promotion_id: str
    name: str
    status: str
    since: datetime
    until: datetime
    orders: int
    discount_fen: int
    claimed_fen: int
    budget_fen: int | None
    given_fen: int
    sales_fen: int
    previous_since: datetime
    previous_sales_fen: int
    uplift_fen: int
    uplift_bps: int | None


_STATUS = {"invalid": 422, "not_found": 404, "exists": 409, "state": 409}
_CODE = {
    "invalid": ErrorCode.PROMOTION_INVALID,
    "not_found": ErrorCode.NOT_FOUND,
    "exists": ErrorCode.PROMOTION_EXISTS,
    "state": ErrorCode.PROMOTION_STATE,
}


def _refused(exc: promos.PromotionError) -> ApiError:
    return ApiError(_STATUS[exc.code], _CODE[exc.code], exc.message)


def _out(view: promos.PromotionView) -> PromotionOut:
    return PromotionOut(
        id=view.id,
        name=view.name,
        kind=view.kind,
        status=view.status,
        stores=view.stores,
        budget_fen=view.budget_fen,
        given_fen=view.given_fen,
        definition=PromotionDefinition.model_validate(view.definition),
        created_at=view.created_at,
        updated_at=view.updated_at,
    )


def _given(model: BaseModel) -> dict[str, Any]:
    """What the caller sent, as the codec reads it: the fields they gave, no defaults."""
    return model.model_dump(mode="json", exclude_unset=True)


def _write(db: Database, work: Callable[..., promos.PromotionView]) -> PromotionOut:
    """Run one management function in a write transaction, with its change for the tills."""
    now = datetime.now(UTC)
    changes = ChangeLog()
    try:
        with db.write() as session:
            view = work(session, now=now, changes=changes)
            changes.flush(session, now=now)
    except promos.PromotionError as exc:
        raise _refused(exc) from None
    return _out(view)


@router.get("/promotions", response_model=list[PromotionOut], responses=responses(401, 403))
def list_all(
    db: DbDep,
    _who: OperationsDep,
    store: Annotated[str | None, Query(max_length=16, description="only this store's")] = None,
) -> list[PromotionOut]:
    with db.read() as session:
        return [_out(v) for v in promos.list_promotions(session, store_code=store)]


@router.post(
    "/promotions",
    response_model=PromotionOut,
    response_model_exclude_unset=True,
    responses=responses(401, 403, 409),
)
def create(body: PromotionCreate, db: DbDep, _who: OperationsDep) -> PromotionOut:
    return _write(
        db,
        lambda session, **kw: promos.create(
            session,
            definition=_given(body.definition),
            stores=body.stores,
            budget_fen=body.budget_fen,
            **kw,
        ),
    )


@router.post(
    "/promotions/{promotion_id}/schedule",
    response_model=PromotionOut,
    response_model_exclude_unset=True,
    responses=responses(401, 403, 404, 409),
)
def schedule(
    promotion_id: PromoId, body: PromotionSchedule, db: DbDep, _who: OperationsDep
) -> PromotionOut:
    return _write(
        db,
        lambda session, **kw: promos.schedule(
            session, promo_id=promotion_id, window=_given(body.window), **kw
        ),
    )


def _status_route(action: promos.Action) -> None:
    def move(promotion_id: PromoId, db: DbDep, _who: OperationsDep) -> PromotionOut:
        return _write(
            db,
            lambda session, **kw: promos.change_status(
                session, promo_id=promotion_id, action=action, **kw
            ),
        )

    move.__name__ = f"{action.value}_promotion"
    router.post(
        f"/promotions/{{promotion_id}}/{action.value}",
        response_model=PromotionOut,
        response_model_exclude_unset=True,
        responses=responses(401, 403, 404, 409),
        summary=f"{action.value.capitalize()} a promotion",
    )(move)


for _action in promos.Action:
    _status_route(_action)


@router.get(
    "/promotions/{promotion_id}/report",
    response_model=PromotionReportOut,
    responses=responses(401, 403, 404),
)
def report(
    promotion_id: PromoId,
    db: DbDep,
    settings: SettingsDep,
    _who: OperationsDep,
    since: Annotated[UtcTime | None, Query(description="default: the promotion's start")] = None,
    until: Annotated[UtcTime | None, Query(description="default: its end, or now")] = None,
) -> PromotionReportOut:
    try:
        with db.read() as session:
            r = promo_report.report(
                session,
                promo_id=promotion_id,
                now=datetime.now(UTC),
                since=since,
                until=until,
                skew=timedelta(seconds=settings.sale_clock_skew_s),
            )
    except promos.PromotionError as exc:
        raise _refused(exc) from None
    return PromotionReportOut.model_validate(r, from_attributes=True)


@router.get(
    "/stores/{store_code}/promotions",
    response_model=list[PromotionOut],
    response_model_exclude_unset=True,
    responses=responses(401, 403, 404),
)
def store_promotions(store_code: StoreCode, db: DbDep, _who: StoreDep) -> list[PromotionOut]:
    """The promotions that apply to the store (its own and every store's), any status."""
    with db.read() as session:
        if session.get(Store, store_code) is None:  # operations only: a manager's is their own
            raise ApiError(404, ErrorCode.NOT_FOUND, "unknown store")
        return [_out(v) for v in promos.list_promotions(session, store_code=store_code)]
