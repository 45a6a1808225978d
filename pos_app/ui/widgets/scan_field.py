"""The scan field: codes, SKUs and pinyin initials, with the input method off.

With the input method disabled a Chinese IME cannot catch the scanner's
digits in a composition window; Chinese names are typed in the separate
search field, which keeps its input method.

Both fields leave the window's Ctrl shortcuts to the window: on X11 a line
edit claims Ctrl+E (emacs' end of line), so Ctrl+E (event mode) did nothing
while the cursor was in the scan field, where it always is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

#: Ctrl+letter keys a field keeps: select all, copy, paste, cut, undo, redo
EDITING_KEYS = frozenset(
    {Qt.Key.Key_A, Qt.Key.Key_C, Qt.Key.Key_V, Qt.Key.Key_X, Qt.Key.Key_Z, Qt.Key.Key_Y}
)


class CounterField(QLineEdit):
    """A field of the counter: ↑/↓ move the result selection, the window's Ctrl
    shortcuts stay the window's."""

    sig_moved = Signal(int)  # -1 up, +1 down: moves the search-result selection

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            key: QKeyEvent = event  # type: ignore[assignment]
            ctrl = key.modifiers() & Qt.KeyboardModifier.ControlModifier
            letter = Qt.Key.Key_A.value <= key.key() <= Qt.Key.Key_Z.value
            if ctrl and letter and key.key() not in EDITING_KEYS:
                event.ignore()  # not ours: the shortcut map gives it to the window
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Up:
            self.sig_moved.emit(-1)
        elif event.key() == Qt.Key.Key_Down:
            self.sig_moved.emit(1)
        else:
            super().keyPressEvent(event)


class ScanField(CounterField):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhPreferLatin | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.setMaxLength(64)
        self.setClearButtonEnabled(True)


class SearchField(CounterField):
    """Name search with the input method on (汉字 or pinyin typed by a person)."""
