"""The event report dialog: the headline figures, the tables by product and by
hour, the QtCharts chart of sales and visitors per hour, printing, and the
CSV / XLSX exports (files written for real by `MemoryEvent`)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from pos_app.core.errors import ErrorCode
from pos_app.ui.dialogs.event_report_dialog import EventReportDialog
from pos_app.ui.event_ports import FeedbackEntry, ResidentView
from pos_app.ui.translators import install_translators
from tests.gui.event_memory import START, MemoryEvent
from tests.gui.layout_check import layout_problems


def day() -> MemoryEvent:
    """Two hours of an event: 10:xx and 11:xx in the showroom."""
    port = MemoryEvent()
    at = [START + timedelta(minutes=30)]
    port.clock = lambda: at[0]
    port.add_visitors(6)
    port.record_sample("TEA-YL", 5)
    port.record_sample("WATER", 2)
    port.add_to_sale("WATER", 3)
    port.pay()
    at[0] = START + timedelta(hours=1, minutes=10)
    port.add_visitors(4)
    port.current = ResidentView("RES-0001", "张**")
    port.add_to_sale("TEA-YL", 1)
    port.pay()
    port.record_feedback(FeedbackEntry("TEA-YL", 5, ("口感好",), "", False))
    port.record_feedback(FeedbackEntry("TEA-YL", 4, ("口感好", "太贵"), "", False))
    return port


@pytest.fixture
def open_dialog(qtbot) -> Iterator:  # type: ignore[no-untyped-def,type-arg]
    def make(port: MemoryEvent, choose=None) -> EventReportDialog:  # type: ignore[no-untyped-def]
        dialog = EventReportDialog(port, choose=choose)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    yield make


def tap(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def cells(model) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_the_figures_and_the_tables(open_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(day())
    figures = {key: label.text() for key, label in dialog.figures.items()}
    assert figures == {
        "visitors": "10",
        "samples": "2",
        "sample_cost": "¥11.00",
        "buyers": "2",
        "per_visitor": "20.0%",
        "per_sample": "100.0%",
        "sales": "¥362.50",
        "new_residents": "1",
        "leads": "0",
    }
    assert dialog.heading.text() == "恩施玉露 品鉴会 · 金桂园 社区广场 · 2026-05-16"
    rows = cells(dialog.product_model)
    assert rows[0] == [
        "恩施玉露 特级 礼盒 250g", "5 g", "¥8.00", "1", "¥358.00", "4.5 (2)", "口感好×2 太贵×1"
    ]  # fmt: skip
    assert rows[3] == ["硒泉水 550ml", "2", "¥3.00", "3", "¥4.50", "—", ""]
    assert cells(dialog.hour_model) == [
        ["10:00", "6", "3", "¥4.50"],
        ["11:00", "4", "1", "¥358.00"],
    ]


def test_the_chart_shows_sales_and_visitors_per_hour(open_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(day())
    chart = dialog.chart
    assert chart.sales_set is not None and chart.visitor_series is not None
    assert [chart.sales_set.at(n) for n in range(chart.sales_set.count())] == [4.5, 358.0]
    assert [(p.x(), p.y()) for p in chart.visitor_series.points()] == [(0, 6), (1, 4)]
    axes = chart.chart().axes(Qt.Orientation.Horizontal)
    assert axes[0].categories() == ["10:00", "11:00"]


def test_print_and_export(qtbot, open_dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    port = day()
    asked: list[str] = []

    def choose(title: str, filters: str, name: str) -> Path:
        asked.append(name)
        return tmp_path / name.rsplit(".", 1)[0]  # typed without the extension

    dialog = open_dialog(port, choose)
    tap(qtbot, dialog.print_button)
    assert port.printed == 1
    assert dialog.message.text() == "The report went to the receipt printer."
    tap(qtbot, dialog.csv_button)
    path = tmp_path / "event-EV-2026-05-16.csv"
    assert asked == ["event-EV-2026-05-16.csv"]
    assert dialog.message.text() == f"Saved to {path}"
    with path.open(encoding="utf-8") as rows:
        assert list(csv.reader(rows))[1] == ["TEA-YL", "1", "35800"]
    tap(qtbot, dialog.xlsx_button)
    sheet = load_workbook(tmp_path / "event-EV-2026-05-16.xlsx").active
    assert [c.value for c in sheet[5]] == ["WATER", 3, 450]


def test_a_failed_print_or_export_says_why(qtbot, open_dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    port = day()
    dialog = open_dialog(port, lambda *_: tmp_path / "gone" / "r.csv")
    port.fail_next = ErrorCode.MEMBER_UNKNOWN
    tap(qtbot, dialog.print_button)
    assert port.printed == 0 and dialog.message.text() == "Unknown resident."
    tap(qtbot, dialog.csv_button)  # the folder does not exist
    assert dialog.message.text().startswith(f"Could not write {tmp_path / 'gone' / 'r.csv'}: ")
    cancelled = open_dialog(port, lambda *_: None)
    tap(qtbot, cancelled.xlsx_button)
    assert cancelled.message.text() == "" and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [QSize(800, 600), QSize(1024, 768), QSize(1920, 1080)])
def test_the_report_fits_and_speaks_the_language(qapp, open_dialog, language, size) -> None:  # type: ignore[no-untyped-def]
    install_translators(qapp, language)
    dialog = open_dialog(day())
    dialog.resize(dialog.size().boundedTo(size))
    QApplication.processEvents()
    assert layout_problems(dialog, size) == [], "\n".join(layout_problems(dialog, size))
    tabs = [dialog.tabs.tabText(n) for n in range(3)]
    if language == "zh_CN":
        assert tabs == ["按商品", "按小时", "图表"]
        assert dialog.figure_names["per_visitor"].text() == "访客转化率"
        assert dialog.product_model.index(0, 1).data() == "5 克"
    else:
        assert tabs == ["By product", "By hour", "Chart"]


def test_the_open_report_follows_a_language_change(qapp, open_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(day())
    assert dialog.print_button.text() == "Print"
    install_translators(qapp, "zh_CN")
    QApplication.processEvents()  # Qt posts the LanguageChange
    assert dialog.print_button.text() == "打印"
    assert dialog.figure_names["sales"].text() == "销售额"
