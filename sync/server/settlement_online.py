"""The online shop's orders as a source of a community's joint revenue (MISSION:
an online order delivered inside a compound counts for its community).

An online order counts for the community it is attributed to. One the geofence
placed at once counts when the server received it; one an operator attributed
later (an overlap, a point outside every fence) counts from the attribution: for
the settlement it "arrived" then, so an attribution after a month was closed
becomes an adjustment of the open month, never an edit of the closed one. An
order nobody has attributed yet belongs to no community. A refund counts under
its order's community and contract version, like a till's. Points are the
ledger's entries of the online orders and refunds (`online_points`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, literal, select, union_all

from sync.server.models.online import OnlineAttribution, OnlineOrder, OnlineRefund
from sync.server.models.residents import LedgerEntry
from sync.server.online_points import ORDER_SOURCE, REFUND_SOURCE
from sync.server.settlement_sources import RecordSource, Shape


def _attributed() -> Any:
    """Each operator-attributed order and when it was attributed."""
    return (
        select(OnlineAttribution.order_id, func.max(OnlineAttribution.at).label("at"))
        .group_by(OnlineAttribution.order_id)
        .subquery()
    )


def _arrived(received: Any, attributed_at: Any) -> Any:
    """The later of the record's arrival and its order's attribution (none: the arrival)."""
    return case((attributed_at > received, attributed_at), else_=received)


def _sales(community_id: str) -> Any:
    att = _attributed()
    return (
        select(
            OnlineOrder.order_id.label("id"),
            OnlineOrder.created_at.label("created"),
            _arrived(OnlineOrder.received_at, att.c.at).label("arrived"),
            OnlineOrder.total_fen.label("paid"),
            OnlineOrder.eligible_fen.label("eligible"),
        )
        .outerjoin(att, att.c.order_id == OnlineOrder.order_id)
        .where(OnlineOrder.community_id == community_id)
    )


def _refunds(community_id: str) -> Any:
    att = _attributed()
    return (
        select(
            OnlineRefund.refund_id.label("id"),
            OnlineRefund.order_id.label("sale_id"),
            OnlineOrder.created_at.label("sale_created"),
            OnlineRefund.created_at.label("created"),
            _arrived(OnlineRefund.received_at, att.c.at).label("arrived"),
            OnlineRefund.total_fen.label("total"),
            OnlineRefund.eligible_fen.label("eligible"),
        )
        .join(OnlineOrder, OnlineOrder.order_id == OnlineRefund.order_id)
        .outerjoin(att, att.c.order_id == OnlineOrder.order_id)
        .where(OnlineOrder.community_id == community_id)
    )


def _points(community_id: str) -> Any:
    entry = (LedgerEntry.kind, LedgerEntry.points, LedgerEntry.created_at.label("at"))
    of_orders = (
        select(*entry)
        .join(
            OnlineOrder,
            and_(
                LedgerEntry.source_kind == literal(ORDER_SOURCE),
                LedgerEntry.source_id == OnlineOrder.order_id,
            ),
        )
        .where(OnlineOrder.community_id == community_id)
    )
    of_refunds = (
        select(*entry)
        .join(
            OnlineRefund,
            and_(
                LedgerEntry.source_kind == literal(REFUND_SOURCE),
                LedgerEntry.source_id == OnlineRefund.refund_id,
            ),
        )
        .join(OnlineOrder, OnlineOrder.order_id == OnlineRefund.order_id)
        .where(OnlineOrder.community_id == community_id)
    )
    return select(union_all(of_orders, of_refunds).subquery())


ONLINE = RecordSource("online", Shape(_sales, _refunds, _points))
