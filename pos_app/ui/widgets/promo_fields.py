"""The touch-sized fields the promotion editor is built from: a text field
48 px high, a row of toggle keys (kinds, categories, weekdays), a switch.

Kept apart from the dialog so that the dialog holds only its layout and its
flow; nothing here knows what a promotion is.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLineEdit, QPushButton, QWidget

TOUCH = 48  # a fingertip's minimum, everywhere in the editor


def text_field(name: str, placeholder: str = "", max_length: int = 100) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setMinimumHeight(TOUCH)
    field.setMaxLength(max_length)
    field.setPlaceholderText(placeholder)
    field.setStyleSheet("font-size: 13pt;")
    return field


def switch(name: str, text: str) -> QPushButton:
    """An on/off key: checked is on; it stays where it is and says what it does."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setCheckable(True)
    button.setMinimumHeight(TOUCH)
    button.setAutoDefault(False)  # Enter saves the promotion, it never flips a switch
    return button


class ToggleKeys(QWidget):
    """Keys in a grid, each carrying a value; `exclusive`: one at a time."""

    def __init__(
        self,
        name: str,
        choices: Sequence[tuple[str, str]],  # (value, label)
        columns: int,
        *,
        exclusive: bool = False,
    ) -> None:
        super().__init__()
        self.setObjectName(name)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(exclusive)
        self.keys: dict[str, QPushButton] = {}
        for index, (value, label) in enumerate(choices):
            key = QPushButton(label)
            key.setObjectName(f"{name}_{value}")
            key.setCheckable(True)
            key.setMinimumHeight(TOUCH)
            key.setAutoDefault(False)
            key.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab and Space reach it too
            self.group.addButton(key)
            self.keys[value] = key
            grid.addWidget(key, index // columns, index % columns)

    def chosen(self) -> list[str]:
        return [value for value, key in self.keys.items() if key.isChecked()]

    def relabel(self, labels: dict[str, str]) -> None:
        for value, label in labels.items():
            self.keys[value].setText(label)
