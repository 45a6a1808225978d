"""What a store manager reads of their own store (scope `store`, api/auth.py).

The store's sales as the server stored them, for checking the day against the
tills: one row per order, its totals and the points the server credited.
Operations may read any store's. (A store's shifts are listed by the shifts
routes, under the same scope.)
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel
from sqlalchemy import select

from sync.protocol.codes import ErrorCode
from sync.protocol.types import CLEAN, MAX_COUNTER, UtcTime
from sync.server.api.deps import DbDep, StoreDep
from sync.server.api.errors import ApiError, responses
from sync.server.models.orders import Order
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
        if session.get(Store, store_code) is None:
            raise ApiError(404, ErrorCode.NOT_FOUND, "unknown store")
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
