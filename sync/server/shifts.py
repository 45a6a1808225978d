"""The closed shifts of a store, for the manager: the list the API answers and the
`yuancang-central shifts --store S001 [--day YYYY-MM-DD]` table.

A day is a calendar day in Asia/Shanghai (the showroom's), matched on the
shift's close time.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.shifts import ShiftOut
from sync.server.models.shifts import Shift

SHANGHAI = ZoneInfo("Asia/Shanghai")
MAX_LISTED = 500


def day_span(day: date) -> tuple[datetime, datetime]:
    """The aware bounds [start, end) of a Shanghai calendar day."""
    start = datetime.combine(day, time(0), SHANGHAI)
    return start, start + timedelta(days=1)


def list_shifts(session: Session, *, store_code: str, day: date | None = None) -> list[ShiftOut]:
    """The store's shifts, newest first; of one day when `day` is given."""
    stmt = select(Shift).where(Shift.store_code == store_code)
    if day is not None:
        start, end = day_span(day)
        stmt = stmt.where(Shift.closed_at >= start, Shift.closed_at < end)
    rows = session.scalars(stmt.order_by(Shift.closed_at.desc()).limit(MAX_LISTED))
    return [
        ShiftOut(
            shift_id=r.shift_id,
            shift_no=r.shift_no,
            store_code=r.store_code,
            terminal_code=r.terminal_code,
            opened_at=r.opened_at,
            closed_at=r.closed_at,
            opened_by=r.opened_by,
            closed_by=r.closed_by,
            approved_by=r.approved_by,
            float_fen=r.float_fen,
            counted_fen=r.counted_fen,
            sales_server=r.sales_server,
            sales_terminal=r.sales_terminal,
            expected_server=r.expected_server,
            expected_terminal=r.expected_terminal,
            difference_server=r.difference_server,
            difference_terminal=r.difference_terminal,
            mismatch=r.mismatch,
            flags=[f for f in r.flags.split(",") if f],
        )
        for r in rows
    ]


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def format_table(shifts: list[ShiftOut]) -> str:
    """One line per shift, times in Shanghai; `!` marks a till that disagrees."""
    if not shifts:
        return "no shifts"
    head = "shift_no            terminal closed            sales     expected  counted   diff     "
    lines = [head + "by"]
    for s in shifts:
        closed = s.closed_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
        mark = " ! till: " + ",".join(s.flags) if s.mismatch else ""
        lines.append(
            f"{s.shift_no:<19} {s.terminal_code:<8} {closed:<17} {_yuan(s.sales_server):>9} "
            f"{_yuan(s.expected_server):>9} {_yuan(s.counted_fen):>9} "
            f"{_yuan(s.difference_server):>8} {s.closed_by}{mark}"
        )
    return "\n".join(lines)
