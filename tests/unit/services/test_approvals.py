"""Manager approval of a refund: the request carries what an audit needs, a
refusal records nothing, and an approval never pays more than it approved."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.services.approvals import (
    Approval,
    ApprovalAction,
    ApprovalRequest,
    NoStaffRolesYet,
    ask,
)
from pos_app.services.refunds import ManagerApproval as ReExported
from pos_app.services.refunds import NoStaffRolesYet as ReExportedDefault

WATER, RICE = "6975321000012", "6921445000018"


class Recording:
    """A hook that answers as told and keeps what it was asked."""

    def __init__(self, answer: str | None) -> None:
        self.answer = answer
        self.asked: list[ApprovalRequest] = []

    def approve(self, request: ApprovalRequest) -> str | None:
        self.asked.append(request)
        return self.answer


def sell(context, codes):
    co = context.checkout
    for c in codes:
        co.scan(c)
    tender = co.start_tender()
    tender.add_cash(Money(tender.total.fen))
    return co.complete(tender)


def refunds_count(context) -> int:
    with context.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM refunds")).scalar_one()


def test_refunds_module_still_exports_the_hook():
    from pos_app.services import approvals

    assert ReExported is approvals.ManagerApproval
    assert ReExportedDefault is NoStaffRolesYet


def test_refund_request_names_action_money_receipt_cashier_and_till(context):
    sale = sell(context, [WATER, RICE])
    found = context.refunds.find(sale.receipt_no)
    request = context.refunds.approval_request(found, {2: 1})
    assert request.action is ApprovalAction.REFUND
    assert request.amount_fen == 8990
    assert request.reference == sale.receipt_no
    assert request.requested_by == context.settings.terminal.cashier_name
    assert (request.store_code, request.terminal_code) == (
        context.settings.store.code,
        context.settings.terminal.code,
    )
    assert request.details["sale_id"] == sale.sale_id and request.details["line_2"] == 1
    assert request.at.tzinfo is not None


def test_refused_refund_records_nothing(context):
    sale = sell(context, [WATER])
    hook = Recording(None)
    context.refunds.approval = hook
    with pytest.raises(PosError) as info:
        context.refunds.refund(context.refunds.find(sale.receipt_no), {1: 1})
    assert info.value.code is ErrorCode.REFUND_NOT_APPROVED
    assert refunds_count(context) == 0
    assert [r.amount_fen for r in hook.asked] == [200]


def test_confirmed_approval_is_used_and_its_approver_recorded(context):
    sale = sell(context, [WATER, WATER])
    found = context.refunds.find(sale.receipt_no)
    hook = Recording("王店长")
    context.refunds.approval = hook
    approval = ask(hook, context.refunds.approval_request(found, {1: 2}))
    assert approval is not None
    done = context.refunds.refund(found, {1: 2}, approval=approval)
    assert len(hook.asked) == 1  # the confirmation's approval, not a second question
    with context.engine.connect() as conn:
        approved_by = conn.execute(
            text("SELECT approved_by FROM refunds WHERE refund_no = :n"), {"n": done.refund_no}
        ).scalar_one()
    assert approved_by == "王店长"


def test_approval_of_less_money_is_asked_again(context):
    sale = sell(context, [WATER, WATER])
    found = context.refunds.find(sale.receipt_no)
    hook = Recording(None)
    context.refunds.approval = hook
    small = Approval(ApprovalRequest(ApprovalAction.REFUND, 200, reference=sale.receipt_no), "")
    with pytest.raises(PosError):
        context.refunds.refund(found, {1: 2}, approval=small)  # 400 fen > 200 approved
    assert [r.amount_fen for r in hook.asked] == [400]
    assert refunds_count(context) == 0


def test_covers_checks_kind_reference_and_amount():
    approval = Approval(ApprovalRequest(ApprovalAction.REFUND, 500, reference="R1"), "")
    assert approval.covers(ApprovalAction.REFUND, 500, "R1")
    assert approval.covers(ApprovalAction.REFUND, 499, "R1")
    assert not approval.covers(ApprovalAction.REFUND, 501, "R1")
    assert not approval.covers(ApprovalAction.REFUND, 500, "R2")
    assert not approval.covers(ApprovalAction.REDEMPTION, 500, "R1")


def test_default_hook_approves_without_a_manager():
    request = ApprovalRequest(ApprovalAction.CLEAR_CART, 1234)
    assert NoStaffRolesYet().approve(request) == ""
    assert ask(NoStaffRolesYet(), request) == Approval(request, "")
