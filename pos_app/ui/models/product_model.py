"""Search results: products the cashier can pick."""

from __future__ import annotations

from pos_app.core.catalog import Product
from pos_app.ui.models.rows import RowsModel


class ProductListModel(RowsModel[Product]):
    numeric_columns = (1,)

    def headers(self) -> list[str]:
        return [self.tr("Product"), self.tr("Price"), self.tr("Barcode / SKU")]

    def cell(self, row: Product, column: int, index: int) -> str:
        if column == 0:
            return row.name
        if column == 1:
            return row.price.format() + ("/kg" if row.weighed else "")
        return row.barcodes[0] if row.barcodes else row.sku
