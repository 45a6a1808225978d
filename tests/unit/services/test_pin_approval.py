"""The manager-PIN hook: below the threshold no PIN, above it only a manager's
PIN approves (a cashier's right PIN does not), every answer is recorded, and a
held approval serves its own act once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pos_app.app import AppContext
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.services.approvals import ApprovalAction, ApprovalRequest, ask
from pos_app.services.pin_approval import PinApproval, pin_hook

WANG, LI = "demo-cashier-wang", "demo-manager-li"


def _hook(context: AppContext) -> PinApproval:
    hook = pin_hook(context.approval)  # behind the audit's wrapper
    assert isinstance(hook, PinApproval)
    return hook


def test_thresholds_come_from_the_settings(context: AppContext) -> None:
    hook = _hook(context)
    refund = ApprovalRequest(ApprovalAction.REFUND, 500, reference="R1")
    assert hook.needs_manager(refund)  # default: every refund
    context.save_setting("approval.refund_above_fen", 1000)
    assert not hook.needs_manager(refund)
    assert hook.needs_manager(ApprovalRequest(ApprovalAction.REFUND, 1001))
    redeem = ApprovalRequest(ApprovalAction.REDEMPTION, 10_000)
    assert not hook.needs_manager(redeem)
    assert hook.needs_manager(ApprovalRequest(ApprovalAction.REDEMPTION, 10_001))
    assert hook.needs_manager(ApprovalRequest(ApprovalAction.DISCOUNT, 50, details={"percent": 21}))
    assert not hook.needs_manager(
        ApprovalRequest(ApprovalAction.DISCOUNT, 50, details={"percent": 20})
    )
    assert not hook.needs_manager(ApprovalRequest(ApprovalAction.OPEN_PRICE, 20_000))
    assert hook.needs_manager(ApprovalRequest(ApprovalAction.OPEN_PRICE, 20_001))
    for action in (ApprovalAction.DRAWER, ApprovalAction.CLEAR_CART, ApprovalAction.FULL_DISCOUNT):
        assert hook.needs_manager(ApprovalRequest(action, 0))
    assert not hook.needs_manager(ApprovalRequest(ApprovalAction.SHIFT_DIFFERENCE, 0))
    assert hook.needs_manager(ApprovalRequest(ApprovalAction.SHIFT_DIFFERENCE, -50))
    # into training a manager lets the cashier; back out, the cashier alone
    assert hook.needs_manager(ApprovalRequest(ApprovalAction.TRAINING, 0, reference="enter"))
    assert not hook.needs_manager(ApprovalRequest(ApprovalAction.TRAINING_LEAVE, 0))


def test_approval_by_pin_is_recorded_and_refusals_too(context: AppContext) -> None:
    hook = _hook(context)
    assert context.staff is not None
    context.staff.sign_in(WANG, "1357")
    request = ApprovalRequest(ApprovalAction.REFUND, 40_360, reference="00012", terminal_code="T01")
    assert hook.approve(request) is None  # no PIN given: refused, never blocks
    with pytest.raises(PosError) as caught:
        hook.approve_with_pin(request, WANG, "1357")  # right PIN, not a manager
    assert caught.value.code is ErrorCode.NOT_A_MANAGER
    with pytest.raises(PosError) as caught:
        hook.approve_with_pin(request, LI, "1357")
    assert caught.value.code is ErrorCode.PIN_WRONG
    approval = hook.approve_with_pin(request, LI, "2468")
    assert approval.approved_by == "店长老李"
    assert approval.covers(ApprovalAction.REFUND, 40_360, "00012")
    small = ApprovalRequest(ApprovalAction.REDEMPTION, 300, reference="B1")
    assert ask(hook, small) is not None and hook.approve(small) == ""
    rows = [(r.action, r.amount, r.requested_by, r.approver_name, r.granted, r.reason)
            for r in hook.repo.approvals()]  # fmt: skip
    assert rows == [
        ("refund", 40_360, "收银员小王", "", False, "no_pin"),
        ("refund", 40_360, "收银员小王", "收银员小王", False, "not_a_manager"),
        ("refund", 40_360, "收银员小王", "", False, "pin_wrong"),
        ("refund", 40_360, "收银员小王", "店长老李", True, "pin"),
        ("redemption", 300, "收银员小王", "", True, "not_needed"),
        ("redemption", 300, "收银员小王", "", True, "not_needed"),
    ]


def test_a_manager_signed_in_still_gives_the_pin(context: AppContext) -> None:
    hook = _hook(context)
    assert context.staff is not None
    context.staff.sign_in(LI, "2468")
    assert hook.approve(ApprovalRequest(ApprovalAction.DRAWER, 0)) is None


def test_held_approval_serves_its_act_once(context: AppContext) -> None:
    """The open-price path: the UI asks the PIN, then the checkout's own
    `approve` call finds the held approval, once; the next item asks again."""
    hook = _hook(context)
    clock = [datetime(2026, 11, 27, 8, 0, tzinfo=UTC)]
    hook._clock = lambda: clock[0]
    checkout = context.checkout
    request = checkout._open_price_request(Money(30_000))
    hook.approve_with_pin(request, LI, "2468", hold=True)
    checkout.add_open_price("tea", Money(30_000))
    assert checkout.cart.totals().total == Money(30_000)
    with pytest.raises(PosError) as caught:
        checkout.add_open_price("tea", Money(30_000))
    assert caught.value.code is ErrorCode.OPEN_PRICE_NOT_APPROVED
    # a held approval expires: it is for the act in hand
    hook.approve_with_pin(request, LI, "2468", hold=True)
    clock[0] += timedelta(minutes=3)
    with pytest.raises(PosError):
        checkout.add_open_price("tea", Money(30_000))


def test_the_pin_approval_is_found_behind_the_audit_wrapper(context) -> None:  # type: ignore[no-untyped-def]
    from pos_app.services.audit import AuditedApproval

    inner = pin_hook(context.approval)
    assert isinstance(context.approval, AuditedApproval)  # every answer audited
    assert isinstance(inner, PinApproval) and context.approval.inner is inner
    assert pin_hook(AuditedApproval(AuditedApproval(inner, context.audit), context.audit)) is inner
    assert pin_hook(object()) is None


def test_every_approval_action_has_a_pin_policy() -> None:
    # an action the policy does not know raised ValueError in the middle of a switch
    from pos_app.core.staff import Act
    from pos_app.services.approvals import ApprovalAction

    assert {a.value for a in ApprovalAction} <= {a.value for a in Act}


def test_an_approval_carries_the_approvers_staff_id_through_the_held_path(
    context: AppContext,
) -> None:
    hook = _hook(context)
    request = ApprovalRequest(ApprovalAction.PROMOTION, 0, reference="P1")
    given = hook.approve_with_pin(request, LI, "2468", hold=True)
    assert (given.approved_by, given.approver_id) == ("店长老李", LI)
    # the service's own ask, through the audit's wrapper, finds the id in the held answer
    held = ask(context.approval, request)
    assert held is not None and (held.approved_by, held.approver_id) == ("店长老李", LI)
    # below a threshold nobody approved: no id
    small = ApprovalRequest(ApprovalAction.OPEN_PRICE, 100, reference="x")
    free = ask(context.approval, small)
    assert free is not None and (free.approved_by, free.approver_id) == ("", "")
