"""The sales report's days and presets in showroom time, and how a dimension's
sales and refund sides add up."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from pos_app.core.sales_report import (
    SHOWROOM_OFFSET,
    DateRange,
    Dimension,
    Figures,
    Preset,
    merge,
    preset_range,
    showroom_day,
)


def test_the_offset_is_shanghais_all_year() -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    for month in range(1, 13):
        assert datetime(2026, month, 15, tzinfo=shanghai).utcoffset() == SHOWROOM_OFFSET


def test_a_range_is_whole_showroom_days_in_utc() -> None:
    span = DateRange(date(2026, 11, 1), date(2026, 11, 30))
    assert span.start == datetime(2026, 10, 31, 16, tzinfo=UTC)
    assert span.end == datetime(2026, 11, 30, 16, tzinfo=UTC)
    assert span.days == 30
    with pytest.raises(ValueError):
        DateRange(date(2026, 11, 2), date(2026, 11, 1))


@pytest.mark.parametrize(
    ("preset", "first", "last"),
    [
        (Preset.TODAY, date(2026, 11, 5), date(2026, 11, 5)),
        (Preset.YESTERDAY, date(2026, 11, 4), date(2026, 11, 4)),
        (Preset.THIS_WEEK, date(2026, 11, 2), date(2026, 11, 5)),  # Monday to Thursday
        (Preset.THIS_MONTH, date(2026, 11, 1), date(2026, 11, 5)),
    ],
)
def test_presets_in_showroom_time(preset: Preset, first: date, last: date) -> None:
    # 17:30 UTC on the 4th is 01:30 on Thursday the 5th in the showroom
    now = datetime(2026, 11, 4, 17, 30, tzinfo=UTC)
    assert showroom_day(now) == date(2026, 11, 5)
    assert preset_range(preset, now) == DateRange(first, last)


def test_merge_adds_refunds_to_their_key_and_keeps_refund_only_keys() -> None:
    sales = [Figures("2026-11-02", sales_count=2, sales_fen=1000, rounding_fen=10)]
    refunds = [Figures("2026-11-02", refund_count=1, refunds_fen=300),
               Figures("2026-11-01", refund_count=1, refunds_fen=50)]  # fmt: skip
    rows = merge(Dimension.DAY, sales, refunds)
    assert [r.key for r in rows] == ["2026-11-01", "2026-11-02"]  # by time
    assert (rows[1].net_fen, rows[1].refund_count, rows[0].net_fen) == (690, 1, -50)
    by_net = merge(Dimension.PRODUCT, [Figures("A", sales_fen=5), Figures("B", sales_fen=9)], [])
    assert [r.key for r in by_net] == ["B", "A"]  # the most kept first
