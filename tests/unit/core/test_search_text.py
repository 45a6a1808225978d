"""One search field: token ranges, exact tokens, substrings, and the early stop."""

from __future__ import annotations

import pytest

from pos_app.core.search_build import build_field


@pytest.fixture
def codes():  # type: ignore[no-untyped-def]
    return build_field(["t-1 6901", "t-10 6902", "t-2 69013", "u-1"])


def test_token_range_holds_exactly_the_tokens_with_the_prefix(codes) -> None:  # type: ignore[no-untyped-def]
    lo, hi = codes.token_range("t-1")
    assert sorted(codes.tok_val[lo:hi]) == [0, 1]
    lo, hi = codes.token_range("6901")
    assert sorted(codes.tok_val[lo:hi]) == [0, 2]
    lo, hi = codes.token_range("7")
    assert lo == hi


def test_exact_values_need_the_whole_token(codes) -> None:  # type: ignore[no-untyped-def]
    assert codes.exact_values("t-1") == [0]
    assert codes.exact_values("6901") == [0]
    assert codes.exact_values("690") == []
    assert codes.exact_values("u-1") == [3]


def test_prefix_and_substring_values_come_in_value_order(codes) -> None:  # type: ignore[no-untyped-def]
    assert list(codes.prefix_values("690")) == [0, 1, 2]
    assert list(codes.substring_values("-1")) == [0, 1, 3]
    assert list(codes.substring_values("1")) == [0, 1, 2, 3]  # each value once


def test_best_rows_skip_taken_rows_and_stop_at_need() -> None:
    field = build_field(["a", "b", "a", "c"])  # value 0 owns rows 0 and 2
    assert field.best_rows(iter([0, 1, 2]), 2, set()) == [0, 1]
    assert field.best_rows(iter([0, 1, 2]), 2, {0}) == [1, 2]
    assert field.best_rows(iter([0, 1, 2]), 9, set()) == [0, 1, 2, 3]
