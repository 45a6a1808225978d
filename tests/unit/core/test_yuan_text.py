"""Prices in yuan, as previous systems write them, read exactly into 分."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import MAX_FEN, Money
from pos_app.core.yuan_text import parse_yuan


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("12.5", 1250),
        ("12.50", 1250),
        ("¥12.50", 1250),
        ("￥12.50", 1250),
        ("12.50元", 1250),
        ("¥ 12.50 元", 1250),
        ("１２.５０元", 1250),  # full-width digits of a Chinese input method
        ("12.500", 1250),  # three decimals, still a whole number of 分
        ("0.01", 1),
        (".5", 50),
        ("7.", 700),
        ("+3", 300),
        ("-1.00", -100),
        ("-¥1", -100),
        ("¥-1", -100),
        ("0", 0),
    ],
)
def test_parses_exactly(text: str, fen: int) -> None:
    assert parse_yuan(text) == Money(fen)


@pytest.mark.parametrize(
    "text",
    ["", "abc", "1.005", "12.345", "1e5", "NaN", "inf", "1,000", "元12", "12元5", "¥¥1",
     "-¥-3", "1.2.3", "١٢", "12 34", "0x10", "1_000"],
)  # fmt: skip
def test_refuses_what_is_not_a_price(text: str) -> None:
    with pytest.raises(PosError) as info:
        parse_yuan(text)
    assert info.value.code is ErrorCode.MONEY_PARSE


def test_too_large_is_an_overflow_not_a_parse_error() -> None:
    with pytest.raises(PosError) as info:
        parse_yuan("1" * 20)
    assert info.value.code is ErrorCode.AMOUNT_OVERFLOW


def _yuan_texts(fen: int) -> st.SearchStrategy[str]:
    whole, cents = divmod(fen, 100)
    decimals = st.sampled_from(
        [f"{whole}.{cents:02d}", f"{whole}.{cents:02d}0"]
        + ([f"{whole}.{cents // 10}"] if cents % 10 == 0 else [])
        + ([str(whole)] if cents == 0 else [])
    )
    return st.tuples(
        st.sampled_from(["", "¥", "￥", "¥ "]), decimals, st.sampled_from(["", "元", " 元"])
    ).map("".join)


@given(
    st.integers(min_value=0, max_value=MAX_FEN).flatmap(
        lambda f: st.tuples(st.just(f), _yuan_texts(f))
    )
)
def test_any_yuan_text_round_trips_to_the_exact_fen(case: tuple[int, str]) -> None:
    fen, text = case
    assert parse_yuan(text).fen == fen
