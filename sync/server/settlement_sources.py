"""Where a community's joint revenue comes from, one source each: the showroom (the
tills' `orders` and `refunds`, here) and the online shop (`settlement_online`), each a
`RecordSource` reading its own tables through a `Shape` (the same columns from each).

Each answer is a plain SQL aggregate (SUM, COUNT, GROUP BY) that runs alike on
PostgreSQL and SQLite, grouped by the contract version in force at the SALE's time
(a refund counts under its sale's version), so that a month spanning two
versions splits. The version is a CASE over the community's few versions, not a
join: one pass over the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Integer, case, func, literal, or_, select
from sqlalchemy.orm import Session

from sync.server.models.base import aware
from sync.server.models.orders import Order, Refund
from sync.server.models.partners import ContractVersion
from sync.server.models.residents import LedgerEntry
from sync.server.settlement_period import Period, month_of

#: points of a sale, of a claimed receipt (both "issued"), and what refunds took back
ISSUED_KINDS = ("earn", "claim")
CLAWBACK_KIND = "clawback"


@dataclass
class VersionSums:
    """One source's figures under one contract version, in 分."""

    orders: int = 0
    sales_fen: int = 0
    eligible_fen: int = 0
    refunds_fen: int = 0
    refunded_eligible_fen: int = 0


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A record of this month that concerns an earlier one: a refund of an earlier
    month's sale, or a sale or refund made in a month closed before it arrived."""

    source: str
    kind: str  # sale | refund
    record_id: str
    sale_id: str
    reason: str  # earlier_sale | late
    sale_month: str
    record_month: str
    amount_fen: int  # signed: a refund is negative
    eligible_fen: int  # signed likewise

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


@dataclass
class SourceFigures:
    source: str
    by_version: dict[int | None, VersionSums] = field(default_factory=dict)
    points_issued: int = 0
    points_clawed_back: int = 0
    adjustments: list[Adjustment] = field(default_factory=list)


class Source(Protocol):
    """A source of joint revenue for the settlement of one community and period."""

    name: str

    def figures(
        self,
        session: Session,
        *,
        community_id: str,
        period: Period,
        versions: Sequence[ContractVersion],
    ) -> SourceFigures: ...


def version_case(created: Any, versions: Sequence[ContractVersion]) -> ColumnElement[Any]:
    """The id of the version in force at `created` (latest effective_from ≤ it), else NULL."""
    newest_first = sorted(versions, key=lambda v: v.effective_from, reverse=True)
    if not newest_first:
        return literal(None, Integer)
    return case(*((created >= v.effective_from, v.id) for v in newest_first), else_=None)


def _grouped(session: Session, inner: Any) -> list[Any]:
    """GROUP BY the version over a subquery (PostgreSQL cannot match a CASE with bound
    parameters in the select list to the same CASE in GROUP BY)."""
    sub = inner.subquery()
    sums = [func.coalesce(func.sum(c), 0) for c in list(sub.c)[1:]]
    return list(session.execute(select(sub.c.v, func.count(), *sums).group_by(sub.c.v)))


@dataclass(frozen=True)
class Shape:
    """How one source's records read, for a community: each a SELECT of labelled columns.

    sales:   id, created, arrived (when the server had it), paid (分), eligible
    refunds: id, sale_id, sale_created, created, arrived, total, eligible
    points:  kind, points, at (the ledger's entries of the source's records)
    """

    sales: Callable[[str], Any]
    refunds: Callable[[str], Any]
    points: Callable[[str], Any]


class RecordSource:
    """A source of sales and refunds, summed for a community's period by its `Shape`."""

    def __init__(self, name: str, shape: Shape) -> None:
        self.name = name
        self.shape = shape

    def figures(
        self,
        session: Session,
        *,
        community_id: str,
        period: Period,
        versions: Sequence[ContractVersion],
    ) -> SourceFigures:
        out = SourceFigures(self.name)
        s = self.shape.sales(community_id).subquery()
        sold = select(version_case(s.c.created, versions).label("v"), s.c.paid, s.c.eligible).where(
            period.holds(s.c.created, s.c.arrived)
        )
        for v, n, paid, eligible in _grouped(session, sold):
            sums = out.by_version.setdefault(v, VersionSums())
            sums.orders, sums.sales_fen, sums.eligible_fen = int(n), int(paid), int(eligible)
        r = self.shape.refunds(community_id).subquery()
        refunded = select(
            version_case(r.c.sale_created, versions).label("v"), r.c.total, r.c.eligible
        ).where(period.holds(r.c.created, r.c.arrived))
        for v, _n, total, eligible in _grouped(session, refunded):
            sums = out.by_version.setdefault(v, VersionSums())
            sums.refunds_fen, sums.refunded_eligible_fen = int(total), int(eligible)
        out.points_issued, out.points_clawed_back = self._points(session, community_id, period)
        out.adjustments = self._adjustments(session, s, r, period)
        return out

    def _points(self, session: Session, community_id: str, period: Period) -> tuple[int, int]:
        """Points the ledger credited (and took back) in the period for this community's
        records: by the ledger's own time, the server's clock."""
        p = self.shape.points(community_id).subquery()
        in_period = [p.c.at >= period.since, p.c.at < period.until]
        if period.as_of is not None:
            in_period.append(p.c.at <= period.as_of)
        issued = func.sum(case((p.c.kind.in_(ISSUED_KINDS), p.c.points), else_=0))
        clawed = func.sum(case((p.c.kind == CLAWBACK_KIND, -p.c.points), else_=0))
        row = session.execute(
            select(func.coalesce(issued, 0), func.coalesce(clawed, 0)).where(*in_period)
        ).one()
        return int(row[0]), int(row[1])

    def _adjustments(self, session: Session, s: Any, r: Any, period: Period) -> list[Adjustment]:
        late_sales = select(s.c.id, s.c.created, s.c.paid, s.c.eligible).where(
            period.holds(s.c.created, s.c.arrived), period.late(s.c.created, s.c.arrived)
        )
        found = [
            Adjustment(self.name, "sale", sid, sid, "late", month_of(at), month_of(at),
                       int(paid), int(eligible))
            for sid, at, paid, eligible in session.execute(late_sales)
        ]  # fmt: skip
        refunds = select(
            r.c.id, r.c.sale_id, r.c.sale_created, r.c.created, r.c.total, r.c.eligible,
            r.c.arrived,
        ).where(
            period.holds(r.c.created, r.c.arrived),
            or_(period.late(r.c.created, r.c.arrived), r.c.sale_created < period.since),
        )  # fmt: skip
        for rid, sid, sold_at, at, total, eligible, received in session.execute(refunds):
            late = period.is_late(aware(at), aware(received))
            found.append(
                Adjustment(self.name, "refund", rid, sid, "late" if late else "earlier_sale",
                           month_of(aware(sold_at)), month_of(aware(at)), -int(total),
                           -int(eligible))
            )  # fmt: skip
        return sorted(found, key=lambda a: (a.record_month, a.kind, a.record_id))


def _showroom_sales(community_id: str) -> Any:
    return select(
        Order.sale_id.label("id"),
        Order.created_at.label("created"),
        Order.received_at.label("arrived"),
        (Order.total_fen - Order.rounding_fen).label("paid"),
        Order.eligible_fen.label("eligible"),
    ).where(Order.community_id == community_id)


def _showroom_refunds(community_id: str) -> Any:
    return (
        select(
            Refund.refund_id.label("id"),
            Refund.sale_id.label("sale_id"),
            Order.created_at.label("sale_created"),
            Refund.created_at.label("created"),
            Refund.received_at.label("arrived"),
            Refund.total_fen.label("total"),
            Refund.eligible_fen.label("eligible"),
        )
        .join(Order, Order.sale_id == Refund.sale_id)
        .where(Order.community_id == community_id)
    )


def _showroom_points(community_id: str) -> Any:
    return (
        select(LedgerEntry.kind, LedgerEntry.points, LedgerEntry.created_at.label("at"))
        .join(Order, Order.sale_id == LedgerEntry.sale_id)
        .where(Order.community_id == community_id)
    )


#: the tills' sales and refunds (`orders`, `refunds`) of the community's stores
SHOWROOM = RecordSource("showroom", Shape(_showroom_sales, _showroom_refunds, _showroom_points))
