"""The scan path of the checkout window: a code from the scanner (or typed in
the scan field and Enter) goes to an open dialog that takes scans, or to the
checkout; the answer is a cart line, a resident, a receipt to act on, or
search results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from pos_app.core.errors import PosError

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow


class ScanFlow:
    def __init__(self, window: MainWindow) -> None:
        self.w = window

    def on_scanned(self, code: str) -> None:
        if self.w.tender_dialog is not None and self.w.tender_dialog.isVisible():
            self.w.tender_dialog.on_scan(code)
            return
        modal = QApplication.activeModalWidget()
        if modal is not None and hasattr(modal, "on_scan"):
            modal.on_scan(code)  # a dialog that takes scans (claims, returns)
            return
        if modal is not None or (self.w.held_dialog is not None and self.w.held_dialog.isVisible()):
            self.w.show_message(
                QCoreApplication.translate(
                    "MainWindow", "Close the open window before scanning products."
                ),
                error=True,
            )
            QApplication.beep()
            return
        self.process(code)

    def process(self, code: str) -> None:
        try:
            change = self.w.checkout.scan(code)
        except PosError as exc:
            self.w.show_error(exc)
            return
        if change.receipt_code:
            self.w.residents.receipt_scanned(change.receipt_code)
            self.w.scan_field.clear()
            return
        if change.member_changed:
            self.w.apply_change(change)
            self.w.residents.identified()
            return
        if change.line_no is None and not change.reset:
            self.w.show_results(code, change.results)
            if not change.results:
                self.w.show_message(
                    QCoreApplication.translate("MainWindow", 'Nothing found for "{text}".').format(
                        text=code
                    ),
                    error=True,
                )
                QApplication.beep()
            return
        self.w.apply_change(change)

    def on_scan_field_return_pressed(self) -> None:
        text = self.w.scan_field.text().strip()
        if not text or (
            text == self.w.search.query and self.w.results_model.rowCount() and not text.isdigit()
        ):
            self.w.add_selected_result()
        else:
            self.process(text)
