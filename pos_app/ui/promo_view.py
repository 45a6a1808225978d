"""The promotions on the checkout screen, from one engine result: each cart
line's promotions under its name, and the cart's footer (saving per
promotion, total saving, the next-tier hint).

The window wires it with two calls (see `PromoView`): build it once over the
cart table, and give it `CheckoutService`'s `PromoResult` after every redraw
of the cart. Notes are kept by line number, so a redraw of the table (a model
reset puts every row back to its usual height) gets them back at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QBoxLayout, QTableView

from pos_app.core.promo_engine import PromoResult
from pos_app.ui.models.cart_model import CartTableModel
from pos_app.ui.promo_text import line_note
from pos_app.ui.widgets.promo_lines import PromoLineDelegate, promo_row_height
from pos_app.ui.widgets.promo_summary import PromoSummary


class PromoView(QObject):
    """`PromoView(cart_view)` once the cart table is in its layout (the footer
    goes right under it); then `show_result(result)` after each `set_cart`."""

    def __init__(self, cart_view: QTableView) -> None:
        super().__init__(cart_view)
        model = cart_view.model()
        if not isinstance(model, CartTableModel):
            raise TypeError("PromoView shows promotions on the cart table")
        self.view = cart_view
        self.model = model
        self.notes: dict[int, str] = {}  # line_no → "满100减10 −¥2.14"
        self.delegate = PromoLineDelegate(cart_view, self.note_of)
        cart_view.setItemDelegateForColumn(CartTableModel.NAME, self.delegate)
        self.summary = PromoSummary()
        self._place_summary()
        model.modelReset.connect(self._fit_rows)

    def _place_summary(self) -> None:
        """Under the cart table, in the table's own layout (before the line keys)."""
        parent = self.view.parentWidget()
        layout = None if parent is None else parent.layout()
        if isinstance(layout, QBoxLayout) and layout.indexOf(self.view) >= 0:
            layout.insertWidget(layout.indexOf(self.view) + 1, self.summary)

    def note_of(self, row: int) -> str:
        line = self.model.line_at(row)
        return "" if line is None else self.notes.get(line.line_no, "")

    def show_result(self, result: PromoResult | None) -> None:
        """The engine's answer for the cart as it is now (None: no promotions)."""
        self.notes = {}
        if result is not None:
            for line in result.lines:
                note = line_note(line)
                if note:
                    self.notes[line.line_no] = note
        self._fit_rows()
        self.view.viewport().update()
        self.summary.show_result(result)

    def _fit_rows(self) -> None:
        """Rows with a note are one small line taller; the others as usual."""
        tall = promo_row_height(self.view)
        usual = self.view.verticalHeader().defaultSectionSize()
        for row in range(self.model.rowCount()):
            wanted = tall if self.note_of(row) else usual
            if self.view.rowHeight(row) != wanted:  # each change relays out the header
                self.view.setRowHeight(row, wanted)
        current = self.view.currentIndex()
        if current.isValid():  # the selected line stays in sight with its note
            self.view.scrollTo(current)
