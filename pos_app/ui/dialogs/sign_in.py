"""The sign-in page: the page of the main window's stack shown before the
checkout works, when the screen locks, and to switch cashier.

Three modes, one page: SIGN_IN (nobody yet), UNLOCK (the screen locked; the
same person or a manager), SWITCH (another cashier takes over; Cancel goes
back to the checkout). The page only shows and forwards: `StaffActions`
calls the staff service with the tile and PIN entered.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pos_app.ui.widgets.pin_entry import PinEntry


class Mode(enum.Enum):
    SIGN_IN = "sign_in"
    UNLOCK = "unlock"
    SWITCH = "switch"


class SignInPage(QWidget):
    sig_entered = Signal(str, str)  # staff id, PIN
    sig_cancelled = Signal()  # SWITCH only: back to the checkout

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInPage")
        self.mode = Mode.SIGN_IN
        self.locked_for = ""  # whose till is locked (UNLOCK)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("signInTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        column.addWidget(self.title)
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("font-size: 13pt;")
        column.addWidget(self.hint)
        self.entry = PinEntry(self)
        self.entry.sig_entered.connect(self.sig_entered)
        column.addWidget(self.entry)
        self.cancel = QPushButton()
        self.cancel.setObjectName("signInCancel")
        self.cancel.setMinimumHeight(56)
        self.cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel.clicked.connect(self.sig_cancelled)
        column.addWidget(self.cancel)
        column.addStretch(1)
        outer.addLayout(column, 3)
        outer.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        titles = {
            Mode.SIGN_IN: self.tr("Sign in"),
            Mode.UNLOCK: self.tr("Locked"),
            Mode.SWITCH: self.tr("Switch cashier"),
        }
        hints = {
            Mode.SIGN_IN: self.tr("Tap your name, then type your PIN."),
            Mode.UNLOCK: self.tr(
                "The order is kept. {name} or a manager types their PIN to go on."
            ).format(name=self.locked_for),
            Mode.SWITCH: self.tr("The order and the shift stay: the next cashier signs in."),
        }
        self.title.setText(titles[self.mode])
        self.hint.setText(hints[self.mode])
        self.cancel.setText(self.tr("Back to the order"))
        self.cancel.setVisible(self.mode is Mode.SWITCH)
