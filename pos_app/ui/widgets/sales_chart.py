"""The sales report's chart (QtCharts): what was kept (net of refunds) as bars
per day, per hour, or for the first ten products, cashiers or events; as shares
of a pie per tender or category. Yuan on the axis only: the figures stay 分."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from pos_app.core.sales_report import TIME_DIMENSIONS, Dimension

#: share of the whole, as a pie
PIE_DIMENSIONS = (Dimension.TENDER, Dimension.CATEGORY)
TOP = 10  # bars beyond these are unreadable on a 15-inch till


class SalesChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("salesChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(200)
        #: what is drawn, (label, 分) in order: what a test reads back
        self.values: list[tuple[str, int]] = []
        self.pie = False

    def show_rows(self, dimension: Dimension, values: list[tuple[str, int]]) -> None:
        """`values`: (label, net 分) per row, in the table's order."""
        self.pie = dimension in PIE_DIMENSIONS
        if self.pie:  # a share is of what was kept: a row that gave back more has none
            values = [(label, fen) for label, fen in values if fen > 0]
        elif dimension not in TIME_DIMENSIONS:
            values = values[:TOP]
        self.values = values
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        if self.pie:
            chart.legend().hide()  # each slice says its name and share
            series = QPieSeries()
            whole = sum(fen for _label, fen in values)
            for label, fen in values:
                tenths = fen * 1000 // whole  # a share in tenths of a percent, in integers
                piece = series.append(f"{label} {tenths // 10}.{tenths % 10}%", fen / 100)
                piece.setLabelVisible(True)
            chart.addSeries(series)
        else:
            chart.legend().hide()
            bars = QBarSet(self.tr("Net sales (¥)"))
            bars.setColor(QColor("#c0392b"))
            for _label, fen in values:
                bars.append(fen / 100)
            series_bars = QBarSeries()
            series_bars.append(bars)
            chart.addSeries(series_bars)
            axis_x = QBarCategoryAxis()
            axis_x.append([label for label, _fen in values] or [""])
            chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
            series_bars.attachAxis(axis_x)
            axis_y = QValueAxis()
            low = min([fen / 100 for _l, fen in values] + [0])
            axis_y.setRange(low * 1.1, max([fen / 100 for _l, fen in values] + [1]) * 1.1)
            axis_y.applyNiceNumbers()
            axis_y.setLabelFormat("%d")
            axis_y.setTitleText(self.tr("Net sales (¥)"))
            chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
            series_bars.attachAxis(axis_y)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
