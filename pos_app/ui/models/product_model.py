"""Search results: products the cashier can pick."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from pos_app.core.catalog import Product

Index = QModelIndex | QPersistentModelIndex


class ProductListModel(QAbstractTableModel):
    NAME, PRICE, CODE = range(3)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._products: list[Product] = []

    def set_products(self, products: list[Product]) -> None:
        self.beginResetModel()
        self._products = list(products)
        self.endResetModel()

    def product_at(self, row: int) -> Product | None:
        return self._products[row] if 0 <= row < len(self._products) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._products)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return [self.tr("Product"), self.tr("Price"), self.tr("Barcode / SKU")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        product = self._products[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.NAME:
                return product.name
            if index.column() == self.PRICE:
                price = product.price.format()
                return price + "/kg" if product.weighed else price
            return product.barcodes[0] if product.barcodes else product.sku
        if role == Qt.ItemDataRole.UserRole:
            return product.id
        return None
