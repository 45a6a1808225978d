"""Sales and visitors per hour of the event as one QtCharts chart: sales (¥)
as bars on the left axis, visitors as a line on the right axis, the hours
(Asia/Shanghai) along the bottom."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from pos_app.ui.event_ports import HourFigures


class HourChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventHourChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.hours: list[HourFigures] = []
        self.sales_set: QBarSet | None = None
        self.visitor_series: QLineSeries | None = None

    def show_hours(self, hours: list[HourFigures]) -> None:
        self.hours = sorted(hours, key=lambda h: h.hour)
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        # yuan for the axis only: the figures themselves stay in fen
        self.sales_set = QBarSet(self.tr("Sales (¥)"))
        self.sales_set.setColor(QColor("#c0392b"))
        for hour in self.hours:
            self.sales_set.append(hour.revenue.fen / 100)
        bars = QBarSeries()
        bars.append(self.sales_set)
        chart.addSeries(bars)
        self.visitor_series = QLineSeries()
        self.visitor_series.setName(self.tr("Visitors"))
        self.visitor_series.setColor(QColor("#1565c0"))
        for n, hour in enumerate(self.hours):
            self.visitor_series.append(n, hour.visitors)
        chart.addSeries(self.visitor_series)
        axis_hours = QBarCategoryAxis()
        axis_hours.append([f"{h.hour:02d}:00" for h in self.hours])
        chart.addAxis(axis_hours, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(axis_hours)
        self.visitor_series.attachAxis(axis_hours)
        axis_sales = QValueAxis()
        axis_sales.setRange(0, max([h.revenue.fen / 100 for h in self.hours] + [1]) * 1.1)
        axis_sales.applyNiceNumbers()  # round ticks (0, 100, 200…), not 135.9
        axis_sales.setLabelFormat("%d")
        axis_sales.setTitleText(self.tr("Sales (¥)"))
        chart.addAxis(axis_sales, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(axis_sales)
        axis_visitors = QValueAxis()
        axis_visitors.setRange(0, max([h.visitors for h in self.hours] + [1]) * 1.1)
        axis_visitors.applyNiceNumbers()
        axis_visitors.setTitleText(self.tr("Visitors"))
        axis_visitors.setLabelFormat("%d")
        chart.addAxis(axis_visitors, Qt.AlignmentFlag.AlignRight)
        self.visitor_series.attachAxis(axis_visitors)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
