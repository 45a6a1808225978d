"""The online shop's API: its orders and their refunds (scope `online-shop`), and the
orders its delivery points could not place, for operations to attribute (scope
`operations`). docs/online_orders.md describes every field and refusal.

    POST /online/orders                          an order; the same body again: same answer
    POST /online/orders/{order_id}/refunds       a refund of some of its lines
    GET  /online/orders/unattributed             overlaps and outsides waiting (operations)
    POST /online/orders/{order_id}/attribution   name the community of one (operations)
    PUT  /communities/{community_id}/geofence    set a community's fence (operations)

Refusals: `422 order_invalid` (the message names the field: a SKU the catalog
does not know, a price it does not explain, a total that is not the lines'),
`409 id_conflict` (an id sent before with other content), `409
refund_exceeds_order`, `409 order_attributed`, `404 not_found`; a fence that
cannot be, `422 geofence_invalid` naming the place (`geofence.coordinates[0]: …`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query

from sync.protocol.codes import ErrorCode
from sync.protocol.online import (
    AttributionRequest,
    GeofenceRequest,
    MultiPolygonFence,
    OnlineOrder,
    OnlineOrderOut,
    OnlineRefund,
    OnlineRefundOut,
    PolygonFence,
    UnattributedOrder,
)
from sync.protocol.types import CLEAN, MAX_COUNTER
from sync.server import geo, online_attribution, online_orders, online_refunds
from sync.server.api.auth import OnlineShopDep
from sync.server.api.deps import DbDep, OperationsDep, SettingsDep
from sync.server.api.errors import ApiError, responses
from sync.server.push_common import Policy

router = APIRouter(tags=["online shop"])
OrderId = Annotated[
    str, Path(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9._:-]+$", description="the shop's")
]


CommunityId = Annotated[str, Path(min_length=1, max_length=40, description="e.g. C001"), CLEAN]


def _refused(exc: online_orders.OnlineRefused) -> ApiError:
    return ApiError(exc.status, exc.code, exc.message)


@router.post(
    "/online/orders", response_model=OnlineOrderOut, responses=responses(401, 403, 409, 422)
)
def push_order(
    body: OnlineOrder, db: DbDep, settings: SettingsDep, shop: OnlineShopDep
) -> OnlineOrderOut:
    now, policy = datetime.now(UTC), Policy.from_settings(settings)
    try:
        return db.run_write(
            lambda session: online_orders.accept_order(
                session, order=body, token_id=shop.id, now=now, policy=policy
            )
        )
    except online_orders.OnlineRefused as exc:
        raise _refused(exc) from exc


@router.post(
    "/online/orders/{order_id}/refunds",
    response_model=OnlineRefundOut,
    responses=responses(401, 403, 404, 409, 422),
)
def push_refund(
    order_id: OrderId, body: OnlineRefund, db: DbDep, settings: SettingsDep, _shop: OnlineShopDep
) -> OnlineRefundOut:
    now, policy = datetime.now(UTC), Policy.from_settings(settings)
    try:
        return db.run_write(
            lambda session: online_refunds.accept_refund(
                session, order_id=order_id, refund=body, now=now, policy=policy
            )
        )
    except online_orders.OnlineRefused as exc:
        raise _refused(exc) from exc


@router.get(
    "/online/orders/unattributed",
    response_model=list[UnattributedOrder],
    responses=responses(401, 403),
)
def list_unattributed(
    db: DbDep,
    _ops: OperationsDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    offset: Annotated[int, Query(ge=0, le=MAX_COUNTER)] = 0,
) -> list[UnattributedOrder]:
    with db.read() as session:
        return online_attribution.unattributed(session, limit=limit, offset=offset)


@router.post(
    "/online/orders/{order_id}/attribution",
    response_model=OnlineOrderOut,
    responses=responses(401, 403, 404, 409, 422),
)
def attribute(
    order_id: OrderId, body: AttributionRequest, db: DbDep, ops: OperationsDep
) -> OnlineOrderOut:
    now = datetime.now(UTC)
    try:
        return db.run_write(
            lambda session: online_attribution.attribute(
                session,
                order_id=order_id,
                community_id=body.community_id,
                by=f"token {ops.id}",
                note=body.note,
                now=now,
            )
        )
    except online_orders.OnlineRefused as exc:
        raise _refused(exc) from exc


@router.put(
    "/communities/{community_id}/geofence",
    response_model=PolygonFence | MultiPolygonFence,
    responses=responses(401, 403, 404, 422),
)
def set_geofence(
    community_id: CommunityId, body: GeofenceRequest, db: DbDep, _ops: OperationsDep
) -> PolygonFence | MultiPolygonFence:
    """Check and store the fence (in WGS-84); the answer is the fence as stored."""
    try:
        with db.write() as session:
            stored = geo.set_geofence(
                session,
                community_id=community_id,
                fence=body.geofence.model_dump(),
                crs=body.crs,
            )
    except LookupError as exc:
        raise ApiError(404, ErrorCode.NOT_FOUND, "unknown community") from exc
    except geo.GeofenceError as exc:
        where = str(exc) if str(exc).startswith("geofence") else f"geofence.{exc}"
        raise ApiError(422, ErrorCode.GEOFENCE_INVALID, where) from exc
    data = json.loads(stored)
    if data["type"] == "Polygon":
        return PolygonFence.model_validate(data)
    return MultiPolygonFence.model_validate(data)
