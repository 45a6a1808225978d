"""The resident side of the checkout window: the customer panel, clearing the
resident, finding one by phone, a resumed or restored order whose resident
could not come back, returns (F11), and the customer-facing screen when there
is one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.receipt_codes import CLAIM_PREFIX
from pos_app.services.account_views import PhoneMatch
from pos_app.services.refunds import RecordedRefund
from pos_app.ui.dialogs.claim_dialog import ClaimDialog
from pos_app.ui.dialogs.member_lookup_dialog import MemberLookupDialog
from pos_app.ui.dialogs.redeem_dialog import RedeemDialog
from pos_app.ui.dialogs.refund_dialog import RefundDialog

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow


class ResidentActions:
    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.refund_dialog: RefundDialog | None = None
        # labels are functions, so a language change relabels the keys
        window.add_button(
            4,
            0,
            lambda: QCoreApplication.translate("ResidentActions", "Resident off"),
            "F10",
            self.clear,
        )
        window.add_button(
            4,
            1,
            lambda: QCoreApplication.translate("ResidentActions", "Returns"),
            "F11",
            self.open_refund,
        )
        window.add_button(
            5,
            0,
            lambda: QCoreApplication.translate("ResidentActions", "Points → fee"),
            "F2",
            self.open_redeem,
        )
        window.add_button(  # a resident who left their phone at home
            5,
            1,
            lambda: QCoreApplication.translate("ResidentActions", "By phone"),
            "Ctrl+M",
            lambda: find_member_by_phone(self.w),
        )
        self.side_dialog: RedeemDialog | ClaimDialog | None = None

    def refresh(self) -> None:
        checkout = self.w.checkout
        self.w.customer_panel.show_member(checkout.member, checkout.points_preview())

    def clear(self) -> None:
        if self.w.checkout.member is None:
            return
        self.w.apply_change(self.w.checkout.clear_member())
        self.w.show_message(
            QCoreApplication.translate("ResidentActions", "Resident removed from this sale.")
        )

    def dropped(self, code: ErrorCode) -> None:
        """A resumed or restored order is at shelf prices: say why, and beep."""
        self.w.show_message(dropped_text(code), error=True)
        QApplication.beep()

    def identified(self) -> None:
        member = self.w.checkout.member
        if member is not None:
            name = member.member.masked_name or member.member.resident_id
            self.w.show_message(
                QCoreApplication.translate(
                    "ResidentActions", "Resident {name}: member prices and points apply."
                ).format(name=name)
            )

    def receipt_scanned(self, code: str) -> None:
        """A receipt's QR at the counter: an anonymous receipt's points, or a return."""
        if code.startswith(CLAIM_PREFIX):
            dialog = ClaimDialog(self.w.context.sync, code, self.w)
            dialog.sig_return_instead.connect(self.open_refund)
            self._open_side(dialog)
        else:
            self.open_refund(code)

    def open_redeem(self) -> None:
        member = self.w.checkout.member
        if member is None:
            self.w.show_error(PosError(ErrorCode.MEMBER_UNKNOWN))
            return
        dialog = RedeemDialog(
            self.w.context.sync,
            member.member.resident_id,
            self.w,
            approval=self.w.context.approval,  # the one hook the till's acts share
            redeem=self.w.context.redemptions.redeem,  # kept for the shift's Z report
            cashier=self.w.context.cashier_name,
        )
        dialog.sig_redeemed.connect(
            lambda response: self.w.printing.on_redeemed(
                response, member.member.masked_name or "*", dialog.last_period
            )
        )
        dialog.sig_redeemed.connect(lambda _response: self._sync_soon())
        self._open_side(dialog)

    def _sync_soon(self) -> None:
        """Pull the new balance the server now holds."""
        worker = self.w.sync_worker
        if worker is not None:
            worker.run_now()

    def _open_side(self, dialog: RedeemDialog | ClaimDialog) -> None:
        self.side_dialog = dialog

        def closed(_result: int) -> None:
            dialog.deleteLater()
            self.side_dialog = None
            self.w.scan_field.setFocus()

        dialog.finished.connect(closed)
        dialog.open()

    def open_refund(self, code: str | None = None) -> None:
        if self.refund_dialog is None:
            dialog = RefundDialog(self.w.context.refunds, self.w)
            dialog.sig_refunded.connect(self.on_refund_sig_refunded)
            dialog.finished.connect(lambda _r: self._closed())
            self.refund_dialog = dialog
            dialog.open()
        if code:
            self.refund_dialog.load(code)
        self.refund_dialog.raise_()

    def on_refund_sig_refunded(self, refund: RecordedRefund) -> None:
        self.w.refresh_pending()
        self.w.printing.on_refund(refund)
        self.w.show_message(
            QCoreApplication.translate(
                "ResidentActions", "Refund {no}: {amount} given back."
            ).format(no=refund.refund_no, amount=refund.plan.total.format())
        )

    def _closed(self) -> None:
        if self.refund_dialog is not None:
            self.refund_dialog.deleteLater()
        self.refund_dialog = None
        self.w.scan_field.setFocus()


def find_member_by_phone(window: MainWindow) -> MemberLookupDialog:
    """Open the lookup by the last four digits of the phone; the resident picked
    joins the cart as a scanned membership QR would, without its signed code."""
    dialog = MemberLookupDialog(window.context.members, window)

    def chosen(match: PhoneMatch) -> None:
        try:
            view = window.context.members.choose(match)
            window.apply_change(window.checkout.attach_member(view))
        except PosError as exc:
            window.show_error(exc)
            return
        window.show_message(
            QCoreApplication.translate(
                "ResidentActions",
                "Resident {name}, found by phone: member prices apply; "
                "points will be confirmed after review.",
            ).format(name=match.masked_name or match.resident_id)
        )

    def closed(_result: int) -> None:
        dialog.deleteLater()
        window.scan_field.setFocus()

    dialog.sig_chosen.connect(chosen)
    dialog.finished.connect(closed)
    dialog.open()
    return dialog


def dropped_text(code: ErrorCode) -> str:
    """Why the resident saved with an order did not come back with it."""
    c = ErrorCode
    unreadable = QCoreApplication.translate("ResidentActions", "the saved resident is unreadable")
    reasons = {
        c.MEMBER_UNKNOWN: QCoreApplication.translate(
            "ResidentActions", "no resident was saved with it"
        ),
        c.QR_MALFORMED: unreadable,
        c.QR_TOO_LONG: unreadable,
        c.QR_NOT_YET_VALID: unreadable,
        c.QR_FORGED: QCoreApplication.translate(
            "ResidentActions", "their code's key is no longer trusted"
        ),
        c.QR_TAMPERED: QCoreApplication.translate(
            "ResidentActions", "the saved resident was altered"
        ),
        c.QR_EXPIRED: QCoreApplication.translate(
            "ResidentActions", "they were identified too long ago"
        ),
        c.QR_REVOKED: QCoreApplication.translate(
            "ResidentActions", "their membership was revoked since"
        ),
        c.QR_WRONG_COMMUNITY: QCoreApplication.translate(
            "ResidentActions", "they belong to another property company"
        ),
        c.QR_REPLAYED: QCoreApplication.translate(
            "ResidentActions", "their code was used for another sale"
        ),
    }
    reason = reasons.get(code) or QCoreApplication.translate(
        "ResidentActions", "they could not be checked"
    )
    return QCoreApplication.translate(
        "ResidentActions",
        "Order back at shelf prices, without its resident ({reason}): "
        "scan their membership code again.",
    ).format(reason=reason)
