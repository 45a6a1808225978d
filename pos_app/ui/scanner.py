"""Keyboard-wedge scanner input, whatever widget has the focus.

A USB scanner "types" a whole code a few milliseconds per key and ends with
Enter; a person types far slower. This application-wide event filter holds
printable keys back while they arrive faster than `max_interval_ms`; a burst
ending in Enter becomes one `sig_scanned(code)`, anything else is replayed to
the focused widget as the typing it was. Holding keys back costs a human one
interval of delay (35 ms by default) and keeps a scan out of quantity fields.

Scans only ever arrive as key events here, never through an input method: the
scan field disables the input method, so a Chinese IME that is switched on
cannot swallow or split a code.

A field that expects a typed code (a receipt number in returns, a payment
reference) is marked with `mark_typed_code_field`. While it has the focus the
filter holds nothing back: every key goes straight into it, and its own Enter
submits it, and only it (not a dialog's default button as well). Telling a
fast typist from a scanner by timing alone cannot be right at every speed (a
person at about 30 ms a key, a few keys slower, had half a receipt number typed
and half "scanned"); in such a field it need not be, because a scan of the code
and the code typed end the same way, whole, in the field.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from shiboken6 import isValid

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MODIFIER_KEYS = (
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
)
#: Dynamic property of a widget whose keys the filter never holds back.
TYPED_CODE_PROPERTY = "yuancangTypedCode"


class _EnterSubmitsTheField(QObject):
    """Enter in the field it watches reaches that field and goes no further.

    A QLineEdit emits `returnPressed` and then passes Enter on to its dialog,
    whose default button would submit a second time (the returns dialog looked
    each receipt up twice). The field's own handler is its one submission.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QLineEdit)
            and event.key() in _ENTER  # type: ignore[attr-defined]
        ):
            watched.event(event)  # the field's own Enter: returnPressed
            event.accept()  # the field ignored it; accepted, Qt passes it to no parent
            return True
        return False


def mark_typed_code_field(field: QLineEdit) -> None:
    """Make `field` take its keys itself at any speed, scanner bursts included.

    Its owner handles Enter (`returnPressed`), which is then the end of a scan
    as well as of typing, and the only thing Enter does there. The input method
    is switched off: codes are ASCII, and a Chinese IME would catch a scanner's keys.
    """
    field.setProperty(TYPED_CODE_PROPERTY, True)
    field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    field.installEventFilter(_EnterSubmitsTheField(field))


def is_typed_code_field(widget: QWidget | None) -> bool:
    return widget is not None and bool(widget.property(TYPED_CODE_PROPERTY))


class ScannerInputFilter(QObject):
    sig_scanned = Signal(str)

    def __init__(
        self,
        *,
        max_interval_ms: int = 35,
        min_length: int = 4,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.max_interval = max_interval_ms / 1000
        self.min_length = min_length
        self._clock = clock
        self._held: list[QKeyEvent] = []
        self._target: QObject | None = None
        self._last = 0.0
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max_interval_ms + 5)
        self._timer.timeout.connect(self._flush_as_typing)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if is_typed_code_field(QApplication.focusWidget()):
            # Whole into the field, never split: keys held before the focus came
            # here go first, then this one passes untouched.
            self._flush_as_typing()
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        if key_event.isAutoRepeat():
            return False
        if key_event.key() in _MODIFIER_KEYS:
            # a wedge scanner presses Shift for every capital letter: not the end of a burst
            return False
        now = self._clock()
        if key_event.key() in _ENTER:
            return self._on_enter(now)
        text = key_event.text()
        mods = key_event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        if len(text) != 1 or not text.isascii() or not text.isprintable() or mods:
            self._flush_as_typing()
            return False
        if self._held and now - self._last > self.max_interval:
            self._flush_as_typing()
        if not self._held:
            self._target = QApplication.focusWidget() or watched
        self._held.append(
            QKeyEvent(QEvent.Type.KeyPress, key_event.key(), key_event.modifiers(), text)
        )
        self._last = now
        self._timer.start()
        return True

    def _on_enter(self, now: float) -> bool:
        if not self._held:
            return False
        burst = now - self._last <= self.max_interval and len(self._held) >= self.min_length
        if not burst:
            self._flush_as_typing()
            return False
        code = "".join(e.text() for e in self._held)
        self._held.clear()
        self._timer.stop()
        self.sig_scanned.emit(code)
        return True

    def _flush_as_typing(self) -> None:
        self._timer.stop()
        held, self._held = self._held, []
        # the keys belong where they were typed: a tap on another field within the
        # burst's window moves the focus before they are replayed, and a dialog closed
        # meanwhile has deleted its field (then the focus takes them)
        target = self._target if self._target is not None and isValid(self._target) else None
        target = target or QApplication.focusWidget()
        self._target = None
        if not held or target is None:
            return
        self._replaying = True
        try:
            for event in held:
                QApplication.sendEvent(target, event)
        finally:
            self._replaying = False

    def flush(self) -> None:
        """Deliver held keys now (a function key needs the digits typed before it)."""
        self._flush_as_typing()

    def pending(self) -> str:
        return "".join(e.text() for e in self._held)
