"""Paying (F12): the tender dialog, one at a time, and what the window shows
once a sale is saved (the last sale's total and change)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pos_app.core.errors import PosError
from pos_app.core.sale import Sale
from pos_app.ui.dialogs.tender_dialog import TenderDialog

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow


class PayActions:
    def __init__(self, window: MainWindow) -> None:
        self.w = window

    def open_tender(self) -> None:
        w = self.w
        if w.tender_dialog is not None:
            w.tender_dialog.raise_()
            return
        if not w.shift_keys.ensure_open():  # a sale needs an open shift: offer to open one
            return
        try:
            dialog = TenderDialog(w.checkout, w)
        except PosError as exc:
            w.show_error(exc)
            return
        dialog.sig_sale_completed.connect(self.on_tender_sig_sale_completed)
        dialog.finished.connect(self.on_tender_finished)
        w.tender_dialog = dialog
        dialog.open()

    def on_tender_sig_sale_completed(self, sale: Sale) -> None:
        w = self.w
        w.refresh_cart()
        w.refresh_pending()
        w.totals.show_last_sale(sale.receipt_no, sale.due, sale.change)  # what was paid (抹零 off)
        w.show_message(
            QCoreApplication.translate("MainWindow", "Sale {receipt} saved.").format(
                receipt=sale.receipt_no
            )
        )
        w.sig_sale_completed.emit(sale)

    def on_tender_finished(self, _result: int) -> None:
        w = self.w
        if w.tender_dialog is not None:
            w.tender_dialog.deleteLater()
        w.tender_dialog = None
        w.scan_field.setFocus()
