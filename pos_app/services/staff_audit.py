"""Staff acts in the audit log: every sign-in, switch of cashier, wrong PIN,
lockout, lock, unlock, staff added and manager PIN given or refused becomes an
entry (the StaffService's events, `staff_listener`), and the cash drawer opened
without a sale writes its own entry when it opens (`drawer_opened`).

The approval of an act itself (who asked, who approved, what, how much) is
recorded by `AuditedApproval` when the act's service asks the hook; the entries
here say who did what at the till. Details hold staff ids and codes, never a
PIN.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable

from pos_app.core.errors import PosError
from pos_app.persistence.audit_repo import Detail
from pos_app.services.approvals import Approval
from pos_app.services.audit import AuditService

log = logging.getLogger("pos_app.audit")


class DrawerReason(enum.StrEnum):
    """Why the cash drawer was opened without a sale (the cashier picks one)."""

    CHANGE = "change"  # change for a customer (换零钱)
    COUNT = "count"  # counting or checking the cash
    OTHER = "other"


#: StaffService event → audit kind
STAFF_KINDS = {
    "sign_in": "sign_in",
    "switch": "switch_cashier",
    "pin_failed": "pin_failed",
    "locked_out": "locked_out",
    "lock": "screen_lock",
    "unlock": "unlock",
    "sign_out": "sign_out",
    "staff_added": "staff_added",
    "approval": "manager_pin",
    "approval_refused": "approval_refused",
}


def staff_listener(audit: AuditService, signed_in: Callable[[], str]) -> Callable[..., None]:
    """A StaffService listener writing each event as an audit entry. The actor is
    who did it: the manager who added a staff member (`by`), the person the event
    is about (`name`), else who asked (`requested_by`), else who is signed in."""

    def listener(kind: str, **details: object) -> None:
        audit_kind = STAFF_KINDS.get(kind)
        if audit_kind is None:
            return
        name = str(details.pop("name", ""))
        by = details.pop("by", None)
        if by:  # staff added: the manager did it, the new member is what it is about
            actor, details["staff_name"] = str(by), name
        else:
            actor = name or str(details.get("requested_by") or signed_in())
        subject = str(details.pop("reference", "") or details.get("staff_id", ""))
        kept: dict[str, Detail] = {
            k: v if isinstance(v, str | int | bool) or v is None else str(v)
            for k, v in details.items()
        }
        try:
            audit.record(audit_kind, actor, subject, **kept)
        except PosError:  # storage trouble: the act is done; the log says so
            log.exception("staff event %s could not be audited", kind)

    return listener


def drawer_opened(
    audit: AuditService,
    actor: str,
    approval: Approval | None,
    reason: DrawerReason,
    reference: str = "",
) -> int:
    """The drawer opened without a sale: who opened it, who approved (none: a till
    without staff asks no PIN), why, and the open order it was opened over. Its id."""
    return audit.record(
        "drawer_open",
        actor,
        approval.request.reference if approval is not None else reference,
        approved_by=approval.approved_by if approval is not None else "",
        reason=DrawerReason(reason).value,
    )
