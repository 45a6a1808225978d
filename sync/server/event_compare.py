"""Events compared with each other, so that both partners see which products and
formats convert (the trial period's 销售数据、顾客流量、产品反馈): by product, by
community and by time of day (the showroom hour, Asia/Shanghai).

Each row sums the events' own figures (`event_report`, the server's records) and
gives three ratios, rounded down, None where the divisor is 0:
- conversion: buyers per visitor, in basis points;
- sales per visitor, in 分;
- sample cost per buyer, in 分.

Buyers are counted as the report counts them (a distinct resident, or an anonymous
sale; net of refunds: a sale returned whole buys nothing), within each event and each
row: by product, the buyers of that product; by hour, the buyers of that hour. A
product's visitors are those of the events it was featured or sold at. Cancelled
events are left out.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.core.event_report import EventReport, hour_of, ratio
from sync.server.event_report import event_sales, report
from sync.server.models.events import Event, EventSample


class By(enum.StrEnum):
    PRODUCT = "product"
    COMMUNITY = "community"
    HOUR = "hour"


@dataclass(frozen=True, slots=True)
class CompareRow:
    key: str  # the sku, the community code, or the hour "00" … "23"
    events: int
    visitors: int
    tastings: int
    buyers: int
    sales_fen: int
    sample_cost_fen: int
    buyers_per_visitor_bps: int | None
    sales_per_visitor_fen: int | None
    sample_cost_per_buyer_fen: int | None


@dataclass
class _Sum:
    events: set[str]
    visitors: int = 0
    tastings: int = 0
    buyers: int = 0
    sales_fen: int = 0
    sample_cost_fen: int = 0

    def row(self, key: str) -> CompareRow:
        return CompareRow(
            key=key,
            events=len(self.events),
            visitors=self.visitors,
            tastings=self.tastings,
            buyers=self.buyers,
            sales_fen=self.sales_fen,
            sample_cost_fen=self.sample_cost_fen,
            buyers_per_visitor_bps=ratio(self.buyers, self.visitors),
            sales_per_visitor_fen=None if not self.visitors else self.sales_fen // self.visitors,
            sample_cost_per_buyer_fen=None
            if not self.buyers
            else self.sample_cost_fen // self.buyers,
        )


_Adder = Callable[[str, str], _Sum]


def select_events(
    session: Session,
    *,
    event_ids: Iterable[str] = (),
    store_code: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[Event]:
    """The events to compare: these ids (none: all), of this store, starting in
    [since, until); never a cancelled one."""
    stmt = select(Event).where(Event.status != "cancelled")
    ids = list(event_ids)
    if ids:
        stmt = stmt.where(Event.event_id.in_(ids))
    if store_code is not None:
        stmt = stmt.where(Event.store_code == store_code)
    if since is not None:
        stmt = stmt.where(Event.starts_at >= since)
    if until is not None:
        stmt = stmt.where(Event.starts_at < until)
    return list(session.scalars(stmt.order_by(Event.starts_at, Event.event_id)))


def compare(session: Session, *, by: By, events: list[Event]) -> list[CompareRow]:
    sums: dict[str, _Sum] = {}

    def add(key: str, event_id: str) -> _Sum:
        s = sums.setdefault(key, _Sum(set()))
        s.events.add(event_id)
        return s

    for event in events:
        r = report(session, event_id=event.event_id)
        if by is By.COMMUNITY:
            s = add(event.community_code or "", event.event_id)
            s.visitors += r.visitors
            s.tastings += r.tastings
            s.buyers += r.buyers
            s.sales_fen += r.sales_fen
            s.sample_cost_fen += r.sample_cost_fen
        elif by is By.PRODUCT:
            _by_product(session, r, add)
        else:
            _by_hour(session, r, add)
    return [sums[k].row(k) for k in sorted(sums)]


def _buyers(rows: Iterable[tuple[str, str | None]]) -> int:
    """(sale id, member id) → buyers: distinct residents, plus one per anonymous sale."""
    members, anonymous = set(), set()
    for sale_id, member in rows:
        if member is None:
            anonymous.add(sale_id)
        else:
            members.add(member)
    return len(members) + len(anonymous)


def _sold(session: Session, event_id: str) -> list[tuple[str, str | None, datetime, str | None]]:
    """(sale id, member id, sale time, sku of a line; None for a sale without lines) of
    the event's credited sales, net of their refunds as the report counts them: a line
    returned whole is no purchase of its product, a sale returned whole no purchase."""
    sold: list[tuple[str, str | None, datetime, str | None]] = []
    for sale in event_sales(session, event_id):
        skus: list[str | None] = [line.sku for line in sale.lines] or [None]
        sold += [(sale.sale_id, sale.resident_id, sale.at, sku) for sku in skus]
    return sold


def _by_product(session: Session, r: EventReport, add: _Adder) -> None:
    sold = _sold(session, r.event_id)
    for p in r.products:
        if not p.sku:
            continue  # feedback about the event as a whole: no product
        s = add(p.sku, r.event_id)
        s.visitors += r.visitors
        s.tastings += p.tastings
        s.sales_fen += p.sales_fen
        s.sample_cost_fen += p.sample_cost_fen
        s.buyers += _buyers((sale, member) for sale, member, _at, sku in sold if sku == p.sku)


def _by_hour(session: Session, r: EventReport, add: _Adder) -> None:
    sold = _sold(session, r.event_id)
    for h in r.hours:
        s = add(f"{h.hour.hour:02d}", r.event_id)
        s.visitors += h.visitors
        s.sales_fen += h.sales_fen
        s.buyers += _buyers(
            {(sale, member) for sale, member, at, _sku in sold if hour_of(at) == h.hour}
        )
    samples = session.execute(
        select(EventSample.at, EventSample.cost_fen).where(EventSample.event_id == r.event_id)
    )
    for at, cost in samples:
        s = add(f"{hour_of(at).hour:02d}", r.event_id)
        s.tastings += 1
        s.sample_cost_fen += cost
