"""Recent sales, with a receipt preview and a reprint, and a lookup by receipt
number (typed, or scanned from a receipt's lookup QR)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.money import Money
from pos_app.core.receipt_codes import LOOKUP_PREFIX  # a receipt's lookup QR, scanned here
from pos_app.receipts.profiles import DEFAULT_PROFILE, get_profile
from pos_app.services.checkout import CheckoutService, SaleSummary
from pos_app.services.printing import PrinterError, PrintService
from pos_app.ui.dialogs.receipt_preview import ReceiptPreviewDialog
from pos_app.ui.models.rows import RowsModel
from pos_app.ui.printer_status import printer_error_text
from pos_app.ui.text import local_time

log = logging.getLogger("pos_app.printer")


class SalesHistoryModel(RowsModel[SaleSummary]):
    numeric_columns = (3, 4)

    def headers(self) -> list[str]:
        return [
            self.tr("Receipt"),
            self.tr("Time"),
            self.tr("Cashier"),
            self.tr("Lines"),
            self.tr("Total"),
        ]

    def cell(self, row: SaleSummary, column: int, index: int) -> str:
        return [
            row.receipt_no,
            local_time(row.created_at),
            row.cashier,
            str(row.line_count),
            Money(row.total_fen).format(),
        ][column]


class HistoryDialog(QDialog):
    sig_reprint_queued = Signal(int)  # print job id: kick the print worker
    sig_return_requested = Signal(str)  # receipt number: open the return of that sale

    def __init__(
        self,
        checkout: CheckoutService,
        printing: PrintService,
        parent: QWidget | None = None,
        *,
        limit: int = 50,
    ) -> None:
        super().__init__(parent)
        self.checkout = checkout
        self.printing = printing
        self.limit = limit
        self.preview_dialog: ReceiptPreviewDialog | None = None
        self.setWindowTitle(self.tr("Sales history"))
        self.setMinimumSize(640, 420)
        layout = QVBoxLayout(self)

        lookup = QHBoxLayout()
        self.lookup_field = QLineEdit()
        self.lookup_field.setPlaceholderText(self.tr("Receipt number, e.g. S001-T01-000042"))
        self.lookup_field.returnPressed.connect(self.on_lookup_field_return_pressed)
        self.find_button = QPushButton(self.tr("Find"))
        self.find_button.clicked.connect(self.on_lookup_field_return_pressed)
        self.all_button = QPushButton(self.tr("Recent"))
        self.all_button.clicked.connect(self.refresh)
        lookup.addWidget(self.lookup_field, 1)
        lookup.addWidget(self.find_button)
        lookup.addWidget(self.all_button)
        layout.addLayout(lookup)

        self.model = SalesHistoryModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _index: self.on_preview_clicked())
        layout.addWidget(self.view)

        self.message = QLabel()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.preview_button = QPushButton(self.tr("Preview"))
        self.reprint_button = QPushButton(self.tr("Reprint"))
        self.return_button = QPushButton(self.tr("Return…"))
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.reprint_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.return_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.return_button.clicked.connect(self.on_return_clicked)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.on_preview_clicked)
        self.reprint_button.clicked.connect(self.on_reprint_clicked)
        layout.addWidget(buttons)
        self.refresh()

    # --- rows -----------------------------------------------------------------------

    def refresh(self) -> None:
        self.model.set_rows(self.checkout.recent_sales(self.limit))
        if self.model.rowCount():
            self.view.selectRow(0)
        self.message.clear()

    def selected(self) -> SaleSummary | None:
        return self.model.row_at(self.view.currentIndex().row())

    def on_return_clicked(self) -> None:
        sale = self.selected()
        if sale is not None:
            self.sig_return_requested.emit(sale.receipt_no)
            self.accept()

    def on_lookup_field_return_pressed(self) -> None:
        text = self.lookup_field.text().strip().upper()
        text = text.removeprefix(LOOKUP_PREFIX)
        if not text:
            self.refresh()
            return
        found = self.checkout.find_sale(text)
        if found is None:
            self.message.setText(
                self.tr("No sale with receipt number {number}.").format(number=text)
            )
            return
        self.model.set_rows([found])
        self.view.selectRow(0)
        self.message.clear()

    # --- actions --------------------------------------------------------------------

    def on_preview_clicked(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            profile = self.printing.profile()
        except PrinterError:
            profile = get_profile(DEFAULT_PROFILE)  # a preview needs some paper width
        try:
            data = self.printing.receipt_of_sale(row.sale_id)
            job = self.printing.render(data, profile=profile)
        except Exception:  # a preview must never take the till down
            log.exception("preview of %s failed", row.receipt_no)
            self.message.setText(self.tr("This receipt cannot be shown."))
            return
        dialog = ReceiptPreviewDialog.for_job(job, profile, self, can_print=self.printing.enabled())
        dialog.sig_print_requested.connect(self.on_reprint_clicked)
        self.preview_dialog = dialog
        dialog.open()

    def on_reprint_clicked(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            job_id = self.printing.reprint(row.sale_id)
        except PrinterError as exc:
            self.message.setText(printer_error_text(exc.code))
            return
        except Exception:
            log.exception("reprint of %s failed", row.receipt_no)
            self.message.setText(self.tr("The reprint could not be queued."))
            return
        self.message.setText(self.tr("Reprint of {number} queued.").format(number=row.receipt_no))
        self.sig_reprint_queued.emit(job_id)
