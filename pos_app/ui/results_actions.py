"""Search results on the checkout window: the query typed in the scan or
search field, the list of products found (shown where the product grid is,
so the cart stays in sight), moving through it with ↑↓ and adding one with
Enter or a tap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pos_app.core.catalog import Product
from pos_app.core.errors import ErrorCode, PosError
from pos_app.ui.widgets.number_pad import NumberPadDialog

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow


class SearchResults:
    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.query = ""  # what the list on screen was found for

    def on_query_edited(self, text: str) -> None:
        text = text.strip()
        if not text or (text.isdigit() and len(text) < 4):
            # a quantity typed before F4, or the first digits of a code
            self.show("", [])
            return
        self.show(text, self.w.context.catalog.search(text))

    def show(self, query: str, products: list[Product]) -> None:
        w = self.w
        self.query = query
        w.results_model.set_rows(products)
        w.show_lower(results=bool(products))
        if products:
            w.results_view.selectRow(0)
            w.show_message(
                QCoreApplication.translate(
                    "MainWindow", "{count} found: ↑↓ to choose, Enter to add."
                ).format(count=len(products))
            )
        elif query:
            w.show_message(
                QCoreApplication.translate("MainWindow", 'Nothing found for "{text}".').format(
                    text=query
                )
            )

    def move(self, step: int) -> None:
        w = self.w
        rows = w.results_model.rowCount()
        if rows:
            row = min(max(w.results_view.currentIndex().row() + step, 0), rows - 1)
            w.results_view.selectRow(row)
        else:
            row = min(max(w.cart_view.currentIndex().row() + step, 0), w.cart_model.rowCount() - 1)
            w.cart_view.selectRow(row)

    def add_selected(self) -> None:
        product = self.w.results_model.row_at(self.w.results_view.currentIndex().row())
        if product is None or product.id is None:
            return
        self.add_product(product.id)
        self.w.back_to_scan()

    def add_product(self, product_id: int) -> None:
        """A result or a grid tile: added exactly as a scan adds it; a product sold by
        weight asks for the weight the scale shows (no label to scan)."""
        try:
            change = self.w.checkout.add_by_id(product_id)
        except PosError as exc:
            if exc.code is ErrorCode.WEIGHED_NEEDS_LABEL:
                self.ask_weight(product_id, str(exc.params.get("name", "")))
                return
            self.w.show_error(exc)
            return
        self.w.apply_change(change)

    def ask_weight(self, product_id: int, name: str) -> NumberPadDialog:
        dialog = NumberPadDialog(
            QCoreApplication.translate("ResultsActions", "Weight"),
            QCoreApplication.translate(
                "ResultsActions", "{name}: grams on the scale (e.g. 350):"
            ).format(name=name),
            self.w,
            decimal=False,
        )
        dialog.sig_value_entered.connect(lambda text: self._weighed(product_id, text))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def _weighed(self, product_id: int, text: str) -> None:
        try:
            grams = int(text.strip()) if text.strip().isdigit() else 0
            change = self.w.checkout.add_weighed_by_id(product_id, grams)
        except PosError as exc:
            self.w.show_error(exc)
            return
        self.w.apply_change(change)
