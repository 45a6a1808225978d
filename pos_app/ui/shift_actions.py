"""The shift keys (交班) on the second key page: open the shift with its float (or
close it with the Z count once open), the X read, cash in (备用金) and cash out
(取款). Paying with no shift open offers to open one (`ensure_open`).

Every dialog is non-blocking (`open`), so a scan never waits behind it; the
service does the work and the status bar says what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.shift import CashCount
from pos_app.services.pin_approval import pin_hook
from pos_app.ui.dialogs.approval_dialog import ApprovalDialog
from pos_app.ui.dialogs.shift_close_dialog import ShiftCloseDialog
from pos_app.ui.dialogs.shift_dialogs import CashMoveDialog, XReadDialog
from pos_app.ui.widgets.number_pad import NumberPadDialog

if TYPE_CHECKING:
    from pos_app.services.shifts import ClosedShift
    from pos_app.ui.main_window import MainWindow


class ShiftActions:
    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.shifts = window.context.shifts
        self.dialog: QDialog | None = None  # one shift dialog at a time
        self.shift_key = window.add_button(
            6, 0, self._shift_label, "Ctrl+Shift+O", self.open_or_close
        )
        window.add_button(
            6,
            1,
            lambda: QCoreApplication.translate("ShiftActions", "X read"),
            "Ctrl+Shift+X",
            self.x_read,
        )
        window.add_button(
            7,
            0,
            lambda: QCoreApplication.translate("ShiftActions", "Cash in"),
            "Ctrl+Shift+I",
            self.cash_in,
        )
        window.add_button(
            7,
            1,
            lambda: QCoreApplication.translate("ShiftActions", "Cash out"),
            "Ctrl+Shift+U",
            self.cash_out,
        )
        if self.shifts.current() is None:
            window.show_message(
                QCoreApplication.translate(
                    "ShiftActions", "No shift open: open one with its float (Ctrl+Shift+O)."
                )
            )

    def _shift_label(self) -> str:
        if self.shifts.current() is None:
            return QCoreApplication.translate("ShiftActions", "Open shift")
        return QCoreApplication.translate("ShiftActions", "Close shift (Z)")

    def _show(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.close()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        screen = self.w.screen().availableGeometry()
        dialog.setMaximumSize(screen.width(), screen.height())  # a 1024×768 till
        dialog.finished.connect(lambda _r, d=dialog: self._closed(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.shift_key.retranslate()
        self.w.scan_field.setFocus()

    # --- keys ------------------------------------------------------------------

    def ensure_open(self) -> bool:
        """True when a shift is open; otherwise say so and offer to open one."""
        if self.shifts.current() is not None:
            return True
        self.w.show_error(PosError(ErrorCode.SHIFT_NOT_OPEN))
        self.open_shift()
        return False

    def open_or_close(self) -> None:
        if self.shifts.current() is None:
            self.open_shift()
        else:
            self.close_shift()

    def open_shift(self) -> None:
        dialog = NumberPadDialog(
            QCoreApplication.translate("ShiftActions", "Open shift"),
            QCoreApplication.translate("ShiftActions", "Float counted into the drawer (¥):"),
            self.w,
        )
        dialog.setObjectName("openShiftDialog")
        dialog.sig_value_entered.connect(self._typed_float)
        self._show(dialog)

    def _typed_float(self, text: str) -> None:
        try:
            shift = self.shifts.open(Money.parse(text).fen)
        except PosError as exc:
            self.w.show_error(exc)
            return
        self.shift_key.retranslate()
        self.w.show_message(
            QCoreApplication.translate("ShiftActions", "Shift {number} open, float {amount}.")
            .format(number=shift.shift_no, amount=Money(shift.float_fen).format())
        )  # fmt: skip

    def _move(self, cash_in: bool) -> None:
        if not self.ensure_open():
            return
        if cash_in:
            title = QCoreApplication.translate("ShiftActions", "Cash in")
            reasons = [QCoreApplication.translate("ShiftActions", "Float top-up")]
            move = self.shifts.cash_in
        else:
            title = QCoreApplication.translate("ShiftActions", "Cash out")
            reasons = [
                QCoreApplication.translate("ShiftActions", "To the safe"),
                QCoreApplication.translate("ShiftActions", "To the bank"),
            ]
            move = self.shifts.cash_out
        dialog = CashMoveDialog(title, reasons, move, self.w)
        if not cash_in:
            dialog.ask_manager = lambda fen, why, then: self._ask_cash_out(dialog, fen, why, then)
        dialog.sig_moved.connect(
            lambda m: self.w.show_message(
                QCoreApplication.translate("ShiftActions", "{what} of {amount} recorded.").format(
                    what=title, amount=Money(m.amount_fen).format()
                )
            )
        )
        self._show(dialog)

    def cash_in(self) -> None:
        self._move(True)

    def cash_out(self) -> None:
        self._move(False)

    def x_read(self) -> None:
        if not self.ensure_open():
            return
        dialog = XReadDialog(self.shifts.x_read(), self.w)
        dialog.sig_print_requested.connect(self.print_x)
        self._show(dialog)

    def print_x(self) -> None:
        if self.shifts.print_x():
            self.w.printing.worker.kick()
            self.w.show_message(QCoreApplication.translate("ShiftActions", "X read printing."))
        else:
            self.w.show_message(
                QCoreApplication.translate("ShiftActions", "The X read was not printed."),
                error=True,
            )

    def close_shift(self) -> None:
        if not self.ensure_open():
            return
        expected = self.shifts.x_read().expected_cash_fen
        dialog = ShiftCloseDialog(expected, self.shifts.close, self.w)
        dialog.setObjectName("closeShiftDialog")
        dialog.ask_manager = lambda count, then: self._ask_manager(dialog, count, then)
        dialog.sig_closed.connect(self._closed_shift)
        self._show(dialog)

    def _ask_manager(self, parent: QDialog, count: CashCount, then: Callable[[], None]) -> bool:
        """A difference beyond the threshold: the manager's PIN first (held for the
        close's own approval), then `then`. False when no PIN is needed."""
        request = self.shifts.difference_request(count)
        pin = pin_hook(self.w.context.approval)
        if request is None or pin is None or not pin.needs_manager(request):
            return False
        dialog = ApprovalDialog(
            pin,
            request,
            QCoreApplication.translate(
                "ShiftActions", "Close the shift with a difference of {amount}"
            ).format(amount=Money(request.amount_fen).format()),
            parent,
            hold=True,
        )
        dialog.sig_approved.connect(lambda _approval: then())
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return True

    def _ask_cash_out(
        self, parent: QDialog, amount_fen: int, reason: str, then: Callable[[], None]
    ) -> bool:
        """取款: the manager's PIN first (held for the service's own approval), then
        `then`. False when no PIN hook (a test's plain hook decides alone)."""
        pin = pin_hook(self.w.context.approval)
        request = self.shifts.cash_out_request(amount_fen, reason)
        if pin is None or not pin.needs_manager(request):
            return False
        dialog = ApprovalDialog(
            pin,
            request,
            QCoreApplication.translate("ShiftActions", "Take {amount} out of the drawer").format(
                amount=Money(amount_fen).format()
            ),
            parent,
            hold=True,
        )
        dialog.sig_approved.connect(lambda _approval: then())
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return True

    def _closed_shift(self, closed: ClosedShift) -> None:
        if closed.printed:
            self.w.printing.worker.kick()
        self.w.show_message(
            QCoreApplication.translate(
                "ShiftActions", "Shift {number} closed: difference {amount}."
            ).format(number=closed.record.shift_no, amount=Money(closed.z.difference_fen).format())
        )
