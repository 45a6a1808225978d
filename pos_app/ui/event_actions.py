"""Event mode (活动模式) in the checkout window: the Events ▸ Event mode… menu
item (and New tasting event…, `event_setup_actions`), its key (Ctrl+E, also a
touch key), the choice of the store's event, and the event screen shown in the
counter's place until the promoter ends it.

The counter and the event screen share the place the sign-in page's stack
keeps for the checkout (`StaffActions.checkout_page`), so a lock or a switch
of cashier during an event comes back to the event screen. The screen's sale
IS the checkout's cart: Pay opens the counter's tender window, a scan goes
through the window's `process_scan`, and every change of the cart (a scan by
the scanner, a resident's QR, a payment) redraws the screen
(`MainWindow.sig_cart_changed`), as does a sync. Ending event mode puts the
counter back with the checkout's prices (`set_event(None)`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStackedWidget

from pos_app.core.errors import PosError
from pos_app.receipts.document import ReceiptData
from pos_app.services.sync import SyncStatus
from pos_app.ui.dialogs.event_choice_dialog import EventChoiceDialog
from pos_app.ui.event_adapter import TillEventPort
from pos_app.ui.event_keys import EventKeys
from pos_app.ui.event_mode import EventModeScreen
from pos_app.ui.event_setup_actions import EventSetupActions
from pos_app.ui.messages import error_text

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow

log = logging.getLogger("pos_app.events")

KEY = "Ctrl+E"


def _menu_title() -> str:
    return QCoreApplication.translate("EventActions", "&Events")


def _mode_text() -> str:
    return QCoreApplication.translate("EventActions", "Event mode…")


class EventActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.events = window.context.events
        self.screen: EventModeScreen | None = None
        self.port: TillEventPort | None = None
        self.chooser: EventChoiceDialog | None = None
        self._sync_connected = False
        # the counter's place in the sign-in stack becomes a stack of its own:
        # the counter, or the event screen
        staff = window.staff_actions
        self.counter = staff.checkout_page
        at, shown = staff.stack.indexOf(self.counter), staff.stack.currentWidget()
        staff.stack.removeWidget(self.counter)
        self.pages = QStackedWidget()
        self.pages.setObjectName("counterPages")
        self.pages.addWidget(self.counter)
        staff.stack.insertWidget(at, self.pages)
        staff.checkout_page = self.pages
        staff.stack.setCurrentWidget(self.pages if shown in (self.counter, None) else shown)
        # a touch key (after the staff keys) and a menu of its own, after the others
        self.key = window.add_button(10, 0, _mode_text, KEY, self.open_chooser)
        self.key.setObjectName("eventModeKey")
        self.menu = QMenu(_menu_title(), window)
        self.menu.setObjectName("eventsMenu")
        self.action = QAction(_mode_text(), window)
        self.action.setObjectName("eventModeAction")
        self.action.setShortcut(QKeySequence(KEY))
        # the key button already answers Ctrl+E window-wide: the menu only shows it
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.action.triggered.connect(lambda _checked=False: self.open_chooser())
        self.menu.addAction(self.action)
        self.setup = EventSetupActions(window, self.menu)  # a manager's new tasting event
        window.menuBar().addMenu(self.menu)
        window.installEventFilter(self)
        window.sig_cart_changed.connect(self.on_window_sig_cart_changed)
        # the counter's keys are inert in event mode, Pay pays the event's sale
        self.keys = EventKeys(window, lambda: self.screen)

    @property
    def active(self) -> bool:
        return self.screen is not None

    # --- choosing and starting ---------------------------------------------------

    def open_chooser(self) -> EventChoiceDialog | None:
        w = self.w
        if self.active or self.events is None or w.staff_actions.blocks_input():
            return None
        if not w.checkout.cart.is_empty():
            # the counter's sale is at the counter's prices: finish it first
            w.show_message(
                QCoreApplication.translate(
                    "EventActions", "Finish or hold the sale first: event mode starts empty."
                ),
                error=True,
            )
            return None
        try:
            events = self.events.events()
        except PosError as error:
            w.show_error(error)
            return None
        dialog = EventChoiceDialog(events, w)
        dialog.sig_chosen.connect(self.on_chooser_sig_chosen)
        dialog.finished.connect(self.on_chooser_finished)
        self.chooser = dialog
        dialog.open()
        return dialog

    def on_chooser_finished(self, _result: int) -> None:
        if self.chooser is not None:
            self.chooser.deleteLater()
        self.chooser = None
        if self.screen is not None:  # the closed list took the focus with it
            self.screen.scan_field.setFocus()

    def on_chooser_sig_chosen(self, event_id: str) -> None:
        assert self.events is not None
        try:
            self.events.start(event_id)  # who, where, when: the service decides
        except PosError as error:
            log.info("event mode refused: %s", error.code.value)
            if self.chooser is not None:
                self.chooser.say(error_text(error))
            return
        if self.chooser is not None:
            self.chooser.accept()
        self.enter(event_id)

    def enter(self, event_id: str) -> EventModeScreen:
        context = self.w.context
        assert self.events is not None and context.event_reports is not None
        self.port = TillEventPort(
            event_id,
            events=self.events,
            reports=context.event_reports,
            checkout=self.w.checkout,
            catalog=context.catalog,
            promotions=None if context.promotions is None else context.promotions.book,
            promoter=context.cashier_name,
            print_receipt=self.print_receipt,
            on_sale_changed=self.w.refresh_cart,
            on_ended=self.on_port_ended,
        )
        screen = EventModeScreen(self.port)
        screen.sig_pay_requested.connect(self.w.pay.open_tender)
        screen.sig_scanned.connect(self.w.process_scan)
        screen.sig_stop_requested.connect(self.stop)
        self.screen = screen
        self.pages.addWidget(screen)
        self.pages.setCurrentWidget(screen)
        self._connect_sync()
        self.w.refresh_cart()  # the cart is priced at the event now
        screen.scan_field.setFocus()
        log.info("event mode on %s", event_id)
        return screen

    # --- while it runs -----------------------------------------------------------

    def on_window_sig_cart_changed(self) -> None:
        if self.screen is not None:
            self.screen.refresh()

    def _connect_sync(self) -> None:
        worker = self.w.sync_worker  # set by the launcher after the window is built
        if worker is not None and not self._sync_connected:
            worker.sig_status.connect(self.on_sync_sig_status)
            self._sync_connected = True

    def on_sync_sig_status(self, status: SyncStatus) -> None:
        """A pull may have closed or cancelled the event: event mode ends then."""
        if self.screen is None or self.port is None or self.events is None:
            return
        try:
            still_open = self.events.event(self.port.event_id).open
        except PosError:
            still_open = False
        if not still_open:
            self.stop(force=True)
            return
        self.screen.refresh()

    def on_port_ended(self, error: PosError) -> None:
        # after the screen has shown the refusal: never tear it down inside its own slot
        QTimer.singleShot(0, lambda: self._ended(error))

    def _ended(self, error: PosError) -> None:
        if self.screen is not None:
            self.stop(force=True)
            self.w.show_error(error)

    def print_receipt(self, data: ReceiptData) -> bool:
        """Queue the report for the print worker (which prints off the GUI thread)."""
        job = self.w.context.printing.enqueue_receipt(data)
        if job is None:
            return False
        self.w.printing.worker.kick()
        return True

    # --- ending ------------------------------------------------------------------

    def stop(self, force: bool = False) -> None:
        screen = self.screen
        if screen is None:
            return
        if not force and not self.w.checkout.cart.is_empty():
            screen.say(
                QCoreApplication.translate(
                    "EventActions", "Pay or remove the sale's lines before ending event mode."
                ),
                error=True,
            )
            return
        if self.events is not None:
            self.events.stop()  # the checkout's prices again (set_event(None))
        self.screen, self.port = None, None
        self.pages.setCurrentWidget(self.counter)
        self.pages.removeWidget(screen)
        screen.deleteLater()
        self.w.refresh_cart()
        self.w.show_message(QCoreApplication.translate("EventActions", "Event mode ended."))
        self.w.scan_field.setFocus()
        log.info("event mode ended")

    # --- language ----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.w and event.type() == QEvent.Type.LanguageChange:
            self.menu.setTitle(_menu_title())
            self.action.setText(_mode_text())
        return False
