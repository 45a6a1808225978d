"""The property-fee collection rate (物管费收缴率) of a community, month by month: the
headline figure of the whole scheme.

The rate of month M is counted **by bill period**: billed = the amounts of the bills
of period M; collected = what was paid on those same bills (money from
`bill_payments`, points from `redemptions`) up to the cut-off, the end of the
`as_of` day in Asia/Shanghai. A late payment of an October bill made in December
therefore raises October's rate (when the cut-off is after it), never December's;
a report run again with the same cut-off gives the same figures, whatever was paid
since.

rate = collected ÷ billed, exact (a reduced fraction) and as a percentage rounded
half-up to 0.01 %; the points' share = points ÷ collected, likewise. Before and after
the showroom opened: the periods before the opening month, and the periods from the
opening month on (the month it opened counts as "after"), each summed over its
months (not an average of monthly rates). Three grouped SQL sums do the work, on
SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from sync.server.bill_rows import SHANGHAI
from sync.server.models.bills import BillPayment
from sync.server.models.partners import Community
from sync.server.models.residents import Bill, Redemption, Resident

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def month(text: str) -> str:
    """'2026-10' as given, or ValueError."""
    if not _MONTH.match(text) or not 2000 <= int(text[:4]) <= 2100:
        raise ValueError(f"{text!r} is not a month YYYY-MM")
    return text


def months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def cutoff_of(as_of: date) -> datetime:
    """The end of the `as_of` day in Asia/Shanghai, as aware UTC (exclusive)."""
    return datetime.combine(as_of + timedelta(days=1), time(), SHANGHAI).astimezone(UTC)


def percent(part: int, whole: int) -> str | None:
    """part ÷ whole as a percentage, rounded half-up to 0.01: '70.53'; None when whole is 0."""
    if whole == 0:
        return None
    hundredths = (2 * part * 10_000 + whole) // (2 * whole)
    return f"{hundredths // 100}.{hundredths % 100:02d}"


def fraction(part: int, whole: int) -> str | None:
    """part ÷ whole exactly, reduced: '7053/10000'; None when whole is 0."""
    if whole == 0:
        return None
    f = Fraction(part, whole)
    return f"{f.numerator}/{f.denominator}"


@dataclass(frozen=True, slots=True)
class Figures:
    """One month, or a sum of months: amounts in 分."""

    label: str  # the period YYYY-MM, or total / before / after
    bills: int
    billed_fen: int
    cash_fen: int  # money: cash, transfer, wallets
    points_fen: int  # points redeemed against these bills (1 point = 1 分)

    @property
    def collected_fen(self) -> int:
        return self.cash_fen + self.points_fen

    @property
    def rate(self) -> str | None:
        return fraction(self.collected_fen, self.billed_fen)

    @property
    def rate_percent(self) -> str | None:
        return percent(self.collected_fen, self.billed_fen)

    @property
    def points_share(self) -> str | None:
        return fraction(self.points_fen, self.collected_fen)

    @property
    def points_share_percent(self) -> str | None:
        return percent(self.points_fen, self.collected_fen)


def _sum(label: str, rows: list[Figures]) -> Figures:
    return Figures(
        label,
        sum(r.bills for r in rows),
        sum(r.billed_fen for r in rows),
        sum(r.cash_fen for r in rows),
        sum(r.points_fen for r in rows),
    )


@dataclass(frozen=True, slots=True)
class CollectionReport:
    community_id: str
    community_name: str
    first: str
    last: str
    as_of: date
    showroom_opened_on: date | None
    months: list[Figures]
    total: Figures
    before: Figures | None  # None without an opening date
    after: Figures | None


def _of_community(stmt: Select, community_id: str, first: str, last: str) -> Select:  # type: ignore[type-arg]
    return (
        stmt.join(Resident, Resident.id == Bill.resident_id)
        .where(Resident.community_id == community_id, Bill.period.between(first, last))
        .group_by(Bill.period)
    )


def report(
    session: Session, *, community_id: str, first: str, last: str, as_of: date
) -> CollectionReport:
    """LookupError for an unknown community, ValueError for a bad month range."""
    first, last = month(first), month(last)
    if last < first:
        raise ValueError("--to is before --from")
    if len(months(first, last)) > 120:
        raise ValueError("at most 120 months at once")
    place = session.get(Community, community_id)
    if place is None:
        raise LookupError(f"unknown community {community_id}")
    cutoff = cutoff_of(as_of)
    billed = session.execute(
        _of_community(
            select(Bill.period, func.count(), func.sum(Bill.amount_fen)), community_id, first, last
        )
    ).all()
    cash = session.execute(
        _of_community(
            select(Bill.period, func.sum(BillPayment.amount_fen))
            .select_from(BillPayment)
            .join(Bill, Bill.id == BillPayment.bill_id)
            .where(BillPayment.paid_at < cutoff),
            community_id,
            first,
            last,
        )
    ).all()
    points = session.execute(
        _of_community(
            select(Bill.period, func.sum(Redemption.points))
            .select_from(Redemption)
            .join(Bill, Bill.id == Redemption.bill_id)
            .where(Redemption.created_at < cutoff),
            community_id,
            first,
            last,
        )
    ).all()
    by_billed = {p: (int(n), int(s or 0)) for p, n, s in billed}
    by_cash = {p: int(s or 0) for p, s in cash}
    by_points = {p: int(s or 0) for p, s in points}
    rows = [
        Figures(p, *by_billed.get(p, (0, 0)), by_cash.get(p, 0), by_points.get(p, 0))
        for p in months(first, last)
    ]
    opened = place.showroom_opened_on
    split = None if opened is None else f"{opened.year:04d}-{opened.month:02d}"
    return CollectionReport(
        community_id=place.id,
        community_name=place.name,
        first=first,
        last=last,
        as_of=as_of,
        showroom_opened_on=opened,
        months=rows,
        total=_sum("total", rows),
        before=None if split is None else _sum("before", [r for r in rows if r.label < split]),
        after=None if split is None else _sum("after", [r for r in rows if r.label >= split]),
    )


def set_opening(session: Session, *, community_id: str, opened_on: date | None) -> None:
    """The day the community's showroom opened (None: not known); LookupError if unknown."""
    place = session.get(Community, community_id)
    if place is None:
        raise LookupError(f"unknown community {community_id}")
    place.showroom_opened_on = opened_on


def today() -> date:
    return datetime.now(SHANGHAI).date()
