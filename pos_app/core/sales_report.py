"""The till's sales report (销售报表): its plain types, the showroom days of a
date range, and how the sales side and the refund side of a figure add up.

Definitions (what the tests recompute from the raw rows):
- a day is a showroom day (Asia/Shanghai, UTC+8 all year: China has kept no
  daylight saving since 1991); a range is whole days, first to last inclusive;
- a sale counts on the day and hour it was made; a refund counts on the day and
  hour it was GIVEN, not on its sale's day (a refund on the 3rd of a sale of the
  1st lowers the 3rd), and under the cashier who gave it; by event, product,
  category and tender it counts where its sale, lines and tenders were;
- voided lines count nowhere; training sales live in a database of their own
  (services.training), so no report of the real till ever sees them;
- by day, hour, cashier and event: `sales_fen` is the sales' totals after every
  discount, `rounding_fen` the 抹零 given, `net_fen` what was kept:
  sales − 抹零 − refunds; `items` are pieces (a weighed line is one item);
- by product and category: `sales_fen` is the lines' amounts after discounts
  (抹零 belongs to the whole sale: it is shown in the totals only); a refund
  counts by its lines' amounts; a product's `items` are its quantity (grams of
  a weighed product, `unit` says which);
- by tender: what each tender took (cash after change) and gave back.

Money is integer 分 throughout. Pure: no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone

#: Asia/Shanghai: UTC+8 with no daylight saving, so SQL can shift stored UTC by it
SHOWROOM_OFFSET = timedelta(hours=8)
SHOWROOM = timezone(SHOWROOM_OFFSET, "CST")
NO_EVENT = ""  # the event key of sales made at no event


class Dimension(enum.StrEnum):
    DAY = "day"
    HOUR = "hour"
    CATEGORY = "category"
    PRODUCT = "product"
    CASHIER = "cashier"
    EVENT = "event"
    TENDER = "tender"


#: ordered by time (day, hour); the others by what was kept, most first
TIME_DIMENSIONS = (Dimension.DAY, Dimension.HOUR)


class Preset(enum.StrEnum):
    TODAY = "today"
    YESTERDAY = "yesterday"
    THIS_WEEK = "this_week"  # Monday to today
    THIS_MONTH = "this_month"  # the 1st to today


@dataclass(frozen=True, slots=True)
class DateRange:
    """Showroom days `first`..`last`, both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("a range ends on or after its first day")

    @property
    def start(self) -> datetime:
        """The first day's midnight in the showroom, as aware UTC."""
        return datetime.combine(self.first, time(), SHOWROOM).astimezone(UTC)

    @property
    def end(self) -> datetime:
        """The midnight after the last day (excluded), as aware UTC."""
        return datetime.combine(self.last + timedelta(days=1), time(), SHOWROOM).astimezone(UTC)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def showroom_day(moment: datetime) -> date:
    return moment.astimezone(SHOWROOM).date()


def preset_range(preset: Preset, now: datetime) -> DateRange:
    today = showroom_day(now)
    if preset is Preset.TODAY:
        return DateRange(today, today)
    if preset is Preset.YESTERDAY:
        return DateRange(today - timedelta(days=1), today - timedelta(days=1))
    if preset is Preset.THIS_WEEK:
        return DateRange(today - timedelta(days=today.weekday()), today)
    return DateRange(today.replace(day=1), today)


@dataclass(frozen=True, slots=True)
class Figures:
    """One row of a dimension: its sales side and its refund side."""

    key: str  # a day 2026-11-27, an hour 09, a category code, a SKU, a name, an event id, a tender
    label: str = ""  # the category's or product's name, the event's name
    sales_count: int = 0  # receipts (by product or category: receipts holding it)
    items: int = 0
    sales_fen: int = 0
    rounding_fen: int = 0
    refund_count: int = 0
    refund_items: int = 0
    refunds_fen: int = 0
    unit: str = ""  # a product's unit: "piece", or "kg" (items in grams)

    @property
    def net_fen(self) -> int:
        return self.sales_fen - self.rounding_fen - self.refunds_fen


@dataclass(frozen=True, slots=True)
class Totals:
    sales_count: int = 0
    items: int = 0
    sales_fen: int = 0  # after discounts, before 抹零
    discount_fen: int = 0
    rounding_fen: int = 0
    refund_count: int = 0
    refunds_fen: int = 0
    points_issued: int = 0
    points_clawed_back: int = 0
    points_redeemed: int = 0

    @property
    def paid_fen(self) -> int:
        """What customers paid: the sales less the 抹零."""
        return self.sales_fen - self.rounding_fen

    @property
    def net_fen(self) -> int:
        return self.paid_fen - self.refunds_fen


@dataclass(frozen=True, slots=True)
class SalesReport:
    range: DateRange
    cashier: str | None  # whose sales only (a cashier's own report); None: everyone's
    totals: Totals
    by: Mapping[Dimension, tuple[Figures, ...]] = field(default_factory=dict)

    def rows(self, dimension: Dimension) -> tuple[Figures, ...]:
        return self.by.get(dimension, ())

    def top(self, dimension: Dimension, n: int) -> tuple[Figures, ...]:
        """The `n` rows that kept the most (ties by key)."""
        return tuple(sorted(self.rows(dimension), key=_by_net)[:n])


def _by_net(f: Figures) -> tuple[int, str]:
    return (-f.net_fen, f.key)


def merge(
    dimension: Dimension, sales: Iterable[Figures], refunds: Iterable[Figures]
) -> tuple[Figures, ...]:
    """A dimension's rows: its sales side and refund side added up by key (a
    key may have only refunds: a day a sale of another day was returned)."""
    rows: dict[str, Figures] = {}
    for part in (*sales, *refunds):
        have = rows.get(part.key)
        rows[part.key] = part if have is None else _add(have, part)
    if dimension in TIME_DIMENSIONS:
        return tuple(rows[k] for k in sorted(rows))
    return tuple(sorted(rows.values(), key=_by_net))


def _add(a: Figures, b: Figures) -> Figures:
    return Figures(
        key=a.key,
        label=a.label or b.label,
        sales_count=a.sales_count + b.sales_count,
        items=a.items + b.items,
        sales_fen=a.sales_fen + b.sales_fen,
        rounding_fen=a.rounding_fen + b.rounding_fen,
        refund_count=a.refund_count + b.refund_count,
        refund_items=a.refund_items + b.refund_items,
        refunds_fen=a.refunds_fen + b.refunds_fen,
        unit=a.unit or b.unit,
    )
