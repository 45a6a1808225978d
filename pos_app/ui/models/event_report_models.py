"""The event report's tables: figures by product (samples, sales, ratings and
tags) and by hour of the day (visitors, units, sales)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.ui.event_ports import HourFigures, ProductFigures
from pos_app.ui.models.rows import RowsModel


def sample_quantity(figures: ProductFigures) -> str:
    if figures.sample_unit == "g":
        return QCoreApplication.translate("EventReport", "{grams} g").format(grams=figures.samples)
    return str(figures.samples)


def rating_text(average: float | None) -> str:
    return "—" if average is None else f"{average:.1f}"


class ProductFiguresModel(RowsModel[ProductFigures]):
    NAME, SAMPLES, COST, UNITS, SALES, RATING, TAGS = range(7)
    numeric_columns = (SAMPLES, COST, UNITS, SALES, RATING)

    def headers(self) -> list[str]:
        return [
            self.tr("Product"),
            self.tr("Samples"),
            self.tr("Sample cost"),
            self.tr("Units sold"),
            self.tr("Sales amount"),
            self.tr("Rating"),
            self.tr("Tags"),
        ]

    def cell(self, row: ProductFigures, column: int, index: int) -> str:
        # the most mentioned tags first: what tasters said most
        tags = sorted(row.tags.items(), key=lambda item: (-item[1], item[0]))
        rating = rating_text(row.average_rating)
        if row.ratings:
            rating = self.tr("{average} ({count})").format(average=rating, count=row.ratings)
        return [
            row.name,
            sample_quantity(row),
            row.sample_cost.format(),
            str(row.units_sold),
            row.revenue.format(),
            rating,
            " ".join(f"{tag}×{count}" for tag, count in tags),
        ][column]


class HourFiguresModel(RowsModel[HourFigures]):
    HOUR, VISITORS, UNITS, SALES = range(4)
    numeric_columns = (VISITORS, UNITS, SALES)

    def headers(self) -> list[str]:
        return [
            self.tr("Hour"),
            self.tr("Visitors"),
            self.tr("Units sold"),
            self.tr("Sales amount"),
        ]

    def cell(self, row: HourFigures, column: int, index: int) -> str:
        return [
            f"{row.hour:02d}:00",
            str(row.visitors),
            str(row.units_sold),
            row.revenue.format(),
        ][column]
