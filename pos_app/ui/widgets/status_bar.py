"""The till's status bar, on two lines: the last message with the cashier and
the clock, then the lasting states (sync, printer) side by side.

A long state ("unencrypted connection · offline · 1,234 to sync · …", a printer
out of paper with receipts waiting) wraps inside its half of the second line
instead of widening the window past a 1024-pixel screen, and nothing in it is
ever cut. Widgets added with `addPermanentWidget` (the printer's state) go on
the second line; `add_corner` puts small fixed ones beside the message.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QStatusBar, QWidget

STATE_LINES = 2


class TillStatusBar(QStatusBar):
    def __init__(self, message: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tillStatusBar")
        self.setSizeGripEnabled(False)
        panel = QWidget()
        grid = QGridLayout(panel)
        grid.setContentsMargins(4, 0, 4, 2)
        grid.setVerticalSpacing(0)
        message.setWordWrap(True)
        grid.addWidget(message, 0, 0)
        self.corner = QHBoxLayout()
        self.corner.setSpacing(16)
        grid.addLayout(self.corner, 0, 1)
        self.states = QHBoxLayout()
        self.states.setSpacing(16)
        grid.addLayout(self.states, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        super().addWidget(panel, 1)

    def add_corner(self, widget: QWidget) -> None:
        """A short, fixed text beside the message (the cashier, the clock)."""
        self.corner.addWidget(widget)

    def addPermanentWidget(self, widget: QWidget, stretch: int | None = 0) -> None:
        """A lasting state on the second line; a label's text wraps there."""
        if isinstance(widget, QLabel):
            widget.setWordWrap(True)
            # two lines kept for it whatever it says: the window's layout does not
            # follow a wrapped label's height, and the bar never jumps
            widget.ensurePolished()
            # (+2 a line: a Chinese fallback font is taller than the Latin one measured)
            widget.setMinimumHeight(STATE_LINES * (widget.fontMetrics().lineSpacing() + 2))
        self.states.addWidget(widget, max(stretch or 0, 1))
