"""The touch row under the cart: big − and + on the selected line, and the
switch that shows or hides the product grid below the cart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy

from pos_app.ui.widgets.key_panel import KEY_HEIGHT

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow


class LineKeys:
    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.row = QHBoxLayout()
        self.minus = self._key("lineMinus", "−", lambda: window.actions_.step(-1))
        self.plus = self._key("linePlus", "+", lambda: window.actions_.step(1))
        for key in (self.minus, self.plus):
            key.setFixedWidth(96)
            key.setStyleSheet("font-size: 24pt; font-weight: bold;")
        self.row.addWidget(self.minus)
        self.row.addWidget(self.plus)
        self.row.addStretch(1)
        self.grid_toggle = self._key("gridToggle", "", self.toggle_grid)
        self.grid_toggle.setCheckable(True)
        self.grid_toggle.setChecked(True)
        self.grid_toggle.setMinimumWidth(180)
        self.grid_toggle.setStyleSheet("font-size: 12pt;")
        self.row.addWidget(self.grid_toggle)

    def _key(self, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setFixedHeight(KEY_HEIGHT)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
        button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        button.clicked.connect(slot)
        return button

    def toggle_grid(self) -> None:
        self.w.set_grid_on(self.grid_toggle.isChecked())

    def retranslate(self) -> None:
        self.minus.setToolTip(
            QCoreApplication.translate("LineKeys", "One less of the selected line")
        )
        self.plus.setToolTip(
            QCoreApplication.translate("LineKeys", "One more of the selected line")
        )
        self.grid_toggle.setText(
            QCoreApplication.translate("LineKeys", "Hide products")
            if self.w.grid_on
            else QCoreApplication.translate("LineKeys", "Show products")
        )
