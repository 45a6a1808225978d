"""The event report across every till, from the server's own records (plain SQL
aggregates that run on SQLite and PostgreSQL; the sales line by line, netted of their
refunds in Python), with the same figures and the same
definitions as the till's report of its own records (`pos_app.core.event_report`, whose
report types it fills):

- visitors: the sum of the tallies; tastings: the samples (one row each), with their
  quantity and the SERVER's cost, by product;
- buyers: one per distinct resident among the event's member sales, plus one per
  anonymous sale; conversion: buyers per visitor and per tasting, basis points
  rounded down (None without visitors / tastings);
- sales and units by product (non-voided lines as paid) and by showroom hour
  (Asia/Shanghai), with the visitors of that hour, all NET OF REFUNDS by the core's
  rule (`pos_app.core.event_report.net_of_refunds`: by the refund's lines; a line
  returned whole counts nothing; a sale returned whole is no sale and no buyer; a
  refund counts in its sale's hour);
- residents identified (a sale, a lead, feedback given with consent) and of them the
  new ones: none of this store's orders before the event named them;
- per product: feedback count, rating sum, and each tag's count (most frequent
  first); feedback about no one product is under the sku "".

Only the sales the server credited to the event count (`EventSale`), and the
refunds the server accepted of them (a refund's lines live in its payload only).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from pos_app.core.event_report import (
    EventReport,
    HourFigures,
    ProductFigures,
    RefundLineRec,
    RefundRec,
    SaleLineRec,
    SaleRec,
    hour_of,
    net_of_refunds,
    ratio,
)
from sync.server.models.events import (
    Event,
    EventFeedback,
    EventFeedbackTag,
    EventLead,
    EventSale,
    EventSample,
    EventVisitors,
)
from sync.server.models.orders import Order, Refund
from sync.server.models.promotions import OrderLine


class EventNotFound(LookupError):
    pass


def _int(value: int | None) -> int:
    return 0 if value is None else int(value)


def report(session: Session, *, event_id: str, store_code: str | None = None) -> EventReport:
    """The report of one event (`store_code`: a store manager's own events only)."""
    event = session.get(Event, event_id)
    if event is None or (store_code is not None and event.store_code != store_code):
        raise EventNotFound(event_id)
    e = event_id
    visitors = _int(
        session.scalar(select(func.sum(EventVisitors.count)).where(EventVisitors.event_id == e))
    )
    prod: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for sku, n, qty, cost in session.execute(
        select(
            EventSample.sku,
            func.count(),
            func.sum(EventSample.quantity),
            func.sum(EventSample.cost_fen),
        )
        .where(EventSample.event_id == e)
        .group_by(EventSample.sku)
    ):
        prod[sku].update(tastings=n, sample_quantity=_int(qty), sample_cost_fen=_int(cost))
    for sku, n, ratings in session.execute(
        select(EventFeedback.sku, func.count(), func.sum(EventFeedback.rating))
        .where(EventFeedback.event_id == e)
        .group_by(EventFeedback.sku)
    ):
        prod[sku].update(feedback_count=n, rating_sum=_int(ratings))
    tags: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for sku, tag, n in session.execute(
        select(EventFeedbackTag.sku, EventFeedbackTag.tag, func.count())
        .where(EventFeedbackTag.event_id == e)
        .group_by(EventFeedbackTag.sku, EventFeedbackTag.tag)
    ):
        tags[sku].append((tag, n))
    sales = event_sales(session, e)
    for sale in sales:
        for line in sale.lines:
            row = prod[line.sku]
            row["units"] += line.quantity
            row["sales_fen"] += line.amount_fen
    members = {s.resident_id for s in sales if s.resident_id is not None}
    buyers = len(members) + sum(1 for s in sales if s.resident_id is None)
    identified = union(
        select(EventSale.member_id.label("r")).where(
            EventSale.event_id == e, EventSale.member_id.is_not(None)
        ),
        select(EventLead.resident_id.label("r")).where(EventLead.event_id == e),
        select(EventFeedback.resident_id.label("r")).where(
            EventFeedback.event_id == e, EventFeedback.resident_id.is_not(None)
        ),
    ).subquery()
    known = select(Order.member_id).where(
        Order.store_code == event.store_code,
        Order.created_at < event.starts_at,
        Order.member_id.is_not(None),
    )
    residents = _int(session.scalar(select(func.count()).select_from(identified)))
    new = _int(
        session.scalar(
            select(func.count()).select_from(identified).where(identified.c.r.not_in(known))
        )
    )
    leads = _int(session.scalar(select(func.count()).where(EventLead.event_id == e)))
    feedback = _int(session.scalar(select(func.count()).where(EventFeedback.event_id == e)))
    tastings = sum(p.get("tastings", 0) for p in prod.values())
    products = tuple(
        ProductFigures(
            sku=sku,
            tags=tuple(sorted(tags.get(sku, ()), key=lambda kv: (-kv[1], kv[0]))),
            **prod[sku],
        )
        for sku in sorted(prod)
    )
    return EventReport(
        event_id=e,
        visitors=visitors,
        tastings=tastings,
        sample_cost_fen=sum(p.sample_cost_fen for p in products),
        sample_budget_fen=event.sample_budget_fen,
        sales_count=len(sales),
        buyers=buyers,
        member_buyers=len(members),
        sales_fen=sum(p.sales_fen for p in products),
        units=sum(p.units for p in products),
        buyers_per_visitor_bps=ratio(buyers, visitors),
        buyers_per_tasting_bps=ratio(buyers, tastings),
        residents_identified=residents,
        new_residents=new,
        leads=leads,
        feedback_count=feedback,
        products=products,
        hours=_hours(session, e, sales),
    )


def event_sales(session: Session, event_id: str) -> list[SaleRec]:
    """The sales credited to the event as their refunds left them: their stored lines and
    the lines of their refunds (from the refunds' payloads, which ingest bounded by what
    each sale line had left), netted by the core's own rule (`net_of_refunds`)."""
    lines = OrderLine.__table__
    stmt = (
        select(
            EventSale.sale_id, EventSale.created_at, EventSale.member_id,
            lines.c.line_no, lines.c.sku, lines.c.quantity, lines.c.amount_fen,
        )
        .select_from(EventSale)
        .outerjoin(lines, lines.c.sale_id == EventSale.sale_id)
        .where(EventSale.event_id == event_id)
        .order_by(EventSale.created_at, EventSale.sale_id, lines.c.line_no)
    )  # fmt: skip
    heads: dict[str, tuple[datetime, str | None]] = {}
    sold: dict[str, list[SaleLineRec]] = defaultdict(list)
    for sale_id, at, member, line_no, sku, quantity, amount in session.execute(stmt):
        heads[sale_id] = (at, member)
        if line_no is not None:
            sold[sale_id].append(SaleLineRec(sku, quantity, amount, line_no))
    refunds = [
        RefundRec(
            sale_id,
            tuple(
                RefundLineRec(ln["line_no"], ln["quantity"], ln["amount_fen"])
                for ln in json.loads(payload).get("lines", [])
            ),
        )
        for sale_id, payload in session.execute(
            select(Refund.sale_id, Refund.payload)
            .join(EventSale, EventSale.sale_id == Refund.sale_id)
            .where(EventSale.event_id == event_id)
        )
    ]
    sales = [SaleRec(i, at, member, tuple(sold[i])) for i, (at, member) in heads.items()]
    return net_of_refunds(sales, refunds)


def _hours(session: Session, event_id: str, sales: list[SaleRec]) -> tuple[HourFigures, ...]:
    """Visitors and sales by showroom hour: the tallies summed per row in SQL, the sales
    (net of their refunds) per sale, each put in its hour here (an hour in a zone is no
    portable SQL)."""
    hours: dict[datetime, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for at, count in session.execute(
        select(EventVisitors.at, EventVisitors.count).where(EventVisitors.event_id == event_id)
    ):
        hours[hour_of(at)]["visitors"] += count
    for sale in sales:
        row = hours[hour_of(sale.at)]
        row["sales_count"] += 1
        row["units"] += sum(line.quantity for line in sale.lines)
        row["sales_fen"] += sum(line.amount_fen for line in sale.lines)
    return tuple(HourFigures(hour=h, **hours[h]) for h in sorted(hours))
