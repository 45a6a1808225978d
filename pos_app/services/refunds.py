"""Returns and refunds: find the sale, choose lines, give money back the way it
came, restock, and claw back the points the refund un-earns. A promoted sale's
return re-prices what the customer keeps (`pos_app.core.refund_promos`).

A refund needs a manager's approval, asked through the hook of
`pos_app.services.approvals` (re-exported here: `ManagerApproval`,
`NoStaffRolesYet`). The refund dialog asks it when the cashier confirms and
passes the `Approval` on; without one, the service asks the hook itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.receipt_codes import receipt_number_from_scan
from pos_app.core.refund import PaidTender, RefundPlan, plan_refund, refund_tenders
from pos_app.core.refund_promos import plan_promoted_refund
from pos_app.options import StoreSettings, TerminalSettings
from pos_app.persistence.refunds_repo import RecordedRefund, RefundsRepository, SaleForRefund
from pos_app.services.approvals import (
    Approval,
    ApprovalAction,
    ApprovalRequest,
    ManagerApproval,
    NoStaffRolesYet,
    ask,
)

# the UI names the refund it shows through this module, never through persistence
__all__ = [
    "Approval",
    "ManagerApproval",
    "NoStaffRolesYet",
    "RecordedRefund",
    "RefundService",
    "SaleForRefund",
]

log = logging.getLogger("pos_app.refunds")


class RefundService:
    def __init__(
        self,
        repo: RefundsRepository,
        store: Callable[[], StoreSettings],
        terminal: Callable[[], TerminalSettings],
        approval: ManagerApproval | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.repo = repo
        self._store = store  # the current settings, read at each refund
        self._terminal = terminal
        self.approval = approval or NoStaffRolesYet()
        self.clock = clock

    def find(self, scanned_or_typed: str) -> SaleForRefund:
        """By receipt number typed, or the QR printed on the receipt."""
        receipt_no = receipt_number_from_scan(scanned_or_typed)
        sale_id = self.repo.sale_id_for_receipt(receipt_no)
        sale = None if sale_id is None else self.repo.load(sale_id)
        if sale is None:
            raise PosError(ErrorCode.REFUND_SALE_NOT_FOUND, receipt=receipt_no)
        return sale

    def preview(self, sale: SaleForRefund, quantities: Mapping[int, int]) -> RefundPlan:
        return _plan(sale, quantities)[0]

    def approval_request(
        self, sale: SaleForRefund, quantities: Mapping[int, int]
    ) -> ApprovalRequest:
        """What a manager approves for this refund: its money, its receipt, who asks."""
        plan = self.preview(sale, quantities)
        terminal = self._terminal()
        return ApprovalRequest(
            ApprovalAction.REFUND,
            plan.total.fen,
            requested_by=terminal.cashier_name,
            reference=sale.receipt_no,
            store_code=self._store().code,
            terminal_code=terminal.code,
            details={
                "sale_id": sale.sale_id,
                "points_clawback": plan.points_clawback,
                **{f"line_{no}": qty for no, qty in sorted(quantities.items())},
            },
            at=self.clock(),
        )

    def refund(
        self,
        sale: SaleForRefund,
        quantities: Mapping[int, int],
        reason: str = "",
        approval: Approval | None = None,
    ) -> RecordedRefund:
        """Record the refund. `approval` is what the confirmation obtained; it must
        cover this refund's money (never more than approved), else it is asked again."""
        plan = self.preview(sale, quantities)
        terminal = self._terminal()
        if approval is None or not approval.covers(
            ApprovalAction.REFUND, plan.total.fen, sale.receipt_no
        ):
            approval = ask(self.approval, self.approval_request(sale, quantities))
        if approval is None:
            raise PosError(ErrorCode.REFUND_NOT_APPROVED)
        approver = approval.approved_by
        recorded = self.repo.record(
            sale.sale_id,
            lambda fresh: _plan(fresh, quantities),
            store_code=self._store().code,
            terminal_code=terminal.code,
            cashier=terminal.cashier_name,
            approved_by=approver,
            reason=reason,
            now=self.clock(),
        )
        log.info(
            "refund %s of %s: %s fen, %s points clawed back",
            recorded.refund_no,
            sale.receipt_no,
            recorded.plan.total.fen,
            recorded.plan.points_clawback,
        )
        return recorded


def _plan(
    sale: SaleForRefund, quantities: Mapping[int, int]
) -> tuple[RefundPlan, list[PaidTender]]:
    member = sale.resident_id is not None
    if sale.promoted is not None:
        # what the customer keeps is re-priced: they give back only what they no
        # longer qualify for (pos_app.core.refund_promos)
        plan = plan_promoted_refund(
            sale.lines,
            sale.already,
            quantities,
            sale.promoted,
            contract=sale.contract,
            member=member,
        )
    else:
        plan = plan_refund(
            sale.lines, sale.already, quantities, contract=sale.contract, member=member
        )
    return plan, refund_tenders(plan.total, sale.paid)
