"""A tested showroom day (issue 11, "Done when"), through the real services on a
real SQLite till, a real central server on 127.0.0.1 and a TCP receipt printer
on 127.0.0.1:

the demo cashier signs in by PIN → opens the shift with a ¥200 float → sells
for cash and by WeChat Pay → a resident's sale by Alipay earns points → part of
it is refunded with the manager's PIN asked at that moment → the resident
redeems points against a property-fee bill → a cash sale with 抹零 → ¥100 taken
to the bank (取款) → the manager adds a cashier, who takes over the till →
the Z close, ¥2.00 short, approved by the manager's PIN → the Z report printed
and decoded from its ESC/POS bytes → synced, and the server's own recomputation
of the shift equals the till's → the audit log holds each act, and
`yuancang-pos verify` passes on the day's database and names a hand-edited
record in a copy of it.

Every amount is asserted in 分, worked out here by hand from the demo catalog.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from pos_app.app import TEST_OPEN_SHIFT_ENV, AppContext, build_context
from pos_app.core.money import Money
from pos_app.core.shift import Denomination, figures_to_dict
from pos_app.core.staff import Role
from pos_app.core.tender import TenderKind
from pos_app.demo import demo_code
from pos_app.persistence.db import DB_FILENAME
from pos_app.receipts.escpos_decoder import decode
from pos_app.services.pin_approval import pin_hook
from sync.server.db import Database
from sync.server.devtools import ServerProcess
from sync.server.models.shifts import Shift
from tests.e2e.sync.till import token
from tests.staff_helpers import (
    DEMO_MANAGER,
    DEMO_MANAGER_PIN,
    cash_out_as_manager,
    manager_approval,
)
from tests.sync import conftest as sync_fixtures
from tests.unit.printing.fake_printer import FakePrinter

# the central server's fixtures (tests/sync/conftest.py), visible here
pg_cluster = sync_fixtures.pg_cluster
_pg_demo_template = sync_fixtures._pg_demo_template
pg_demo_url = sync_fixtures.pg_demo_url
_sqlite_demo_template = sync_fixtures._sqlite_demo_template
sqlite_demo_url = sync_fixtures.sqlite_demo_url
central_db_url = sync_fixtures.central_db_url
start_live_server = sync_fixtures.start_live_server

pytestmark = pytest.mark.slow

WATER, RICE, TEA = "6975321000012", "6921445000018", "6937862000029"  # ¥2.00, ¥89.90, ¥128
CASHIER, CASHIER_PIN = "demo-cashier-wang", "1357"


def scan_all(context: AppContext, *codes: str) -> None:
    for code in codes:
        context.checkout.scan(code)


def ledger_of(context: AppContext) -> list[tuple[str, str, str, dict[str, object]]]:
    """The day's audit log, oldest first, without the set-up's entries."""
    return [
        (e.actor, e.kind, e.subject, e.details)
        for e in reversed(context.audit.recent(500))
        if e.kind not in ("catalog_import", "setting")
    ]


def plain(text: str) -> str:
    return " ".join(text.split())


def verify(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_app", "--data-dir", str(data_dir), "verify"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_showroom_day_from_sign_in_to_the_synced_z_report(
    central_db_url: str,
    start_live_server: Callable[..., ServerProcess],
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The server on SQLite and on PostgreSQL (its recomputation runs on each)."""
    server = start_live_server(central_db_url)
    monkeypatch.delenv(TEST_OPEN_SHIFT_ENV)  # the morning: no shift open
    context = build_context(data_dir, demo=True)
    try:
        with FakePrinter() as printer:
            _day(context, server, printer, data_dir, tmp_path)
    finally:
        context.close()


def _day(
    context: AppContext,
    server: ServerProcess,
    printer: FakePrinter,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    context.sync.enroll(server.url, server.enrollment_code("S001", "T01"))
    context.save_setting("printer.connection", printer.url)
    context.save_setting("store.cash_rounding", "yuan")  # 抹零 down to the yuan, cash only
    co, shifts, staff = context.checkout, context.shifts, context.staff
    assert staff is not None and shifts.current() is None

    # --- the cashier signs in by PIN and opens the shift with ¥200 ---------------
    assert staff.sign_in(CASHIER, CASHIER_PIN).name == "收银员小王"
    shift = shifts.open(20000)
    assert (shift.shift_no, shift.opened_by, shift.float_fen) == (
        "S001-T01-Z00001",
        "收银员小王",
        20000,
    )

    # --- a cash sale: three waters, ¥6.00, paid with a ¥10 note ---------------------
    scan_all(context, WATER, WATER, WATER)
    tender = co.start_tender()
    tender.add_cash(Money(1000))
    cash_sale = co.complete(tender)
    assert (cash_sale.total.fen, cash_sale.change.fen, cash_sale.cashier) == (
        600,
        400,
        "收银员小王",
    )

    # --- WeChat Pay: a box of 恩施玉露, ¥128.00 -------------------------------------
    scan_all(context, TEA)
    tender = co.start_tender()
    tender.add_external(
        TenderKind.WECHAT,
        tender.remaining_if(TenderKind.WECHAT),
        "4200000001",
        co.provider,
        co.sale_id,
    )
    assert co.complete(tender).total.fen == 12800

    # --- a resident (张*明) buys two bags of rice by Alipay and earns points ----------
    scan_all(context, demo_code("R0001"), RICE, RICE)
    tender = co.start_tender()
    tender.add_external(
        TenderKind.ALIPAY,
        tender.remaining_if(TenderKind.ALIPAY),
        "2088000001",
        co.provider,
        co.sale_id,
    )
    member_sale = co.complete(tender)
    # floor(17980 × 1000 × 3000 / 10⁸) = floor(539.4)
    assert (member_sale.total.fen, member_sale.points) == (17980, 539)

    # --- one bag back, the manager's PIN asked at that moment ---------------------------
    found = context.refunds.find(member_sale.receipt_no)
    [rice_line] = [ln for ln in found.lines if not ln.voided]
    approval = manager_approval(context, found, {rice_line.line_no: 1})
    assert approval.approved_by == "店长老李"
    refund = context.refunds.refund(
        found, {rice_line.line_no: 1}, approval=approval, reason="包装破损"
    )
    # what remains (¥89.90) earns floor(269.7) = 269: 539 - 269 taken back
    assert (refund.plan.total.fen, refund.plan.points_clawback) == (8990, 270)
    assert [(t.kind.value, t.amount.fen) for t in refund.tenders] == [("alipay", 8990)]

    # --- 500 points against the October property-fee bill (核销), at the server ------
    redeemed = context.redemptions.redeem("R0001", "B-R0001-2026-10", 500, uuid.uuid4())
    # the server has not yet heard of today's sale: 1280 - 500
    assert (redeemed.points, redeemed.bill_open_fen, redeemed.balance) == (500, 25500, 780)

    # --- cash with 抹零: rice and water, ¥91.90 → ¥91.00, paid with ¥100 -------------------
    scan_all(context, RICE, WATER)
    tender = co.start_tender()
    assert (tender.total.fen, tender.rounding.fen, tender.due.fen) == (9190, 90, 9100)
    tender.add_cash(Money(10000))
    rounded = co.complete(tender)
    assert (rounded.due.fen, rounded.rounding.fen, rounded.change.fen) == (9100, 90, 900)

    # --- ¥100 to the bank (取款) ---------------------------------------------------
    out = cash_out_as_manager(context, 10000, "存银行")  # only a manager makes money leave
    assert (out.amount_fen, out.reason, out.cashier) == (10000, "存银行", "收银员小王")

    # --- the manager adds a cashier, who takes over the till --------------------------
    zhou = staff.add_staff(
        "收银员小周", Role.CASHIER, "2580", manager_id=DEMO_MANAGER, manager_pin=DEMO_MANAGER_PIN
    )
    assert staff.switch(zhou.id, "2580").name == "收银员小周"
    assert shifts.current() == shift  # the shift carries on

    # --- the X read, then the Z close with ¥2.00 short ----------------------------
    x = shifts.x_read()
    assert figures_to_dict(x) == {
        "float_fen": 20000,
        "sale_count": 4,
        "refund_count": 1,
        "sales_by_tender": {"alipay": 17980, "cash": 9700, "wechat": 12800},
        "refunds_by_tender": {"alipay": 8990},
        "sales_total_fen": 40480,
        "refunds_total_fen": 8990,
        "rounding_fen": 90,
        "cash_tendered_fen": 11000,
        "change_fen": 1300,
        "cash_in_fen": 0,
        "cash_out_fen": 10000,
        "points_issued": 539,
        "points_clawed_back": 270,
        "points_redeemed": 500,
        # ¥200 float + ¥110 handed over - ¥13 change - ¥100 to the bank
        "expected_cash_fen": 19700,
    }
    count = {Denomination.Y100: 1, Denomination.Y50: 1, Denomination.Y20: 2, Denomination.Y5: 1}
    request = shifts.difference_request(count)
    assert request is not None
    assert (request.amount_fen, request.requested_by) == (200, "收银员小周")
    hook = pin_hook(context.approval)
    assert hook is not None
    hook.approve_with_pin(request, DEMO_MANAGER, DEMO_MANAGER_PIN, hold=True)
    closed = shifts.close(count)
    assert closed.z.figures == x
    assert (closed.z.counted_fen, closed.z.difference_fen) == (19500, -200)
    assert (closed.record.closed_by, closed.record.approved_by) == ("收银员小周", "店长老李")
    assert shifts.current() is None and closed.printed

    # --- the Z report on the TCP printer, decoded from its bytes -------------------
    run = context.printing.process_pending()
    assert len(run.printed) == 1 and run.error is None, run
    [job] = printer.wait_for_jobs(1)
    decoded = decode(job)
    assert decoded.entered_chinese_mode
    lines = [plain(t) for t in decoded.texts if t.strip()]
    for wanted in [
        "交班报表 (Z)",
        "开班 收银员小王",
        "交班 收银员小周",
        "现金 ￥97.00",
        "微信支付 ￥128.00",
        "支付宝 ￥179.80",
        "实收合计 ￥404.80",
        "抹零 ￥0.90",
        "支付宝 ￥89.90",
        "退款合计 ￥89.90",
        "发放 539",
        "退款扣回 270",
        "核销 500",
        "备用金 ￥200.00",
        "现金收款 ￥110.00",
        "找零 -￥13.00",
        "取款 -￥100.00",
        "现金退款 -￥0.00",
        "100元 x 1 ￥100.00",
        "50元 x 1 ￥50.00",
        "20元 x 2 ￥40.00",
        "5元 x 1 ￥5.00",
        "实点现金 ￥195.00",
        "应有现金 ￥197.00",
        "短款 -￥2.00",
        "差额批准 店长老李",
    ]:
        assert wanted in lines, (wanted, lines)

    # --- synced: the server recomputes the shift and agrees to the fen ----------------
    status = context.sync.sync_once()
    assert status.error is None and status.pending == 0, status
    db = Database(server.database_url)
    try:
        with db.read() as session:
            row = session.scalars(select(Shift)).one()
            assert row.shift_id == closed.record.shift_id
            assert json.loads(row.figures_server) == figures_to_dict(x)
            assert (row.expected_server, row.difference_server, row.counted_fen) == (
                19700,
                -200,
                19500,
            )
            assert not row.mismatch and row.flags == ""
    finally:
        db.dispose()
    listed = requests.get(
        f"{server.api}/shifts", headers={"Authorization": f"Bearer {token(data_dir)}"}, timeout=10
    )
    assert listed.status_code == 200
    [summary] = listed.json()
    assert {k: summary[k] for k in summary if k not in ("shift_id", "opened_at", "closed_at")} == {
        "shift_no": "S001-T01-Z00001",
        "store_code": "S001",
        "terminal_code": "T01",
        "opened_by": "收银员小王",
        "closed_by": "收银员小周",
        "approved_by": "店长老李",
        "float_fen": 20000,
        "counted_fen": 19500,
        "sales_server": 40480,
        "sales_terminal": 40480,
        "expected_server": 19700,
        "expected_terminal": 19700,
        "difference_server": -200,
        "difference_terminal": -200,
        "mismatch": False,
        "flags": [],
    }

    # --- the audit log: each act, who asked, who approved, how much -------------------
    shift_no, refund_no = shift.shift_no, refund.refund_no
    log = ledger_of(context)
    assert [(actor, kind) for actor, kind, _s, _d in log] == [
        ("收银员小王", "sign_in"),
        ("收银员小王", "manager_pin"),
        ("收银员小王", "approval"),
        ("收银员小王", "refund"),
        ("收银员小王", "manager_pin"),  # 取款: only a manager makes money leave
        ("收银员小王", "approval"),
        ("收银员小王", "cash_out"),
        ("店长老李", "staff_added"),
        ("收银员小周", "switch_cashier"),
        ("收银员小周", "manager_pin"),
        ("收银员小周", "approval"),
        ("收银员小周", "shift_close"),
    ]
    by_kind = {(kind, subject): details for _a, kind, subject, details in log}
    assert by_kind[("sign_in", CASHIER)] == {"staff_id": CASHIER, "before": ""}
    refund_approval = by_kind[("approval", member_sale.receipt_no)]
    assert {k: refund_approval[k] for k in ("action", "amount_fen", "approved", "approved_by")} == {
        "action": "refund",
        "amount_fen": 8990,
        "approved": True,
        "approved_by": "店长老李",
    }
    assert by_kind[("refund", refund_no)] == {
        "receipt_no": member_sale.receipt_no,
        "approved_by": "店长老李",
        "total_fen": 8990,
        "points_clawback": 270,
        "lines": 1,
    }
    assert by_kind[("cash_out", shift_no)] == {"amount_fen": 10000, "movement_id": out.movement_id}
    [cash_out_approval] = [
        d for _a, k, subject, d in log if k == "approval" and d["action"] == "cash_out"
    ]
    assert (cash_out_approval["amount_fen"], cash_out_approval["approved_by"]) == (
        10000,
        "店长老李",
    )
    assert by_kind[("switch_cashier", zhou.id)] == {"staff_id": zhou.id, "before": "收银员小王"}
    assert by_kind[("approval", shift_no)] == {
        "action": "shift_difference",
        "amount_fen": 200,
        "approved": True,
        "approved_by": "店长老李",
        "detail_expected_fen": 19700,
        "detail_counted_fen": 19500,
    }
    assert by_kind[("shift_close", shift_no)] == {
        "expected_fen": 19700,
        "counted_fen": 19500,
        "difference_fen": -200,
        "approved_by": "店长老李",
    }
    pins = [d for _a, kind, _s, d in log if kind == "manager_pin"]
    assert [(p["action"], p["amount"], p["approver"], p["requested_by"]) for p in pins] == [
        ("refund", 8990, "店长老李", "收银员小王"),
        ("cash_out", 10000, "店长老李", "收银员小王"),
        ("shift_difference", 200, "店长老李", "收银员小周"),
    ]
    text = json.dumps(log, ensure_ascii=False)
    for secret in (CASHIER_PIN, DEMO_MANAGER_PIN, "2580", "张晓明", "13827461234"):
        assert secret not in text

    # --- `yuancang-pos verify` on the day's database, and on a hand-edited copy ------------
    context.close()
    whole = verify(data_dir)
    assert whole.returncode == 0, whole.stdout + whole.stderr
    assert "hash chain whole" in whole.stdout
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copyfile(data_dir / DB_FILENAME, copy / DB_FILENAME)
    with sqlite3.connect(copy / DB_FILENAME) as conn:  # behind the till's back
        conn.execute("DROP TRIGGER redemptions_no_update")
        conn.execute("UPDATE redemptions SET points = 50")
    edited = verify(copy)
    assert edited.returncode == 1
    assert "redemption" in edited.stdout and "(edited)" in edited.stdout, edited.stdout
