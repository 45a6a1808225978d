"""Shift use cases (交班): open with a float, cash in and out, the X read, and
the Z close with a count by denomination, its report printed, stored and
queued for the central server.

The X read and the Z close both go through core.shift.summarize over the same
records (this till's sales, refunds, cash movements and redemptions since the
shift opened), so the expected drawer of an X read taken just before the close is
the Z's. A close whose count differs from the expected drawer needs a
manager's approval (ApprovalAction.SHIFT_DIFFERENCE).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.shift import (
    CashCount,
    CashMovement,
    Denomination,
    MovementKind,
    ShiftFigures,
    ZClose,
    check_amount,
    close,
    figures_from_dict,
    figures_to_dict,
    summarize,
)
from pos_app.options import StoreSettings, TerminalSettings
from pos_app.persistence.shifts_repo import ShiftRecord, ShiftsRepository
from pos_app.receipts.document import ReceiptData, StoreInfo
from pos_app.receipts.shift_report import shift_receipt
from pos_app.services.approvals import (
    ApprovalAction,
    ApprovalRequest,
    ManagerApproval,
    NoStaffRolesYet,
)

__all__ = ["ClosedShift", "ShiftRecord", "ShiftService"]

log = logging.getLogger("pos_app.shifts")


@dataclass(frozen=True, slots=True)
class ClosedShift:
    record: ShiftRecord
    z: ZClose
    receipt: ReceiptData
    printed: bool = False  # queued for the printer (False: no printer, or not queued)


class ShiftService:
    def __init__(
        self,
        repo: ShiftsRepository,
        *,
        store: Callable[[], StoreSettings],
        terminal: Callable[[], TerminalSettings],
        approval: ManagerApproval | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        enqueue_receipt: Callable[[ReceiptData], object] | None = None,
    ) -> None:
        self.repo = repo
        self._store = store
        self._terminal = terminal
        self.approval = approval or NoStaffRolesYet()
        self.clock = clock
        # the print queue (PrintService.enqueue_receipt); None: nothing printed
        self.enqueue_receipt = enqueue_receipt

    # --- state -----------------------------------------------------------------

    def current(self) -> ShiftRecord | None:
        return self.repo.current()

    def current_id(self) -> str | None:
        """The open shift's id; the checkout refuses a sale when None."""
        return self.repo.current_id()

    def require_open(self) -> ShiftRecord:
        shift = self.repo.current()
        if shift is None:
            raise PosError(ErrorCode.SHIFT_NOT_OPEN)
        return shift

    # --- acts ------------------------------------------------------------------

    def open(self, float_fen: int) -> ShiftRecord:
        """Open a shift with the float counted into the drawer (may be ¥0.00)."""
        check_amount(float_fen)
        if self.repo.current() is not None:
            raise PosError(ErrorCode.SHIFT_ALREADY_OPEN)
        terminal = self._terminal()
        shift = self.repo.open(
            store_code=self._store().code,
            terminal_code=terminal.code,
            opened_by=terminal.cashier_name,
            float_fen=float_fen,
            now=self.clock(),
        )
        log.info("shift %s opened with a float of %s fen", shift.shift_no, float_fen)
        return shift

    def cash_in(self, amount_fen: int, reason: str) -> CashMovement:
        """备用金 added to the drawer during the shift."""
        return self._move(MovementKind.CASH_IN, amount_fen, reason)

    def cash_out_request(self, amount_fen: int, reason: str) -> ApprovalRequest:
        """What a manager approves for a 取款 of `amount_fen`, as `cash_out` asks it
        (the counter asks for the PIN first, then records)."""
        shift = self.require_open()
        terminal = self._terminal()
        return ApprovalRequest(
            action=ApprovalAction.CASH_OUT,
            amount_fen=amount_fen,
            requested_by=terminal.cashier_name,
            reference=shift.shift_no,
            store_code=self._store().code,
            terminal_code=terminal.code,
            details={"reason": reason.strip()[:40]},
            at=self.clock(),
        )

    def cash_out(self, amount_fen: int, reason: str) -> CashMovement:
        """取款: cash taken out of the drawer (to the safe, the bank…), with a
        manager's approval: only a manager makes money leave (CASH_OUT_NOT_APPROVED)."""
        check_amount(amount_fen)
        if self.approval.approve(self.cash_out_request(amount_fen, reason)) is None:
            raise PosError(ErrorCode.CASH_OUT_NOT_APPROVED, amount_fen=amount_fen)
        return self._move(MovementKind.CASH_OUT, amount_fen, reason)

    def _move(self, kind: MovementKind, amount_fen: int, reason: str) -> CashMovement:
        shift = self.require_open()
        movement = CashMovement(
            kind=kind,
            amount_fen=amount_fen,
            reason=reason.strip(),
            at=self.clock(),
            cashier=self._terminal().cashier_name,
        )
        self.repo.add_movement(shift.shift_id, movement)
        log.info("%s of %s fen in shift %s", kind.value, amount_fen, shift.shift_no)
        return movement

    def movements(self) -> list[CashMovement]:
        return self.repo.movements(self.require_open().shift_id)

    # --- reads -----------------------------------------------------------------

    def figures(self, shift: ShiftRecord, until: datetime | None = None) -> ShiftFigures:
        """The shift's figures from its records up to `until` (None: all so far)."""
        return summarize(
            float_fen=shift.float_fen,
            sales=self.repo.sales_between(shift.opened_at, until),
            refunds=self.repo.refunds_between(shift.opened_at, until),
            movements=[
                m for m in self.repo.movements(shift.shift_id) if until is None or m.at < until
            ],
            redemptions=self.repo.redemptions_between(shift.opened_at, until),
        )

    def x_read(self) -> ShiftFigures:
        """The X read: what the open shift adds up to now; nothing is closed."""
        return self.figures(self.require_open())

    def x_receipt(self) -> ReceiptData:
        shift = self.require_open()
        return shift_receipt(
            store=self._store_info(),
            shift_no=shift.shift_no,
            opened_by=shift.opened_by,
            opened_at=shift.opened_at,
            figures=self.figures(shift),
            issued_at=self.clock(),
            cashier=self._terminal().cashier_name,
        )

    def print_x(self) -> bool:
        """Queue the X read for the printer; False when it could not be queued."""
        return self._print(self.x_receipt())

    def _print(self, receipt: ReceiptData) -> bool:
        """Queue a report; a storage failure never undoes what is already stored
        (the Z is closed): it is logged and the report can be printed again."""
        if self.enqueue_receipt is None:
            return False
        try:
            return self.enqueue_receipt(receipt) is not None
        except PosError as exc:
            log.warning("shift report %s not queued: %s", receipt.number, exc.code.value)
            return False

    def preview_close(self, count: CashCount) -> ZClose:
        """What the Z close would say with this count (the dialog's difference)."""
        return close(self.x_read(), count)

    def difference_request(self, count: CashCount) -> ApprovalRequest | None:
        """What a manager approves to close with this count (None: it adds up), as the
        close will ask it: the counter asks for the PIN first, then closes."""
        shift = self.require_open()
        now = self.clock()
        return self._difference_request(shift, close(self.figures(shift, until=now), count), now)

    def _difference_request(
        self, shift: ShiftRecord, z: ZClose, now: datetime
    ) -> ApprovalRequest | None:
        if z.difference_fen == 0:
            return None
        terminal = self._terminal()
        return ApprovalRequest(
            action=ApprovalAction.SHIFT_DIFFERENCE,
            amount_fen=abs(z.difference_fen),
            requested_by=terminal.cashier_name,
            reference=shift.shift_no,
            store_code=self._store().code,
            terminal_code=terminal.code,
            details={"expected_fen": z.figures.expected_cash_fen, "counted_fen": z.counted_fen},
            at=now,
        )

    def close(self, count: CashCount) -> ClosedShift:
        """The Z close: count, approval of a difference, report stored and queued
        for sync in one transaction, then printed (a printer problem never
        undoes a close: the report can be printed again)."""
        shift = self.require_open()
        now = self.clock()
        z = close(self.figures(shift, until=now), count)
        terminal = self._terminal()
        approved_by: str | None = None
        request = self._difference_request(shift, z, now)
        if request is not None:
            approved_by = self.approval.approve(request)
            if approved_by is None:
                raise PosError(
                    ErrorCode.SHIFT_DIFFERENCE_NOT_APPROVED, difference_fen=z.difference_fen
                )
        figures = figures_to_dict(z.figures)
        counted = {int(d): n for d, n in z.counted.items()}
        record = self.repo.close(
            shift.shift_id,
            closed_at=now,
            closed_by=terminal.cashier_name,
            approved_by=approved_by,
            figures=figures,
            counted=counted,
            counted_fen=z.counted_fen,
            difference_fen=z.difference_fen,
            outbox_payload=shift_payload(
                shift,
                z,
                self.repo.movements(shift.shift_id),
                closed_at=now,
                closed_by=terminal.cashier_name,
                approved_by=approved_by,
            ),
        )
        log.info("shift %s closed, difference %s fen", shift.shift_no, z.difference_fen)
        receipt = self.z_receipt(record)
        return ClosedShift(record, z, receipt, printed=self._print(receipt))

    def z_receipt(self, record: ShiftRecord) -> ReceiptData:
        """The Z report of a closed shift, as stored (for a reprint too)."""
        if record.closed_at is None or record.figures is None or record.counted is None:
            raise PosError(ErrorCode.SHIFT_NOT_OPEN)
        figures = figures_from_dict(record.figures)
        z = close(figures, {Denomination(d): n for d, n in record.counted.items()})
        return shift_receipt(
            store=self._store_info(),
            shift_no=record.shift_no,
            opened_by=record.opened_by,
            opened_at=record.opened_at,
            figures=figures,
            issued_at=record.closed_at,
            cashier=record.closed_by or "",
            z=z,
            approved_by=record.approved_by,
        )

    def _store_info(self) -> StoreInfo:
        store = self._store()
        return StoreInfo(store.name, store.community, self._terminal().code)


def shift_payload(
    shift: ShiftRecord,
    z: ZClose,
    movements: list[CashMovement],
    *,
    closed_at: datetime,
    closed_by: str,
    approved_by: str | None,
) -> dict[str, object]:
    """The outbox record of a closed shift (sync.protocol.payloads.ShiftPayload)."""
    return {
        "shift_id": shift.shift_id,
        "shift_no": shift.shift_no,
        "store_code": shift.store_code,
        "terminal_code": shift.terminal_code,
        "opened_at": shift.opened_at.isoformat(),
        "closed_at": closed_at.isoformat(),
        "opened_by": shift.opened_by,
        "closed_by": closed_by,
        "approved_by": approved_by or "",
        "float_fen": shift.float_fen,
        "movements": [
            {
                "kind": m.kind.value,
                "amount_fen": m.amount_fen,
                "reason": m.reason,
                "at": m.at.isoformat(),
            }
            for m in movements
            if m.at < closed_at
        ],
        "counted": {str(int(d)): n for d, n in z.counted.items()},
        "counted_fen": z.counted_fen,
        "difference_fen": z.difference_fen,
        "figures": figures_to_dict(z.figures),
    }
