"""Held orders (挂单) on the checkout window: the list to resume from (F7), resuming one,
and the order left on screen when the till last stopped, each with its resident when the
resident's code can still be trusted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pos_app.core.errors import PosError
from pos_app.ui.dialogs.held_dialog import HeldOrdersDialog

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow


class HeldOrderActions:
    def __init__(self, window: MainWindow) -> None:
        self.w = window

    def open_list(self) -> None:
        w = self.w
        dialog = HeldOrdersDialog(w.checkout.held_orders(), w)
        dialog.sig_order_chosen.connect(self.resume)
        dialog.finished.connect(lambda _r: self._closed(dialog))
        w.held_dialog = dialog
        dialog.open()

    def _closed(self, dialog: HeldOrdersDialog) -> None:
        dialog.deleteLater()
        self.w.held_dialog = None
        self.w.scan_field.setFocus()

    def resume(self, held_id: int) -> None:
        w = self.w
        try:
            change = w.checkout.resume(held_id)
        except PosError as exc:
            w.show_error(exc)
            return
        w.apply_change(change)
        w.actions_.show_held_count()  # the count on the F7 key
        if change.member_dropped is not None:
            w.residents.dropped(change.member_dropped)
        else:
            w.show_message(QCoreApplication.translate("MainWindow", "Held order resumed."))

    def restore_unfinished(self) -> None:
        """At start-up: the order that was on screen when the till stopped."""
        w = self.w
        change = w.checkout.restore_cart()
        if change is None:
            return
        w.refresh_cart()
        if change.member_dropped is not None:
            w.residents.dropped(change.member_dropped)
        else:
            w.show_message(
                QCoreApplication.translate(
                    "MainWindow", "The unfinished order from last time was restored."
                )
            )
