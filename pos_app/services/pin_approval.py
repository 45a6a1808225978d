"""The till's manager-approval hook: a manager's PIN, asked at the moment an
act needs one, every answer recorded.

`needs_manager(request)` is the pure policy (`pos_app.core.staff`) on the
current typed thresholds. The confirm dialog asks it; when true it opens the
PIN dialog and calls `approve_with_pin`, which verifies the PIN (with the
lockout of `StaffService.check`), checks that the person may approve, records
the answer in the `approvals` table, and returns the `Approval` the act keeps.

`approve(request)` is the hook's non-blocking answer for services that ask
on their own (an open-price item, a refund without an approval in hand):
below the threshold it approves at once (recorded "not_needed"); above it,
only a PIN approval given for that very act just before (`hold=True`), once
(its answer an `Approver`: the name with the staff id); otherwise it refuses
(recorded "no_pin"). A manager who is also the cashier
gives their PIN again: being signed in approves nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.staff import Act, ApprovalThresholds, needs_manager
from pos_app.options import TillSettings
from pos_app.persistence.staff_repo import ApprovalRecord, StaffRepository
from pos_app.services.approvals import Approval, ApprovalRequest, Approver
from pos_app.services.staff import StaffService

log = logging.getLogger("pos_app.approvals")

HOLD_FOR = timedelta(minutes=2)  # a held PIN approval is for the act in hand, not later ones


class PinApproval:
    def __init__(
        self,
        staff: StaffService,
        repo: StaffRepository,
        thresholds: Callable[[], ApprovalThresholds],
        terminal_code: Callable[[], str],
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.staff = staff
        self.repo = repo
        self._thresholds = thresholds
        self._terminal_code = terminal_code
        self._clock = clock
        self._held: list[tuple[Approval, datetime]] = []

    def needs_manager(self, request: ApprovalRequest) -> bool:
        percent = request.details.get("percent", 0)
        return needs_manager(
            Act(request.action.value),
            request.amount_fen,
            self._thresholds(),
            percent=percent if isinstance(percent, int) else 0,
        )

    def approve(self, request: ApprovalRequest) -> str | None:
        if not self.needs_manager(request):
            self._record(request, "", "", granted=True, reason="not_needed")
            return ""
        held = self._take_held(request)
        if held is not None:
            return Approver(held.approved_by, held.approver_id)
        self._record(request, "", "", granted=False, reason="no_pin")
        log.info("%s of %s refused: no manager PIN", request.action.value, request.amount_fen)
        return None

    def approve_with_pin(
        self, request: ApprovalRequest, staff_id: str, pin: str, *, hold: bool = False
    ) -> Approval:
        """A manager's PIN for `request`: the Approval, or a PosError (PIN_WRONG,
        STAFF_LOCKED_OUT, STAFF_UNKNOWN, NOT_A_MANAGER), each answer recorded.
        `hold` keeps the approval for the service's own `approve` of this act."""
        try:
            member = self.staff.check(staff_id, pin)
        except PosError as exc:
            self._record(request, staff_id, "", granted=False, reason=exc.code.value)
            self.staff.emit("approval_refused", action=request.action.value, reason=exc.code.value)
            raise
        if not member.is_manager:
            self._record(request, member.id, member.name, granted=False, reason="not_a_manager")
            self.staff.emit("approval_refused", action=request.action.value, reason="not_a_manager")
            raise PosError(ErrorCode.NOT_A_MANAGER)
        self._record(request, member.id, member.name, granted=True, reason="pin")
        approval = Approval(request, member.name, member.id)
        self.staff.emit(
            "approval",
            action=request.action.value,
            amount=request.amount_fen,
            reference=request.reference,
            approver=member.name,
            requested_by=request.requested_by,
        )
        if hold:
            self._held.append((approval, self._clock()))
        return approval

    def _take_held(self, request: ApprovalRequest) -> Approval | None:
        now = self._clock()
        self._held = [(a, at) for a, at in self._held if now - at <= HOLD_FOR]
        for i, (approval, _at) in enumerate(self._held):
            if approval.covers(request.action, request.amount_fen, request.reference):
                del self._held[i]  # once: the next act asks again
                return approval
        return None

    def _record(
        self, request: ApprovalRequest, approver_id: str, name: str, *, granted: bool, reason: str
    ) -> None:
        self.repo.record_approval(
            ApprovalRecord(
                request.action.value,
                request.amount_fen,
                request.reference,
                # who asked is who is signed in (a dialog may still put the setting's name)
                self.staff.cashier_name() if self.staff.current else request.requested_by,
                approver_id,
                name,
                granted,
                reason,
                request.terminal_code or self._terminal_code(),
                self._clock(),
            )
        )


def thresholds_of(settings: TillSettings) -> ApprovalThresholds:
    """The typed settings as the policy's thresholds (read at each request, so a
    changed setting applies at once)."""
    s = settings.staff
    return ApprovalThresholds(
        refund_above_fen=s.refund_above_fen,
        redemption_above_points=s.redemption_above_points,
        discount_limit_percent=s.discount_limit_percent,
        open_price_limit_fen=settings.store.open_price_limit_fen,
        shift_difference_above_fen=s.shift_difference_above_fen,
    )


def pin_hook(hook: object) -> PinApproval | None:
    """The PIN approval behind `hook`, which may wrap it (the audit's
    `AuditedApproval` does), or None when no manager PIN is ever asked."""
    seen = 0
    while hook is not None and seen < 8:
        if isinstance(hook, PinApproval):
            return hook
        hook, seen = getattr(hook, "inner", None), seen + 1
    return None
