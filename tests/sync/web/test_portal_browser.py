"""The partners' portal in a real headless chromium against the real server on
127.0.0.1: a property company signs in, reads its community's month (settlement,
collection rate, charts), downloads it, and cannot reach another company's
community; screenshots at 1366×768 into the test's directory."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl
import requests
from playwright.sync_api import Browser, expect

from sync.server.devtools import ServerProcess, enrollment_code
from sync.server.portal.demo import DEMO_PASSWORD
from sync.server.settlement_period import month_of
from tests.sync.server.helpers import R0001, TEA, WATER, enroll, sale_payload


def test_a_property_company_reads_its_month_and_nothing_else(
    browser: Browser,
    start_live_server: Callable[..., ServerProcess],
    sqlite_demo_url: Callable[[], str],
    tmp_path: Path,
) -> None:
    db_url = sqlite_demo_url()
    server = start_live_server(db_url)
    till = enroll(requests.Session(), enrollment_code(db_url, store="S001", terminal="T01"),
                  base=server.api)  # fmt: skip
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
    sales = [
        sale_payload([(TEA, 2)], member=R0001, when=when),
        sale_payload([(WATER, 3)], when=when + timedelta(seconds=1), sequence=2),
    ]
    assert [r["status"] for r in till.push_ok([till.next_item("sale", s) for s in sales])] == [
        "accepted", "accepted",
    ]  # fmt: skip
    redeemed = till.post(
        "/redemptions",
        {"redemption_id": str(uuid.uuid4()), "resident_id": "R0001",
         "bill_id": "B-R0001-2026-10", "points": 500},
    )  # fmt: skip
    assert redeemed.status_code == 200, redeemed.text

    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="zh-CN", timezone_id="Asia/Shanghai",
        accept_downloads=True,
    )  # fmt: skip
    page = context.new_page()
    problems: list[str] = []  # a script the CSP refused, a failed load: the console says so
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(f"{server.url}/portal")
    expect(page.get_by_role("heading", name="登录合作方门户")).to_be_visible()
    page.get_by_label("用户名").fill("demo-p001")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("#communities")).to_contain_text("示范社区")
    expect(page.locator("#communities")).not_to_contain_text("外部小区")  # P900's
    page.screenshot(path=str(tmp_path / "portal-overview.png"))

    page.get_by_role("row", name="示范社区").get_by_role("link", name="查看").click()
    net = 2 * 12800 + 3 * 200
    expect(page.locator("#net")).to_have_text(f"￥{net // 100:,}.{net % 100:02d}")
    share = net * 1000 // 10_000  # the demo contract: 10 %
    expect(page.locator("#share")).to_have_text(f"￥{share // 100:,}.{share % 100:02d}")
    expect(page.locator("#state")).to_have_text("暂估 · 未结账")
    assert page.locator("svg.pygal-chart").count() == 3
    page.screenshot(path=str(tmp_path / "portal-community.png"), full_page=True)
    assert problems == []

    page.get_by_label("月份").select_option("2026-10")
    page.get_by_role("button", name="查看").click()
    expect(page.locator("#rate")).to_contain_text("%")
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel").first.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "settlement-C001-2026-10-provisional.xlsx"
    cells = [c for row in openpyxl.load_workbook(saved).active.iter_rows(values_only=True)
             for c in row]  # fmt: skip
    assert "net_revenue_fen" in cells

    # another company's community, typed into the address bar: the same page as none at all
    response = page.goto(f"{server.url}/portal/c/C900?month={month_of(when)}")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="找不到这个页面")).to_be_visible()
    assert "外部小区" not in page.content()
    page.goto(f"{server.url}/portal")
    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("heading", name="登录合作方门户")).to_be_visible()
    context.close()
