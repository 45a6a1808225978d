"""The sales reports screen (Reports ▸ Sales reports…): a range of showroom days
(today, yesterday, this week, this month, or two dates), the totals, a tab per
dimension (day, hour, category, product, cashier, event, tender) with its table
and chart, and buttons to print the day's summary and export to CSV or XLSX.

The figures come computed by `SalesReportsService` (which also decides whose
sales the signed-in person sees); the report is read off the GUI thread and the
dialog only lays it out. Touch: every button at least 52 px high; keyboard:
F1–F4 the ranges, F5 shows the typed dates, F6 prints, F7/F8 export (each key
written on its button), Ctrl+Tab / Ctrl+PgDown through the tabs, Esc closes.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.sales_report import DateRange, Dimension, Preset, SalesReport, preset_range
from pos_app.services.sales_reports import SalesReportsService
from pos_app.ui.dialogs.report_export import PathChooser, ask_path, export_report
from pos_app.ui.messages import error_text
from pos_app.ui.models.sales_report_model import FiguresModel, row_name
from pos_app.ui.widgets.sales_chart import SalesChart
from pos_app.ui.workers import BackgroundRunner

BUTTON_HEIGHT = 52
FIGURES = ("sales", "rounding", "refunds", "net", "receipts", "items", "issued", "redeemed")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class SalesReportDialog(QDialog):
    def __init__(
        self,
        service: SalesReportsService,
        parent: QWidget | None = None,
        *,
        choose: PathChooser | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("salesReportDialog")
        self.service = service
        self.choose = choose or ask_path(self)
        self.runner = BackgroundRunner(self)
        self.closed = False  # a date left on closing edits nothing after the runner stopped
        self.report: SalesReport | None = None
        self.span = preset_range(Preset.TODAY, service.clock())
        self.dimension = Dimension.DAY
        layout = QVBoxLayout(self)

        ranges = QHBoxLayout()
        self.preset_group = QButtonGroup(self)
        self.presets: dict[Preset, QPushButton] = {}
        for n, preset in enumerate(Preset, start=1):
            button = self._button(f"preset_{preset.value}", f"F{n}")
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, p=preset: self.show_preset(p))
            self.preset_group.addButton(button)
            self.presets[preset] = button
            ranges.addWidget(button)
        self.from_date, self.to_date = QDateEdit(), QDateEdit()
        for edit, object_name in ((self.from_date, "fromDate"), (self.to_date, "toDate")):
            edit.setObjectName(object_name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumHeight(BUTTON_HEIGHT)
            edit.setStyleSheet("font-size: 13pt;")
            edit.editingFinished.connect(self.on_dates_edited)
        self.dash = QLabel("–")
        ranges.addWidget(self.from_date)
        ranges.addWidget(self.dash)
        ranges.addWidget(self.to_date)
        self.custom_button = self._button("showCustom", "F5")
        self.custom_button.clicked.connect(self.show_custom)
        ranges.addWidget(self.custom_button)
        layout.addLayout(ranges)

        self.scope = QLabel()
        self.scope.setObjectName("reportScope")
        self.scope.setWordWrap(True)
        layout.addWidget(self.scope)
        grid = QGridLayout()
        self.figure_names: dict[str, QLabel] = {}
        self.figures: dict[str, QLabel] = {}
        for n, key in enumerate(FIGURES):
            caption, value = QLabel(), QLabel()
            value.setObjectName(f"figure_{key}")
            value.setStyleSheet("font-size: 14pt; font-weight: bold;")
            grid.addWidget(caption, n // 4, (n % 4) * 2)
            grid.addWidget(value, n // 4, (n % 4) * 2 + 1)
            self.figure_names[key], self.figures[key] = caption, value
        layout.addLayout(grid)
        self.note = QLabel()
        self.note.setObjectName("reportNote")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

        self.tabs = QTabBar()
        self.tabs.setObjectName("salesReportTabs")
        self.tabs.setExpanding(False)
        self.tabs.setStyleSheet(
            "QTabBar::tab { min-height: 48px; padding: 0 14px; font-size: 12pt; }"
        )
        for _dim in Dimension:
            self.tabs.addTab("")
        self.tabs.currentChanged.connect(self.on_tabs_current_changed)
        layout.addWidget(self.tabs)
        # Ctrl+Tab as in a QTabWidget (a bare QTabBar answers arrows only when focused)
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+PgDown", 1), ("Ctrl+Shift+Tab", -1),
                           ("Ctrl+PgUp", -1)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda step=step: self.step_tab(step))
        self.model = FiguresModel()
        self.table = QTableView()
        self.table.setObjectName("salesReportTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FiguresModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.chart = SalesChart()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.chart)
        layout.addWidget(split, 1)

        self.message = QLabel()
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.print_button = self._button("printDay", "F6")
        self.print_button.clicked.connect(self.on_print_clicked)
        self.csv_button = self._button("exportCsv", "F7")
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.xlsx_button = self._button("exportXlsx", "F8")
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.close_button = self._button("closeReport")
        self.close_button.clicked.connect(self.accept)
        for button in (self.print_button, self.csv_button, self.xlsx_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.retranslate()
        self.resize(980, 720)
        self.show_preset(Preset.TODAY)

    def _button(self, name: str, key: str = "") -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setProperty("key", key)
        button.setAutoDefault(False)
        button.setMinimumHeight(BUTTON_HEIGHT)
        button.setStyleSheet("font-size: 13pt; padding: 0 12px;")
        return button

    @staticmethod
    def label(button: QPushButton, text: str) -> None:
        """The text with the button's key after it, so the keyboard way is on
        screen; the key is set again after the text (a button's setText resets
        its shortcut to the text's mnemonic)."""
        key = str(button.property("key") or "")
        button.setText(f"{text} {key}" if key else text)
        if key:
            button.setShortcut(QKeySequence(key))

    # --- choosing the range ------------------------------------------------------

    def show_preset(self, preset: Preset) -> None:
        self.presets[preset].setChecked(True)
        self.load(preset_range(preset, self.service.clock()))

    def on_dates_edited(self) -> None:
        if self.from_date.hasFocus() or self.to_date.hasFocus():
            return  # Enter (or leaving the field) in a date: Show does it, or the other date
        self.show_custom()

    def show_custom(self) -> None:
        first, last = _date(self.from_date.date()), _date(self.to_date.date())
        if last < first:
            first, last = last, first  # typed the other way round: still the days between
        self.preset_group.setExclusive(False)
        for button in self.presets.values():
            button.setChecked(False)
        self.preset_group.setExclusive(True)
        self.load(DateRange(first, last))

    def load(self, span: DateRange) -> None:
        """Read the report off the GUI thread; the screen shows it when it comes."""
        if self.closed:
            return
        self.span = span
        for edit, day in ((self.from_date, span.first), (self.to_date, span.last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        self.print_button.setEnabled(span.days == 1)  # the summary is of one day
        self.say(self.tr("Reading the sales…"))
        self.runner.submit(
            lambda: self.service.report(span),
            lambda report: self.show_report(report) if report.range == self.span else None,
            self.on_failed,
        )

    def on_failed(self, error: BaseException) -> None:
        if isinstance(error, PosError):
            self.say(error_text(error), error=True)
        else:  # a bug: said plainly, the till stays up
            self.say(self.tr("The report could not be read."), error=True)

    # --- showing it --------------------------------------------------------------

    def show_report(self, report: SalesReport) -> None:
        self.report = report
        t = report.totals
        values = {
            "sales": Money(t.sales_fen).format(),
            "rounding": Money(t.rounding_fen).format(),
            "refunds": Money(-t.refunds_fen).format(),
            "net": Money(t.net_fen).format(),
            "receipts": str(t.sales_count),
            "items": str(t.items),
            "issued": f"{t.points_issued:,} / {-t.points_clawed_back:,}",  # 281 / 0, 281 / -12
            "redeemed": str(t.points_redeemed),
        }
        for key, label in self.figures.items():
            label.setText(values[key])
        self.show_dimension()
        self.retranslate()
        self.say("")

    def on_tabs_current_changed(self, index: int) -> None:
        self.dimension = list(Dimension)[index]
        self.show_dimension()

    def step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def show_dimension(self) -> None:
        rows = list(self.report.rows(self.dimension)) if self.report else []
        self.model.show(self.dimension, rows)
        self.chart.show_rows(
            self.dimension, [(row_name(self.dimension, f), f.net_fen) for f in rows]
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sales reports"))
        presets = {
            Preset.TODAY: self.tr("Today"),
            Preset.YESTERDAY: self.tr("Yesterday"),
            Preset.THIS_WEEK: self.tr("This week"),
            Preset.THIS_MONTH: self.tr("This month"),
        }
        for preset, button in self.presets.items():
            self.label(button, presets[preset])
        self.label(self.custom_button, self.tr("Show"))
        cashier = self.report.cashier if self.report else self.service.scope()
        self.scope.setText(
            self.tr("All cashiers of this till.")
            if cashier is None
            else self.tr("Your own sales and refunds only ({name}).").format(name=cashier)
        )
        names = {
            "sales": self.tr("Sales amount"),
            "rounding": self.tr("Rounding"),
            "refunds": self.tr("Refunds"),
            "net": self.tr("Net"),
            "receipts": self.tr("Receipts"),
            "items": self.tr("Items"),
            "issued": self.tr("Points issued / clawed back"),
            "redeemed": self.tr("Points redeemed"),
        }
        for key, label in self.figure_names.items():
            label.setText(names[key])
        self.note.setText(
            self.tr(
                "A refund counts on the day it was given. Voided lines and training sales"
                " are not counted; by product and category, rounding is in the totals only."
            )
        )
        tabs = {
            Dimension.DAY: self.tr("By day"),
            Dimension.HOUR: self.tr("By hour"),
            Dimension.CATEGORY: self.tr("By category"),
            Dimension.PRODUCT: self.tr("By product"),
            Dimension.CASHIER: self.tr("By cashier"),
            Dimension.EVENT: self.tr("By event"),
            Dimension.TENDER: self.tr("By tender"),
        }
        for n, dim in enumerate(Dimension):
            self.tabs.setTabText(n, tabs[dim])
        self.label(self.print_button, self.tr("Print the day"))
        self.label(self.csv_button, self.tr("Export CSV"))
        self.label(self.xlsx_button, self.tr("Export XLSX"))
        self.label(self.close_button, self.tr("Close"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, FiguresModel.NET)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.show_dimension()
        super().changeEvent(event)

    # --- print and export ----------------------------------------------------------

    def on_print_clicked(self) -> None:
        try:
            job = self.service.print_daily(self.span.first)
        except PosError as error:
            self.say(error_text(error), error=True)
            return
        if job is None:
            self.say(self.tr("No receipt printer is set up."), error=True)
            return
        self.say(self.tr("The day's summary went to the receipt printer."))

    def export(self, kind: str) -> None:
        name = f"sales-{self.span.first.isoformat()}-{self.span.last.isoformat()}.{kind}"
        exporter = self.service.export_csv if kind == "csv" else self.service.export_xlsx
        export_report(kind, name, self.choose, lambda path: exporter(self.span, path), self.say)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c0392b;" if error else "color: #2e7d32;")

    def done(self, result: int) -> None:
        self.closed = True
        self.runner.shutdown()  # a report still being read is waited for, not left running
        super().done(result)
