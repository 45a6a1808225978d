"""The sales report's table: one row per day, hour, category, product, cashier,
event or tender, with its receipts, items, sales, 抹零, refunds and what was
kept (net). The row's name comes from `row_name` (translated tender names, a
sale at no event)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.core.money import Money
from pos_app.core.sales_report import NO_EVENT, Dimension, Figures
from pos_app.core.tender import TenderKind
from pos_app.ui.models.rows import RowsModel
from pos_app.ui.text import tender_name


def row_name(dimension: Dimension, f: Figures) -> str:
    if dimension is Dimension.HOUR:
        return f"{f.key}:00"
    if dimension is Dimension.TENDER:
        try:
            return tender_name(TenderKind(f.key))
        except ValueError:  # a tender a later version adds: its code, not nothing
            return f.key
    if dimension is Dimension.EVENT and f.key == NO_EVENT:
        return QCoreApplication.translate("SalesReport", "No event")
    return f.label or f.key


def items_text(dimension: Dimension, f: Figures) -> str:
    """Items kept; a weighed product's in kilograms."""
    kept = f.items - f.refund_items
    if dimension is Dimension.PRODUCT and f.unit == "kg":
        sign, grams = ("-" if kept < 0 else ""), abs(kept)
        return f"{sign}{grams // 1000}.{grams % 1000:03d} kg"
    return str(kept)


class FiguresModel(RowsModel[Figures]):
    NAME, RECEIPTS, ITEMS, SALES, ROUNDING, REFUNDS, NET = range(7)
    numeric_columns = (RECEIPTS, ITEMS, SALES, ROUNDING, REFUNDS, NET)

    def __init__(self) -> None:
        super().__init__()
        self.dimension = Dimension.DAY

    def show(self, dimension: Dimension, rows: list[Figures]) -> None:
        self.dimension = dimension
        self.set_rows(rows)

    def headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Receipts"),
            self.tr("Items"),
            self.tr("Sales amount"),
            self.tr("Rounding"),
            self.tr("Refunds"),
            self.tr("Net"),
        ]

    def cell(self, row: Figures, column: int, index: int) -> str:
        refunds = f"-{Money(row.refunds_fen).format()}" if row.refunds_fen else "—"
        # 抹零 is the receipt's, not a line's or a tender's; a tender moves no items
        by_receipt = self.dimension not in (Dimension.PRODUCT, Dimension.CATEGORY, Dimension.TENDER)
        return [
            row_name(self.dimension, row),
            str(row.sales_count),
            "—" if self.dimension is Dimension.TENDER else items_text(self.dimension, row),
            Money(row.sales_fen).format(),
            Money(row.rounding_fen).format() if by_receipt else "—",
            refunds,
            Money(row.net_fen).format(),
        ][column]
