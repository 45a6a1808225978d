"""Returns and refunds: find the sale, choose lines, give money back the way it
came, restock, and claw back the points the refund un-earns.

A refund needs a manager's approval. Staff roles and PINs come with the
manager features; until then `ManagerApproval` is the hook, and the default
`NoStaffRolesYet` approves and records that no manager was asked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from pos_app.config import StoreSettings, TerminalSettings
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.receipt_codes import receipt_number_from_scan
from pos_app.core.refund import PaidTender, RefundPlan, plan_refund, refund_tenders
from pos_app.persistence.refunds_repo import RecordedRefund, RefundsRepository, SaleForRefund

# the UI names the refund it shows through this module, never through persistence
__all__ = [
    "ManagerApproval",
    "NoStaffRolesYet",
    "RecordedRefund",
    "RefundRequest",
    "RefundService",
    "SaleForRefund",
]

log = logging.getLogger("pos_app.refunds")


@dataclass(frozen=True, slots=True)
class RefundRequest:
    sale_id: str
    receipt_no: str
    quantities: Mapping[int, int]
    total_fen: int


class ManagerApproval(Protocol):
    def approve(self, request: RefundRequest) -> str | None:
        """The approving manager's name, or None when refused."""


class NoStaffRolesYet:
    def approve(self, request: RefundRequest) -> str | None:
        log.info(
            "refund of %s approved without a manager PIN (no staff roles yet)", request.receipt_no
        )
        return ""


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

    def refund(
        self, sale: SaleForRefund, quantities: Mapping[int, int], reason: str = ""
    ) -> RecordedRefund:
        plan = self.preview(sale, quantities)
        terminal = self._terminal()
        approver = self.approval.approve(
            RefundRequest(sale.sale_id, sale.receipt_no, dict(quantities), plan.total.fen)
        )
        if approver is None:
            raise PosError(ErrorCode.REFUND_NOT_APPROVED)
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
    plan = plan_refund(
        sale.lines,
        sale.already,
        quantities,
        contract=sale.contract,
        member=sale.resident_id is not None,
    )
    return plan, refund_tenders(plan.total, sale.paid)
