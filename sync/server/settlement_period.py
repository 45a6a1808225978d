"""Which month a sale or refund belongs to, for the settlement with a property company.

A month is a calendar month in Asia/Shanghai (the showroom's), as a UTC window
[since, until): a sale at 2026-11-30 23:30 +08:00 is November's. Stored times are
UTC; only the window's edges are computed here.

A record belongs to the month of its own time (`created_at`), unless that month
was already closed when the server received it (a till offline across the close):
a closed month is never edited, so such a record is LATE and belongs to the month
in which the server received it, where it is listed as an adjustment naming its
own month. `received_at` is the server's clock, so a late record always lands in
an open month (a month can be closed only once it has ended).

A recomputation "as of" a moment (`verify` of a closed month) sees only what the
server had received by then, and only the closes made before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, false, not_, or_
from sqlalchemy.orm import InstrumentedAttribute

SHANGHAI = ZoneInfo("Asia/Shanghai")
_Time = InstrumentedAttribute[datetime]
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month(text: str) -> tuple[int, int]:
    """(year, month) of "YYYY-MM"; ValueError with one sentence otherwise."""
    found = _MONTH.match(text)
    if found is None or not 2000 <= int(found.group(1)) <= 2999:
        raise ValueError(f"month {text!r}: expected YYYY-MM")
    return int(found.group(1)), int(found.group(2))


def month_window(month: str) -> tuple[datetime, datetime]:
    """The month's [since, until) in UTC, its edges at midnight in Asia/Shanghai."""
    year, number = parse_month(month)
    start = datetime(year, number, 1, tzinfo=SHANGHAI)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=SHANGHAI)
    return start.astimezone(UTC), end.astimezone(UTC)


def month_of(moment: datetime) -> str:
    """The Asia/Shanghai month of an aware time, "YYYY-MM"."""
    return f"{moment.astimezone(SHANGHAI):%Y-%m}"


@dataclass(frozen=True, slots=True)
class Close:
    """A month already closed for the community: its window and when it was closed."""

    month: str
    since: datetime
    until: datetime
    closed_at: datetime


@dataclass(frozen=True, slots=True)
class Period:
    """The month settled, and what the attribution of a record to it depends on."""

    month: str
    since: datetime
    until: datetime
    #: None: everything received so far (a live figure); else only what had arrived by then
    as_of: datetime | None
    #: the community's other closed months (made before `as_of`, when given)
    closes: tuple[Close, ...]

    def is_late(self, created: datetime, received: datetime) -> bool:
        """The same as `late`, for one record read back."""
        return any(c.since <= created < c.until and received > c.closed_at for c in self.closes)

    def late(self, created: _Time, received: _Time) -> ColumnElement[bool]:
        """Made in a month that was closed before the server received it."""
        terms = [
            and_(created >= c.since, created < c.until, received > c.closed_at) for c in self.closes
        ]
        return or_(*terms) if terms else false()

    def holds(self, created: _Time, received: _Time) -> ColumnElement[bool]:
        """The SQL condition: this record belongs to this period (see the module doc)."""
        late = self.late(created, received)
        own = and_(created >= self.since, created < self.until, not_(late))
        moved = and_(late, received >= self.since, received < self.until)
        cond = or_(own, moved)
        return cond if self.as_of is None else and_(cond, received <= self.as_of)
