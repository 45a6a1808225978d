"""core.shift: the one drawer computation shared by X and Z, the count by
denomination and the sign of the difference."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.shift import (
    CashMovement,
    Denomination,
    MovementKind,
    ShiftRedemption,
    ShiftRefund,
    ShiftSale,
    TenderAmount,
    close,
    counted_total,
    figures_from_dict,
    figures_to_dict,
    summarize,
)

AT = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)
KINDS = ("cash", "wechat", "alipay", "unionpay")

fen = st.integers(min_value=1, max_value=1_000_000)


@st.composite
def sales(draw: st.DrawFn) -> ShiftSale:
    pays = []
    for kind in draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=3)):
        amount = draw(fen)
        change = draw(st.integers(0, 10_000)) if kind == "cash" else 0
        pays.append(TenderAmount(kind, amount, amount + change if kind == "cash" else None))
    return ShiftSale(
        sum(p.amount_fen for p in pays) + draw(st.integers(0, 99)),
        draw(st.integers(0, 99)),
        tuple(pays),
        draw(st.integers(0, 500)),
    )


refunds = st.builds(
    lambda kind, amount, pts: ShiftRefund(amount, (TenderAmount(kind, amount),), pts),
    st.sampled_from(KINDS),
    fen,
    st.integers(0, 100),
)
movements = st.builds(
    lambda kind, amount: CashMovement(kind, amount, "找零备用", AT),
    st.sampled_from(list(MovementKind)),
    fen,
)


@given(
    st.integers(0, 100_000),
    st.lists(sales(), max_size=12),
    st.lists(refunds, max_size=4),
    st.lists(movements, max_size=4),
    st.dictionaries(st.sampled_from(list(Denomination)), st.integers(0, 300)),
)
def test_x_read_equals_z_expected_and_the_drawer_adds_up(
    float_fen, sold, back, moved, count
) -> None:  # type: ignore[no-untyped-def]
    x = summarize(float_fen=float_fen, sales=sold, refunds=back, movements=moved)
    z = close(summarize(float_fen=float_fen, sales=sold, refunds=back, movements=moved), count)
    assert z.figures.expected_cash_fen == x.expected_cash_fen
    # the drawer, counted independently: what cash each record put in or took out
    cash_kept = sum(p.amount_fen for s in sold for p in s.payments if p.kind == "cash")
    cash_back = sum(p.amount_fen for r in back for p in r.payments if p.kind == "cash")
    ins = sum(m.amount_fen for m in moved if m.kind is MovementKind.CASH_IN)
    outs = sum(m.amount_fen for m in moved if m.kind is MovementKind.CASH_OUT)
    assert x.expected_cash_fen == float_fen + cash_kept - cash_back + ins - outs
    assert z.counted_fen == sum(int(d) * n for d, n in count.items())
    assert z.difference_fen == z.counted_fen - x.expected_cash_fen
    assert x.sales_total_fen == sum(p.amount_fen for s in sold for p in s.payments)
    assert figures_from_dict(figures_to_dict(x)) == x


def test_a_worked_shift() -> None:
    sold = [
        # ¥38.50 paid cash with a ¥50 note: ¥11.50 change; 抹零 ¥0.05 off ¥38.55
        ShiftSale(3855, 5, (TenderAmount("cash", 3850, 5000),), points=11),
        ShiftSale(12000, 0, (TenderAmount("wechat", 12000),), points=36),
    ]
    back = [ShiftRefund(1200, (TenderAmount("cash", 1200),), points_clawback=3)]
    moved = [
        CashMovement(MovementKind.CASH_IN, 10000, "备用金", AT),
        CashMovement(MovementKind.CASH_OUT, 20000, "取款存银行", AT),
    ]
    f = summarize(float_fen=50000, sales=sold, refunds=back, movements=moved)
    assert f.sales_by_tender == {"cash": 3850, "wechat": 12000}
    assert f.refunds_by_tender == {"cash": 1200}
    assert (f.cash_tendered_fen, f.change_fen, f.rounding_fen) == (5000, 1150, 5)
    assert (f.points_issued, f.points_clawed_back) == (47, 3)
    # 500 + 50 - 11.50 + 100 - 200 - 12 = 426.50
    assert f.expected_cash_fen == 42650
    over = close(
        f, {Denomination.Y100: 4, Denomination.Y20: 1, Denomination.Y5: 1, Denomination.J5: 2}
    )
    assert (over.counted_fen, over.difference_fen) == (42600, -50)  # 短款 ¥0.50
    long = close(f, {Denomination.Y100: 4, Denomination.Y50: 1})
    assert long.difference_fen == 2350  # 长款
    assert (
        close(
            f, {Denomination.Y100: 4, Denomination.Y20: 1, Denomination.Y5: 1, Denomination.J5: 3}
        ).difference_fen
        == 0
    )


def test_count_refuses_negative_pieces_and_unknown_denominations() -> None:
    with pytest.raises(PosError) as err:
        counted_total({Denomination.Y10: -1})
    assert err.value.code is ErrorCode.SHIFT_COUNT_INVALID
    with pytest.raises(ValueError):
        counted_total({300: 1})  # type: ignore[dict-item]


def test_a_movement_needs_a_reason_and_an_amount() -> None:
    with pytest.raises(PosError) as err:
        CashMovement(MovementKind.CASH_OUT, 100, "  ", AT)
    assert err.value.code is ErrorCode.SHIFT_REASON_REQUIRED
    with pytest.raises(PosError) as err:
        CashMovement(MovementKind.CASH_IN, 0, "备用金", AT)
    assert err.value.code is ErrorCode.SHIFT_AMOUNT_INVALID


@given(
    st.integers(0, 100_000),
    st.lists(sales(), max_size=6),
    st.lists(st.integers(1, 50_000), max_size=5),
)
def test_redemptions_count_as_points_redeemed_and_move_no_cash(
    float_fen: int, sold: list[ShiftSale], points: list[int]
) -> None:
    redeemed = [ShiftRedemption(p) for p in points]
    plain = summarize(float_fen=float_fen, sales=sold, refunds=[], movements=[])
    x = summarize(float_fen=float_fen, sales=sold, refunds=[], movements=[], redemptions=redeemed)
    assert x.points_redeemed == sum(points)
    # points pay a property-fee bill: the drawer and every other figure stay as they were
    assert x == replace(plain, points_redeemed=sum(points))
    z = close(x, {})
    assert z.figures.points_redeemed == sum(points)
    assert figures_from_dict(figures_to_dict(x)) == x


def test_a_redemption_uses_a_whole_positive_number_of_points() -> None:
    assert ShiftRedemption(1).points == 1
    for bad in (0, -5):
        with pytest.raises(ValueError):
            ShiftRedemption(bad)
    with pytest.raises(TypeError):
        ShiftRedemption(True)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ShiftRedemption(1.5)  # type: ignore[arg-type]
