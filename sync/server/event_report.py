"""The event report across every till, from the server's own records (plain SQL
aggregates that run on SQLite and PostgreSQL), with the same figures and the same
definitions as the till's report of its own records (`pos_app.core.event_report`, whose
report types it fills):

- visitors: the sum of the tallies; tastings: the samples (one row each), with their
  quantity and the SERVER's cost, by product;
- buyers: one per distinct resident among the event's member sales, plus one per
  anonymous sale; conversion: buyers per visitor and per tasting, basis points
  rounded down (None without visitors / tastings);
- sales and units by product (non-voided lines as paid) and by showroom hour
  (Asia/Shanghai), with the visitors of that hour;
- residents identified (a sale, a lead, feedback given with consent) and of them the
  new ones: none of this store's orders before the event named them;
- per product: feedback count, rating sum, and each tag's count (most frequent
  first); feedback about no one product is under the sku "".

Only the sales the server credited to the event count (`event_sales`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import distinct, func, select, union
from sqlalchemy.orm import Session

from pos_app.core.event_report import (
    EventReport,
    HourFigures,
    ProductFigures,
    hour_of,
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
from sync.server.models.orders import Order
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
    lines = OrderLine.__table__
    sold = select(lines.c.sku, func.sum(lines.c.quantity), func.sum(lines.c.amount_fen)).join(
        EventSale, EventSale.sale_id == lines.c.sale_id
    )
    for sku, units, amount in session.execute(
        sold.where(EventSale.event_id == e).group_by(lines.c.sku)
    ):
        prod[sku].update(units=_int(units), sales_fen=_int(amount))
    # COUNT(column) leaves NULLs out: the member sales; the rest are anonymous
    sales_count, member_sales, members = session.execute(
        select(
            func.count(), func.count(EventSale.member_id), func.count(distinct(EventSale.member_id))
        ).where(EventSale.event_id == e)
    ).one()
    buyers = _int(members) + _int(sales_count) - _int(member_sales)
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
        sales_count=_int(sales_count),
        buyers=buyers,
        member_buyers=_int(members),
        sales_fen=sum(p.sales_fen for p in products),
        units=sum(p.units for p in products),
        buyers_per_visitor_bps=ratio(buyers, visitors),
        buyers_per_tasting_bps=ratio(buyers, tastings),
        residents_identified=residents,
        new_residents=new,
        leads=leads,
        feedback_count=feedback,
        products=products,
        hours=_hours(session, e),
    )


def _hours(session: Session, event_id: str) -> tuple[HourFigures, ...]:
    """Visitors and sales by showroom hour: the rows are summed in SQL per tally and per
    sale, and put in their hour here (an hour in a zone is no portable SQL)."""
    hours: dict[datetime, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for at, count in session.execute(
        select(EventVisitors.at, EventVisitors.count).where(EventVisitors.event_id == event_id)
    ):
        hours[hour_of(at)]["visitors"] += count
    lines = OrderLine.__table__
    per_sale = (
        select(
            EventSale.created_at,
            func.coalesce(func.sum(lines.c.quantity), 0),
            func.coalesce(func.sum(lines.c.amount_fen), 0),
        )
        .select_from(EventSale)
        .outerjoin(lines, lines.c.sale_id == EventSale.sale_id)
        .where(EventSale.event_id == event_id)
        .group_by(EventSale.sale_id, EventSale.created_at)
    )
    for at, units, amount in session.execute(per_sale):
        row = hours[hour_of(at)]
        row["sales_count"] += 1
        row["units"] += _int(units)
        row["sales_fen"] += _int(amount)
    return tuple(HourFigures(hour=h, **hours[h]) for h in sorted(hours))
