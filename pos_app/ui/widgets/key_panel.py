"""The cashier's keys as big touch buttons on the right of the checkout window.

Every F-key action has a button here, so the till works by finger alone. The
buttons sit in pages of a fixed grid (`ROWS` × `COLUMNS`), so the panel has
the same size whatever its labels say and fits a 1024×768 screen; a "More"
key beside Pay turns the page. A button's label may be a function, called
again on a language change, so the panel retranslates without a restart.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

Label = str | Callable[[], str]

ROWS = 3  # rows of keys on one page: the panel fits 1024×768 with room to spare
COLUMNS = 3
#: callers place keys on a grid this many columns wide (row, col); the panel packs
#: them in that order, COLUMNS to a row and ROWS × COLUMNS to a page
CALLER_COLUMNS = 2
KEY_HEIGHT = 52  # touch: over the 48 px minimum


class KeyButton(QPushButton):
    """A key's label on two lines: what it does, then its keyboard key."""

    def __init__(self, label: Label, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.key = key
        self.setMinimumHeight(KEY_HEIGHT)
        self.setStyleSheet("font-size: 11pt;")  # read at arm's length, fits three across
        # horizontally Ignored: the label never widens the panel (the checker
        # in tests/gui/layout_check.py proves each label still fits)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the focus on the scan field
        self.retranslate()

    def retranslate(self) -> None:
        text = self.label() if callable(self.label) else self.label
        self.setText(f"{text}\n[{self.key}]" if self.key else text)


class KeyPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        self.pages: list[QGridLayout] = []
        self.buttons: list[KeyButton] = []
        layout.addWidget(self.stack)
        bottom = QHBoxLayout()
        self.more = QPushButton()
        self.more.setObjectName("morePage")
        self.more.setMinimumHeight(KEY_HEIGHT + 8)
        self.more.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.more.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.more.clicked.connect(self.next_page)
        self.more.hide()
        bottom.addWidget(self.more, 1)
        self.bottom = bottom
        layout.addLayout(bottom)
        self._page(0)
        self.retranslate()

    def _page(self, number: int) -> QGridLayout:
        while len(self.pages) <= number:
            page = QWidget()
            grid = QGridLayout(page)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setSpacing(6)
            for row in range(ROWS):
                grid.setRowMinimumHeight(row, KEY_HEIGHT)
            grid.setRowStretch(ROWS, 1)  # keys stay at the top of a short page
            for col in range(COLUMNS):
                grid.setColumnStretch(col, 1)
            self.stack.addWidget(page)
            self.pages.append(grid)
        self.more.setVisible(len(self.pages) > 1)
        return self.pages[number]

    def add(self, row: int, col: int, label: Label, key: str) -> KeyButton:
        """A key at (row, col) of a `CALLER_COLUMNS`-wide grid, packed in reading
        order onto the pages (row 0 col 0 is the first key of the first page)."""
        slot = row * CALLER_COLUMNS + col
        page, place = divmod(slot, ROWS * COLUMNS)
        button = KeyButton(label, key)
        self._page(page).addWidget(button, place // COLUMNS, place % COLUMNS)
        self.buttons.append(button)
        self.retranslate()
        return button

    def add_wide(self, button: QPushButton) -> None:
        """A key beside "More" at the bottom, on every page (Pay)."""
        button.setMinimumHeight(KEY_HEIGHT + 8)
        button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.bottom.addWidget(button, 2)

    def page(self) -> int:
        return self.stack.currentIndex()

    def next_page(self) -> None:
        self.stack.setCurrentIndex((self.stack.currentIndex() + 1) % len(self.pages))
        self.retranslate()

    def retranslate(self) -> None:
        for button in self.buttons:
            button.retranslate()
        last = self.stack.currentIndex() == len(self.pages) - 1
        if last:
            self.more.setText(self.tr("◂ Back"))
        else:
            self.more.setText(
                self.tr("More ▸ {page}/{pages}").format(
                    page=self.stack.currentIndex() + 1, pages=len(self.pages)
                )
            )
