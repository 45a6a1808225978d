"""Points: the contract formula against an independent computation, and refunds
in any order never clawing back more than was earned."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_FLOOR, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.money import Money
from pos_app.core.points import Contract, clawback, contract_at, points_for, share_for
from pos_app.core.refund import SoldLine, plan_refund

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def independent_points(eligible_fen: int, share_bps: int, points_bps: int) -> int:
    # yuan → share → points in exact decimals, floored at the end (1 point = 1 fen)
    share = Decimal(eligible_fen) * Decimal(share_bps) / Decimal(10000)
    pts = share * Decimal(points_bps) / Decimal(10000)
    return int(pts.to_integral_value(rounding=ROUND_FLOOR))


def test_seed_worked_example():
    # ¥100 spent, 10 % share = ¥10, 30 % of it as points = ¥3.00 = 300 points
    assert points_for(Money.yuan(100), Contract("C001", T0, 1000, 3000)) == 300
    assert share_for(Money.yuan(100), Contract("C001", T0, 1000, 3000)) == Money.yuan(10)


@given(
    st.integers(0, 10**9),
    st.integers(0, 10000),
    st.integers(0, 10000),
)
def test_formula_matches_independent_decimal_computation(fen, share, pts):
    assert points_for(Money(fen), Contract("C", T0, share, pts)) == independent_points(
        fen, share, pts
    )


def test_never_rounds_up():
    contract = Contract("C", T0, 1000, 3000)
    assert points_for(Money(333), contract) == 9  # 9.99 → 9


def test_no_contract_or_nothing_eligible_earns_nothing():
    assert points_for(Money(10000), None) == 0
    assert points_for(Money(0), Contract("C", T0, 1000, 3000)) == 0


def test_contract_versions_by_effective_date():
    v1 = Contract("C001", T0, 1000, 3000)
    v2 = Contract("C001", datetime(2026, 6, 1, tzinfo=UTC), 1000, 5000)
    other = Contract("C002", datetime(2026, 7, 1, tzinfo=UTC), 1000, 9000)
    assert contract_at([v1, v2, other], "C001", datetime(2026, 5, 31, tzinfo=UTC)) is v1
    assert contract_at([v1, v2, other], "C001", datetime(2026, 6, 1, tzinfo=UTC)) is v2
    assert contract_at([v1, v2, other], "C001", datetime(2025, 12, 31, tzinfo=UTC)) is None


def test_contract_refuses_bad_basis_points_and_naive_dates():
    with pytest.raises(ValueError):
        Contract("C", T0, 10001, 0)
    with pytest.raises(ValueError):
        Contract("C", datetime(2026, 1, 1), 1000, 1000)


lines_strategy = st.lists(
    st.tuples(st.integers(1, 20), st.integers(1, 200_00), st.booleans()),  # qty, amount, eligible
    min_size=1,
    max_size=6,
)


@given(lines_strategy, st.integers(0, 10000), st.randoms(use_true_random=False))
def test_refunds_in_any_order_claw_back_exactly_what_the_kept_part_no_longer_earns(
    raw_lines, points_bps, rnd
):
    contract = Contract("C", T0, 1000, points_bps)
    sold = [
        SoldLine(i + 1, f"item{i}", qty, Money(amount), eligible, whole_only=False)
        for i, (qty, amount, eligible) in enumerate(raw_lines)
    ]
    eligible_total = Money(sum(s.amount.fen for s in sold if s.points_eligible))
    earned = points_for(eligible_total, contract)
    units = [s.line_no for s in sold for _ in range(s.quantity)]
    rnd.shuffle(units)
    already: dict[int, int] = {}
    clawed = refunded = 0
    while units:
        take = units[: rnd.randint(1, len(units))]
        units = units[len(take) :]
        request: dict[int, int] = {}
        for line_no in take:
            request[line_no] = request.get(line_no, 0) + 1
        plan = plan_refund(sold, already, request, contract=contract, member=True)
        assert plan.points_clawback >= 0
        clawed += plan.points_clawback
        refunded += plan.total.fen
        for line_no, qty in request.items():
            already[line_no] = already.get(line_no, 0) + qty
        kept = Money(
            eligible_total.fen
            - sum(
                s.amount.fen * already.get(s.line_no, 0) // s.quantity
                for s in sold
                if s.points_eligible
            )
        )
        # after every step: what was earned minus what was clawed = points on what is kept
        assert earned - clawed == points_for(kept, contract)
        assert clawed <= earned
    assert clawed == earned  # everything returned: every point taken back, never more
    assert refunded == sum(s.amount.fen for s in sold)  # and every fen given back, never more


def test_clawback_is_a_difference_of_recomputations():
    contract = Contract("C", T0, 1000, 3000)
    assert clawback(Money(10000), Money(6667), contract) == 300 - 200
