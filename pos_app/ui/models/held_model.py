"""Held orders (挂单) waiting to be resumed."""

from __future__ import annotations

from pos_app.core.money import Money
from pos_app.services.checkout import HeldOrder
from pos_app.ui.models.rows import RowsModel
from pos_app.ui.text import local_time


class HeldOrdersModel(RowsModel[HeldOrder]):
    numeric_columns = (1, 2)

    def headers(self) -> list[str]:
        return [self.tr("Held at"), self.tr("Items"), self.tr("Total"), self.tr("Cashier")]

    def cell(self, row: HeldOrder, column: int, index: int) -> str:
        return [
            local_time(row.held_at),
            str(row.item_count),
            Money(row.total_fen).format(),
            row.cashier,
        ][column]
