"""Confirmation before money or points leave the shop (refund, redemption, a
line given away, a cancelled order): what will happen, the amounts, and two
big buttons.

The cashier confirms; then the dialog asks the manager-approval hook
(`pos_app.services.approvals`) with the act's request. When the till's PIN hook
says the act needs a manager (`needs_manager`), the manager's PIN is asked
there and then (`ApprovalDialog`); below the threshold the hook approves at
once. A refusal keeps the dialog open with the reason. The caller receives the
`Approval` with `sig_confirmed` and hands it to the service, which records who
approved.

Keys: Esc cancels. Enter presses the button that has the focus; Confirm only
when it has the focus. For a destructive act Cancel is the default button and
has the focus at first, so a scanner's Enter or a stray key never confirms;
Tab or a tap reaches Confirm. The dialog is opened with `open()`, never `exec()`, like every
dialog of the till.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.money import Money
from pos_app.services.approvals import Approval, ApprovalRequest, ManagerApproval, ask
from pos_app.services.pin_approval import pin_hook
from pos_app.ui.dialogs.approval_dialog import ApprovalDialog

#: An amount line: its label, and Money (formatted ¥1,234.50) or a text (points).
AmountLine = tuple[str, Money | str]

BUTTON_HEIGHT = 64  # touch: well above the 48 px a fingertip needs


class ConfirmDialog(QDialog):
    sig_confirmed = Signal(object)  # Approval

    def __init__(
        self,
        title: str,
        what: str,
        amounts: Sequence[AmountLine],
        request: ApprovalRequest,
        approval: ManagerApproval,
        parent: QWidget | None = None,
        *,
        confirm_text: str | None = None,
        destructive: bool = True,
        warning: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("confirmDialog")
        self.setWindowTitle(title)
        self.request = request
        self.hook = approval
        self.approval: Approval | None = None
        self.pin_dialog: ApprovalDialog | None = None
        layout = QVBoxLayout(self)
        self.what = QLabel(what)
        self.what.setObjectName("confirmWhat")
        self.what.setWordWrap(True)
        self.what.setStyleSheet("font-size: 14pt;")
        layout.addWidget(self.what)
        self.warning = QLabel(warning)
        self.warning.setObjectName("confirmWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("font-size: 14pt; font-weight: bold; color: #c0392b;")
        self.warning.setVisible(bool(warning))
        layout.addWidget(self.warning)
        grid = QGridLayout()
        self.amount_labels: list[tuple[QLabel, QLabel]] = []
        for row, (label, amount) in enumerate(amounts):
            name = QLabel(label)
            value = QLabel(amount.format() if isinstance(amount, Money) else amount)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for widget in (name, value):
                widget.setStyleSheet("font-size: 16pt; font-weight: bold;")
                widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self.amount_labels.append((name, value))
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        self.message = QLabel()
        self.message.setObjectName("confirmMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("confirmCancel")
        self.confirm_button = QPushButton(confirm_text or self.tr("Confirm"))
        self.confirm_button.setObjectName("confirmOk")
        colour = "#c0392b" if destructive else "#2e7d32"
        self.confirm_button.setStyleSheet(
            f"background: {colour}; color: white; font-size: 16pt; font-weight: bold;"
        )
        self.cancel_button.setStyleSheet("font-size: 16pt;")
        for button in (self.cancel_button, self.confirm_button):
            button.setMinimumHeight(BUTTON_HEIGHT)
            button.setMinimumWidth(160)
            # Enter presses the focused button (autoDefault); elsewhere it falls back on
            # Cancel for a destructive act, and on nothing otherwise
            button.setAutoDefault(True)
            buttons.addWidget(button)
        self.cancel_button.setDefault(destructive)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self.on_confirm_clicked)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)
        self.setMaximumSize(1000, 700)  # always fits a 1024×768 screen
        (self.cancel_button if destructive else self.confirm_button).setFocus()

    def on_confirm_clicked(self) -> None:
        """The cashier confirmed: now the manager-approval hook decides, with a
        manager's PIN when the act needs one."""
        pin = pin_hook(self.hook)  # the hook itself stays the one that audits the act
        if pin is not None and pin.needs_manager(self.request):
            self.pin_dialog = ApprovalDialog(pin, self.request, self.what.text(), self)
            self.pin_dialog.sig_approved.connect(self._approved)
            self.pin_dialog.rejected.connect(self._pin_cancelled)
            self.pin_dialog.open()
            return
        approval = ask(self.hook, self.request)
        if approval is None:
            self.message.setText(self.tr("The manager did not approve: nothing was done."))
            self.message.show()
            QApplication.beep()
            self.cancel_button.setFocus()
            return
        self._approved(approval)

    def _approved(self, approval: Approval) -> None:
        self.approval = approval
        self.sig_confirmed.emit(approval)
        self.accept()

    def _pin_cancelled(self) -> None:
        self.message.setText(self.tr("No manager PIN: nothing was done."))
        self.message.show()
        self.cancel_button.setFocus()

    def amounts_shown(self) -> list[tuple[str, str]]:
        """The amount lines as displayed (for the tests and the layout check)."""
        return [(name.text(), value.text()) for name, value in self.amount_labels]


def ask_confirmation(
    parent: QWidget,
    title: str,
    what: str,
    amounts: Sequence[AmountLine],
    request: ApprovalRequest,
    approval: ManagerApproval,
    on_confirmed: Callable[[Approval], None],
    **options: Any,
) -> ConfirmDialog:
    """Open a ConfirmDialog (window-modal, non-blocking) that calls `on_confirmed`
    with the approval once confirmed and approved; it deletes itself when closed."""
    dialog = ConfirmDialog(title, what, amounts, request, approval, parent, **options)
    dialog.sig_confirmed.connect(on_confirmed)
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.open()
    return dialog
