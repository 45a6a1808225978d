"""Staff rules: roles, PIN rules, the lockout timing (any clock), and which
acts need a manager's PIN at which thresholds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.staff import (
    Act,
    ApprovalThresholds,
    Lockout,
    LockoutPolicy,
    Permission,
    Role,
    StaffMember,
    check_name,
    check_pin,
    may,
    needs_manager,
    plausible_pin,
)

T0 = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def test_roles_and_permissions() -> None:
    assert may(Role.MANAGER, Permission.APPROVE)
    assert may(Role.MANAGER, Permission.MANAGE_STAFF)
    assert not may(Role.CASHIER, Permission.APPROVE)
    assert not may(Role.PROMOTER, Permission.APPROVE)
    assert may(Role.PROMOTER, Permission.EVENT_SALES)
    assert not may(Role.CASHIER, Permission.EVENT_SALES)
    assert StaffMember("m", "店长老李", Role.MANAGER, "S001").is_manager
    assert not StaffMember("c", "收银员小王", Role.CASHIER, "S001").is_manager


@pytest.mark.parametrize("pin", ["1357", "2468", "97531", "13572468"])
def test_good_pins(pin: str) -> None:
    assert check_pin(pin) == pin


@pytest.mark.parametrize(
    "pin",
    [
        "",
        "135",
        "135792468",
        "0000",
        "1111",
        "1234",
        "4321",
        "56789",
        "8901",
        "12a4",
        "１３５７",
        " 1357",
    ],
)
def test_bad_pins(pin: str) -> None:
    with pytest.raises(PosError) as caught:
        check_pin(pin)
    assert caught.value.code is ErrorCode.PIN_INVALID


def test_plausible_pin_refuses_what_no_pin_can_be() -> None:
    assert plausible_pin("1357")
    assert not plausible_pin("1" * 100_000)
    assert not plausible_pin("13'5")


def test_names() -> None:
    assert check_name("  收银员小王 ") == "收银员小王"
    for bad in ("", "   ", "a" * 33, "x\x00y"):
        with pytest.raises(PosError):
            check_name(bad)


def test_fifth_wrong_pin_locks_for_five_minutes() -> None:
    policy = LockoutPolicy()
    state = Lockout()
    for i in range(4):
        state = policy.after_failure(state, T0 + timedelta(seconds=i))
        assert not state.is_locked(T0 + timedelta(seconds=i))
    assert state.failures == 4
    state = policy.after_failure(state, T0 + timedelta(seconds=10))
    assert state.is_locked(T0 + timedelta(seconds=10))
    assert state.seconds_left(T0 + timedelta(seconds=10)) == 300
    assert state.is_locked(T0 + timedelta(seconds=309))
    assert not state.is_locked(T0 + timedelta(seconds=310))
    assert state.seconds_left(T0 + timedelta(seconds=310)) == 0
    assert policy.after_success() == Lockout()


def test_thresholds() -> None:
    t = ApprovalThresholds(
        refund_above_fen=5000,
        redemption_above_points=2000,
        discount_limit_percent=20,
        open_price_limit_fen=20_000,
        shift_difference_above_fen=0,
    )
    assert not needs_manager(Act.REFUND, 5000, t)
    assert needs_manager(Act.REFUND, 5001, t)
    assert needs_manager(Act.REFUND, 1, ApprovalThresholds())  # default: every refund
    assert not needs_manager(Act.REDEMPTION, 2000, t)
    assert needs_manager(Act.REDEMPTION, 2001, t)
    assert not needs_manager(Act.DISCOUNT, 500, t, percent=20)
    assert needs_manager(Act.DISCOUNT, 500, t, percent=21)
    assert needs_manager(
        Act.DISCOUNT, 500, ApprovalThresholds(discount_limit_percent=100), percent=100
    )
    assert not needs_manager(Act.OPEN_PRICE, 20_000, t)
    assert needs_manager(Act.OPEN_PRICE, 20_001, t)
    assert not needs_manager(Act.SHIFT_DIFFERENCE, 0, t)
    assert needs_manager(Act.SHIFT_DIFFERENCE, -1, t)
    assert needs_manager(Act.SHIFT_DIFFERENCE, 1, t)
    assert not needs_manager(
        Act.SHIFT_DIFFERENCE, -300, ApprovalThresholds(shift_difference_above_fen=300)
    )
    for act in (Act.DRAWER, Act.CLEAR_CART, Act.FULL_DISCOUNT, Act.PRICE_OVERRIDE, Act.ADD_STAFF):
        assert needs_manager(act, 0, t)


def test_entering_training_needs_a_manager_leaving_does_not() -> None:
    assert needs_manager(Act.TRAINING, 0, ApprovalThresholds())
    assert not needs_manager(Act.TRAINING_LEAVE, 0, ApprovalThresholds())


def test_an_unknown_act_is_not_silently_allowed() -> None:
    with pytest.raises(ValueError):
        Act("give_everything_away")  # the services' actions are all Acts (see PinApproval)
