"""The Z close (交班): the drawer counted note by note on big keys or the keyboard,
the expected cash, the count and the difference shown as they change, then
confirm.

Each denomination has its count field with − and + keys; the number pad types
into the field that has the focus. Confirming calls the service once; a
difference asks the manager-approval hook there. A refusal is shown in the
dialog, which stays open so the cashier can count again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QMouseEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.shift import CashCount, Denomination, counted_total
from pos_app.ui.messages import error_text
from pos_app.ui.widgets.number_pad import NumberPad

TOUCH = 48  # px: the smallest key a finger hits reliably


class _CountField(QLineEdit):
    """A count; tapped or focused, it becomes the number pad's target."""

    sig_focused = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.sig_focused.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # a tap retargets the pad even when the window is not the active one
        super().mousePressEvent(event)
        self.sig_focused.emit()


def denomination_text(d: Denomination) -> str:
    return Money(int(d)).format()


class ShiftCloseDialog(QDialog):
    """`close_shift(count)` does the close (raises PosError); `sig_closed` gives its result."""

    sig_closed = Signal(object)  # what close_shift returned (ClosedShift)

    def __init__(
        self,
        expected_fen: int,
        close_shift: Callable[[CashCount], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Close shift (Z)"))
        self.expected_fen = expected_fen
        self._close_shift = close_shift
        #: (count, then) → True when a manager's PIN is being asked, `then` called once
        #: approved; set by the shift actions (None: no PIN step, as in tests)
        self.ask_manager: Callable[[CashCount, Callable[[], None]], bool] | None = None
        self.fields: dict[Denomination, _CountField] = {}
        outer = QHBoxLayout(self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        for row, d in enumerate(Denomination):
            label = QLabel(denomination_text(d))
            label.setStyleSheet("font-size: 14pt;")
            minus, plus = QPushButton("−"), QPushButton("+")
            field = _CountField("0")
            field.setObjectName(f"count_{int(d)}")
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            field.setMaxLength(6)
            field.setMinimumHeight(TOUCH - 4)
            field.setMaximumWidth(110)
            field.setStyleSheet("font-size: 14pt;")
            field.textChanged.connect(self.refresh)
            field.sig_focused.connect(lambda f=field: self._target(f))
            field.returnPressed.connect(self.focusNextChild)
            for button, step in ((minus, -1), (plus, 1)):
                button.setObjectName(f"{'minus' if step < 0 else 'plus'}_{int(d)}")
                button.setFixedSize(TOUCH, TOUCH)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.setAutoDefault(False)
                button.clicked.connect(lambda _=False, f=field, s=step: self._step(f, s))
            self.fields[d] = field
            grid.addWidget(label, row, 0)
            grid.addWidget(minus, row, 1)
            grid.addWidget(field, row, 2)
            grid.addWidget(plus, row, 3)
        outer.addLayout(grid, 3)

        side = QVBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("shiftSummary")
        self.summary.setStyleSheet("font-size: 14pt;")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        side.addWidget(self.summary)
        self.pad = NumberPad(self.fields[Denomination.Y100], self, decimal=False)
        side.addWidget(self.pad)
        self.error = QLabel()
        self.error.setObjectName("shiftError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b; font-weight: bold;")
        side.addWidget(self.error)
        buttons = QHBoxLayout()
        self.cancel = QPushButton(self.tr("Cancel"))
        self.confirm = QPushButton(self.tr("Close shift"))
        self.confirm.setObjectName("confirmClose")
        self.confirm.setStyleSheet("background: #2e7d32; color: white; font-weight: bold;")
        for b in (self.cancel, self.confirm):
            b.setMinimumHeight(TOUCH)
            b.setAutoDefault(False)
        self.cancel.clicked.connect(self.reject)
        self.confirm.clicked.connect(self.on_confirm_clicked)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.confirm)
        side.addLayout(buttons)
        outer.addLayout(side, 2)
        self.refresh()
        self.fields[Denomination.Y100].setFocus()
        self.fields[Denomination.Y100].selectAll()

    # --- the count -------------------------------------------------------------

    def count(self) -> dict[Denomination, int]:
        """The pieces typed, by denomination; an unreadable field counts as invalid."""
        out: dict[Denomination, int] = {}
        for d, field in self.fields.items():
            text = field.text().strip() or "0"
            out[d] = int(text) if text.isdigit() else -1
        return out

    def refresh(self) -> None:
        try:
            counted = counted_total(self.count())
        except PosError as exc:
            self.summary.setText(self.tr("Expected: {expected}").format(
                expected=Money(self.expected_fen).format()))  # fmt: skip
            self.error.setText(error_text(exc))
            self.confirm.setEnabled(False)
            return
        self.error.clear()
        self.confirm.setEnabled(True)
        diff = counted - self.expected_fen
        if diff > 0:
            state = self.tr("Over by {amount}")
        elif diff < 0:
            state = self.tr("Short by {amount}")
        else:
            state = self.tr("The drawer adds up")
        self.summary.setText(
            "\n".join(
                (
                    self.tr("Expected: {expected}").format(
                        expected=Money(self.expected_fen).format()
                    ),
                    self.tr("Counted: {counted}").format(counted=Money(counted).format()),
                    state.format(amount=Money(abs(diff)).format()),
                )
            )
        )

    def _target(self, field: QLineEdit) -> None:
        self.pad.target = field

    def _step(self, field: QLineEdit, step: int) -> None:
        text = field.text().strip() or "0"
        value = max(0, (int(text) if text.isdigit() else 0) + step)
        field.setText(str(value))
        self._target(field)
        self.refresh()

    def on_confirm_clicked(self) -> None:
        """A count that does not add up waits for a manager's PIN (when the store's
        threshold asks for one); then the shift closes with that approval."""
        count = self.count()
        if self.ask_manager is not None:
            try:
                asked = self.ask_manager(count, lambda: self._finish(count))
            except PosError as exc:
                self.error.setText(error_text(exc))
                return
            if asked:
                return  # closes once the manager has approved
        self._finish(count)

    def _finish(self, count: CashCount) -> None:
        try:
            closed = self._close_shift(count)
        except PosError as exc:
            self.error.setText(error_text(exc))
            return
        self.sig_closed.emit(closed)
        self.accept()
