"""The sales report over sales and refunds written by the real checkout and
refund service: 抹零, a wallet payment, a member's points, a refund; who sees
what (a cashier their own, a manager all); a training session's sales never in
the real report; the CSV and XLSX read back; and the day's summary printed on a
TCP printer on 127.0.0.1, decoded from its ESC/POS bytes to exact lines."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from pos_app.app import AppContext, build_context
from pos_app.core.money import Money
from pos_app.core.sales_report import DateRange, Dimension, showroom_day
from pos_app.core.tender import TenderKind
from pos_app.demo import demo_code
from pos_app.receipts.escpos_decoder import decode
from pos_app.services.sales_reports import SalesReportsService
from tests.staff_helpers import refund_as_manager
from tests.unit.printing.fake_printer import FakePrinter

WATER, RICE = "6975321000012", "6921445000018"  # ¥2.00, ¥89.90 (member ¥89.90)
WANG, WANG_PIN = "demo-cashier-wang", "1357"
LI, LI_PIN = "demo-manager-li", "2468"


def sell(context: AppContext, *codes: str, wechat: bool = False) -> Any:
    co = context.checkout
    for code in codes:
        co.scan(code)
    tender = co.start_tender()
    if wechat:  # a wallet payment: no 抹零 on it
        amount = tender.remaining_if(TenderKind.WECHAT)
        tender.add_external(TenderKind.WECHAT, amount, "4200001234", co.provider, co.sale_id)
    else:
        tender.add_cash(Money(20_000))
    return co.complete(tender)


def reports(context: AppContext) -> SalesReportsService:
    assert context.sales_reports is not None
    return context.sales_reports


def today() -> DateRange:
    day = showroom_day(datetime.now(UTC))
    return DateRange(day, day)


@pytest.fixture
def day(context: AppContext) -> dict[str, Any]:
    """Wang sells two waters and a rice in cash with 抹零; Li sells a rice to a
    member by WeChat and gives back one of Wang's waters."""
    assert context.staff is not None
    context.save_setting("store.cash_rounding", "yuan")
    context.staff.sign_in(WANG, WANG_PIN)
    cash = sell(context, WATER, WATER, RICE)
    context.staff.sign_in(LI, LI_PIN)
    wallet = sell(context, RICE, demo_code("R0001"), wechat=True)
    refund = refund_as_manager(context, context.refunds.find(cash.receipt_no), {1: 1})
    return {"cash": cash, "wallet": wallet, "refund": refund}


def test_the_days_figures_from_the_real_writers(context: AppContext, day: dict[str, Any]) -> None:
    cash, wallet, refund = day["cash"], day["wallet"], day["refund"]
    assert (cash.total, cash.rounding, wallet.total) == (Money(9390), Money(90), Money(8990))
    report = reports(context).report(today())
    t = report.totals
    assert report.cashier is None  # the manager sees the store
    assert (t.sales_count, t.items, t.sales_fen, t.rounding_fen) == (2, 4, 18_380, 90)
    assert (t.refund_count, t.refunds_fen) == (1, refund.plan.total.fen) == (1, 198)
    assert (t.paid_fen, t.net_fen) == (18_290, 18_092)
    assert (t.points_issued, t.points_clawed_back, t.points_redeemed) == (wallet.points, 0, 0)
    tenders = {f.key: (f.sales_fen, f.refunds_fen) for f in report.rows(Dimension.TENDER)}
    assert tenders == {"cash": (9300, 198), "wechat": (8990, 0)}
    cashiers = {f.key: f.net_fen for f in report.rows(Dimension.CASHIER)}
    assert cashiers == {"收银员小王": 9300, "店长老李": 8990 - 198}  # a refund under its giver
    water = next(f for f in report.rows(Dimension.PRODUCT) if f.label.startswith("硒泉水"))
    assert (water.items, water.sales_fen, water.refund_items, water.refunds_fen) == (2, 400, 1, 198)


def test_a_cashier_sees_only_their_own(context: AppContext, day: dict[str, Any]) -> None:
    assert context.staff is not None
    context.staff.sign_in(WANG, WANG_PIN)
    service = reports(context)
    assert service.scope() == "收银员小王"
    report = service.report(today())
    assert report.cashier == "收银员小王"
    assert (report.totals.sales_count, report.totals.sales_fen) == (1, 9390)
    assert report.totals.refund_count == 0  # the manager gave the refund
    assert [f.key for f in report.rows(Dimension.CASHIER)] == ["收银员小王"]
    receipt = service.daily_receipt(today().first)
    assert ("收银员", "收银员小王") in receipt.rows


def test_training_sales_never_reach_the_real_report(context: AppContext, data_dir: Path) -> None:
    sell(context, WATER)
    context.close()
    training = build_context(data_dir, training=True)
    try:
        sell(training, RICE, RICE)
        assert reports(training).report(today()).totals.sales_fen == 17_980  # its own file
    finally:
        training.close()
    real = build_context(data_dir, demo=True)
    try:
        totals = reports(real).report(today()).totals
        assert (totals.sales_count, totals.sales_fen) == (1, 200)
    finally:
        real.close()


def test_csv_export(context: AppContext, day: dict[str, Any], tmp_path: Path) -> None:
    path = reports(context).export_csv(today(), tmp_path / "sales.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    first = today().first.isoformat()
    assert rows[:16] == [
        ["first_day", first], ["last_day", first], ["cashier", ""], ["sales_count", "2"],
        ["items", "4"], ["sales_yuan", "183.80"], ["discount_yuan", "0.00"],
        ["rounding_yuan", "0.90"], ["paid_yuan", "182.90"], ["refund_count", "1"],
        ["refunds_yuan", "1.98"], ["net_yuan", "180.92"],
        ["points_issued", str(day["wallet"].points)],
        ["points_clawed_back", "0"], ["points_redeemed", "0"],
        ["refunds_counted", "on the day they were given"],
    ]  # fmt: skip
    at = rows.index(["tender"])
    assert rows[at + 1 : at + 4] == [
        ["key", "label", "sales_count", "items", "sales_yuan", "rounding_yuan", "refund_count",
         "refund_items", "refunds_yuan", "net_yuan"],
        ["cash", "", "1", "0", "93.00", "0.00", "1", "0", "1.98", "91.02"],
        ["wechat", "", "1", "0", "89.90", "0.00", "0", "0", "0.00", "89.90"],
    ]  # fmt: skip
    assert [r[0] for r in rows if len(r) == 1] == [d.value for d in Dimension]
    assert not (tmp_path / "sales.csv.part").exists()


def test_xlsx_export(context: AppContext, day: dict[str, Any], tmp_path: Path) -> None:
    path = reports(context).export_xlsx(today(), tmp_path / "sales.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["totals", *[d.value for d in Dimension]]
    totals = {r[0].value: r[1].value for r in book["totals"].iter_rows()}
    assert Decimal(str(totals["net_yuan"])) == Decimal("180.92") and totals["sales_count"] == 2
    assert book["totals"]["B12"].number_format == "0.00"
    day_rows = [[c.value for c in r] for r in book["day"].iter_rows()]
    assert day_rows[1][0] == today().first.isoformat()
    assert [Decimal(str(v)) for v in day_rows[1][4:]] == [
        Decimal("183.80"), Decimal("0.90"), Decimal(1), Decimal(1), Decimal("1.98"),
        Decimal("180.92"),
    ]  # fmt: skip


def test_the_daily_summary_printed_on_a_tcp_printer(
    context: AppContext, day: dict[str, Any]
) -> None:
    points = day["wallet"].points
    with FakePrinter("ok") as printer:
        context.settings.set("printer.connection", printer.url)
        context.settings.set("printer.profile", "generic58")
        assert reports(context).print_daily(today().first) is not None
        assert context.printing.process_pending().error is None
        (job,) = printer.wait_for_jobs(1)
    lines = decode(job).texts
    first = today().first.isoformat()
    assert lines[:3] == ["源仓公社·示范社区展示体验区", "示范社区", f"营业日报 · {first}"]
    assert lines[4] == f"单号: {first}"
    body = lines[lines.index(f"日期                  {first}") :]
    assert body == [
        f"日期                  {first}",
        "--------------------------------",
        "销售",
        "笔数                           2",
        "件数                           4",
        "销售额                  ￥183.80",
        "抹零                      ￥0.90",
        "实收                    ￥182.90",
        "--------------------------------",
        "退款",
        "笔数                           1",
        "退款额                   -￥1.98",
        "净额                    ￥180.92",
        "--------------------------------",
        "按支付方式",
        "现金                     ￥91.02",
        "微信支付                 ￥89.90",
        "--------------------------------",
        "按品类",
        "粮油米面                ￥179.80",
        "饮用水                    ￥2.02",
        "--------------------------------",
        "热销商品 前10",
        "1. 五常大米 稻花香2号   ￥179.80",
        "5kg ×2",
        "2. 硒泉水 550ml ×1       ￥2.02",
        "--------------------------------",
        "积分",
        f"发放                         {points}",
        "退款扣回                       0",
        "核销                           0",
        "--------------------------------",
        "按收银员",
        "收银员小王           1笔 ￥93.00",
        "店长老李             1笔 ￥87.92",
        "--------------------------------",
        "退款计入退款当日",
    ]
    assert all("¥" not in line for line in lines)  # the printer's ￥, never ¥
