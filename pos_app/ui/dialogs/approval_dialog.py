"""The manager's PIN, asked at the moment an act needs it: what is to be
approved, the managers' name tiles, the PIN on the number pad or the keyboard.

The dialog calls `PinApproval.approve_with_pin`, which verifies, records and
counts wrong PINs toward the lockout; a refusal stays in the dialog with its
reason, an approval closes it and is given with `sig_approved`. Opened with
`open()` (window-modal, non-blocking), like every dialog of the till.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from pos_app.core.errors import PosError
from pos_app.services.approvals import ApprovalRequest
from pos_app.services.pin_approval import PinApproval
from pos_app.ui.messages import error_text
from pos_app.ui.widgets.pin_entry import PinEntry


class ApprovalDialog(QDialog):
    sig_approved = Signal(object)  # Approval

    def __init__(
        self,
        hook: PinApproval,
        request: ApprovalRequest,
        what: str,
        parent: QWidget | None = None,
        *,
        hold: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setWindowTitle(self.tr("Manager approval"))
        self.hook = hook
        self.request = request
        self.hold = hold
        layout = QVBoxLayout(self)
        self.what = QLabel(what)
        self.what.setWordWrap(True)
        self.what.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.what)
        prompt = QLabel(self.tr("A manager taps their name and types their PIN."))
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.entry = PinEntry(self)
        self.entry.set_staff(hook.staff.managers())
        self.entry.sig_entered.connect(self.on_entry_sig_entered)
        layout.addWidget(self.entry)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setObjectName("approvalCancel")
        cancel.setMinimumHeight(56)
        cancel.setAutoDefault(False)  # Enter in the PIN field enters the PIN
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)
        self.setMaximumSize(1000, 740)  # fits a 1024×768 screen
        self.entry.field.setFocus()

    def on_entry_sig_entered(self, staff_id: str, pin: str) -> None:
        try:
            approval = self.hook.approve_with_pin(self.request, staff_id, pin, hold=self.hold)
        except PosError as exc:
            self.entry.show_message(error_text(exc))
            QApplication.beep()
            return
        self.sig_approved.emit(approval)
        self.accept()
