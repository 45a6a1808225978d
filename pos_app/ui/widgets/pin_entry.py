"""A PIN entry for touch and keyboard: the staff member's name tiles, a masked
field and the number pad. Shared by the sign-in page and the approval dialog.

Tiles are checkable buttons (one at a time); tapping one puts the focus in the
PIN field. By keyboard alone, the arrow keys in the PIN field move from tile to
tile. Enter (the pad's or the keyboard's) emits `sig_entered(staff_id, pin)`
and clears the field: a PIN never stays on screen or in a widget.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.staff import PIN_MAX, StaffMember
from pos_app.ui.scanner import mark_typed_code_field
from pos_app.ui.widgets.number_pad import NumberPad

TILE_HEIGHT = 64
TILE_COLUMNS = 3


class PinField(QLineEdit):
    """The masked PIN field; the arrow keys choose the tile (keyboard only tills)."""

    sig_moved = Signal(int)  # -1 or +1

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = _STEPS.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
        else:
            self.sig_moved.emit(step)


_STEPS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}


class PinEntry(QWidget):
    sig_entered = Signal(str, str)  # staff id, PIN

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.tiles_box = QWidget()
        self.tiles = QGridLayout(self.tiles_box)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout.addWidget(self.tiles_box)
        self.field = PinField()
        self.field.setObjectName("pinField")
        self.field.sig_moved.connect(self.move_selection)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        # no maximum length: a barcode scanned here must arrive whole, to be refused
        # as no PIN, never cut to 8 digits and counted as a wrong guess
        self.field.setMaxLength(PIN_MAX * 8)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setStyleSheet("font-size: 22pt; padding: 4px;")
        self.field.returnPressed.connect(self.on_field_return_pressed)
        # typed at any speed: a quick PIN must never be taken for a scan
        mark_typed_code_field(self.field)
        layout.addWidget(self.field)
        self.message = QLabel()
        self.message.setObjectName("pinMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b; font-size: 13pt; font-weight: bold;")
        layout.addWidget(self.message)
        self.pad = NumberPad(self.field, self, decimal=False)
        self.pad.setMaximumWidth(6 * 72)
        layout.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignHCenter)
        self.buttons: dict[str, QPushButton] = {}

    def set_staff(self, staff: Sequence[StaffMember], selected: str | None = None) -> None:
        """The tiles: one per person; `selected` (or the only one) is preselected."""
        for button in self.buttons.values():
            self.group.removeButton(button)
            button.deleteLater()
        self.buttons = {}
        for i, member in enumerate(staff):
            button = QPushButton(member.name)
            button.setObjectName(f"staffTile_{member.id}")
            button.setCheckable(True)
            button.setMinimumHeight(TILE_HEIGHT)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setStyleSheet("font-size: 16pt;")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing goes to the PIN field
            button.clicked.connect(lambda _=False: self.field.setFocus())
            self.group.addButton(button)
            self.tiles.addWidget(button, i // TILE_COLUMNS, i % TILE_COLUMNS)
            self.buttons[member.id] = button
        if selected is None and len(staff) == 1:
            selected = staff[0].id
        if selected in self.buttons:
            self.buttons[selected].setChecked(True)
        self.field.clear()
        self.message.clear()

    def move_selection(self, step: int) -> None:
        ids = list(self.buttons)
        if not ids:
            return
        current = self.selected()
        index = (ids.index(current) + step) % len(ids) if current else (0 if step > 0 else -1)
        self.buttons[ids[index]].setChecked(True)

    def selected(self) -> str:
        return next((sid for sid, b in self.buttons.items() if b.isChecked()), "")

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def on_field_return_pressed(self) -> None:
        pin = self.field.text()
        self.field.clear()
        self.sig_entered.emit(self.selected(), pin)
