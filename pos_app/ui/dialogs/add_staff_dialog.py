"""A staff member added on the till by a manager: name, role and the new
person's PIN (typed twice), then the manager taps their name and gives their
own PIN, there and then. The staff service checks the PIN rules, hashes the
new PIN (argon2) and records who added whom; a refusal stays in the dialog.

The one number pad types into whichever PIN field has the focus.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.staff import PIN_MAX, Role, StaffMember
from pos_app.services.staff import StaffService
from pos_app.ui.messages import error_text
from pos_app.ui.scanner import mark_typed_code_field
from pos_app.ui.widgets.pin_entry import PinEntry


class AddStaffDialog(QDialog):
    sig_added = Signal(object)  # StaffMember

    def __init__(self, staff: StaffService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addStaffDialog")
        self.setWindowTitle(self.tr("Add staff"))
        self.staff = staff
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("staffName")
        self.name.setMaxLength(32)
        form.addRow(self.tr("Staff name"), self.name)
        roles = QHBoxLayout()
        self.roles = QButtonGroup(self)
        self.role_buttons: dict[Role, QPushButton] = {}
        for role, text in (
            (Role.CASHIER, self.tr("Cashier")),
            (Role.PROMOTER, self.tr("Promoter")),
            (Role.MANAGER, self.tr("Manager")),
        ):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setMinimumHeight(48)
            self.roles.addButton(button)
            self.role_buttons[role] = button
            roles.addWidget(button)
        self.role_buttons[Role.CASHIER].setChecked(True)
        form.addRow(self.tr("Role"), roles)
        self.pin = self._pin_field("newPin")
        self.pin_again = self._pin_field("newPinAgain")
        form.addRow(self.tr("New PIN"), self.pin)
        form.addRow(self.tr("New PIN again"), self.pin_again)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("A manager taps their name and types their PIN.")))
        self.entry = PinEntry(self)
        self.entry.set_staff(staff.managers())
        self.entry.sig_entered.connect(self.on_entry_sig_entered)
        layout.addWidget(self.entry)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setMinimumHeight(48)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)
        self.setMaximumSize(1000, 740)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.finished.connect(self._disconnect)
        self.name.setFocus()

    def _pin_field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setMaxLength(PIN_MAX)
        mark_typed_code_field(field)
        field.returnPressed.connect(self.focusNextChild)
        return field

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The pad types into the PIN field the cashier is in."""
        if new in (self.pin, self.pin_again, self.entry.field):
            self.entry.pad.target = new

    def _disconnect(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)

    def role(self) -> Role:
        return next(r for r, b in self.role_buttons.items() if b.isChecked())

    def on_entry_sig_entered(self, manager_id: str, manager_pin: str) -> None:
        pin, again = self.pin.text(), self.pin_again.text()
        try:
            if pin != again:
                raise PosError(ErrorCode.PIN_INVALID, min=4, max=PIN_MAX)
            member: StaffMember = self.staff.add_staff(
                self.name.text(), self.role(), pin, manager_id=manager_id, manager_pin=manager_pin
            )
        except PosError as exc:
            self.entry.show_message(
                self.tr("The two PINs differ.") if pin != again else error_text(exc)
            )
            QApplication.beep()
            return
        self.pin.clear()
        self.pin_again.clear()
        self.sig_added.emit(member)
        self.accept()
