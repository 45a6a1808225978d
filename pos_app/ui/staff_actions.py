"""Staff on the checkout window: the sign-in page before the checkout works,
the screen lock after idle time (the cart stays), unlock by the same person's
or a manager's PIN, Switch cashier (cart and shift untouched), and the Drawer
key that opens the cash drawer without a sale after a reason and a manager's
PIN, with its own audit entry once it opened.

The window's central widget becomes a stack: the checkout, and the sign-in
page. While the page shows, every key of the window is disabled and scans are
ignored (`blocks_input`), so nothing reaches the order behind a locked screen.
A till with no staff at all (an empty database, the command line) works as
before, with the `cashier.name` setting.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QStackedWidget

from pos_app.core.errors import PosError
from pos_app.services.approvals import Approval, ApprovalAction, ApprovalRequest
from pos_app.services.pin_approval import pin_hook
from pos_app.services.staff_audit import DrawerReason, drawer_opened
from pos_app.ui.dialogs.add_staff_dialog import AddStaffDialog
from pos_app.ui.dialogs.approval_dialog import ApprovalDialog
from pos_app.ui.dialogs.drawer_reason_dialog import DrawerReasonDialog
from pos_app.ui.dialogs.sign_in import Mode, SignInPage
from pos_app.ui.messages import error_text

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow

log = logging.getLogger("pos_app.ui")

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.Wheel,
}


class StaffActions(QObject):
    #: test mode only (tests/gui/conftest.py): (staff id, PIN) signed in as each
    #: window opens, so window tests start at the checkout as before
    test_sign_in: tuple[str, str] | None = None

    def __init__(self, window: MainWindow, cashier_label: QLabel) -> None:
        super().__init__(window)
        self.w = window
        self.staff = window.context.staff
        self.cashier_label = cashier_label
        self.page = SignInPage()
        checkout_page = window.takeCentralWidget()
        assert checkout_page is not None  # the window builds it first
        self.checkout_page = checkout_page
        self.stack = QStackedWidget()
        self.stack.setObjectName("mainStack")
        self.stack.addWidget(self.checkout_page)
        self.stack.addWidget(self.page)
        window.setCentralWidget(self.stack)
        self.page.sig_entered.connect(self.on_page_sig_entered)
        self.page.sig_cancelled.connect(self.back_to_checkout)
        self.drawer_dialog: ApprovalDialog | None = None
        self.reason_dialog: DrawerReasonDialog | None = None
        self._disabled: list[QAction] = []
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.on_idle_timeout)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        # rows 8 and 9: the shift keys take rows 6 and 7
        window.add_button(
            8,
            0,
            lambda: QCoreApplication.translate("StaffActions", "Switch cashier"),
            "Ctrl+Shift+C",
            self.switch_cashier,
        )
        window.add_button(
            8, 1, lambda: QCoreApplication.translate("StaffActions", "Lock"), "Ctrl+L", self.lock
        )
        window.add_button(
            9,
            0,
            lambda: QCoreApplication.translate("StaffActions", "Drawer"),
            "Ctrl+D",
            self.drawer,
        )
        window.add_button(
            9,
            1,
            lambda: QCoreApplication.translate("StaffActions", "Add staff"),
            "Ctrl+Shift+N",
            self.add_staff,
        )
        if self.test_sign_in is not None and self.staff is not None and self.staff.current is None:
            try:
                self.staff.sign_in(*self.test_sign_in)
            except PosError:
                log.warning("test sign-in refused")
        self.refresh_name()
        if self.has_staff() and self.staff is not None and self.staff.current is None:
            self.show_page(Mode.SIGN_IN)
        else:
            self.restart_idle()

    # --- state ------------------------------------------------------------------

    def has_staff(self) -> bool:
        return self.staff is not None and bool(self.staff.staff())

    def blocks_input(self) -> bool:
        """True while the sign-in page shows: scans and keys do not reach the order."""
        return self.stack.currentWidget() is self.page

    def refresh_name(self) -> None:
        name = (
            self.staff.cashier_name()
            if self.staff is not None
            else self.w.context.settings.terminal.cashier_name
        )
        self.cashier_label.setText(name)

    def show_page(self, mode: Mode) -> None:
        assert self.staff is not None
        self.idle.stop()
        self.page.mode = mode
        current = self.staff.current
        self.page.locked_for = current.name if current is not None else ""
        self.page.retranslate()
        selected = current.id if mode is Mode.UNLOCK and current is not None else None
        self.page.entry.set_staff(self.staff.staff(), selected)
        if not self.blocks_input():
            # every key of the window off while the page shows (restored after)
            actions = list(self.w.actions())
            for entry in self.w.menuBar().actions():
                menu = entry.menu()
                if isinstance(menu, QMenu):
                    actions.extend(menu.actions())
            self._disabled = [a for a in actions if a.isEnabled()]
            for action in self._disabled:
                action.setEnabled(False)
            self.w.menuBar().setEnabled(False)
        self.stack.setCurrentWidget(self.page)
        self.page.entry.field.setFocus()

    def back_to_checkout(self) -> None:
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        self.w.menuBar().setEnabled(True)
        self.stack.setCurrentWidget(self.checkout_page)
        self.refresh_name()
        self.restart_idle()
        self.w.scan_field.setFocus()

    # --- the keys ---------------------------------------------------------------

    def lock(self) -> None:
        if not self.has_staff() or self.blocks_input():
            return
        assert self.staff is not None
        self.staff.lock()
        self.show_page(Mode.UNLOCK)

    def switch_cashier(self) -> None:
        if self.has_staff() and not self.blocks_input():
            self.show_page(Mode.SWITCH)

    def on_page_sig_entered(self, staff_id: str, pin: str) -> None:
        assert self.staff is not None
        try:
            if self.page.mode is Mode.UNLOCK:
                self.staff.unlock(staff_id, pin)
            else:
                self.staff.sign_in(staff_id, pin)
        except PosError as exc:
            self.page.entry.show_message(error_text(exc))
            QApplication.beep()
            return
        self.back_to_checkout()
        self.w.show_message(
            QCoreApplication.translate("StaffActions", "Signed in: {name}").format(
                name=self.staff.cashier_name()
            )
        )

    def drawer(self) -> DrawerReasonDialog:
        """Open the cash drawer without a sale: the reason first, then a manager's PIN."""
        dialog = DrawerReasonDialog(self.w)
        dialog.sig_chosen.connect(self.on_reason_sig_chosen)
        dialog.finished.connect(dialog.deleteLater)
        self.reason_dialog = dialog
        dialog.open()
        return dialog

    def on_reason_sig_chosen(self, reason: str) -> ApprovalDialog | None:
        hook = pin_hook(self.w.context.approval)
        settings = self.w.context.settings
        request = ApprovalRequest(
            ApprovalAction.DRAWER,
            0,
            requested_by=self.staff.cashier_name() if self.staff else "",
            reference=self.w.checkout.sale_id,
            store_code=settings.store.code,
            terminal_code=settings.terminal.code,
            details={"reason": reason},
        )
        if hook is None:  # a till without staff: no PIN to ask
            self._kick(None, DrawerReason(reason), request.reference)
            return None
        self.drawer_dialog = ApprovalDialog(
            hook,
            request,
            QCoreApplication.translate("StaffActions", "Open the cash drawer without a sale"),
            self.w,
        )
        self.drawer_dialog.sig_approved.connect(
            lambda approval: self._kick(approval, DrawerReason(reason), request.reference)
        )
        self.drawer_dialog.finished.connect(self.drawer_dialog.deleteLater)
        self.drawer_dialog.open()
        return self.drawer_dialog

    def _kick(self, approval: Approval | None, reason: DrawerReason, reference: str) -> None:
        """Open the drawer off the GUI thread; once it opened, its own audit entry
        (who opened it, who approved, why), beside the approval's record."""
        context = self.w.context
        actor = context.cashier_name()

        def kick() -> None:
            context.printing.open_drawer()
            try:
                drawer_opened(context.audit, actor, approval, reason, reference)
            except PosError:  # the drawer is open: storage trouble must not hide it
                log.exception("the drawer opening could not be audited")

        def failed(exc: BaseException) -> None:
            log.info("drawer not opened: %s", exc)
            self.w.show_message(
                QCoreApplication.translate("StaffActions", "The drawer did not open: {error}")
                .format(error=str(exc)),
                error=True,
            )  # fmt: skip

        self.w.runner.submit(
            kick,
            lambda _r: self.w.show_message(
                QCoreApplication.translate("StaffActions", "Drawer opened.")
            ),
            failed,
        )

    def add_staff(self) -> AddStaffDialog | None:
        """A manager adds a staff member here (their own PIN asked in the dialog)."""
        if self.staff is None:
            return None
        dialog = AddStaffDialog(self.staff, self.w)
        dialog.sig_added.connect(
            lambda member: self.w.show_message(
                QCoreApplication.translate("StaffActions", "Staff added: {name}").format(
                    name=member.name
                )
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # --- idle -------------------------------------------------------------------

    def restart_idle(self) -> None:
        if self.has_staff():
            self.idle.start(self.w.context.settings.staff.idle_lock_minutes * 60_000)

    def on_idle_timeout(self) -> None:
        log.info("screen locked after idle time")
        self.lock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.idle.isActive():
            self.idle.start()  # a key or a tap anywhere: not idle
        return False

    def close(self) -> None:
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
