"""Returns (退货): find the sale by its receipt QR or number, choose what comes
back, see the money and the points it takes back, and confirm: Refund opens a
confirmation with the amounts, which asks the manager-approval hook; only an
approved confirmation records the refund."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.services.approvals import Approval
from pos_app.services.refunds import RecordedRefund, RefundService, SaleForRefund
from pos_app.ui.dialogs.confirm_dialog import ConfirmDialog, ask_confirmation
from pos_app.ui.messages import error_text
from pos_app.ui.models.refund_model import RefundLinesModel
from pos_app.ui.scanner import mark_typed_code_field
from pos_app.ui.text import local_time, tender_name
from pos_app.ui.widgets.customer_panel import points_text
from pos_app.ui.widgets.tables import name_stretches


class RefundDialog(QDialog):
    sig_refunded = Signal(object)  # RecordedRefund

    def __init__(self, refunds: RefundService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return / refund"))
        self.setMinimumSize(720, 480)
        self.refunds = refunds
        self.sale: SaleForRefund | None = None
        self.done_refund: RecordedRefund | None = None
        self.confirmation: ConfirmDialog | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.receipt_edit = QLineEdit()
        self.receipt_edit.setObjectName("receiptEdit")
        # Typed or scanned, the number arrives whole here and Enter looks it up.
        mark_typed_code_field(self.receipt_edit)
        self.receipt_edit.setPlaceholderText(
            self.tr("Scan the receipt QR or type the receipt number")
        )
        self.receipt_edit.returnPressed.connect(lambda: self.load(self.receipt_edit.text()))
        find = QPushButton(self.tr("Find"))
        find.clicked.connect(lambda: self.load(self.receipt_edit.text()))
        row.addWidget(self.receipt_edit, 1)
        row.addWidget(find)
        layout.addLayout(row)
        self.sale_label = QLabel()
        layout.addWidget(self.sale_label)
        self.model = RefundLinesModel(self)
        self.model.dataChanged.connect(lambda *_: self._refresh())
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # the item's name takes what the numbers leave: "Return now" never hides
        # behind a horizontal scroll bar
        name_stretches(self.view, RefundLinesModel.NAME)
        layout.addWidget(self.view, 1)
        self.summary = QLabel()
        self.summary.setObjectName("refundSummary")
        self.summary.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.message = QLabel()
        self.message.setObjectName("refundMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.all_button = QPushButton(self.tr("Return everything"))
        self.all_button.clicked.connect(self.model.request_all)
        self.confirm_button = QPushButton(self.tr("Refund"))
        self.confirm_button.setObjectName("confirmRefund")
        self.confirm_button.clicked.connect(self.confirm)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        for b in (self.all_button, close, self.confirm_button):
            b.setMinimumHeight(40)
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self._refresh()

    def on_scan(self, code: str) -> None:
        """The receipt's QR read while this dialog is open."""
        self.load(code)

    def load(self, text: str) -> bool:
        try:
            self.sale = self.refunds.find(text)
        except PosError as exc:
            self._error(exc)
            return False
        sale = self.sale
        self.receipt_edit.setText(sale.receipt_no)
        who = sale.masked_name or (
            self.tr("anonymous") if not sale.resident_id else sale.resident_id
        )
        self.sale_label.setText(
            self.tr(
                "Receipt {receipt} · {time} · {total} · {who} · {points} point(s) earned",
                "",
                sale.points,
            ).format(
                receipt=sale.receipt_no,
                time=local_time(sale.created_at),
                total=sale.total.format(),
                who=who,
                points=sale.points,
            )
        )
        self.model.set_sale(list(sale.lines), dict(sale.already))
        self.done_refund = None
        self.message.clear()
        self._refresh()
        return True

    def confirm(self) -> None:
        """Ask the cashier (and the approval hook) with the amounts, then refund."""
        if self.sale is None:
            return
        sale, quantities = self.sale, dict(self.model.requested)
        try:
            plan = self.refunds.preview(sale, quantities)
            request = self.refunds.approval_request(sale, quantities)
        except PosError as exc:
            self._error(exc)
            return
        amounts: list[tuple[str, Money | str]] = [(self.tr("Give back"), plan.total)]
        if sale.resident_id:
            amounts.append((self.tr("Points taken back"), points_text(plan.points_clawback)))
        self.confirmation = ask_confirmation(
            self,
            self.tr("Confirm the refund"),
            self.tr("Refund receipt {receipt}: the money goes back the way it was paid.").format(
                receipt=sale.receipt_no
            ),
            amounts,
            request,
            self.refunds.approval,
            lambda approval: self.refund(sale, quantities, approval),
            confirm_text=self.tr("Refund"),
        )

    def refund(self, sale: SaleForRefund, quantities: dict[int, int], approval: Approval) -> None:
        try:
            self.done_refund = self.refunds.refund(sale, quantities, approval=approval)
        except PosError as exc:
            self._error(exc)
            return
        refund = self.done_refund
        self.sig_refunded.emit(refund)
        self.load(sale.receipt_no)  # show what is left to return
        self.done_refund = refund
        self.message.setStyleSheet("color: #2e7d32;")
        how = ", ".join(f"{tender_name(t.kind)} {t.amount.format()}" for t in refund.tenders)
        self.message.setText(
            self.tr("Refund {no} done: give back {amount} ({how}).").format(
                no=refund.refund_no, amount=refund.plan.total.format(), how=how
            )
        )

    def _refresh(self) -> None:
        if self.sale is None or not self.model.requested:
            self.summary.setText(self.tr("Choose what comes back (Return now column)."))
            self.confirm_button.setEnabled(False)
            return
        try:
            plan = self.refunds.preview(self.sale, dict(self.model.requested))
        except PosError as exc:
            self._error(exc)
            self.confirm_button.setEnabled(False)
            return
        text = self.tr("Refund {amount}").format(amount=plan.total.format())
        if self.sale.resident_id:
            text += " · " + self.tr("points taken back: {points}").format(
                points=points_text(plan.points_clawback)
            )
        self.summary.setText(text)
        self.confirm_button.setEnabled(True)

    def _error(self, exc: PosError) -> None:
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setText(error_text(exc))
        QApplication.beep()
