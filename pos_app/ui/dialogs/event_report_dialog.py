"""The event's report on the till: the headline figures (visitors, samples and
their cost, buyers, conversion, sales, new residents, leads), then tabs with
the figures by product (samples, units, sales, rating, tags), by hour, and a
chart of sales and visitors per hour; buttons print it on the receipt printer
and export it to CSV or XLSX, each one call of `EventPort`.

The figures come computed (`EventPort.report`); the dialog only lays them out.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import PosError
from pos_app.ui.dialogs.report_export import PathChooser, ask_path, export_report
from pos_app.ui.event_ports import EventPort, EventReportView
from pos_app.ui.messages import error_text
from pos_app.ui.models.event_report_models import HourFiguresModel, ProductFiguresModel
from pos_app.ui.models.rows import RowsModel
from pos_app.ui.text import SHANGHAI
from pos_app.ui.widgets.event_chart import HourChart

BUTTON_HEIGHT = 52


def percent(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio * 100:.1f}%"


def _table(model: RowsModel) -> QTableView:  # type: ignore[type-arg]
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class EventReportDialog(QDialog):
    def __init__(
        self, port: EventPort, parent: QWidget | None = None, *, choose: PathChooser | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("eventReportDialog")
        self.port = port
        self.choose = choose or ask_path(self)
        self.report: EventReportView = port.report()
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("reportHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(self.heading)
        figures = QGridLayout()
        self.figure_names: dict[str, QLabel] = {}
        self.figures: dict[str, QLabel] = {}
        keys = (
            "visitors",
            "samples",
            "sample_cost",
            "buyers",
            "per_visitor",
            "per_sample",
            "sales",
            "new_residents",
            "leads",
        )
        for n, key in enumerate(keys):
            name, value = QLabel(), QLabel()
            value.setObjectName(f"figure_{key}")
            value.setStyleSheet("font-size: 14pt; font-weight: bold;")
            figures.addWidget(name, n // 3, (n % 3) * 2)
            figures.addWidget(value, n // 3, (n % 3) * 2 + 1)
            self.figure_names[key] = name
            self.figures[key] = value
        layout.addLayout(figures)

        self.tabs = QTabWidget()
        self.tabs.setStyleSheet(
            "QTabBar::tab { min-height: 48px; padding: 0 20px; font-size: 13pt; }"
        )
        self.product_model = ProductFiguresModel()
        self.product_table = _table(self.product_model)
        self.hour_model = HourFiguresModel()
        self.hour_table = _table(self.hour_model)
        self.chart = HourChart()
        self.tabs.addTab(self.product_table, "")
        self.tabs.addTab(self.hour_table, "")
        self.tabs.addTab(self.chart, "")
        layout.addWidget(self.tabs, 1)

        self.message = QLabel()
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.on_print_clicked)
        self.csv_button = QPushButton()
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.xlsx_button = QPushButton()
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        for button in (self.print_button, self.csv_button, self.xlsx_button, self.close_button):
            button.setMinimumHeight(BUTTON_HEIGHT)
            button.setStyleSheet("font-size: 13pt; padding: 0 12px;")
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.show_report(self.report)
        self.resize(900, 640)

    def show_report(self, report: EventReportView) -> None:
        self.report = report
        self.product_model.set_rows(list(report.products))
        self.hour_model.set_rows(sorted(report.hours, key=lambda h: h.hour))
        self.chart.show_hours(list(report.hours))
        self.figures["visitors"].setText(str(report.visitors))
        self.figures["samples"].setText(str(report.samples))
        self.figures["sample_cost"].setText(report.sample_cost.format())
        self.figures["buyers"].setText(str(report.buyers))
        self.figures["per_visitor"].setText(percent(report.conversion_per_visitor))
        self.figures["per_sample"].setText(percent(report.conversion_per_sample))
        self.figures["sales"].setText(report.revenue.format())
        self.figures["new_residents"].setText(str(report.new_residents))
        self.figures["leads"].setText(str(report.leads))
        self.retranslate()

    def retranslate(self) -> None:
        event = self.report.event
        self.setWindowTitle(self.tr("Event report"))
        self.heading.setText(
            self.tr("{name} · {place} · {day}").format(
                name=event.name,
                place=event.place,
                day=event.starts_at.astimezone(SHANGHAI).strftime("%Y-%m-%d"),
            )
        )
        names = {
            "visitors": self.tr("Visitors"),
            "samples": self.tr("Samples given"),
            "sample_cost": self.tr("Sample cost"),
            "buyers": self.tr("Buyers"),
            "per_visitor": self.tr("Buyers per visitor"),
            "per_sample": self.tr("Buyers per sample"),
            "sales": self.tr("Sales amount"),
            "new_residents": self.tr("New residents"),
            "leads": self.tr("Leads"),
        }
        for key, label in self.figure_names.items():
            label.setText(names[key])
        self.tabs.setTabText(0, self.tr("By product"))
        self.tabs.setTabText(1, self.tr("By hour"))
        self.tabs.setTabText(2, self.tr("Chart"))
        self.print_button.setText(self.tr("Print"))
        self.csv_button.setText(self.tr("Export CSV"))
        self.xlsx_button.setText(self.tr("Export XLSX"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def on_print_clicked(self) -> None:
        try:
            self.port.print_report()
        except PosError as error:
            self.say(error_text(error), error=True)
            return
        self.say(self.tr("The report went to the receipt printer."))

    def export(self, kind: str) -> None:
        write = self.port.export_csv if kind == "csv" else self.port.export_xlsx
        export_report(kind, f"event-{self.report.event.event_id}.{kind}", self.choose, write,
                      self.say)  # fmt: skip

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c0392b;" if error else "color: #2e7d32;")
