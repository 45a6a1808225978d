"""Find a resident who left their phone at home: the last four digits of their
number, typed on big keys or the keyboard, then a tap on their masked name.

The central server answers (this till's property company only); when it
cannot be reached the till's own resident cache does, and the dialog says so.
A resident found this way showed no signed code: the dialog tells the cashier
that the sale's points will be confirmed after review.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import PosError
from pos_app.services.account_views import PhoneMatch, PhoneMatches
from pos_app.services.members import MemberService
from pos_app.ui.messages import error_text
from pos_app.ui.models.phone_match_model import PhoneMatchModel
from pos_app.ui.scanner import mark_typed_code_field
from pos_app.ui.workers import BackgroundRunner

#: Big enough for a finger on a 15-inch touch screen.
KEY_SIZE = 64
ROW_HEIGHT = 56
DIGITS = 4


class MemberLookupDialog(QDialog):
    sig_chosen = Signal(object)  # PhoneMatch

    def __init__(self, members: MemberService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Find a resident by phone"))
        self.members = members
        self.runner = BackgroundRunner(self)
        self.finished.connect(lambda _r: self.runner.shutdown())
        self._asked = ""  # the digits of the answer on screen (a late answer is ignored)
        layout = QVBoxLayout(self)
        prompt = QLabel(self.tr("Last four digits of the resident's phone:"))
        prompt.setStyleSheet("font-size: 14pt; font-weight: bold;")
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.digits = QLineEdit()
        self.digits.setObjectName("phoneDigits")
        self.digits.setMaxLength(DIGITS)
        self.digits.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9]{0,4}"), self.digits)
        )
        self.digits.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digits.setMinimumHeight(KEY_SIZE)
        self.digits.setStyleSheet("font-size: 24pt; letter-spacing: 8px;")
        self.digits.textChanged.connect(self._on_digits_changed)
        # typed at any speed straight into the field (not taken for a scanner's burst);
        # its Enter picks the selected candidate
        mark_typed_code_field(self.digits)
        self.digits.returnPressed.connect(self._choose_current)
        layout.addWidget(self.digits)

        body = QHBoxLayout()
        body.addLayout(self._keypad())
        right = QVBoxLayout()
        self.model = PhoneMatchModel(self)
        self.view = QTableView()
        self.view.setObjectName("phoneCandidates")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # the masked phone whole (138****1234): it is what the resident recognises
        self.view.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.view.setStyleSheet("font-size: 14pt;")
        self.view.clicked.connect(lambda index: self._choose(index.row()))  # a tap picks
        right.addWidget(self.view, 1)
        self.status = QLabel()
        self.status.setObjectName("lookupStatus")
        self.status.setWordWrap(True)
        right.addWidget(self.status)
        body.addLayout(right, 1)
        layout.addLayout(body, 1)

        note = QLabel(
            self.tr(
                "Found without their membership QR: member prices apply, and the points "
                "of this sale will be confirmed after review."
            )
        )
        note.setObjectName("lookupReviewNote")
        note.setWordWrap(True)
        layout.addWidget(note)
        close = QPushButton(self.tr("Cancel"))
        close.setMinimumHeight(KEY_SIZE)
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.reject)
        layout.addWidget(close)
        self.setMinimumWidth(640)
        self.digits.setFocus()

    def _keypad(self) -> QGridLayout:
        grid = QGridLayout()
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "⌫"]
        self.keys: dict[str, QPushButton] = {}
        for n, label in enumerate(labels):
            key = QPushButton(label)
            key.setObjectName(f"key_{label}")
            key.setMinimumSize(KEY_SIZE, KEY_SIZE)
            key.setStyleSheet("font-size: 20pt;")
            key.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the digits keep the keyboard
            key.clicked.connect(lambda _checked=False, text=label: self.press(text))
            grid.addWidget(key, n // 3, n % 3)
            self.keys[label] = key
        self.keys["C"].setToolTip(self.tr("Clear"))
        self.keys["⌫"].setToolTip(self.tr("Delete the last digit"))
        return grid

    # --- input ---------------------------------------------------------------------

    def press(self, key: str) -> None:
        """A keypad key: a digit, C (clear) or ⌫ (delete the last digit)."""
        text = self.digits.text()
        if key == "C":
            self.digits.clear()
        elif key == "⌫":
            self.digits.setText(text[:-1])
        elif len(text) < DIGITS:
            self.digits.setText(text + key)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter picks the selected candidate; arrows move in the list from the digits
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._choose_current()
            return
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.model.rowCount():
            row = self.view.currentIndex().row()
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            self.view.selectRow(min(max(row + step, 0), self.model.rowCount() - 1))
            return
        super().keyPressEvent(event)

    def _on_digits_changed(self, text: str) -> None:
        self.model.set_rows([])
        self._asked = text
        if len(text) < DIGITS:
            self.status.setStyleSheet("")
            self.status.setText("")
            return
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Looking up…"))
        self.runner.submit(
            lambda: self.members.find_by_phone(text),
            lambda matches: self._show(text, matches),
            lambda exc: self._failed(text, exc),
        )

    # --- answers -------------------------------------------------------------------

    def _show(self, asked: str, matches: PhoneMatches) -> None:
        if asked != self._asked:
            return  # the cashier typed on meanwhile
        self.model.set_rows(list(matches.candidates))
        if matches.candidates:
            self.view.selectRow(0)
        self.status.setStyleSheet("color: #b26a00;" if matches.offline else "")
        self.status.setText(self.answer_text(matches))

    def answer_text(self, matches: PhoneMatches) -> str:
        parts = []
        if not matches.candidates:
            parts.append(self.tr("No resident's phone ends with these digits."))
        else:
            parts.append(self.tr("Tap the resident's name."))
        if matches.truncated:
            parts.append(self.tr("More residents match: ask for their name as well."))
        if matches.offline:
            parts.append(
                self.tr(
                    "Offline: found in this till's own list of residents, which may be out of date."
                )
            )
        return " ".join(parts)

    def _failed(self, asked: str, exc: BaseException) -> None:
        if asked != self._asked:
            return
        self.status.setStyleSheet("color: #c0392b;")
        self.status.setText(error_text(exc) if isinstance(exc, PosError) else str(exc))

    def _choose_current(self) -> None:
        if self.model.rowCount():
            self._choose(max(self.view.currentIndex().row(), 0))

    def _choose(self, row: int) -> None:
        match: PhoneMatch | None = self.model.row_at(row)
        if match is None:
            return
        self.accept()
        self.sig_chosen.emit(match)
