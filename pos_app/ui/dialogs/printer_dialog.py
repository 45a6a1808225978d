"""Printer settings: the connection, the paper/model profile, the cash drawer,
and a test print that goes through the same queue as receipts."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.options import PrinterSettings
from pos_app.receipts.profiles import PROFILES
from pos_app.services.printing import connection_problem


class PrinterDialog(QDialog):
    def __init__(self, settings: PrinterSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Receipt printer"))
        self.setObjectName("printerDialog")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.connection = QLineEdit(str(settings.connection))
        self.connection.setObjectName("printerConnection")
        self.connection.setPlaceholderText("tcp://192.168.1.87:9100")
        form.addRow(self.tr("Connection:"), self.connection)
        help_text = QLabel(
            "none · tcp://host:9100 · usb://0416:5011 · serial:///dev/ttyS0?baud=9600 · "
            "file:///dev/usb/lp0 · win://XP-80C"
        )
        help_text.setWordWrap(True)
        help_text.setStyleSheet("color: #7f8c8d;")
        form.addRow("", help_text)
        self.profile = QComboBox()
        for name, profile in PROFILES.items():
            self.profile.addItem(profile.title, name)
        self.profile.setCurrentIndex(max(0, self.profile.findData(settings.profile)))
        form.addRow(self.tr("Paper / model:"), self.profile)
        self.drawer = QCheckBox(self.tr("Open the cash drawer on cash sales"))
        self.drawer.setChecked(bool(settings.kick_drawer_on_cash))
        form.addRow("", self.drawer)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("printerMessage")
        self.message.setStyleSheet("color: #c0392b;")
        layout.addWidget(self.message)
        self.test_button = QPushButton(self.tr("Save and print a test receipt"))
        layout.addWidget(self.test_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.test_button.clicked.connect(self._test)
        self.wants_test = False

    def values(self, current: PrinterSettings) -> PrinterSettings:
        """`current` with what the dialog edits (timeout and footer stay as they are)."""
        return replace(
            current,
            connection=self.connection.text().strip() or "none",
            profile=str(self.profile.currentData()),
            kick_drawer_on_cash=self.drawer.isChecked(),
        )

    def accept(self) -> None:
        if connection_problem(self.connection.text().strip() or "none") is not None:
            self.message.setText(
                self.tr("That connection is not understood: see the examples above.")
            )
            return
        super().accept()

    def _test(self) -> None:
        self.wants_test = True
        self.accept()
