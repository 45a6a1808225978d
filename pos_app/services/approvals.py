"""Manager approval of acts where money or points leave the shop: the request
(what, how much, who asked, where, when) and the hooks that answer it.

The till's hook is `PinApproval` (in `pin_approval.py`): a pure policy says
whether a request needs a manager (`needs_manager`, from the typed thresholds);
the UI then asks a manager's PIN at that moment and calls `approve_with_pin`,
which verifies it and records the answer. `approve(request)` never blocks on a
screen: below the threshold it approves at once, above it only what a PIN
approved just before. `NoStaffRolesYet` approves everything (the services'
default when built alone, in tests).

A request carries what an audit needs (action, amount, reference, cashier,
till, time, details); each answer is written to the `approvals` table. An
approval also knows the approver's staff id (`approver_id`): what the central
server checks when a store-only promotion reaches it (a name proves nothing).
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

log = logging.getLogger("pos_app.approvals")


class ApprovalAction(enum.StrEnum):
    """What a manager is asked to approve."""

    REFUND = "refund"  # money back to a customer
    REDEMPTION = "redemption"  # points against a property-fee bill
    FULL_DISCOUNT = "full_discount"  # a line given away (100% off)
    CLEAR_CART = "clear_cart"  # a whole order with lines cancelled
    OPEN_PRICE = "open_price"  # an item with no barcode above the store's limit
    DRAWER = "drawer"  # the cash drawer opened without a sale
    SHIFT_DIFFERENCE = "shift_difference"  # a shift closed with the drawer not adding up
    TRAINING = "training"  # entering training mode (培训模式): a manager's PIN
    CASH_OUT = "cash_out"  # 取款: cash out of the drawer during a shift
    TRAINING_LEAVE = "training_leave"  # leaving it: the cashier alone
    DISCOUNT = "discount"  # a discount beyond the store's limit (details: percent)
    PRICE_OVERRIDE = "price_override"  # a line's price changed by hand
    ADD_STAFF = "add_staff"  # a staff member added on the till
    PROMOTION = "promotion"  # a store-only promotion set up, paused or ended on the till


@dataclass(frozen=True, slots=True)
class ApprovalRequest:
    """One act to approve; amounts in 分 (points for a redemption: 1 point = 1 分)."""

    action: ApprovalAction
    amount_fen: int
    requested_by: str = ""  # the cashier's name on this till
    reference: str = ""  # receipt number, bill id, line number… what the act is about
    store_code: str = ""
    terminal_code: str = ""
    details: Mapping[str, str | int] = field(default_factory=dict)
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


class Approver(str):
    """A hook's answer: the approving manager's name, carrying their staff id too.

    A str, so that every hook and wrapper that hands a name on (the audit's) hands
    this on unchanged, and `ask` finds the id in it."""

    staff_id: str

    def __new__(cls, name: str, staff_id: str) -> Approver:
        made = super().__new__(cls, name)
        made.staff_id = staff_id
        return made


@dataclass(frozen=True, slots=True)
class Approval:
    """A granted request: the approver's name ("" when no manager was asked) and
    staff id ("" when none is known: no manager was asked)."""

    request: ApprovalRequest
    approved_by: str
    approver_id: str = ""

    def covers(self, action: ApprovalAction, amount_fen: int, reference: str = "") -> bool:
        """True when this approval is for that act: same kind, same reference, and
        no more money than was approved (a confirmation of ¥10 never pays ¥100)."""
        r = self.request
        return r.action is action and r.reference == reference and amount_fen <= r.amount_fen


class ManagerApproval(Protocol):
    def approve(self, request: ApprovalRequest) -> str | None:
        """The approving manager's name ("" when none was needed; an `Approver` when
        the hook knows their staff id), or None when refused."""


class NoStaffRolesYet:
    """Approves everything the cashier confirmed; says so in the log."""

    def approve(self, request: ApprovalRequest) -> str | None:
        log.info(
            "%s of %s fen (%s) approved without a manager PIN (no staff roles yet)",
            request.action.value,
            request.amount_fen,
            request.reference or "-",
        )
        return ""


def ask(hook: ManagerApproval, request: ApprovalRequest) -> Approval | None:
    """The hook's answer as an `Approval`, or None when refused."""
    approver = hook.approve(request)
    if approver is None:
        return None
    staff_id = approver.staff_id if isinstance(approver, Approver) else ""
    return Approval(request, str(approver), staff_id)
