"""Months in Asia/Shanghai as UTC windows, and which month a late record moves to."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sync.server.settlement_period import Close, Period, month_of, month_window


def test_a_month_is_a_shanghai_calendar_month() -> None:
    assert month_window("2026-11") == (
        datetime(2026, 10, 31, 16, tzinfo=UTC), datetime(2026, 11, 30, 16, tzinfo=UTC))  # fmt: skip
    assert month_window("2026-12")[1] == datetime(2026, 12, 31, 16, tzinfo=UTC)
    # 2026-11-30 23:30 +08:00 is November; 2026-11-30 16:00 UTC is already December
    assert month_of(datetime(2026, 11, 30, 15, 30, tzinfo=UTC)) == "2026-11"
    assert month_of(datetime(2026, 11, 30, 16, 0, tzinfo=UTC)) == "2026-12"
    for bad in ("2026-13", "2026-1", "26-01", "1999-12", "2026-00"):
        with pytest.raises(ValueError, match="expected YYYY-MM"):
            month_window(bad)


def test_a_record_is_late_only_when_it_arrived_after_its_month_closed() -> None:
    since, until = month_window("2026-10")
    close = Close("2026-10", since, until, datetime(2026, 11, 2, tzinfo=UTC))
    december = Period("2026-12", *month_window("2026-12"), None, (close,))
    made = datetime(2026, 10, 31, 15, tzinfo=UTC)  # 23:00 in Shanghai, still October
    assert december.is_late(made, datetime(2026, 11, 2, 0, 1, tzinfo=UTC))
    assert not december.is_late(made, datetime(2026, 11, 1, 23, 59, tzinfo=UTC))
    november = datetime(2026, 11, 1, tzinfo=UTC)  # a month never closed
    assert not december.is_late(november, datetime(2026, 12, 9, tzinfo=UTC))
