"""Lines of a sale being returned; the last column, what to return now, is editable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from pos_app.core.refund import SoldLine, refundable
from pos_app.ui.models.rows import Index, RowsModel


def _qty(line: SoldLine, qty: int) -> str:
    return f"{qty / 1000:.3f} kg" if line.weighed else str(qty)


class RefundLinesModel(RowsModel[SoldLine]):
    NAME, SOLD, RETURNED, AMOUNT, NOW = range(5)
    numeric_columns = (SOLD, RETURNED, AMOUNT, NOW)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.already: dict[int, int] = {}
        self.requested: dict[int, int] = {}

    def set_sale(self, lines: list[SoldLine], already: dict[int, int]) -> None:
        self.already = dict(already)
        self.requested = {}
        self.set_rows([ln for ln in lines if not ln.voided])

    def headers(self) -> list[str]:
        return [
            self.tr("Item"),
            self.tr("Sold"),
            self.tr("Returned"),
            self.tr("Amount"),
            self.tr("Return now"),
        ]

    def cell(self, row: SoldLine, column: int, index: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.SOLD:
            return _qty(row, row.quantity)
        if column == self.RETURNED:
            return _qty(row, self.already.get(row.line_no, 0))
        if column == self.AMOUNT:
            return row.amount.format()
        return _qty(row, self.requested.get(row.line_no, 0))

    def left(self, row: SoldLine) -> int:
        return refundable(row, self.already.get(row.line_no, 0))

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        row = self.row_at(index.row())
        if index.column() == self.NOW and row is not None and self.left(row) > 0:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index.row())
        if row is None or index.column() != self.NOW or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            qty = int(str(value).strip() or "0")
        except ValueError:
            return False
        return self.request(row.line_no, qty, index)

    def request(self, line_no: int, qty: int, index: Index | None = None) -> bool:
        """Ask to return `qty` of a line (whole-only lines: all or nothing)."""
        row = next((r for r in self._rows if r.line_no == line_no), None)
        if row is None:
            return False
        if row.whole_only and qty > 0:
            qty = self.left(row)  # weighed and scale-label lines go back whole
        if not 0 <= qty <= self.left(row):
            return False
        if qty:
            self.requested[line_no] = qty
        else:
            self.requested.pop(line_no, None)
        at = index if index is not None else self.index(self._rows.index(row), self.NOW)
        self.dataChanged.emit(at, at)
        return True

    def request_all(self) -> None:
        for row in self._rows:
            self.request(row.line_no, self.left(row))
