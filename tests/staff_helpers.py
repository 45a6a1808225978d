"""Staff in service-level tests: the demo manager approving a refund with their
PIN, as the confirmation dialog does at the counter (every refund needs one)."""

from __future__ import annotations

from typing import Any

from pos_app.app import AppContext
from pos_app.services.approvals import Approval
from pos_app.services.pin_approval import PinApproval, pin_hook

DEMO_MANAGER, DEMO_MANAGER_PIN = "demo-manager-li", "2468"


def manager_approval(context: AppContext, sale: Any, quantities: dict[int, int]) -> Approval:
    hook = pin_hook(context.approval)  # behind the audit's wrapper
    assert isinstance(hook, PinApproval)
    request = context.refunds.approval_request(sale, quantities)
    # as the confirmation does: the manager's PIN (held), then the app's own hook,
    # which audits the answer
    hook.approve_with_pin(request, DEMO_MANAGER, DEMO_MANAGER_PIN, hold=True)
    approved_by = context.approval.approve(request)
    assert approved_by, "the held PIN approval covers the refund"
    return Approval(request, approved_by)


def refund_as_manager(context: AppContext, sale: Any, quantities: dict[int, int], **kw: Any) -> Any:
    """`context.refunds.refund` with the demo manager's PIN approval."""
    approval = manager_approval(context, sale, quantities)
    return context.refunds.refund(sale, quantities, approval=approval, **kw)


def cash_out_as_manager(context: AppContext, amount_fen: int, reason: str) -> Any:
    """`context.shifts.cash_out` (取款) with the demo manager's PIN, as the counter asks it."""
    hook = pin_hook(context.approval)
    assert isinstance(hook, PinApproval)
    request = context.shifts.cash_out_request(amount_fen, reason)
    hook.approve_with_pin(request, DEMO_MANAGER, DEMO_MANAGER_PIN, hold=True)
    return context.shifts.cash_out(amount_fen, reason)
