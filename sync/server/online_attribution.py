"""Orders the geofences could not place, and an operator's attribution of one.

A delivery point inside two communities' fences (`overlap`) or inside none
(`outside`) is never guessed: the order waits, earning nothing, in the listing
of unattributed orders, until an operator names its community (CLI
`yuancang-central online attribute ORDER --community C`, or the operations API).
The attribution is final and audited (`online_attributions`: who, when, what
the fences said, the note, the points it credited); the order then earns by
the contract rules on what remains of it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.codes import ErrorCode
from sync.protocol.online import OnlineOrderOut, UnattributedOrder
from sync.server import online_points
from sync.server.models.online import OnlineAttribution, OnlineOrder
from sync.server.models.partners import Community
from sync.server.online_orders import OnlineRefused, answer, locked


def attribute(
    session: Session, *, order_id: str, community_id: str, by: str, note: str, now: datetime
) -> OnlineOrderOut:
    """Give an unattributed order its community; credit its points; keep the audit row."""
    order = locked(session, order_id)
    if order is None:
        raise OnlineRefused(404, ErrorCode.NOT_FOUND, "order_id", "no such online order")
    if session.get(Community, community_id) is None:
        raise OnlineRefused(404, ErrorCode.NOT_FOUND, "community_id", "no such community")
    if order.community_id is not None:
        raise OnlineRefused(
            409,
            ErrorCode.ORDER_ATTRIBUTED,
            "order_id",
            f"already attributed to {order.community_id} ({order.status})",
        )
    previous = order.status
    order.status = "operator"
    order.community_id = community_id
    points = online_points.credit_order(session, order=order, now=now)
    session.add(
        OnlineAttribution(
            order_id=order_id,
            previous_status=previous,
            candidates=order.candidates,
            community_id=community_id,
            by=by[:80],
            note=note[:200],
            points=points,
            at=now,
        )
    )
    session.flush()
    return answer(session, order_id=order_id)


def unattributed(session: Session, *, limit: int = 500, offset: int = 0) -> list[UnattributedOrder]:
    """Orders waiting for an operator, oldest first."""
    rows = session.scalars(
        select(OnlineOrder)
        .where(OnlineOrder.community_id.is_(None))
        .order_by(OnlineOrder.created_at, OnlineOrder.order_id)
        .offset(offset)
        .limit(limit)
    )
    return [
        UnattributedOrder(
            order_id=o.order_id,
            created_at=o.created_at,
            lon=o.lon,
            lat=o.lat,
            status=o.status,  # type: ignore[arg-type]
            candidates=[c for c in o.candidates.split(",") if c],
            total_fen=o.total_fen,
        )
        for o in rows
    ]


def audit(session: Session, *, order_id: str) -> list[OnlineAttribution]:
    return list(
        session.scalars(
            select(OnlineAttribution)
            .where(OnlineAttribution.order_id == order_id)
            .order_by(OnlineAttribution.id)
        )
    )
