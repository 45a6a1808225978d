"""The checkout window: scan field, cart, running totals, and the cashier's keys.

Widgets only display and forward: every action calls one `CheckoutService`
method and redraws from the `CartChange` it returns.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.app import AppContext
from pos_app.core.errors import PosError
from pos_app.core.sale import Sale
from pos_app.services.checkout import CartChange
from pos_app.ui.camera_actions import CameraActions
from pos_app.ui.cart_actions import CartActions
from pos_app.ui.dialogs.held_dialog import HeldOrdersDialog
from pos_app.ui.dialogs.tender_dialog import TenderDialog
from pos_app.ui.held_actions import HeldOrderActions
from pos_app.ui.menus import build_menus
from pos_app.ui.messages import error_text
from pos_app.ui.models.cart_model import CartTableModel
from pos_app.ui.models.product_model import ProductListModel
from pos_app.ui.print_actions import PrintActions
from pos_app.ui.resident_actions import ResidentActions
from pos_app.ui.scanner import ScannerInputFilter
from pos_app.ui.sync_worker import SyncWorker
from pos_app.ui.text import SHANGHAI
from pos_app.ui.widgets.customer_panel import CustomerPanel
from pos_app.ui.widgets.scan_field import ScanField, SearchField
from pos_app.ui.widgets.sync_status import SyncStatusLabel
from pos_app.ui.widgets.totals_panel import TotalsPanel
from pos_app.ui.workers import BackgroundRunner

log = logging.getLogger("pos_app.ui")


class MainWindow(QMainWindow):
    sig_cart_changed = Signal()
    sig_sale_completed = Signal(object)  # Sale
    sig_catalog_imported = Signal(object)  # ImportReport
    # settings were written (maybe on the sync thread): queued to the GUI thread
    sig_settings_changed = Signal()

    def __init__(self, context: AppContext, scanner: ScannerInputFilter | None = None) -> None:
        super().__init__()
        self.context = context
        self.checkout = context.checkout
        self.runner = BackgroundRunner(self)
        self.tender_dialog: TenderDialog | None = None
        self.held_dialog: HeldOrdersDialog | None = None
        self.customer_display: QWidget | None = None  # the 客显, when a second screen exists
        self.sync_worker: SyncWorker | None = None  # set by the launcher; tests run without
        self.shut_down = False
        self.scanner = scanner
        if scanner is not None:
            scanner.sig_scanned.connect(self.on_scanner_sig_scanned)
        self._results_for = ""
        self.resize(1280, 760)
        self._build()
        self.sig_settings_changed.connect(self.on_self_sig_settings_changed)
        context.settings.subscribe(self._settings_written)
        self.on_self_sig_settings_changed()
        self.held_orders = HeldOrderActions(self)
        self.actions_ = CartActions(self)
        self.residents = ResidentActions(self)
        self.camera = CameraActions(self)
        self.printing = PrintActions(self)
        build_menus(self)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick)
        self._clock.start(1000)
        self._tick()
        self.refresh_cart()
        self.refresh_pending()
        self.scan_field.setFocus()

    # --- layout ---------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        outer = QHBoxLayout(central)
        left = QVBoxLayout()
        header = QLabel()
        header.setObjectName("storeHeader")
        self.store_header = header
        header.setStyleSheet("font-size: 16pt; font-weight: bold;")
        left.addWidget(header)

        fields = QHBoxLayout()
        self.scan_field = ScanField()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(self.tr("Scan, or type barcode / SKU / pinyin initials"))
        self.scan_field.setStyleSheet("font-size: 16pt; padding: 6px;")
        self.scan_field.returnPressed.connect(self.on_scan_field_return_pressed)
        self.scan_field.textEdited.connect(self.on_query_edited)
        self.scan_field.sig_moved.connect(self.move_result_selection)
        self.search_field = SearchField()
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText(self.tr("Search by name [F3]"))
        self.search_field.setStyleSheet("font-size: 14pt; padding: 6px;")
        self.search_field.textEdited.connect(self.on_query_edited)
        self.search_field.returnPressed.connect(self.add_selected_result)
        self.search_field.sig_moved.connect(self.move_result_selection)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search_field, activated=self.back_to_scan)
        fields.addWidget(self.scan_field, 3)
        fields.addWidget(self.search_field, 2)
        left.addLayout(fields)

        self.results_model = ProductListModel(self)
        self.results_view = _table(self.results_model)
        self.results_view.setObjectName("resultsView")
        self.results_view.setMaximumHeight(220)
        self.results_view.setColumnWidth(0, 420)
        self.results_view.setColumnWidth(1, 110)
        self.results_view.activated.connect(lambda _i: self.add_selected_result())
        self.results_view.hide()
        left.addWidget(self.results_view)

        self.cart_model = CartTableModel(self)
        self.cart_view = _table(self.cart_model)
        self.cart_view.setObjectName("cartView")
        self.cart_view.setStyleSheet("font-size: 13pt;")
        self.cart_view.setColumnWidth(0, 40)
        self.cart_view.setColumnWidth(1, 420)
        left.addWidget(self.cart_view, 1)
        outer.addLayout(left, 3)

        right = QVBoxLayout()
        self.totals = TotalsPanel()
        right.addWidget(self.totals)
        self.customer_panel = CustomerPanel()
        right.addWidget(self.customer_panel)
        self.button_grid = QGridLayout()
        right.addLayout(self.button_grid)
        right.addStretch(1)
        outer.addLayout(right, 1)
        self.setCentralWidget(central)

        self.status_message = QLabel()
        self.status_message.setObjectName("statusMessage")
        self.pending_label = SyncStatusLabel()
        self.clock_label = QLabel()
        self.statusBar().addWidget(self.status_message, 1)
        self.statusBar().addPermanentWidget(self.pending_label)
        self.statusBar().addPermanentWidget(QLabel(self.context.settings.terminal.cashier_name))
        self.statusBar().addPermanentWidget(self.clock_label)

    def add_button(self, row: int, col: int, text: str, key: str, slot: object) -> QPushButton:
        """A big button whose label shows its key; the key works anywhere in the window."""
        button = QPushButton(f"{text}\n[{key}]")
        button.setMinimumHeight(64)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the focus on the scan field
        button.clicked.connect(slot)
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        self.button_grid.addWidget(button, row, col)
        return button

    # --- scanning and searching ----------------------------------------------

    def on_scanner_sig_scanned(self, code: str) -> None:
        if self.tender_dialog is not None and self.tender_dialog.isVisible():
            self.tender_dialog.on_scan(code)
            return
        modal = QApplication.activeModalWidget()
        if modal is not None and hasattr(modal, "on_scan"):
            modal.on_scan(code)  # a dialog that takes scans (claims, returns)
            return
        if modal is not None or (self.held_dialog is not None and self.held_dialog.isVisible()):
            self.show_message(
                self.tr("Close the open window before scanning products."), error=True
            )
            QApplication.beep()
            return
        self.process_scan(code)

    def process_scan(self, code: str) -> None:
        try:
            change = self.checkout.scan(code)
        except PosError as exc:
            self.show_error(exc)
            return
        if change.receipt_code:
            self.residents.receipt_scanned(change.receipt_code)
            self.scan_field.clear()
            return
        if change.member_changed:
            self.apply_change(change)
            self.residents.identified()
            return
        if change.line_no is None and not change.reset:
            self.show_results(code, change.results)
            if not change.results:
                self.show_message(
                    self.tr('Nothing found for "{text}".').format(text=code), error=True
                )
                QApplication.beep()
            return
        self.apply_change(change)

    def on_scan_field_return_pressed(self) -> None:
        text = self.scan_field.text().strip()
        if not text or (
            text == self._results_for and self.results_model.rowCount() and not text.isdigit()
        ):
            self.add_selected_result()
        else:
            self.process_scan(text)

    def on_query_edited(self, text: str) -> None:
        text = text.strip()
        if not text or (text.isdigit() and len(text) < 4):
            # a quantity typed before F4, or the first digits of a code
            self.show_results("", [])
            return
        self.show_results(text, self.context.catalog.search(text))

    def show_results(self, query: str, products: list) -> None:  # type: ignore[type-arg]
        self._results_for = query
        self.results_model.set_rows(products)
        self.results_view.setVisible(bool(products))
        if products:
            self.results_view.selectRow(0)
            self.show_message(
                self.tr("{count} found: ↑↓ to choose, Enter to add.").format(count=len(products))
            )
        elif query:
            self.show_message(self.tr('Nothing found for "{text}".').format(text=query))

    def move_result_selection(self, step: int) -> None:
        rows = self.results_model.rowCount()
        if rows:
            row = min(max(self.results_view.currentIndex().row() + step, 0), rows - 1)
            self.results_view.selectRow(row)
        else:
            row = min(
                max(self.cart_view.currentIndex().row() + step, 0), self.cart_model.rowCount() - 1
            )
            self.cart_view.selectRow(row)

    def add_selected_result(self) -> None:
        product = self.results_model.row_at(self.results_view.currentIndex().row())
        if product is None or product.id is None:
            return
        try:
            change = self.checkout.add_by_id(product.id)
        except PosError as exc:
            self.show_error(exc)
            return
        self.apply_change(change)
        self.back_to_scan()

    def back_to_scan(self) -> None:
        self.search_field.clear()
        self.scan_field.setFocus()

    # --- redraw ---------------------------------------------------------------

    def apply_change(self, change: CartChange) -> None:
        self.scan_field.clear()
        self.show_results("", [])
        self.refresh_cart(select_line=change.line_no)
        line = next((ln for ln in self.checkout.cart.lines if ln.line_no == change.line_no), None)
        if not change.saved:
            self.show_message(
                self.tr("Warning: the cart could not be saved to disk; it is kept on screen."),
                error=True,
            )
        elif line is not None:
            self.show_message(
                self.tr("Added {name}: {amount}").format(
                    name=line.name, amount=line.amount.format()
                )
            )

    def refresh_cart(self, select_line: int | None = None) -> None:
        self.cart_model.set_cart(self.checkout.cart)
        row = self.cart_model.row_of(select_line)
        if row < 0:
            row = self.cart_model.rowCount() - 1
        if row >= 0:
            self.cart_view.selectRow(row)
            self.cart_view.scrollTo(self.cart_model.index(row, 0))
        self.totals.show_totals(self.checkout.cart.totals())
        self.residents.refresh()
        self.sig_cart_changed.emit()

    def refresh_pending(self) -> None:
        """Records waiting for sync; changes only when a sale or refund is written."""
        self.pending_label.show_status(self.context.sync.status())

    def on_sync_sig_status(self, status: object) -> None:
        self.pending_label.show_status(status)  # type: ignore[arg-type]
        if self.checkout.member is not None:  # a pull may have brought a fresher balance
            self.checkout.refresh_member()
            self.residents.refresh()

    def selected_line_no(self) -> int | None:
        line = self.cart_model.line_at(self.cart_view.currentIndex().row())
        return None if line is None else line.line_no

    def show_error(self, exc: PosError) -> None:
        log.info("refused: %s", exc.code.value)
        self.show_message(error_text(exc), error=True)
        self.scan_field.clear()
        QApplication.beep()

    def show_message(self, text: str, error: bool = False) -> None:
        self.status_message.setText(text)
        self.status_message.setStyleSheet("color: #c0392b; font-weight: bold;" if error else "")

    def _tick(self) -> None:
        self.clock_label.setText(
            datetime.now(UTC).astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")
        )

    # --- dialogs --------------------------------------------------------------

    def open_tender(self) -> None:
        if self.tender_dialog is not None:
            self.tender_dialog.raise_()
            return
        try:
            dialog = TenderDialog(self.checkout, self)
        except PosError as exc:
            self.show_error(exc)
            return
        dialog.sig_sale_completed.connect(self.on_tender_sig_sale_completed)
        dialog.finished.connect(self.on_tender_finished)
        self.tender_dialog = dialog
        dialog.open()

    def on_tender_sig_sale_completed(self, sale: Sale) -> None:
        self.refresh_cart()
        self.refresh_pending()
        self.totals.show_last_sale(sale.receipt_no, sale.total, sale.change)
        self.show_message(self.tr("Sale {receipt} saved.").format(receipt=sale.receipt_no))
        self.sig_sale_completed.emit(sale)

    def on_tender_finished(self, _result: int) -> None:
        if self.tender_dialog is not None:
            self.tender_dialog.deleteLater()
        self.tender_dialog = None
        self.scan_field.setFocus()

    def _settings_written(self, _settings: object) -> None:
        self.sig_settings_changed.emit()  # any thread: Qt queues it to the window's

    def on_self_sig_settings_changed(self) -> None:
        """A changed store name shows at once, without a restart."""
        name = self.context.settings.store.name
        self.setWindowTitle(self.tr("Yuancang POS") + " — " + name)
        self.store_header.setText(name)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop everything that works beside the window: the close button and
        SIGTERM (see launch.run_gui) both come here. Once; quick: a sync in
        flight is cancelled, not waited for."""
        if self.shut_down:
            return
        self.shut_down = True
        self.context.settings.unsubscribe(self._settings_written)
        self.camera.close()
        self.printing.stop()
        if self.sync_worker is not None:
            self.sync_worker.stop()
        self.runner.shutdown()
        if self.customer_display is not None:
            self.customer_display.close()
        log.info("till shut down: camera, printer, sync and background work stopped")


def _table(model: object) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setAlternatingRowColors(True)
    return view
