"""The scan field: codes, SKUs and pinyin initials, with the input method off.

With the input method disabled a Chinese IME cannot catch the scanner's
digits in a composition window; Chinese names are typed in the separate
search field, which keeps its input method.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class ScanField(QLineEdit):
    sig_moved = Signal(int)  # -1 up, +1 down: moves the search-result selection

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhPreferLatin | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.setMaxLength(64)
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Up:
            self.sig_moved.emit(-1)
        elif event.key() == Qt.Key.Key_Down:
            self.sig_moved.emit(1)
        else:
            super().keyPressEvent(event)


class SearchField(QLineEdit):
    """Name search with the input method on (汉字 or pinyin typed by a person)."""

    sig_moved = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Up:
            self.sig_moved.emit(-1)
        elif event.key() == Qt.Key.Key_Down:
            self.sig_moved.emit(1)
        else:
            super().keyPressEvent(event)
