"""Money: integer fen only, parsing, formatting, rounding and the ceiling."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import MAX_FEN, Money, money_from_decimal_text

fens = st.integers(min_value=-MAX_FEN, max_value=MAX_FEN)
small_fens = st.integers(min_value=-(MAX_FEN // 4), max_value=MAX_FEN // 4)


# --- construction -------------------------------------------------------------


def test_zero_and_yuan_constructors() -> None:
    assert Money.zero() == Money(0)
    assert Money.yuan(12) == Money(1200)
    assert Money.yuan(-3).fen == -300


@pytest.mark.parametrize("bad", [1.0, 0.5, True, False, "100", Decimal("1"), None])
def test_money_rejects_non_int_amounts(bad: object) -> None:
    with pytest.raises(TypeError):
        Money(bad)  # type: ignore[arg-type]


def test_ceiling_is_inclusive() -> None:
    assert Money(MAX_FEN).fen == MAX_FEN
    assert Money(-MAX_FEN).fen == -MAX_FEN


@pytest.mark.parametrize("fen", [MAX_FEN + 1, -MAX_FEN - 1, 10**30])
def test_beyond_ceiling_raises_amount_overflow(fen: int) -> None:
    with pytest.raises(PosError) as info:
        Money(fen)
    assert info.value.code is ErrorCode.AMOUNT_OVERFLOW
    assert info.value.params["fen"] == fen


def test_money_is_immutable_and_hashable() -> None:
    m = Money(5)
    with pytest.raises(AttributeError):
        m.fen = 6  # type: ignore[misc]
    assert {Money(5), Money(5), Money(6)} == {Money(5), Money(6)}


def test_ordering_and_truthiness() -> None:
    assert Money(1) < Money(2) <= Money(2) < Money(10)
    assert max(Money(3), Money(-7), Money(1)) == Money(3)
    assert not Money(0)
    assert Money(1)
    assert Money(-1)


# --- arithmetic ---------------------------------------------------------------


@given(small_fens, small_fens)
def test_add_sub_neg_stay_integer(a: int, b: int) -> None:
    total = Money(a) + Money(b)
    diff = Money(a) - Money(b)
    assert type(total.fen) is int and total.fen == a + b
    assert type(diff.fen) is int and diff.fen == a - b
    assert type((-Money(a)).fen) is int and (-Money(a)).fen == -a


@given(st.integers(-99_999, 99_999), st.integers(-9_999, 9_999))
def test_multiply_by_int_both_sides(fen: int, qty: int) -> None:
    assert (Money(fen) * qty).fen == fen * qty
    assert (qty * Money(fen)).fen == fen * qty
    assert type((Money(fen) * qty).fen) is int


@pytest.mark.parametrize("factor", [1.5, 2.0, Decimal("2")])
def test_multiply_by_non_int_refused(factor: object) -> None:
    with pytest.raises(TypeError):
        Money(100) * factor  # type: ignore[operator]
    with pytest.raises(TypeError):
        factor * Money(100)  # type: ignore[operator]


@given(small_fens, small_fens, st.integers(-10_000, 10_000), st.integers(1, 10_000))
def test_arithmetic_never_produces_floats(a: int, b: int, num: int, den: int) -> None:
    results = [Money(a) + Money(b), Money(a) - Money(b), -Money(a)]
    try:
        results.append(Money(a).scale(num, den))
    except PosError as exc:
        assert exc.code is ErrorCode.AMOUNT_OVERFLOW
    for result in results:
        assert isinstance(result, Money)
        assert type(result.fen) is int


def test_sum_overflow_raises() -> None:
    with pytest.raises(PosError) as info:
        Money(MAX_FEN) + Money(1)
    assert info.value.code is ErrorCode.AMOUNT_OVERFLOW
    with pytest.raises(PosError) as info:
        Money(-MAX_FEN) - Money(1)
    assert info.value.code is ErrorCode.AMOUNT_OVERFLOW
    with pytest.raises(PosError) as info:
        Money(MAX_FEN // 2 + 1) * 2
    assert info.value.code is ErrorCode.AMOUNT_OVERFLOW
    with pytest.raises(PosError) as info:
        Money(MAX_FEN).scale(3, 2)
    assert info.value.code is ErrorCode.AMOUNT_OVERFLOW


@given(st.integers(MAX_FEN // 2 + 1, MAX_FEN), st.integers(MAX_FEN // 2 + 1, MAX_FEN))
def test_any_sum_past_ceiling_overflows(a: int, b: int) -> None:
    with pytest.raises(PosError) as info:
        Money(a) + Money(b)
    assert info.value.code is ErrorCode.AMOUNT_OVERFLOW


# --- scale (half-up) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("fen", "num", "den", "expected"),
    [
        (5, 1, 2, 3),  # 2.5 -> 3
        (3, 1, 2, 2),  # 1.5 -> 2
        (1, 1, 2, 1),  # 0.5 -> 1 (banker's rounding would give 0)
        (1, 1, 3, 0),  # 0.333 -> 0
        (2, 1, 3, 1),  # 0.667 -> 1
        (2500, 500, 1000, 1250),  # ¥25.00/kg * 500 g
        (1999, 333, 1000, 666),  # 665.667 -> 666
        (1000, 1255, 1000, 1255),
        (12345, 50, 100, 6173),  # 6172.5 -> 6173
        (-5, 1, 2, -3),  # ties away from zero for refunds
        (0, 7, 3, 0),
    ],
)
def test_scale_rounds_half_up(fen: int, num: int, den: int, expected: int) -> None:
    result = Money(fen).scale(num, den)
    assert result == Money(expected)
    assert type(result.fen) is int


@given(st.integers(0, 10_000_000), st.integers(0, 100_000), st.integers(1, 100_000))
def test_scale_matches_integer_half_up(fen: int, num: int, den: int) -> None:
    expected = (2 * fen * num + den) // (2 * den)  # exact integer half-up
    if expected > MAX_FEN:
        return
    assert Money(fen).scale(num, den).fen == expected


# --- formatting and parsing ---------------------------------------------------


@pytest.mark.parametrize(
    ("fen", "formatted", "plain"),
    [
        (0, "¥0.00", "0.00"),
        (5, "¥0.05", "0.05"),
        (1250, "¥12.50", "12.50"),
        (123450, "¥1,234.50", "1234.50"),
        (-300, "-¥3.00", "-3.00"),
        (-1, "-¥0.01", "-0.01"),
        (MAX_FEN, "¥99,999,999.99", "99999999.99"),
    ],
)
def test_format_and_plain(fen: int, formatted: str, plain: str) -> None:
    assert Money(fen).format() == formatted
    assert str(Money(fen)) == formatted
    assert Money(fen).plain() == plain


def test_format_custom_symbol() -> None:
    assert Money(1250).format("RMB ") == "RMB 12.50"
    assert Money(1250).format("") == "12.50"


@given(fens)
def test_plain_parse_round_trip(fen: int) -> None:
    assert Money.parse(Money(fen).plain()) == Money(fen)


@given(fens)
def test_format_parse_round_trip(fen: int) -> None:
    # what the screen shows ('-¥1,234.50') can be typed back
    assert Money.parse(Money(fen).format()) == Money(fen)
    assert Money.parse(Money(fen).format("￥")) == Money(fen)


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("12", 1200),
        ("12.5", 1250),
        ("12.50", 1250),
        ("¥12.50", 1250),
        ("￥12.50", 1250),
        ("  7.05 ", 705),
        ("-3.00", -300),
        ("0", 0),
        ("0.01", 1),
        ("99999999.99", MAX_FEN),
    ],
)
def test_parse_accepts(text: str, fen: int) -> None:
    assert Money.parse(text) == Money(fen)


@pytest.mark.parametrize(
    "text",
    [
        "1.234",
        "abc",
        "",
        "   ",
        "1e5",
        "NaN",
        "inf",
        "1,00",
        "12.",
        ".5",
        "1..2",
        "¥",
        "--1",
        "1 2",
    ],
)
def test_parse_rejects(text: str) -> None:
    with pytest.raises(PosError) as info:
        Money.parse(text)
    assert info.value.code is ErrorCode.MONEY_PARSE
    assert info.value.params["text"] == text


def test_parse_too_large_is_overflow() -> None:
    with pytest.raises(PosError) as info:
        Money.parse("100000000.00")
    assert info.value.code is ErrorCode.AMOUNT_OVERFLOW


# --- money_from_decimal_text (catalog files) ----------------------------------


@pytest.mark.parametrize(
    ("text", "fen"),
    [("12", 1200), ("12.5", 1250), ("12.50", 1250), (" 3.99 ", 399), ("0", 0), ("0.01", 1)],
)
def test_decimal_text_accepts(text: str, fen: int) -> None:
    assert money_from_decimal_text(text) == Money(fen)


def test_decimal_text_keeps_the_sign_for_the_caller_to_judge() -> None:
    # the catalog import reports NEGATIVE_PRICE itself, so a sign must survive
    assert money_from_decimal_text("-5") == Money(-500)


@pytest.mark.parametrize(
    "text",
    [
        *("1.234", "abc", "", "NaN", "Infinity", "-inf", "sNaN", "¥5", "1,000", "1e5", "1E2"),
        *("1_000", "\u0661\u0662", "１２"),  # underscores, Arabic-Indic and full-width digits
    ],
)
def test_decimal_text_rejects(text: str) -> None:
    with pytest.raises(PosError) as info:
        money_from_decimal_text(text)
    assert info.value.code is ErrorCode.MONEY_PARSE


@pytest.mark.parametrize("text", ["1e999999", "1E+999998", "9" * 40])
def test_decimal_text_huge_values_are_pos_errors(text: str) -> None:
    with pytest.raises(PosError) as info:
        money_from_decimal_text(text)
    assert info.value.code in (ErrorCode.MONEY_PARSE, ErrorCode.AMOUNT_OVERFLOW)


def test_decimal_text_overflow() -> None:
    with pytest.raises(PosError) as info:
        money_from_decimal_text("100000000")
    assert info.value.code is ErrorCode.AMOUNT_OVERFLOW


@given(st.integers(0, MAX_FEN))
def test_decimal_text_round_trip(fen: int) -> None:
    assert money_from_decimal_text(Money(fen).plain()) == Money(fen)
