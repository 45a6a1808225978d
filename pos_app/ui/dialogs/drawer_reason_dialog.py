"""Why the cash drawer is opened without a sale: three big buttons (touch), or the
keys 1–3, before the manager's PIN is asked. The reason travels with the
approval request and into the drawer's own audit entry (`drawer_open`)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from pos_app.services.staff_audit import DrawerReason

TOUCH = 56


class DrawerReasonDialog(QDialog):
    sig_chosen = Signal(str)  # a DrawerReason value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawerReasonDialog")
        self.setWindowTitle(self.tr("Open the drawer"))
        layout = QVBoxLayout(self)
        prompt = QLabel(self.tr("Why is the drawer opened without a sale?"))
        prompt.setWordWrap(True)
        prompt.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(prompt)
        texts = {
            DrawerReason.CHANGE: self.tr("Change for a customer"),
            DrawerReason.COUNT: self.tr("Count the cash"),
            DrawerReason.OTHER: self.tr("Other"),
        }
        self.buttons: dict[DrawerReason, QPushButton] = {}
        for number, (reason, text) in enumerate(texts.items(), start=1):
            button = QPushButton(f"{number}  {text}")
            button.setObjectName(f"drawerReason_{reason.value}")
            button.setMinimumHeight(TOUCH)
            button.setAutoDefault(False)
            # a shortcut, not keyPressEvent: the scanner's filter holds bare digits
            # back to tell a burst from typing, a shortcut is matched before it
            button.setShortcut(QKeySequence(str(number)))
            button.clicked.connect(lambda _=False, r=reason: self.choose(r))
            layout.addWidget(button)
            self.buttons[reason] = button
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setObjectName("drawerReasonCancel")
        cancel.setMinimumHeight(TOUCH)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)
        self.setMaximumSize(1000, 740)  # fits a 1024×768 screen
        self.buttons[DrawerReason.CHANGE].setFocus()

    def choose(self, reason: DrawerReason) -> None:
        self.accept()
        self.sig_chosen.emit(reason.value)
