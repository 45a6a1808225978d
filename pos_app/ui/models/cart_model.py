"""The cart as a table: one row per line that is not voided."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from pos_app.core.cart import Cart, CartLine
from pos_app.ui.text import quantity_text

Index = QModelIndex | QPersistentModelIndex


class CartTableModel(QAbstractTableModel):
    NO, NAME, PRICE, QTY, DISCOUNT, AMOUNT = range(6)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[CartLine] = []

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
        self.beginResetModel()
        self._lines = cart.active_lines
        self.endResetModel()

    def line_at(self, row: int) -> CartLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def row_of(self, line_no: int | None) -> int:
        for row, line in enumerate(self._lines):
            if line.line_no == line_no:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NO:
                return str(index.row() + 1)
            if col == self.NAME:
                return line.name
            if col == self.PRICE:
                suffix = "/kg" if line.weighed else ""
                return line.unit_price.format() + suffix
            if col == self.QTY:
                return quantity_text(line)
            if col == self.DISCOUNT:
                return line.discount.format() if line.discount else ""
            if col == self.AMOUNT:
                return line.amount.format()
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            self.PRICE,
            self.QTY,
            self.DISCOUNT,
            self.AMOUNT,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return line.line_no
        return None
