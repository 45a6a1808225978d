"""The checkout window: scan field, cart, running totals, and the cashier's keys.

Widgets only display and forward: every action calls one `CheckoutService`
method and redraws from the `CartChange` it returns.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.app import AppContext
from pos_app.core.catalog import Product
from pos_app.core.errors import PosError
from pos_app.services.cart_change import CartChange
from pos_app.services.sync import SyncStatus
from pos_app.ui.camera_actions import CameraActions
from pos_app.ui.cart_actions import CartActions
from pos_app.ui.dialogs.held_dialog import HeldOrdersDialog
from pos_app.ui.dialogs.tender_dialog import TenderDialog
from pos_app.ui.event_actions import EventActions
from pos_app.ui.held_actions import HeldOrderActions
from pos_app.ui.line_keys import LineKeys
from pos_app.ui.menus import build_menus
from pos_app.ui.messages import error_text
from pos_app.ui.models.cart_model import CartTableModel
from pos_app.ui.models.product_model import ProductListModel
from pos_app.ui.pay_actions import PayActions
from pos_app.ui.print_actions import PrintActions
from pos_app.ui.promo_actions import PromoActions
from pos_app.ui.resident_actions import ResidentActions
from pos_app.ui.results_actions import SearchResults
from pos_app.ui.scan_actions import ScanFlow
from pos_app.ui.scanner import ScannerInputFilter
from pos_app.ui.shift_actions import ShiftActions
from pos_app.ui.staff_actions import StaffActions
from pos_app.ui.sync_worker import SyncWorker
from pos_app.ui.text import SHANGHAI
from pos_app.ui.widgets.key_panel import KeyButton
from pos_app.ui.widgets.product_grid import ProductGrid
from pos_app.ui.widgets.right_panel import RightPanel
from pos_app.ui.widgets.scan_field import ScanField, SearchField
from pos_app.ui.widgets.status_bar import TillStatusBar
from pos_app.ui.widgets.sync_status import SyncStatusLabel
from pos_app.ui.widgets.tables import name_stretches, row_table
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
        self.search = SearchResults(self)
        self.scans = ScanFlow(self)
        self.pay = PayActions(self)
        self.grid_on = True
        self._built = False
        self.resize(1280, 760)
        self._build()
        # promotions under the lines, their savings, the next tier, the list and a new one
        self.promos = PromoActions(self, context.promotions, self.on_promotions_created)
        self.sig_settings_changed.connect(self.on_self_sig_settings_changed)
        context.settings.subscribe(self._settings_written)
        self.on_self_sig_settings_changed()
        self.held_orders = HeldOrderActions(self)
        self.actions_ = CartActions(self)
        self.residents = ResidentActions(self)
        self.camera = CameraActions(self)
        self.printing = PrintActions(self)
        self.shift_keys = ShiftActions(self)  # 交班: open, X read, cash in/out, Z close
        build_menus(self)
        self.staff_actions = StaffActions(self, self.cashier_label)  # sign-in, lock, drawer
        self.event_actions = EventActions(self)  # event mode (活动模式) in the counter's place
        self._built = True
        self.retranslate_ui()
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
        self.scan_field.setStyleSheet("font-size: 16pt; padding: 6px;")
        self.scan_field.returnPressed.connect(self.on_scan_field_return_pressed)
        self.scan_field.textEdited.connect(self.on_query_edited)
        self.scan_field.sig_moved.connect(self.search.move)
        self.search_field = SearchField()
        self.search_field.setObjectName("searchField")
        self.search_field.setStyleSheet("font-size: 14pt; padding: 6px;")
        self.search_field.textEdited.connect(self.on_query_edited)
        self.search_field.returnPressed.connect(self.search.add_selected)
        self.search_field.sig_moved.connect(self.search.move)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search_field)
        escape.activated.connect(self.back_to_scan)
        for field in (self.scan_field, self.search_field):
            # placeholders are long in English: they must never widen the window
            field.setMinimumWidth(120)
            field.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        fields.addWidget(self.scan_field, 3)
        fields.addWidget(self.search_field, 2)
        left.addLayout(fields)

        self.cart_model = CartTableModel(self)
        self.cart_view = row_table(self.cart_model)
        self.cart_view.setObjectName("cartView")
        name_stretches(self.cart_view, CartTableModel.NAME)
        self.line_keys = LineKeys(self)
        cart_box = QWidget()
        cart_layout = QVBoxLayout(cart_box)
        cart_layout.setContentsMargins(0, 0, 0, 0)
        cart_layout.addWidget(self.cart_view, 1)
        cart_layout.addLayout(self.line_keys.row)

        self.results_model = ProductListModel(self)
        self.results_view = row_table(self.results_model)
        self.results_view.setObjectName("resultsView")
        name_stretches(self.results_view, 0)
        self.results_view.activated.connect(lambda _i: self.search.add_selected())
        self.grid = ProductGrid(self.context.browse)
        self.grid.sig_product_chosen.connect(self.search.add_product)
        self.sig_catalog_imported.connect(lambda _r: self.grid.reload())
        self.lower_pane = QStackedWidget()
        self.lower_pane.setObjectName("lowerPane")
        self.lower_pane.addWidget(self.grid)
        self.lower_pane.addWidget(self.results_view)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(cart_box)
        self.splitter.addWidget(self.lower_pane)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)  # the cart keeps half: it is what is sold
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([1000, 1000])  # halves, whatever the size hints say
        left.addWidget(self.splitter, 1)
        outer.addLayout(left, 1)

        right = RightPanel()
        self.totals = right.totals
        self.customer_panel = right.customer_panel
        self.keys = right.keys
        self.button_grid = self.keys.pages[0]
        outer.addWidget(right)
        self.setCentralWidget(central)

        self.status_message = QLabel()
        self.status_message.setObjectName("statusMessage")
        # a long message wraps rather than widen the window
        self.status_message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.pending_label = SyncStatusLabel()
        self.clock_label = QLabel()
        bar = TillStatusBar(self.status_message)
        self.setStatusBar(bar)
        bar.addPermanentWidget(self.pending_label)
        self.cashier_label = QLabel(self.context.settings.terminal.cashier_name)
        bar.add_corner(self.cashier_label)
        bar.add_corner(self.clock_label)

    def retranslate_ui(self) -> None:
        """Every text the window shows, in the current language: called once when
        built and again on each LanguageChange (a translator installed or removed)."""
        self.scan_field.setPlaceholderText(self.tr("Scan, or type code / SKU / pinyin"))
        self.search_field.setPlaceholderText(self.tr("Search by name [F3]"))
        self.on_self_sig_settings_changed()
        self.keys.retranslate()
        self.staff_actions.page.retranslate()
        self.line_keys.retranslate()
        self.grid.retranslate()
        for model in (self.cart_model, self.results_model):
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)
        self.totals.show_totals(self.checkout.cart.totals(), self.checkout.cash_rounding())
        self.totals.retranslate()
        self.residents.refresh()
        self.refresh_pending()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_lower(self, *, results: bool) -> None:
        """Search results over the product grid while there are any; then the grid
        again, or nothing when the grid is switched off."""
        if results:
            self.lower_pane.setCurrentWidget(self.results_view)
            self.lower_pane.show()
        else:
            self.lower_pane.setCurrentWidget(self.grid)
            self.lower_pane.setVisible(self.grid_on)

    def set_grid_on(self, on: bool) -> None:
        self.grid_on = on
        self.show_lower(results=self.results_model.rowCount() > 0)
        self.line_keys.retranslate()

    def add_button(
        self,
        row: int,
        col: int,
        text: str | Callable[[], str],
        key: str,
        slot: object,
        *,
        wide: bool = False,
    ) -> KeyButton:
        """A big touch key whose label shows its keyboard key; the key works anywhere
        in the window. `text` may be a function, so a language change relabels it.
        Keys fill the pages in (row, col) order, two columns per row as the callers
        count (see KeyPanel.add); `wide` puts the key beside "More", on every page (Pay)."""
        if wide:
            button = KeyButton(text, key)
            self.keys.add_wide(button)
        else:
            button = self.keys.add(row, col, text, key)
        button.clicked.connect(slot)
        action = QAction(self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return button

    # --- scanning and searching ----------------------------------------------

    def on_scanner_sig_scanned(self, code: str) -> None:
        if self.staff_actions.blocks_input():
            return  # a locked screen: nothing reaches the order behind it
        self.scans.on_scanned(code)

    def process_scan(self, code: str) -> None:
        self.scans.process(code)

    def on_scan_field_return_pressed(self) -> None:
        self.scans.on_scan_field_return_pressed()

    def on_query_edited(self, text: str) -> None:
        self.search.on_query_edited(text)

    def show_results(self, query: str, products: list[Product]) -> None:
        self.search.show(query, products)

    def add_selected_result(self) -> None:
        self.search.add_selected()

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

    def on_promotions_created(self) -> None:
        """A manager's store-only promotion: the cart is priced again with it."""
        self.checkout.promotions_changed()
        self.refresh_cart()

    def refresh_cart(self, select_line: int | None = None) -> None:
        self.cart_model.set_cart(self.checkout.cart)
        self.promos.show_result(self.checkout.promotions_view())
        row = self.cart_model.row_of(select_line)
        if row < 0:
            row = self.cart_model.rowCount() - 1
        if row >= 0:
            self.cart_view.selectRow(row)
            self.cart_view.scrollTo(self.cart_model.index(row, 0))
        self.totals.show_totals(self.checkout.cart.totals(), self.checkout.cash_rounding())
        self.residents.refresh()
        self.sig_cart_changed.emit()

    def refresh_pending(self) -> None:
        """Records waiting for sync; changes only when a sale or refund is written."""
        self.pending_label.show_status(self.context.sync.status())

    def on_sync_sig_status(self, status: SyncStatus) -> None:
        self.pending_label.show_status(status)
        if status.pulled:  # the catalog may have changed: the grid reads it again
            self.grid.reload()
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
        self.pay.open_tender()

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
        self.staff_actions.close()
        self.printing.stop()
        if self.sync_worker is not None:
            self.sync_worker.stop()
        self.runner.shutdown()
        if self.customer_display is not None:
            self.customer_display.close()
        log.info("till shut down: camera, printer, sync and background work stopped")
