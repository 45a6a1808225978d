"""Where a community's joint revenue comes from, one source each: today the showroom
(the tills' `orders` and `refunds`); the online shop's orders plug in as a second
`Source` (its own tables, the same four answers) without touching the settlement.

Each answer is a plain SQL aggregate (SUM, COUNT, GROUP BY) that runs alike on
PostgreSQL and SQLite, grouped by the contract version in force at the SALE's time
(a refund counts under its sale's version), so that a month spanning two
versions splits. The version is a CASE over the community's few versions, not a
join: one pass over the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Integer, case, func, literal, or_, select
from sqlalchemy.orm import Session

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


class Showroom:
    """The tills' sales and refunds (`orders`, `refunds`) of the community's stores."""

    name = "showroom"

    def figures(
        self,
        session: Session,
        *,
        community_id: str,
        period: Period,
        versions: Sequence[ContractVersion],
    ) -> SourceFigures:
        out = SourceFigures(self.name)
        sale_version = version_case(Order.created_at, versions)
        sold = select(
            sale_version.label("v"),
            (Order.total_fen - Order.rounding_fen).label("paid"),
            Order.eligible_fen,
        ).where(
            Order.community_id == community_id,
            period.holds(Order.created_at, Order.received_at),
        )
        for v, n, paid, eligible in _grouped(session, sold):
            sums = out.by_version.setdefault(v, VersionSums())
            sums.orders, sums.sales_fen, sums.eligible_fen = int(n), int(paid), int(eligible)
        refunded = (
            select(sale_version.label("v"), Refund.total_fen, Refund.eligible_fen)
            .join(Order, Order.sale_id == Refund.sale_id)
            .where(
                Order.community_id == community_id,
                period.holds(Refund.created_at, Refund.received_at),
            )
        )
        for v, _n, total, eligible in _grouped(session, refunded):
            sums = out.by_version.setdefault(v, VersionSums())
            sums.refunds_fen, sums.refunded_eligible_fen = int(total), int(eligible)
        out.points_issued, out.points_clawed_back = self._points(session, community_id, period)
        out.adjustments = self._adjustments(session, community_id, period)
        return out

    def _points(self, session: Session, community_id: str, period: Period) -> tuple[int, int]:
        """Points the ledger credited (and took back) in the period for this community's
        sales: by the ledger's own time, the server's clock."""
        in_period = [
            LedgerEntry.created_at >= period.since,
            LedgerEntry.created_at < period.until,
        ]
        if period.as_of is not None:
            in_period.append(LedgerEntry.created_at <= period.as_of)
        issued = func.sum(case((LedgerEntry.kind.in_(ISSUED_KINDS), LedgerEntry.points), else_=0))
        clawed = func.sum(case((LedgerEntry.kind == CLAWBACK_KIND, -LedgerEntry.points), else_=0))
        row = session.execute(
            select(func.coalesce(issued, 0), func.coalesce(clawed, 0))
            .join(Order, Order.sale_id == LedgerEntry.sale_id)
            .where(Order.community_id == community_id, *in_period)
        ).one()
        return int(row[0]), int(row[1])

    def _adjustments(self, session: Session, community_id: str, period: Period) -> list[Adjustment]:
        paid = Order.total_fen - Order.rounding_fen
        late_sales = select(Order.sale_id, Order.created_at, paid, Order.eligible_fen).where(
            Order.community_id == community_id,
            period.holds(Order.created_at, Order.received_at),
            period.late(Order.created_at, Order.received_at),
        )
        found = [
            Adjustment(self.name, "sale", sid, sid, "late", month_of(at), month_of(at),
                       int(paid), int(eligible))
            for sid, at, paid, eligible in session.execute(late_sales)
        ]  # fmt: skip
        late_refund = period.late(Refund.created_at, Refund.received_at)
        refunds = (
            select(
                Refund.refund_id,
                Refund.sale_id,
                Order.created_at,
                Refund.created_at,
                Refund.total_fen,
                Refund.eligible_fen,
                Refund.received_at,
            )
            .join(Order, Order.sale_id == Refund.sale_id)
            .where(
                Order.community_id == community_id,
                period.holds(Refund.created_at, Refund.received_at),
                or_(late_refund, Order.created_at < period.since),
            )
        )
        for rid, sid, sold_at, at, total, eligible, received in session.execute(refunds):
            late = period.is_late(at, received)
            found.append(
                Adjustment(self.name, "refund", rid, sid, "late" if late else "earlier_sale",
                           month_of(sold_at), month_of(at), -int(total), -int(eligible))
            )  # fmt: skip
        return sorted(found, key=lambda a: (a.record_month, a.kind, a.record_id))


#: the sources summed, in the order the document lists them (online orders: next)
SOURCES: tuple[Source, ...] = (Showroom(),)
