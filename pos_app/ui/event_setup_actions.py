"""Events ▸ New tasting event…: a manager sets up a tasting event at the till.

The menu item is a manager's only: for anyone else it shows disabled, its tooltip
saying why (checked each time the menu opens, so a switch of cashier counts at once).
It opens the `EventEditor` over the till's catalog (search by name, pinyin initials
or code, and scans) and the store's staff who may run an event (promoters and
managers). The editor's result goes to `EventsService.create_event` and, for each
event price, `PromotionsService.create_local` (whose approval takes the PIN the
editor asked once). The new event is at once in the event-mode list.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from pos_app.core.catalog import Product
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.events import Event
from pos_app.core.staff import Permission, may
from pos_app.services.approvals import ApprovalRequest
from pos_app.services.pin_approval import pin_hook
from pos_app.ui.dialogs.event_editor import EventEditor
from pos_app.ui.event_form import BuiltEvent

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow

log = logging.getLogger("pos_app.events")


def _texts() -> tuple[str, str]:
    return (
        QCoreApplication.translate("EventSetup", "New tasting event…"),
        QCoreApplication.translate("EventSetup", "Only a manager can set up a tasting event."),
    )


class EventSetupActions(QObject):
    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.w = window
        self.editor: EventEditor | None = None
        self.action = QAction(window)
        self.action.setObjectName("newEventAction")
        self.action.triggered.connect(lambda _checked=False: self.open_editor())
        menu.addAction(self.action)
        menu.setToolTipsVisible(True)  # the disabled item says why
        menu.aboutToShow.connect(self.refresh)
        self.refresh()
        window.installEventFilter(self)  # LanguageChange relabels the item

    def may_set_up(self) -> bool:
        context = self.w.context
        if context.events is None:
            return False
        staff = context.staff
        if staff is None:
            return False  # nobody signed in to be the manager the service asks for
        who = staff.current
        return who is not None and who.is_manager

    def refresh(self) -> None:
        text, why = _texts()
        allowed = self.may_set_up()
        self.action.setText(text)
        self.action.setEnabled(allowed)
        self.action.setToolTip(text if allowed else why)

    def open_editor(self) -> EventEditor | None:
        self.refresh()
        context, events = self.w.context, self.w.context.events
        if not self.action.isEnabled() or events is None or self.editor is not None:
            return None
        staff = [] if context.staff is None else context.staff.staff()
        editor = EventEditor(
            store_code=context.settings.store.code,
            promoters=[m for m in staff if may(m.role, Permission.EVENT_SALES)],
            search=context.catalog.search,
            by_code=self._by_code,
            deliver=self._deliver,
            hook=pin_hook(context.approval),
            request_for=self._request,
            now=datetime.now(UTC),
            parent=self.w,
        )
        editor.sig_created.connect(self.on_editor_sig_created)
        editor.finished.connect(self.on_editor_finished)
        self.editor = editor
        editor.open()
        return editor

    def _by_code(self, code: str) -> Product | None:
        catalog = self.w.context.catalog
        return catalog.by_barcode(code) or catalog.by_sku(code)

    def _request(self, promo_id: str) -> ApprovalRequest:
        promotions = self.w.context.promotions
        if promotions is None:
            raise PosError(ErrorCode.PROMO_NOT_APPROVED, promo_id=promo_id)
        return promotions.approval_request(promo_id, "create")

    def _deliver(self, built: BuiltEvent) -> None:
        context = self.w.context
        assert context.events is not None
        if built.prices and context.promotions is None:
            raise PosError(ErrorCode.EVENT_INVALID, field="products.event_price")
        context.events.create_event(built.event)
        for definition in built.prices:
            assert context.promotions is not None
            context.promotions.create_local(definition)
        log.info("event %s set up with %d event prices", built.event.event_id, len(built.prices))

    def on_editor_sig_created(self, event: Event) -> None:
        self.w.show_message(
            QCoreApplication.translate(
                "EventSetup", "Tasting event {name} set up: a promoter can start it now."
            ).format(name=event.name)
        )

    def on_editor_finished(self, _result: int) -> None:
        if self.editor is not None:
            self.editor.deleteLater()
        self.editor = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.w and event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        return False
