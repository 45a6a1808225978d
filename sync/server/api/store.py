"""What a store manager reads of their own store (scope `store`, api/auth.py).

- orders: the store's sales as the server stored them, for checking the day
  against the tills: one row per order, its totals and the points the server
  credited;
- shifts: the store's closed shifts (交班) with the server's own figures, the
  list `yuancang-central shifts` prints (a till reads its store's at /shifts);
- review: what the server flagged on the store's tills and left for a manager
  (a line nothing explains, points held, a gap or fork in a till's hash chain),
  by record id and code, never a resident.

Operations may read any store's. Another store's code is refused `403
wrong_store` by the scope check before anything is read, whether the store
exists or not: never an empty list that would hide the refusal.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.codes import ErrorCode
from sync.protocol.shifts import ShiftOut
from sync.protocol.types import CLEAN, MAX_COUNTER, UtcTime
from sync.server import shifts
from sync.server.api.deps import DbDep, StoreDep
from sync.server.api.errors import ApiError, responses
from sync.server.models.orders import Order, ReviewItem
from sync.server.models.partners import Store
from sync.server.models.terminals import Terminal

router = APIRouter(tags=["store"])
StoreCode = Annotated[str, Path(min_length=1, max_length=16, description="e.g. S001"), CLEAN]


class StoreOrder(BaseModel):
    sale_id: str
    receipt_no: str
    terminal_code: str
    created_at: datetime
    total_fen: int
    rounding_fen: int
    points: int  # what the server credited, not the till's figure


@router.get(
    "/stores/{store_code}/orders",
    response_model=list[StoreOrder],
    responses=responses(401, 403, 404),
)
def orders(
    store_code: StoreCode,
    db: DbDep,
    _who: StoreDep,
    since: Annotated[UtcTime, Query(description="start, inclusive (aware ISO time)")],
    until: Annotated[UtcTime, Query(description="end, exclusive (aware ISO time)")],
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    offset: Annotated[int, Query(ge=0, le=MAX_COUNTER)] = 0,
) -> list[StoreOrder]:
    stmt = (
        select(Order, Terminal.terminal_code)
        .join(Terminal, Terminal.id == Order.terminal_id)
        .where(Order.store_code == store_code, Order.created_at >= since, Order.created_at < until)
        .order_by(Order.created_at, Order.sale_id)
        .offset(offset)
        .limit(limit)
    )
    with db.read() as session:
        _known(session, store_code)
        rows = session.execute(stmt).all()
    return [
        StoreOrder(
            sale_id=o.sale_id,
            receipt_no=o.receipt_no,
            terminal_code=code,
            created_at=o.created_at,
            total_fen=o.total_fen,
            rounding_fen=o.rounding_fen,
            points=o.points_server,
        )
        for o, code in rows
    ]


def _known(session: Session, store_code: str) -> None:
    """Operations asking for a store that does not exist (a manager never gets here:
    their token names their own store)."""
    if session.get(Store, store_code) is None:
        raise ApiError(404, ErrorCode.NOT_FOUND, "unknown store")


@router.get(
    "/stores/{store_code}/shifts",
    response_model=list[ShiftOut],
    responses=responses(401, 403, 404, 422),
)
def store_shifts(
    store_code: StoreCode,
    db: DbDep,
    _who: StoreDep,
    day: Annotated[
        date | None, Query(description="a Shanghai calendar day, by close time (YYYY-MM-DD)")
    ] = None,
) -> list[ShiftOut]:
    with db.read() as session:
        _known(session, store_code)
        return shifts.list_shifts(session, store_code=store_code, day=day)


class StoreReviewItem(BaseModel):
    review_id: int
    kind: str  # line | hold | chain | promo
    terminal_code: str
    record_kind: str  # sale | refund
    record_id: str
    line_no: int  # 0: the whole record
    code: str  # the flag(s), e.g. price_unexplained, member_unverified, chain_gap
    points: int  # held points (kind hold)
    created_at: datetime


@router.get(
    "/stores/{store_code}/review",
    response_model=list[StoreReviewItem],
    responses=responses(401, 403, 404),
)
def store_review(
    store_code: StoreCode,
    db: DbDep,
    _who: StoreDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    offset: Annotated[int, Query(ge=0, le=MAX_COUNTER)] = 0,
) -> list[StoreReviewItem]:
    """The store's open review items, oldest first (released and dismissed ones drop out)."""
    stmt = (
        select(ReviewItem, Terminal.terminal_code)
        .join(Terminal, Terminal.id == ReviewItem.terminal_id)
        .where(Terminal.store_code == store_code, ReviewItem.status == "open")
        .order_by(ReviewItem.id)
        .offset(offset)
        .limit(limit)
    )
    with db.read() as session:
        _known(session, store_code)
        rows = session.execute(stmt).all()
    return [
        StoreReviewItem(
            review_id=r.id,
            kind=r.kind,
            terminal_code=code,
            record_kind=r.source_kind,
            record_id=r.source_id,
            line_no=r.line_no,
            code=r.code,
            points=r.points,
            created_at=r.created_at,
        )
        for r, code in rows
    ]
