"""The event report at the till, exported: the CSV (UTF-8 with a BOM, for Excel on
Chinese Windows) and the XLSX (money as numbers formatted 0.00) hold the same
cells, exactly; the printed report comes from the same figures."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook  # type: ignore[import-untyped]

from pos_app.app import AppContext
from pos_app.demo import demo_code
from pos_app.receipts.document import ReceiptKind
from tests.unit.services.test_events import (
    EVENT_ID,
    PROMOTER,
    PROMOTER_PIN,
    RICE,
    WATER,
    WATER_BARCODE,
    event_now,
    sell,
    sign_in,
)


def run_event(context: AppContext) -> str:
    events, reports = context.events, context.event_reports
    assert events is not None and reports is not None
    events.repo.save_event(event_now(), origin="server", created_by="", at=datetime.now(UTC))
    sign_in(context, PROMOTER, PROMOTER_PIN)
    events.start(EVENT_ID)
    events.record_sample(WATER)
    events.record_sample(RICE, 30)
    events.record_feedback(rating=4, tags=["口感", "包装"], sku=WATER)
    events.record_visitors(4)
    sell(context, WATER_BARCODE, WATER_BARCODE, demo_code("R0001"))
    hour = reports.report(EVENT_ID).hours[0].hour.strftime("%Y-%m-%d %H:00")
    return hour


def expected(hour: str) -> list[list[str]]:
    return [
        ["event_id", EVENT_ID],
        ["name", "恩施玉露试饮"],
        ["visitors", "4"],
        ["tastings", "2"],
        ["sample_cost_yuan", "1.60"],
        ["sample_budget_yuan", "10.00"],
        ["sales_count", "1"],
        ["buyers", "1"],
        ["member_buyers", "1"],
        ["sales_yuan", "3.80"],  # two waters at the member price ¥1.90
        ["units", "2"],
        ["buyers_per_visitor", "25.00%"],
        ["buyers_per_tasting", "50.00%"],
        ["residents_identified", "1"],
        ["new_residents", "1"],
        ["leads", "0"],
        ["feedback", "1"],
        [],
        ["sku", "product", "tastings", "sample_quantity", "sample_cost_yuan", "units",
         "sales_yuan", "feedback", "average_rating", "tags"],
        [RICE, "五常大米 稻花香2号 5kg", "1", "30", "0.60", "0", "0.00", "0", "—", ""],
        [WATER, "硒泉水 550ml", "1", "1", "1.00", "2", "3.80", "1", "4.00", "包装:1 口感:1"],
        [],
        ["hour", "visitors", "sales_count", "units", "sales_yuan"],
        [hour, "4", "1", "2", "3.80"],
    ]  # fmt: skip


def norm(value: object) -> object:
    """A cell as a number when it is one (10 == "10.00"), else its text."""
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return str(value)


def test_csv_export(context: AppContext, tmp_path: Path) -> None:
    hour = run_event(context)
    assert context.event_reports is not None
    path = context.event_reports.export_csv(EVENT_ID, tmp_path / "event.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(raw.decode("utf-8-sig")))) == expected(hour)
    assert not (tmp_path / "event.csv.part").exists()


def test_xlsx_export(context: AppContext, tmp_path: Path) -> None:
    hour = run_event(context)
    assert context.event_reports is not None
    path = context.event_reports.export_xlsx(EVENT_ID, tmp_path / "event.xlsx")
    sheet = load_workbook(path).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    cells = [[norm(v) for v in row if v is not None] for row in rows]
    # an empty text cell is no cell in a workbook
    assert cells == [[norm(v) for v in row if v != ""] for row in expected(hour)]
    assert sheet["B5"].value == 1.6 and sheet["B5"].number_format == "0.00"
    assert sheet["B3"].value == 4  # counts stay integers


def test_the_printed_report_comes_from_the_same_figures(context: AppContext) -> None:
    run_event(context)
    assert context.event_reports is not None
    data = context.event_reports.receipt(EVENT_ID)
    assert data.kind is ReceiptKind.EVENT_REPORT and data.number == EVENT_ID
    assert data.cashier == "促销员小赵"
    rows = dict(reversed(data.rows))  # the totals come first; a product's rows repeat labels
    assert (rows["到访人数"], rows["试吃成本"], rows["销售额"]) == ("4", "￥1.60", "￥3.80")
