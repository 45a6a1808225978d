"""Held orders (挂单) waiting to be resumed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from pos_app.core.money import Money
from pos_app.services.checkout import HeldOrder
from pos_app.ui.text import local_time

Index = QModelIndex | QPersistentModelIndex


class HeldOrdersModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._orders: list[HeldOrder] = []

    def set_orders(self, orders: list[HeldOrder]) -> None:
        self.beginResetModel()
        self._orders = list(orders)
        self.endResetModel()

    def order_at(self, row: int) -> HeldOrder | None:
        return self._orders[row] if 0 <= row < len(self._orders) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._orders)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return [self.tr("Held at"), self.tr("Items"), self.tr("Total"), self.tr("Cashier")][
                section
            ]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        o = self._orders[index.row()]
        return [local_time(o.held_at), str(o.item_count), Money(o.total_fen).format(), o.cashier][
            index.column()
        ]
