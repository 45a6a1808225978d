"""The event screen's running sale as a table: product, quantity, amount."""

from __future__ import annotations

from pos_app.ui.event_ports import SaleLine
from pos_app.ui.models.rows import RowsModel


class EventSaleModel(RowsModel[SaleLine]):
    NAME, QUANTITY, AMOUNT = range(3)
    numeric_columns = (QUANTITY, AMOUNT)

    def headers(self) -> list[str]:
        return [self.tr("Product"), self.tr("Qty"), self.tr("Amount")]

    def cell(self, row: SaleLine, column: int, index: int) -> str:
        return [row.name, str(row.quantity), row.amount.format()][column]
