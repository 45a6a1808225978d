"""The sales reports screen on a real database holding a generated week: the
totals, a table and a chart per dimension, the range by tap and by keyboard,
printing the day, CSV and XLSX exports read back, at 1024×768 and 1920×1080 in
Chinese and English; and Reports ▸ Sales reports… in the real window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QPushButton

from pos_app.app import AppContext
from pos_app.core.money import Money
from pos_app.core.sales_report import DateRange, Dimension
from pos_app.persistence.print_models import PENDING
from pos_app.persistence.sales_report_reader import SalesReportReader
from pos_app.services.sales_reports import SalesReportsService
from pos_app.ui.dialogs.sales_report_dialog import SalesReportDialog
from pos_app.ui.translators import install_translators
from tests.gui.layout_check import layout_problems
from tests.sales_rows import EVENT_NAME, generate, insert

#: noon of Wednesday 7 October 2026 in the showroom
NOW = datetime(2026, 10, 7, 4, 0, tzinfo=UTC)
TODAY = DateRange(date(2026, 10, 7), date(2026, 10, 7))


@pytest.fixture
def service(context: AppContext) -> SalesReportsService:
    insert(context.engine, generate(date(2026, 9, 28), 10, 12))
    assert context.sales_reports is not None
    context.sales_reports.clock = lambda: NOW
    return context.sales_reports


@pytest.fixture
def open_dialog(qtbot, service) -> Iterator[Callable[..., SalesReportDialog]]:  # type: ignore[no-untyped-def]
    def make(choose: Any = None) -> SalesReportDialog:
        dialog = SalesReportDialog(service, choose=choose)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        shown(qtbot, dialog, TODAY)
        return dialog

    yield make


def shown(qtbot, dialog: SalesReportDialog, span: DateRange) -> None:  # type: ignore[no-untyped-def]
    """Wait for the report read off the GUI thread to be on screen."""
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.range == span)


def tap(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def cells(model) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def expect(service: SalesReportsService, span: DateRange) -> Any:
    return SalesReportReader(service._reader._engine).report(span)  # the same file, read apart


def test_today_on_screen(qtmodeltester, open_dialog, service) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    qtmodeltester.check(dialog.model)
    want = expect(service, TODAY).totals
    figures = {k: label.text() for k, label in dialog.figures.items()}
    assert figures == {
        "sales": Money(want.sales_fen).format(),
        "rounding": Money(want.rounding_fen).format(),
        "refunds": Money(-want.refunds_fen).format(),
        "net": Money(want.net_fen).format(),
        "receipts": "12",
        "items": str(want.items),
        # points given / taken back: never "-0"
        "issued": f"{want.points_issued:,} / "
        + (f"-{want.points_clawed_back:,}" if want.points_clawed_back else "0"),
        "redeemed": str(want.points_redeemed),
    }
    assert dialog.presets[next(iter(dialog.presets))].isChecked()
    assert dialog.print_button.isEnabled()  # one day: it can be printed
    (row,) = cells(dialog.model)
    assert row[0] == "2026-10-07" and row[1] == "12" and row[6] == figures["net"]
    assert dialog.chart.values == [("2026-10-07", want.net_fen)] and not dialog.chart.pie
    assert dialog.scope.text() == "All cashiers of this till."


def test_tabs_by_tap_and_by_keyboard(qtbot, open_dialog, service) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    report = expect(service, TODAY)
    tender_tab = list(Dimension).index(Dimension.TENDER)
    tap(qtbot, dialog.tabs)  # focus, then the tab itself
    qtbot.mouseClick(
        dialog.tabs, Qt.MouseButton.LeftButton, pos=dialog.tabs.tabRect(tender_tab).center()
    )
    assert dialog.dimension is Dimension.TENDER and dialog.chart.pie
    tenders = report.rows(Dimension.TENDER)
    assert [r[0] for r in cells(dialog.model)] == [
        {"cash": "Cash", "wechat": "WeChat Pay", "alipay": "Alipay", "unionpay": "UnionPay card"}[
            f.key
        ]
        for f in tenders
    ]
    assert sum(fen for _l, fen in dialog.chart.values) == sum(
        f.net_fen for f in tenders if f.net_fen > 0
    )
    assert {(r[2], r[4]) for r in cells(dialog.model)} == {("—", "—")}  # no items, no 抹零
    kept = [(name, fen) for name, fen in dialog.chart.values]
    whole = sum(fen for _n, fen in kept)
    slices = dialog.chart.chart().series()[0].slices()
    assert [s.label() for s in slices] == [
        f"{name} {fen * 1000 // whole // 10}.{fen * 1000 // whole % 10}%" for name, fen in kept
    ]
    qtbot.keyClick(dialog, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # wraps to By day
    assert dialog.dimension is Dimension.DAY
    for _ in range(list(Dimension).index(Dimension.EVENT)):
        qtbot.keyClick(dialog, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert dialog.dimension is Dimension.EVENT
    names = [r[0] for r in cells(dialog.model)]
    assert set(names) <= {"No event", EVENT_NAME}


def test_ranges_by_tap_and_by_keyboard(qtbot, open_dialog, service) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    tap(qtbot, dialog.presets[list(dialog.presets)[1]])  # Yesterday
    yesterday = DateRange(date(2026, 10, 6), date(2026, 10, 6))
    shown(qtbot, dialog, yesterday)
    qtbot.keyClick(dialog, Qt.Key.Key_F3)  # This week
    week = DateRange(date(2026, 10, 5), date(2026, 10, 7))
    shown(qtbot, dialog, week)
    assert not dialog.print_button.isEnabled()  # the summary is of one day
    assert [r[0] for r in cells(dialog.model)] == ["2026-10-05", "2026-10-06", "2026-10-07"]
    qtbot.keyClick(dialog, Qt.Key.Key_F4)  # This month
    shown(qtbot, dialog, DateRange(date(2026, 10, 1), date(2026, 10, 7)))
    # a custom range typed: from 2026-09-28 to 2026-09-30, then F5
    dialog.from_date.setFocus()
    dialog.from_date.setSelectedSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClicks(dialog.from_date, "20260928")  # each section full: on to the next
    assert dialog.from_date.date() == QDate(2026, 9, 28)
    dialog.to_date.setDate(dialog.to_date.date().addDays(-7))  # 2026-09-30
    qtbot.keyClick(dialog, Qt.Key.Key_F5)  # Show
    custom = DateRange(date(2026, 9, 28), date(2026, 9, 30))
    shown(qtbot, dialog, custom)
    assert not any(b.isChecked() for b in dialog.presets.values())
    assert dialog.figures["net"].text() == Money(expect(service, custom).totals.net_fen).format()


def test_print_the_day_and_export(qtbot, open_dialog, context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def choose(title: str, filters: str, name: str) -> Path:
        asked.append(name)
        return tmp_path / name.rsplit(".", 1)[0]  # typed without the extension

    dialog = open_dialog(choose)
    tap(qtbot, dialog.print_button)
    assert dialog.message.text() == "No receipt printer is set up."
    context.settings.set("printer.connection", "tcp://127.0.0.1:9")
    tap(qtbot, dialog.print_button)
    assert dialog.message.text() == "The day's summary went to the receipt printer."
    (job,) = context.printing.jobs.pending()
    assert (job.kind, job.state) == ("daily_summary", PENDING)
    tap(qtbot, dialog.csv_button)
    csv_path = tmp_path / "sales-2026-10-07-2026-10-07.csv"
    assert asked == ["sales-2026-10-07-2026-10-07.csv"]
    assert dialog.message.text() == f"Saved to {csv_path}"
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    qtbot.keyClick(dialog, Qt.Key.Key_F8)  # Export XLSX (a button's key clicks it animated)
    xlsx_path = tmp_path / "sales-2026-10-07-2026-10-07.xlsx"
    qtbot.waitUntil(lambda: dialog.message.text() == f"Saved to {xlsx_path}")
    book = load_workbook(xlsx_path)
    totals = {r[0].value: r[1].value for r in book["totals"].iter_rows()}
    assert Decimal(str(totals["net_yuan"])) == Decimal(
        dialog.figures["net"].text()[1:].replace(",", "")
    )


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [QSize(1024, 768), QSize(1920, 1080)])
def test_fits_and_speaks_the_language(qapp, open_dialog, language, size) -> None:  # type: ignore[no-untyped-def]
    install_translators(qapp, language)
    dialog = open_dialog()
    dialog.resize(size.boundedTo(QSize(1024, 740)) if size.width() == 1024 else size)
    for n in range(dialog.tabs.count()):  # every tab's table fits, not only the first
        dialog.tabs.setCurrentIndex(n)
        QApplication.processEvents()
        assert layout_problems(dialog, size) == [], "\n".join(layout_problems(dialog, size))
    buttons = dialog.findChildren(QPushButton)
    assert len(buttons) == 9 and all(b.height() >= 48 for b in buttons)  # a finger's size
    assert all(dialog.tabs.tabRect(n).height() >= 48 for n in range(dialog.tabs.count()))
    tabs = [dialog.tabs.tabText(n) for n in range(dialog.tabs.count())]
    if language == "zh_CN":
        assert tabs == ["按日", "按小时", "按品类", "按商品", "按收银员", "按活动", "按支付方式"]
        assert dialog.print_button.text() == "打印日报 F6"
        assert dialog.model.headerData(6, Qt.Orientation.Horizontal) == "净额"
    else:
        assert tabs == ["By day", "By hour", "By category", "By product", "By cashier",
                        "By event", "By tender"]  # fmt: skip
        assert dialog.print_button.text() == "Print the day F6"


def test_the_open_report_follows_a_language_change(qapp, open_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    assert dialog.figure_names["net"].text() == "Net"
    install_translators(qapp, "zh_CN")
    QApplication.processEvents()
    assert dialog.figure_names["net"].text() == "净额"
    assert dialog.note.text().startswith("退款计入退款当日")


def test_the_menu_opens_it_in_the_window(qtbot, window, context) -> None:  # type: ignore[no-untyped-def]
    action = window.findChild(type(window.menuBar().actions()[0]), "salesReportsAction")
    assert action is not None and action.shortcut().toString() == "Ctrl+R"
    action.trigger()
    dialog = window.findChild(SalesReportDialog)
    assert dialog is not None and dialog.isVisible()
    # the window's cashier (not a manager) sees their own sales only
    qtbot.waitUntil(lambda: dialog.report is not None)
    assert dialog.report.cashier == "收银员小王"
    assert dialog.scope.text() == "Your own sales and refunds only (收银员小王)."
    dialog.close()
