"""Payment: cash with change, WeChat Pay / Alipay / UnionPay with a reference,
split across several tenders. A customer's payment code scanned here picks
its wallet and becomes the reference. The sale is committed as soon as the
amount due is covered; a storage failure keeps the dialog and its payments.

抹零 (the store's cash rounding) has its own line under the amount due, for
the tender chosen: choosing a wallet where only cash is rounded shows the
unrounded amount at once, so the figure on screen is what will be charged.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.barcodes import MemberCode, PaymentCode, ReceiptCode, classify
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.sale import Sale
from pos_app.core.tender import Tender, TenderKind, quick_cash_amounts
from pos_app.services.checkout import CheckoutService
from pos_app.ui.messages import error_text
from pos_app.ui.models.payment_model import PaymentsModel
from pos_app.ui.scanner import mark_typed_code_field
from pos_app.ui.widgets.number_pad import NumberPad

PAY_WIDTH = 560  # the amounts, tenders, payments and buttons
PAD_WIDTH = 320  # the number pad beside them: four 64 px keys and their spacing


class TenderDialog(QDialog):
    sig_sale_completed = Signal(object)  # Sale

    def __init__(self, checkout: CheckoutService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Payment"))
        self.setMinimumWidth(PAY_WIDTH + PAD_WIDTH)  # 880: fits 1024×768
        self.checkout = checkout
        self.tender: Tender = checkout.start_tender()
        self.sale: Sale | None = None
        self.kind = TenderKind.CASH
        self._build()
        self._refresh()

    # --- layout ---------------------------------------------------------------

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        layout = QVBoxLayout()
        outer.addLayout(layout, 1)
        self.due_label = QLabel()
        self.due_label.setStyleSheet("font-size: 22pt; font-weight: bold;")
        self.status_label = QLabel()
        self.status_label.setStyleSheet("font-size: 14pt;")
        self.change_label = QLabel()
        self.change_label.setStyleSheet("font-size: 28pt; font-weight: bold; color: #2e7d32;")
        # 抹零: the total and what is rounded off, shown only when something is
        self.rounding_label = QLabel()
        self.rounding_label.setObjectName("roundingLabel")
        self.rounding_label.setStyleSheet("font-size: 14pt; color: #1565c0;")
        layout.addWidget(self.due_label)
        layout.addWidget(self.rounding_label)
        layout.addWidget(self.status_label)

        kinds = QHBoxLayout()
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[TenderKind, QPushButton] = {}
        labels = {
            TenderKind.CASH: (self.tr("Cash"), "F1"),
            TenderKind.WECHAT: (self.tr("WeChat Pay"), "F2"),
            TenderKind.ALIPAY: (self.tr("Alipay"), "F3"),
            TenderKind.UNIONPAY: (self.tr("UnionPay card"), "F4"),
        }
        for kind, (text, key) in labels.items():
            button = QPushButton(f"{text} [{key}]")
            button.setCheckable(True)
            button.setMinimumHeight(44)
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            button.clicked.connect(lambda _=False, k=kind: self.select_kind(k))
            QShortcut(QKeySequence(key), self, activated=lambda k=kind: self.select_kind(k))
            kinds.addWidget(button)
        layout.addLayout(kinds)

        form = QGridLayout()
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("amountEdit")
        self.amount_edit.setStyleSheet("font-size: 18pt;")
        self.reference_edit = QLineEdit()
        self.reference_edit.setObjectName("referenceEdit")
        # Typed or scanned, the reference arrives whole here; Enter takes the
        # payment, in the wallet of a payment code if it is one.
        mark_typed_code_field(self.reference_edit)
        self.reference_edit.setMaxLength(64)
        self.reference_edit.returnPressed.connect(self.on_reference_edit_return_pressed)
        self.reference_label = QLabel(self.tr("Reference / payment code"))
        form.addWidget(QLabel(self.tr("Amount")), 0, 0)
        form.addWidget(self.amount_edit, 0, 1)
        form.addWidget(self.reference_label, 1, 0)
        form.addWidget(self.reference_edit, 1, 1)
        layout.addLayout(form)

        self.quick_row = QHBoxLayout()
        self.quick_buttons: list[QPushButton] = []
        for _ in range(4):
            button = QPushButton()
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _=False, b=button: self._on_quick(b))
            self.quick_row.addWidget(button)
            self.quick_buttons.append(button)
        layout.addLayout(self.quick_row)

        self.payments_model = PaymentsModel(self)
        self.payments_view = QTableView()
        self.payments_view.setModel(self.payments_model)
        self.payments_view.setMaximumHeight(120)
        self.payments_view.horizontalHeader().setStretchLastSection(True)
        self.payments_view.setColumnWidth(0, 120)
        self.payments_view.setColumnWidth(1, 240)
        layout.addWidget(self.payments_view)
        self.message = QLabel()
        self.message.setObjectName("tenderMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        layout.addWidget(self.message)
        layout.addWidget(self.change_label)

        buttons = QHBoxLayout()
        self.remove_button = QPushButton(self.tr("Remove payment [Del]"))
        self.remove_button.clicked.connect(self.remove_last_payment)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self, activated=self.remove_last_payment)
        self.add_button = QPushButton(self.tr("Take payment [Enter]"))
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.take_payment)
        self.cancel_button = QPushButton(self.tr("Cancel [Esc]"))
        self.cancel_button.clicked.connect(self.reject)
        for b in (self.remove_button, self.cancel_button, self.add_button):
            b.setMinimumHeight(44)
            buttons.addWidget(b)
        layout.addLayout(buttons)
        # cash tendered by touch: the pad types into the amount, ↵ takes the payment
        self.pad = NumberPad(self.amount_edit, self)
        self.pad.setFixedWidth(PAD_WIDTH)
        self.pad.sig_entered.connect(lambda _text: self.take_payment())
        outer.addWidget(self.pad)
        self.select_kind(TenderKind.CASH)

    # --- actions --------------------------------------------------------------

    def select_kind(self, kind: TenderKind) -> None:
        if self.sale is not None:
            return
        self.kind = kind
        self.kind_buttons[kind].setChecked(True)
        external = kind is not TenderKind.CASH
        self.reference_edit.setEnabled(external)
        self.reference_label.setEnabled(external)
        rest = self.tender.remaining_if(kind)
        self.amount_edit.setText((rest if rest.fen > 0 else Money(0)).plain())
        (self.reference_edit if external else self.amount_edit).setFocus()
        self.amount_edit.selectAll()
        self._refresh()

    def on_scan(self, code: str) -> None:
        """A scan while paying: a payment code is taken at once for the amount due."""
        if self.sale is not None:
            return
        try:
            scan = classify(code)
        except PosError as exc:
            self._error(exc)
            return
        if not isinstance(scan, PaymentCode):
            self._error(PosError(ErrorCode.TENDER_REFERENCE_REQUIRED))
            return
        amount = self.amount_edit.text()  # a partial amount typed before the scan stays
        self.select_kind(TenderKind.for_wallet(scan.wallet))
        self.amount_edit.setText(amount)
        self.reference_edit.setText(scan.code)
        self.take_payment()

    def on_reference_edit_return_pressed(self) -> None:
        """Take the payment; a customer's payment code in the reference picks its wallet,
        as when the code is scanned anywhere else in this dialog."""
        try:
            scan = classify(self.reference_edit.text())
        except PosError:
            scan = None  # a typed reference: take_payment checks it
        if isinstance(scan, MemberCode | ReceiptCode):
            # our own signed codes are never a payment reference: a membership code
            # is a credential and must not be stored with the payment
            self.reference_edit.clear()
            self._error(PosError(ErrorCode.TENDER_REFERENCE_REQUIRED))
            return
        if isinstance(scan, PaymentCode) and self.sale is None:
            wallet_kind = TenderKind.for_wallet(scan.wallet)
            if wallet_kind is not self.kind:
                amount = self.amount_edit.text()
                self.select_kind(wallet_kind)
                self.amount_edit.setText(amount)
                self.reference_edit.setText(scan.code)
        self.take_payment()

    def take_payment(self) -> None:
        if self.sale is not None:
            self.accept()
            return
        if self.tender.settled:  # paid, but saving failed: retry the save only
            self.complete()
            self._refresh()
            return
        try:
            amount = Money.parse(self.amount_edit.text() or "0")
            if self.kind is TenderKind.CASH:
                self.tender.add_cash(amount)
            else:
                self.tender.add_external(
                    self.kind,
                    amount,
                    self.reference_edit.text(),
                    self.checkout.provider,
                    self.checkout.sale_id,
                )
        except PosError as exc:
            self._error(exc)
            return
        self.reference_edit.clear()
        self.message.clear()
        if self.tender.settled:
            self.complete()
        else:
            self.select_kind(TenderKind.CASH)
        self._refresh()

    def complete(self) -> None:
        """Commit the sale; on a storage failure the payments stay for a retry."""
        try:
            self.sale = self.checkout.complete(self.tender)
        except PosError as exc:
            self._error(exc)
            self.add_button.setText(self.tr("Retry saving [Enter]"))
            return
        self.add_button.setText(self.tr("Done [Enter]"))
        self.cancel_button.setEnabled(False)
        self.remove_button.setEnabled(False)
        self.sig_sale_completed.emit(self.sale)
        self._refresh()

    def remove_last_payment(self) -> None:
        if self.sale is None and self.tender.payments:
            self.tender.remove(len(self.tender.payments) - 1)
            self.select_kind(TenderKind.CASH)
            self._refresh()

    def reject(self) -> None:
        if self.sale is not None:
            self.accept()
        else:
            super().reject()

    def _on_quick(self, button: QPushButton) -> None:
        self.amount_edit.setText(button.property("fen_text"))
        self.take_payment()

    # --- display --------------------------------------------------------------

    def _error(self, exc: PosError) -> None:
        self.message.setText(error_text(exc))
        QApplication.beep()

    def _refresh(self) -> None:
        t = self.tender
        # the figures for the tender chosen (the sale's own once it is recorded)
        rounding = self.sale.rounding if self.sale is not None else t.rounding_if(self.kind)
        self.due_label.setText(self.tr("Due {total}").format(total=(t.total - rounding).format()))
        self.rounding_label.setVisible(rounding.fen > 0)
        self.rounding_label.setText(
            self.tr("Rounded off {rounding} (total {total})").format(
                rounding=(-rounding).format(), total=t.total.format()
            )
        )
        rest = t.remaining_if(self.kind) if self.sale is None else t.remaining
        remaining = rest if rest.fen > 0 else Money(0)
        self.status_label.setText(
            self.tr("Paid {paid} · still due {remaining}").format(
                paid=t.paid.format(), remaining=remaining.format()
            )
        )
        self.payments_model.set_rows(t.payments)
        amounts = quick_cash_amounts(remaining)
        for index, button in enumerate(self.quick_buttons):
            visible = index < len(amounts) and self.kind is TenderKind.CASH and remaining.fen > 0
            button.setVisible(visible)
            if index < len(amounts):
                button.setText(amounts[index].format())
                button.setProperty("fen_text", amounts[index].plain())
        if self.sale is not None:
            self.change_label.setText(
                self.tr("Change {change}").format(change=self.sale.change.format())
            )
            if self.sale.payments and self.sale.payments[0].kind is TenderKind.CASH:
                self.add_button.setFocus()
