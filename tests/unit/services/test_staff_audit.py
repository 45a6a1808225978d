"""Staff acts in the audit log, on a real demo till: sign-in (after a wrong PIN),
switch cashier, lock and unlock, a manager's PIN, and the drawer opened without a
sale with who approved it; never a PIN in the log."""

from __future__ import annotations

import json

import pytest

from pos_app.core.errors import PosError
from pos_app.core.staff import Role
from pos_app.services.approvals import ApprovalAction, ApprovalRequest
from pos_app.services.pin_approval import pin_hook
from pos_app.services.staff_audit import DrawerReason, drawer_opened
from tests.staff_helpers import DEMO_MANAGER, DEMO_MANAGER_PIN

CASHIER, CASHIER_PIN = "demo-cashier-wang", "1357"
PROMOTER, PROMOTER_PIN = "demo-promoter-zhao", "3690"


def entries(context, since: int = 0):  # type: ignore[no-untyped-def]
    return [
        (e.actor, e.kind, e.subject, e.details)
        for e in reversed(context.audit.recent(500))
        if e.id > since and e.kind != "catalog_import"
    ]


def test_sign_ins_switches_locks_and_pins_are_audited(context) -> None:  # type: ignore[no-untyped-def]
    staff = context.staff
    with pytest.raises(PosError):
        staff.sign_in(CASHIER, "0000")
    staff.sign_in(CASHIER, CASHIER_PIN)
    staff.lock()
    staff.unlock(CASHIER, CASHIER_PIN)
    staff.switch(PROMOTER, PROMOTER_PIN)
    hook = pin_hook(context.approval)
    assert hook is not None
    request = ApprovalRequest(ApprovalAction.DRAWER, 0, requested_by="促销员小赵", reference="c1")
    approval = hook.approve_with_pin(request, DEMO_MANAGER, DEMO_MANAGER_PIN)
    drawer_opened(context.audit, staff.cashier_name(), approval, DrawerReason.CHANGE)
    drawer_opened(context.audit, staff.cashier_name(), None, DrawerReason.COUNT, "c9")
    staff.sign_out()
    added = staff.add_staff(
        "收银员小周", Role.CASHIER, "2580", manager_id=DEMO_MANAGER, manager_pin=DEMO_MANAGER_PIN
    )
    assert entries(context) == [
        ("收银员小王", "pin_failed", CASHIER, {"staff_id": CASHIER}),
        ("收银员小王", "sign_in", CASHIER, {"staff_id": CASHIER, "before": ""}),
        ("收银员小王", "screen_lock", CASHIER, {"staff_id": CASHIER}),
        ("收银员小王", "unlock", CASHIER, {"staff_id": CASHIER}),
        ("促销员小赵", "switch_cashier", PROMOTER, {"staff_id": PROMOTER, "before": "收银员小王"}),
        (
            "促销员小赵",
            "manager_pin",
            "c1",
            {
                "action": "drawer",
                "amount": 0,
                "approver": "店长老李",
                "requested_by": "促销员小赵",
            },
        ),
        ("促销员小赵", "drawer_open", "c1", {"approved_by": "店长老李", "reason": "change"}),
        ("促销员小赵", "drawer_open", "c9", {"approved_by": "", "reason": "count"}),
        ("促销员小赵", "sign_out", PROMOTER, {"staff_id": PROMOTER}),
        ("店长老李", "staff_added", added.id, {"staff_id": added.id, "staff_name": "收银员小周"}),
    ]
    text = json.dumps(entries(context), ensure_ascii=False)
    assert CASHIER_PIN not in text and DEMO_MANAGER_PIN not in text and "0000" not in text
    assert "2580" not in text


def test_a_refused_manager_pin_is_audited(context) -> None:  # type: ignore[no-untyped-def]
    context.staff.sign_in(CASHIER, CASHIER_PIN)
    hook = pin_hook(context.approval)
    assert hook is not None
    request = ApprovalRequest(ApprovalAction.DRAWER, 0, requested_by="收银员小王", reference="c2")
    with pytest.raises(PosError):
        hook.approve_with_pin(request, CASHIER, CASHIER_PIN)  # a cashier is no manager
    assert entries(context)[-1] == (
        "收银员小王",
        "approval_refused",
        "",
        {"action": "drawer", "reason": "not_a_manager"},
    )
