"""The cart as a table: one row per line that is not voided."""

from __future__ import annotations

from pos_app.core.cart import Cart, CartLine
from pos_app.ui.models.rows import RowsModel
from pos_app.ui.text import quantity_text


class CartTableModel(RowsModel[CartLine]):
    NO, NAME, PRICE, QTY, DISCOUNT, AMOUNT = range(6)
    numeric_columns = (PRICE, QTY, DISCOUNT, AMOUNT)

    def headers(self) -> list[str]:
        return [
            self.tr("#"),
            self.tr("Item"),
            self.tr("Unit price"),
            self.tr("Qty"),
            self.tr("Discount"),
            self.tr("Amount"),
        ]

    def set_cart(self, cart: Cart) -> None:
        self.set_rows(cart.active_lines)

    def line_at(self, row: int) -> CartLine | None:
        return self.row_at(row)

    def row_of(self, line_no: int | None) -> int:
        for row, line in enumerate(self._rows):
            if line.line_no == line_no:
                return row
        return -1

    def cell(self, row: CartLine, column: int, index: int) -> str:
        if column == self.NO:
            return str(index + 1)
        if column == self.NAME:
            return row.name
        if column == self.PRICE:
            return row.unit_price.format() + ("/kg" if row.weighed else "")
        if column == self.QTY:
            return quantity_text(row)
        if column == self.DISCOUNT:
            return row.discount.format() if row.discount else ""
        return row.amount.format()
