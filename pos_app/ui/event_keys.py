"""The counter's keys while event mode (活动模式) shows: each key of the counter's panel
answers window-wide (`MainWindow.add_button`), but in event mode the panel, the cart
table, the search field and the line keys are hidden behind the event screen. A key
that acts on them would act unseen: F3 would put the typing into a hidden search
field, F4/F5/F8 change a line the promoter cannot see, F6 hold the event's sale away,
F7 bring a counter order in at event prices.

So, while event mode shows, those keys are inert (a word on the event screen says
so), and Pay (F12) pays the event's sale through the event screen's own Pay (which
pays only a sale with lines). The keys that mean the same in both places stay as
they are: lock and switch cashier (a lock comes back to the event screen), the
resident keys that act on the checkout's resident the event screen shows, the
shift and drawer keys (their own dialogs), the menus.

The keys are caught by an event filter on their actions (the Shortcut event a key
sends to its action), never by disabling them: the lock page disables and restores
every key, and the two must not undo each other.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from pos_app.ui.event_mode import EventModeScreen

#: the counter keys that act on the hidden counter: search, quantity, discount, void,
#: hold, resume, cancel order, no-code item, returns, points → fee
COUNTER_ONLY = ("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F11")
PAY = "F12"


def _key(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)


class EventKeys(QObject):
    """Filters the window's counter-only key actions while `screen()` is not None."""

    def __init__(self, window: QWidget, screen: Callable[[], EventModeScreen | None]) -> None:
        super().__init__(window)
        self._screen = screen
        self.counter_only = [a for a in window.actions() if _key(a) in COUNTER_ONLY]
        self.pay = [a for a in window.actions() if _key(a) == PAY]
        for action in (*self.counter_only, *self.pay):
            action.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Shortcut:
            return False
        screen = self._screen()
        if screen is None:
            return False  # at the counter: every key as usual
        if watched in self.pay:
            screen.on_pay_clicked()
        else:
            screen.say(
                QCoreApplication.translate(
                    "EventKeys", "That key works at the counter: end event mode to use it."
                ),
                error=True,
            )
        return True
