"""The event report (活动报告): what a tasting event achieved, computed from its
raw records by ONE function, `event_report`, which the till runs over its own
records and the central server over every till's.

Definitions (docs of the report, and what the tests recompute):
- visitors: the sum of the tally taps (+1 each, +N for a group);
- tastings: the number of samples handed out (one record each), with their
  quantity (pieces or grams) and cost by product;
- refunds: every figure of the sales is net of the refunds of the event's
  sales, by the refund's lines (`net_of_refunds`): a line's units are its
  quantity less the quantity its refunds took back, its amount less what they
  gave back; a line returned whole counts nothing (not even the few 分 of the
  sale's 抹零 a refund keeps back); a sale all of whose lines are returned whole
  is no sale at all: not counted, not a buyer, in no hour. A refund counts in
  the hour of its SALE (the hour people bought), whenever it was made;
- buyers: the event's sales, one buyer per distinct resident among member
  sales and one per anonymous sale;
- conversion: buyers per visitor and buyers per tasting, in basis points
  rounded down (None when there were no visitors / tastings);
- sales and units by product (non-voided lines' amounts after discounts; units
  are pieces, or grams of a weighed product) and, with visitors, by hour in
  showroom time (Asia/Shanghai);
- residents identified (by a sale, even one refunded since, a lead, or feedback
  given with consent), and
  of them the new ones (not in `known_before`, e.g. residents who had bought at
  the store before the event);
- per product: the feedback count, rating sum (the average is sum / count) and
  the count of each tag; feedback about no product is under the sku "".

Pure: the records are plain values, times aware.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

SHOWROOM_TZ = ZoneInfo("Asia/Shanghai")
BPS = 10_000
GENERAL = ""  # feedback about the event, not one product


@dataclass(frozen=True, slots=True)
class SampleRec:
    sku: str
    quantity: int  # pieces, or grams
    unit: str  # "piece" or "g"
    cost_fen: int
    at: datetime


@dataclass(frozen=True, slots=True)
class FeedbackRec:
    sku: str | None
    rating: int
    tags: tuple[str, ...]
    resident_id: str | None  # only with consent
    at: datetime


@dataclass(frozen=True, slots=True)
class TallyRec:
    count: int
    at: datetime


@dataclass(frozen=True, slots=True)
class LeadRec:
    resident_id: str
    at: datetime


@dataclass(frozen=True, slots=True)
class SaleLineRec:
    sku: str
    quantity: int
    amount_fen: int
    line_no: int = 0  # the sale's line number, what a refund's line names


@dataclass(frozen=True, slots=True)
class RefundLineRec:
    line_no: int  # the sale's line it takes back (part of)
    quantity: int
    amount_fen: int  # what it gave back


@dataclass(frozen=True, slots=True)
class RefundRec:
    sale_id: str
    lines: tuple[RefundLineRec, ...]


@dataclass(frozen=True, slots=True)
class SaleRec:
    sale_id: str
    at: datetime
    resident_id: str | None
    lines: tuple[SaleLineRec, ...]  # voided lines left out


@dataclass(frozen=True, slots=True)
class ProductFigures:
    sku: str
    tastings: int = 0
    sample_quantity: int = 0
    sample_cost_fen: int = 0
    units: int = 0
    sales_fen: int = 0
    feedback_count: int = 0
    rating_sum: int = 0
    tags: tuple[tuple[str, int], ...] = ()  # (tag, count), most frequent first

    @property
    def average_rating(self) -> float | None:
        """For display only (two places); the exact figures are sum and count."""
        if not self.feedback_count:
            return None
        return round(self.rating_sum / self.feedback_count, 2)


@dataclass(frozen=True, slots=True)
class HourFigures:
    hour: datetime  # the hour's start, Asia/Shanghai
    visitors: int = 0
    sales_count: int = 0
    units: int = 0
    sales_fen: int = 0


@dataclass(frozen=True, slots=True)
class EventReport:
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
    products: tuple[ProductFigures, ...] = field(default=())  # by sku
    hours: tuple[HourFigures, ...] = field(default=())  # in order, only hours with records


def hour_of(at: datetime) -> datetime:
    return at.astimezone(SHOWROOM_TZ).replace(minute=0, second=0, microsecond=0)


def ratio(part: int, whole: int) -> int | None:
    return None if whole == 0 else part * BPS // whole


def net_of_refunds(sales: Iterable[SaleRec], refunds: Iterable[RefundRec]) -> list[SaleRec]:
    """The sales as their refunds left them (the rule in the module's docstring): lines
    less what was taken back, lines returned whole left out, sales returned whole left
    out. A refund of a sale not in `sales`, or of a line it does not have, changes
    nothing (the till and the server bound refunds by their sale when recording them)."""
    back: dict[str, dict[int, list[int]]] = {}
    for refund in refunds:
        lines = back.setdefault(refund.sale_id, {})
        for rl in refund.lines:
            taken = lines.setdefault(rl.line_no, [0, 0])
            taken[0] += rl.quantity
            taken[1] += rl.amount_fen
    kept: list[SaleRec] = []
    for sale in sales:
        taken_back = back.get(sale.sale_id)
        if not taken_back:
            kept.append(sale)
            continue
        left: list[SaleLineRec] = []
        for line in sale.lines:
            quantity, amount = taken_back.get(line.line_no, (0, 0))
            if quantity < line.quantity:
                left.append(
                    SaleLineRec(
                        line.sku, line.quantity - quantity, line.amount_fen - amount, line.line_no
                    )
                )
        if left or not sale.lines:
            kept.append(SaleRec(sale.sale_id, sale.at, sale.resident_id, tuple(left)))
    return kept


def event_report(
    event_id: str,
    *,
    sample_budget_fen: int,
    samples: Iterable[SampleRec],
    feedback: Iterable[FeedbackRec],
    tallies: Iterable[TallyRec],
    leads: Iterable[LeadRec],
    sales: Iterable[SaleRec],
    known_before: Iterable[str] = (),
    refunds: Iterable[RefundRec] = (),
) -> EventReport:
    samples, feedback, tallies = list(samples), list(feedback), list(tallies)
    sold = list(sales)
    leads, sales = list(leads), net_of_refunds(sold, refunds)
    prod: dict[str, dict[str, int]] = {}
    tags: dict[str, Counter[str]] = {}
    hours: dict[datetime, dict[str, int]] = {}

    def p(sku: str) -> dict[str, int]:
        return prod.setdefault(sku, Counter())

    def h(at: datetime) -> dict[str, int]:
        return hours.setdefault(hour_of(at), Counter())

    for s in samples:
        row = p(s.sku)
        row["tastings"] += 1
        row["sample_quantity"] += s.quantity
        row["sample_cost_fen"] += s.cost_fen
    for f in feedback:
        row = p(f.sku or GENERAL)
        row["feedback_count"] += 1
        row["rating_sum"] += f.rating
        tags.setdefault(f.sku or GENERAL, Counter()).update(f.tags)
    for t in tallies:
        h(t.at)["visitors"] += t.count
    members: set[str] = set()
    anonymous = 0
    for sale in sales:
        if sale.resident_id is None:
            anonymous += 1
        else:
            members.add(sale.resident_id)
        hour = h(sale.at)
        hour["sales_count"] += 1
        for line in sale.lines:
            row = p(line.sku)
            row["units"] += line.quantity
            row["sales_fen"] += line.amount_fen
            hour["units"] += line.quantity
            hour["sales_fen"] += line.amount_fen
    # a resident who identified to buy was identified, whatever became of the sale
    identified = {s.resident_id for s in sold if s.resident_id is not None}
    identified |= {lead.resident_id for lead in leads}
    identified |= {f.resident_id for f in feedback if f.resident_id is not None}
    visitors = sum(t.count for t in tallies)
    buyers = len(members) + anonymous
    products = tuple(
        ProductFigures(
            sku=sku,
            tags=tuple(sorted(tags.get(sku, Counter()).items(), key=lambda kv: (-kv[1], kv[0]))),
            **prod[sku],
        )
        for sku in sorted(prod)
    )
    return EventReport(
        event_id=event_id,
        visitors=visitors,
        tastings=len(samples),
        sample_cost_fen=sum(s.cost_fen for s in samples),
        sample_budget_fen=sample_budget_fen,
        sales_count=len(sales),
        buyers=buyers,
        member_buyers=len(members),
        sales_fen=sum(line.amount_fen for sale in sales for line in sale.lines),
        units=sum(line.quantity for sale in sales for line in sale.lines),
        buyers_per_visitor_bps=ratio(buyers, visitors),
        buyers_per_tasting_bps=ratio(buyers, len(samples)),
        residents_identified=len(identified),
        new_residents=len(identified - set(known_before)),
        leads=len(leads),
        feedback_count=len(feedback),
        products=products,
        hours=tuple(HourFigures(hour=k, **hours[k]) for k in sorted(hours)),
    )
