"""The residents' page on a phone-sized headless chromium against the real server
on 127.0.0.1: sign in by tapping, with the code from the SMS outbox, and read the
balance and the sale's points; it fits the screen and its buttons fit a thumb."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from playwright.sync_api import Browser, expect

from sync.server.devtools import ServerProcess, enrollment_code
from tests.sync.server.helpers import R0001, TEA, enroll, sale_payload
from tests.sync.server.page_helpers import last_code

R0001_PHONE = "13827461234"


def test_a_resident_signs_in_on_a_phone_and_reads_their_points(
    browser: Browser,
    start_live_server: Callable[..., ServerProcess],
    sqlite_demo_url: Callable[[], str],
    tmp_path: Path,
) -> None:
    outbox = tmp_path / "sms.jsonl"
    db_url = sqlite_demo_url()
    server = start_live_server(db_url, env={"YC_CENTRAL_SMS_OUTBOX_FILE": str(outbox)})
    till = enroll(
        requests.Session(), enrollment_code(db_url, store="S001", terminal="T01"), base=server.api
    )
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
    sale = sale_payload([(TEA, 2)], member=R0001, when=when)
    assert till.push_ok([till.next_item("sale", sale)])[0]["status"] == "accepted"

    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
        has_touch=True, locale="zh-CN", timezone_id="Asia/Shanghai",
    )  # fmt: skip
    page = context.new_page()
    page.goto(f"{server.url}/me")
    expect(page.get_by_role("heading", name="用手机号登录")).to_be_visible()
    page.get_by_label("手机号").fill("138 2746 1234")
    page.get_by_role("button", name="获取验证码").tap()
    expect(page.get_by_text("138****1234")).to_be_visible()
    page.get_by_label("验证码").fill(last_code(outbox, R0001_PHONE))
    page.get_by_role("button", name="登录").tap()

    expect(page.locator("#balance")).to_have_text("2,048")  # 1,280 + 768
    row = page.locator("#entries tbody tr").first
    expect(row).to_contain_text("消费积分")
    expect(row).to_contain_text(sale["receipt_no"])
    expect(row).to_contain_text("+768")
    shanghai = (when + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")
    expect(row.locator("td").first).to_have_text(shanghai)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    for button in page.get_by_role("button").all():
        box = button.bounding_box()
        assert box is not None and box["height"] >= 48
    page.screenshot(path=str(tmp_path / "resident_page.png"), full_page=True)

    page.get_by_role("button", name="退出登录").tap()
    expect(page.get_by_role("heading", name="用手机号登录")).to_be_visible()
    page.goto(f"{server.url}/me")
    expect(page.locator("#balance")).to_have_count(0)
    context.close()
