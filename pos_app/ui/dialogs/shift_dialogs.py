"""Small shift dialogs: cash in or out (amount on the number pad, a reason typed
or picked) and the X read (the open shift's figures, printable).

Business rules stay in the shift service; these only collect and show.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
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

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.shift import MAX_REASON, ShiftFigures
from pos_app.ui.messages import error_text
from pos_app.ui.widgets.number_pad import NumberPad

TOUCH = 48


class CashMoveDialog(QDialog):
    """备用金 in or 取款 out: `move(amount_fen, reason)` records it (raises PosError)."""

    sig_moved = Signal(object)  # the CashMovement recorded

    def __init__(
        self,
        title: str,
        reasons: list[str],
        move: Callable[[int, str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._move = move
        #: (amount_fen, reason, then) → True when a manager's PIN is being asked,
        #: `then` called once approved (取款); None: no PIN step (备用金)
        self.ask_manager: Callable[[int, str, Callable[[], None]], bool] | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Amount:")))
        self.amount = QLineEdit()
        self.amount.setObjectName("moveAmount")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setStyleSheet("font-size: 20pt;")
        layout.addWidget(self.amount)
        self.pad = NumberPad(self.amount, self)
        layout.addWidget(self.pad)
        layout.addWidget(QLabel(self.tr("Reason:")))
        self.reason = QLineEdit()
        self.reason.setObjectName("moveReason")
        self.reason.setMaxLength(MAX_REASON)
        self.reason.setMinimumHeight(TOUCH)
        self.reason.returnPressed.connect(self.on_ok_clicked)
        layout.addWidget(self.reason)
        presets = QHBoxLayout()
        for text in reasons:
            button = QPushButton(text)
            button.setMinimumHeight(TOUCH)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, t=text: self.reason.setText(t))
            presets.addWidget(button)
        layout.addLayout(presets)
        self.error = QLabel()
        self.error.setObjectName("moveError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b; font-weight: bold;")
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        cancel, ok = QPushButton(self.tr("Cancel")), QPushButton(self.tr("Record"))
        ok.setObjectName("moveOk")
        for b in (cancel, ok):
            b.setMinimumHeight(TOUCH)
            b.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        ok.clicked.connect(self.on_ok_clicked)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        layout.addLayout(buttons)
        self.amount.returnPressed.connect(self.reason.setFocus)
        self.amount.setFocus()

    def on_ok_clicked(self) -> None:
        try:
            amount = Money.parse(self.amount.text()) if self.amount.text().strip() else Money(0)
            if amount.fen <= 0:
                raise PosError(ErrorCode.SHIFT_AMOUNT_INVALID, fen=amount.fen)
            reason = self.reason.text()
            if self.ask_manager is not None and self.ask_manager(
                amount.fen, reason, lambda: self._finish(amount.fen, reason)
            ):
                return  # recorded once the manager has approved
        except PosError as exc:
            self.error.setText(error_text(exc))
            return
        self._finish(amount.fen, reason)

    def _finish(self, amount_fen: int, reason: str) -> None:
        try:
            moved = self._move(amount_fen, reason)
        except PosError as exc:
            self.error.setText(error_text(exc))
            return
        self.sig_moved.emit(moved)
        self.accept()


def figure_rows(f: ShiftFigures) -> list[tuple[str, str]]:
    """The X read on screen, translated (the paper copy is Chinese, like every receipt)."""

    rows = [
        (QCoreApplication.translate("XReadDialog", "Sales"), str(f.sale_count)),
        (QCoreApplication.translate("XReadDialog", "Taken"), _yuan(f.sales_total_fen)),
    ]
    rows += [(tender_text(k), _yuan(v)) for k, v in f.sales_by_tender.items()]
    rows += [
        (
            QCoreApplication.translate("XReadDialog", "Refunds"),
            f"{f.refund_count} · {_yuan(f.refunds_total_fen)}",
        ),
        (QCoreApplication.translate("XReadDialog", "Rounding"), _yuan(f.rounding_fen)),
        (QCoreApplication.translate("XReadDialog", "Points issued"), str(f.points_issued)),
        (
            QCoreApplication.translate("XReadDialog", "Points clawed back"),
            str(f.points_clawed_back),
        ),
        (QCoreApplication.translate("XReadDialog", "Points redeemed"), str(f.points_redeemed)),
        (QCoreApplication.translate("XReadDialog", "Float"), _yuan(f.float_fen)),
        (QCoreApplication.translate("XReadDialog", "Cash in"), _yuan(f.cash_in_fen)),
        (QCoreApplication.translate("XReadDialog", "Cash out"), _yuan(f.cash_out_fen)),
        (QCoreApplication.translate("XReadDialog", "Expected cash"), _yuan(f.expected_cash_fen)),
    ]
    return rows


def _yuan(fen: int) -> str:
    return Money(fen).format()


def tender_text(kind: str) -> str:
    names = {
        "cash": QCoreApplication.translate("XReadDialog", "Cash"),
        "wechat": QCoreApplication.translate("XReadDialog", "WeChat Pay"),
        "alipay": QCoreApplication.translate("XReadDialog", "Alipay"),
        "unionpay": QCoreApplication.translate("XReadDialog", "UnionPay card"),
    }
    return "  " + names.get(kind, kind)


class XReadDialog(QDialog):
    """The open shift's figures now; Print queues the X read for the printer."""

    sig_print_requested = Signal()

    def __init__(self, figures: ShiftFigures, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("X read"))
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        for row, (label, value) in enumerate(figure_rows(figures)):
            name, shown = QLabel(label), QLabel(value)
            shown.setAlignment(Qt.AlignmentFlag.AlignRight)
            for w in (name, shown):
                w.setStyleSheet("font-size: 13pt;")
            grid.addWidget(name, row, 0)
            grid.addWidget(shown, row, 1)
            self.values[label.strip()] = shown
        layout.addLayout(grid)
        buttons = QHBoxLayout()
        close, printed = QPushButton(self.tr("Close")), QPushButton(self.tr("Print"))
        printed.setObjectName("printX")
        for b in (close, printed):
            b.setMinimumHeight(TOUCH)
            b.setAutoDefault(False)
        close.clicked.connect(self.accept)
        printed.clicked.connect(self.sig_print_requested.emit)
        buttons.addWidget(close)
        buttons.addWidget(printed)
        layout.addLayout(buttons)
