"""Which tasting event to run: the store's planned and running events as big
buttons (touch; keys 1–9 too), each with its place and hours in showroom time.

The dialog only offers: the window starts event mode on the chosen one
(`sig_chosen`), and when the till refuses (not this event's promoter, outside
its hours) the reason shows here and the dialog stays open for another try.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from pos_app.core.events import Event
from pos_app.ui.text import SHANGHAI

TOUCH = 64  # two lines of text on a finger-sized button
MAX_SHOWN = 9  # one digit key each; a store runs a few events at a time


def _when(event: Event) -> str:
    start = event.starts_at.astimezone(SHANGHAI)
    end = event.ends_at.astimezone(SHANGHAI)
    if start.date() == end.date():
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
    return f"{start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}"


class EventChoiceDialog(QDialog):
    sig_chosen = Signal(str)  # the event id

    def __init__(self, events: Sequence[Event], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventChoiceDialog")
        layout = QVBoxLayout(self)
        self.prompt = QLabel()
        self.prompt.setObjectName("eventChoicePrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.prompt)
        self.buttons: dict[str, QPushButton] = {}
        for number, event in enumerate(events[:MAX_SHOWN], start=1):
            button = QPushButton(f"{number}  {event.name}\n{event.place} · {_when(event)}")
            button.setObjectName(f"event_{event.event_id}")
            button.setMinimumHeight(TOUCH)
            button.setStyleSheet("font-size: 13pt; text-align: left; padding: 4px 12px;")
            button.setAutoDefault(False)
            # a shortcut, not keyPressEvent: the scanner's filter holds bare digits back
            button.setShortcut(QKeySequence(str(number)))
            button.clicked.connect(lambda _=False, e=event.event_id: self.sig_chosen.emit(e))
            layout.addWidget(button)
            self.buttons[event.event_id] = button
        self.message = QLabel()
        self.message.setObjectName("eventChoiceMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 12pt; color: #c0392b;")
        layout.addWidget(self.message)
        self.cancel = QPushButton()
        self.cancel.setObjectName("eventChoiceCancel")
        self.cancel.setMinimumHeight(56)
        self.cancel.setAutoDefault(False)
        self.cancel.clicked.connect(self.reject)
        layout.addWidget(self.cancel)
        self.setMinimumWidth(480)
        self.setMaximumSize(1000, 740)  # fits a 1024×768 screen
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Event mode"))
        if self.buttons:
            self.prompt.setText(self.tr("Which tasting event do you run now?"))
        else:
            self.prompt.setText(self.tr("No tasting event is planned for this store."))
        self.cancel.setText(self.tr("Cancel") if self.buttons else self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def say(self, text: str) -> None:
        """Why the chosen event did not start (the dialog stays open)."""
        self.message.setText(text)
