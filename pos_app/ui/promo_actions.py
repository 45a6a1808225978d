"""The promotions on the checkout window, in one object the window builds:
the cart's promotion notes and footer (`PromoView`), the list of active and
upcoming promotions (Ctrl+P) and a manager's new store promotion
(Ctrl+Shift+P), each an action the window's menu can hold.

`source` is the till's promotions service (`PromotionsService`): `active()`
and `upcoming()` list core `Promotion`s, `approval_request(id, "create")` is
what a manager approves, and `create_local(data)` keeps a new promotion (it
takes the PIN approval the editor held for it). After a new promotion
`on_created` re-prices the cart, so it is priced with it at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from pos_app.core.promo_engine import PromoResult
from pos_app.core.promotions import Promotion
from pos_app.services.approvals import Approval, ApprovalRequest
from pos_app.services.pin_approval import pin_hook
from pos_app.ui.dialogs.promotion_editor import PromotionEditor
from pos_app.ui.dialogs.promotions_dialog import PromotionsDialog
from pos_app.ui.promo_view import PromoView

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow

LIST_KEY = "Ctrl+P"
NEW_KEY = "Ctrl+Shift+P"


class PromotionSource(Protocol):
    def active(self) -> list[Promotion]: ...

    def upcoming(self) -> list[Promotion]: ...

    def approval_request(self, promo_id: str, change: str) -> ApprovalRequest: ...

    def create_local(self, data: Mapping[str, Any]) -> Promotion: ...


class PromoActions(QObject):
    def __init__(
        self,
        window: MainWindow,
        source: PromotionSource | None,
        on_created: Callable[[], object] | None = None,
    ) -> None:
        """`on_created`: what re-prices the cart after a new promotion (the
        checkout's `promotions_changed` and a redraw); by default a redraw."""
        super().__init__(window)
        self.w = window
        self.source = source
        self.on_created = on_created or window.refresh_cart
        self.view = PromoView(window.cart_view)
        self.list_dialog: PromotionsDialog | None = None
        self.editor: PromotionEditor | None = None
        self.list_action = self._action("promotionsAction", LIST_KEY, self.open_list)
        self.new_action = self._action("newPromotionAction", NEW_KEY, self.open_editor)
        # no promotions service (a till built without one): nothing to list or set up
        self.list_action.setEnabled(source is not None)
        self.new_action.setEnabled(source is not None)
        self.retranslate()
        window.installEventFilter(self)  # LanguageChange relabels the actions

    def _action(self, name: str, key: str, slot: Any) -> QAction:
        action = QAction(self.w)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.w.addAction(action)
        return action

    def retranslate(self) -> None:
        self.list_action.setText(QCoreApplication.translate("PromoActions", "Promotions…"))
        self.new_action.setText(QCoreApplication.translate("PromoActions", "New store promotion…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def show_result(self, result: PromoResult | None) -> None:
        """The cart's promotions, after each redraw of the cart."""
        self.view.show_result(result)

    def _category_names(self) -> dict[str, str]:
        return {c.code: c.name for c in self.w.checkout.categories()}

    def open_list(self) -> PromotionsDialog | None:
        if self.source is None:
            return None
        if self.list_dialog is not None:
            self.list_dialog.close()
        dialog = PromotionsDialog(
            self.source.active(),
            self.source.upcoming(),
            self.w,
            on_new=self.open_editor,
            category_names=self._category_names(),
        )
        dialog.finished.connect(lambda _r: self._forget_list(dialog))
        self.list_dialog = dialog
        dialog.open()
        return dialog

    def _forget_list(self, dialog: PromotionsDialog) -> None:
        if self.list_dialog is dialog:
            self.list_dialog = None
        dialog.deleteLater()

    def open_editor(self) -> PromotionEditor | None:
        source = self.source
        if source is None:
            return None
        settings = self.w.context.settings
        parent = self.list_dialog if self.list_dialog is not None else self.w
        editor = PromotionEditor(
            self.w.checkout.categories(),
            self._create,
            pin_hook(self.w.context.approval),
            lambda promo_id: source.approval_request(promo_id, "create"),
            parent,
            id_prefix=f"{settings.store.code}-{settings.terminal.code}-",
            sku_of=self._sku_of,
        )
        editor.sig_created.connect(lambda _data: self._created())
        editor.finished.connect(lambda _r: editor.deleteLater())
        self.editor = editor
        editor.open()
        return editor

    def _sku_of(self, code: str) -> str | None:
        product = self.w.context.catalog.by_barcode(code)
        return None if product is None else product.sku

    def _create(self, data: dict[str, Any], _approval: Approval | None) -> None:
        if self.source is not None:
            self.source.create_local(data)

    def _created(self) -> None:
        """A new promotion: the list shows it, the cart is priced with it."""
        self.editor = None
        if self.list_dialog is not None and self.source is not None:
            self.list_dialog.set_promotions(self.source.active(), self.source.upcoming())
        self.on_created()
