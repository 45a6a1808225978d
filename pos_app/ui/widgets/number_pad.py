"""An on-screen number pad for touch: digits, 00, the decimal point,
backspace, clear and enter, in touch-sized keys. It types into a line edit
(quantities, weights, discounts, cash tendered, later PINs), so a dialog that
embeds it keeps its keyboard path unchanged: the pad only edits the text and
presses Enter.

`NumberPadDialog` is the small window the cashier's keys open when nothing
was typed first: a title, a prompt, the field and the pad.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

#: touch keys: at least this many pixels each way (a fingertip is ~10 mm)
KEY_SIZE = 64

BACKSPACE = "⌫"
CLEAR = "C"
ENTER = "↵"
PERCENT = "%"
# rows of the pad as on a till's keypad: 7 8 9 on top
_ROWS = (
    ("7", "8", "9", BACKSPACE),
    ("4", "5", "6", CLEAR),
    ("1", "2", "3", ENTER),
    ("0", "00", "."),
)


class NumberPad(QWidget):
    sig_entered = Signal(str)  # Enter was tapped: the target's text

    def __init__(
        self,
        target: QLineEdit | None = None,
        parent: QWidget | None = None,
        *,
        decimal: bool = True,
        percent: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("numberPad")
        self.target = target
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setSpacing(6)
        rows = (*_ROWS, (PERCENT,)) if percent else _ROWS
        for row, keys in enumerate(rows):
            for col, key in enumerate(keys):
                button = QPushButton(key)
                button.setObjectName(f"padKey_{key}")
                button.setMinimumSize(KEY_SIZE, KEY_SIZE)
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
                # the focus stays in the field the pad types into
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.setStyleSheet("font-size: 20pt;")
                button.clicked.connect(lambda _=False, k=key: self.press(k))
                self.keys[key] = button
                if key == ENTER:
                    button.setStyleSheet("font-size: 20pt; background: #2e7d32; color: white;")
                    grid.addWidget(button, row, col, 2, 1)
                else:
                    grid.addWidget(button, row, col)
        self.keys["."].setEnabled(decimal)
        self.keys[BACKSPACE].setToolTip(self.tr("Delete the last character"))
        self.keys[CLEAR].setToolTip(self.tr("Clear"))
        self.keys[ENTER].setToolTip(self.tr("Enter"))

    def press(self, key: str) -> None:
        """What a tap on `key` does to the target field."""
        field = self.target
        if field is None:
            return
        if key == ENTER:
            self.sig_entered.emit(field.text())
            field.returnPressed.emit()
        elif key == BACKSPACE:
            field.backspace()
        elif key == CLEAR:
            field.clear()
        else:
            field.insert(key)


class NumberPadDialog(QDialog):
    """Asks for one number by touch or keyboard; `sig_value_entered` gives the text."""

    sig_value_entered = Signal(str)

    def __init__(
        self,
        title: str,
        prompt: str,
        parent: QWidget | None = None,
        *,
        decimal: bool = True,
        percent: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet("font-size: 14pt;")
        layout.addWidget(self.prompt)
        self.field = QLineEdit()
        self.field.setObjectName("padField")
        self.field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.field.setStyleSheet("font-size: 22pt; padding: 4px;")
        self.field.returnPressed.connect(self.on_field_return_pressed)
        layout.addWidget(self.field)
        self.pad = NumberPad(self.field, self, decimal=decimal, percent=percent)
        layout.addWidget(self.pad)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setMinimumHeight(48)
        cancel.setAutoDefault(False)  # Enter in the field enters the number, never cancels
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)
        self.setMinimumWidth(4 * KEY_SIZE + 60)
        self.field.setFocus()

    def on_field_return_pressed(self) -> None:
        text = self.field.text().strip()
        if not text:
            return
        self.sig_value_entered.emit(text)
        self.accept()
