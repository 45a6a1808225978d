"""The bounded field types: each limit holds exactly at its edge."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from sync.protocol.types import (
    MAX_COUNTER,
    MAX_FEN,
    Bps,
    Counter,
    Fen,
    Id36,
    Quantity,
    RowId,
    SignedFen,
    Text16,
    UtcTime,
)


def _ok(tp: Any, value: object) -> object:
    return TypeAdapter(tp).validate_python(value)


def _refused(tp: Any, value: object) -> str:
    with pytest.raises(ValidationError) as info:
        TypeAdapter(tp).validate_python(value)
    return str(info.value.errors()[0]["msg"])


@pytest.mark.parametrize(
    ("tp", "low", "high"),
    [
        (Fen, 0, MAX_FEN),
        (SignedFen, -MAX_FEN, MAX_FEN),
        (Counter, 1, MAX_COUNTER),
        (Quantity, 1, 99_999),
        (RowId, 0, MAX_COUNTER),
        (Bps, 0, 10_000),
    ],
    ids=["Fen", "SignedFen", "Counter", "Quantity", "RowId", "Bps"],
)
def test_integers_hold_their_range_and_no_more(tp: Any, low: int, high: int) -> None:
    assert (_ok(tp, low), _ok(tp, high)) == (low, high)
    _refused(tp, low - 1)
    _refused(tp, high + 1)
    _refused(tp, 2**63)


def test_text_refuses_nul_and_lone_surrogates_but_keeps_pairs_and_chinese() -> None:
    assert _ok(Text16, "恩施玉露 🍵") == "恩施玉露 🍵"
    assert "NUL" in _refused(Text16, "a\x00b")
    # pydantic refuses a lone surrogate as "not unicode" before our own check would
    for lone in ("\ud800", "x\udfff", "\udbff\ud800"):
        _refused(Text16, lone)
    assert _ok(Text16, json.loads('"\\ud83c\\udf75"')) == "🍵"  # a pair, as JSON sends it
    assert _ok(Text16, "x" * 16) == "x" * 16
    _refused(Text16, "x" * 17)


def test_an_id36_is_exactly_36_characters() -> None:
    uuid_text = "5f0c2a8e-3d4b-4c61-9a7e-0b1d2c3e4f50"
    assert _ok(Id36, uuid_text) == uuid_text
    _refused(Id36, uuid_text[:-1])
    _refused(Id36, uuid_text + "0")


def test_times_become_utc_and_stay_in_2000_to_2099() -> None:
    beijing = timezone(timedelta(hours=8))
    assert _ok(UtcTime, "2026-11-20T10:30:00+08:00") == datetime(2026, 11, 20, 2, 30, tzinfo=UTC)
    assert _ok(UtcTime, datetime(2000, 1, 1, 8, tzinfo=beijing)) == datetime(2000, 1, 1, tzinfo=UTC)
    assert "2000-2099" in _refused(UtcTime, "2000-01-01T07:59:59+08:00")
    assert "2000-2099" in _refused(UtcTime, "2100-01-01T00:00:00Z")
    for overflowing in ("9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+05:00"):
        assert "out of range" in _refused(UtcTime, overflowing)
    _refused(UtcTime, "2026-11-20T10:30:00")  # no offset
