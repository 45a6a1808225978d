"""The portal's promotions in a real headless chromium at 1366×768 against the real
server on 127.0.0.1: an operations user signs in, creates 满100减10 for store S001
with a ¥500 budget, pauses it, and the page says 已暂停; no page breaks its CSP."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, expect

from pos_app.core.promo_codec import promotion_from_dict, promotion_to_dict
from sync.server import promotions as promos
from sync.server.db import Database
from sync.server.devtools import ServerProcess
from sync.server.portal import accounts

PASSWORD = "correct horse battery"


def test_operations_create_and_pause_a_promotion_in_a_browser(
    browser: Browser,
    start_live_server: Callable[..., ServerProcess],
    sqlite_demo_url: Callable[[], str],
    tmp_path: Path,
) -> None:
    db_url = sqlite_demo_url()
    db = Database(db_url, pool_size=1, max_overflow=0)
    with db.write() as session:
        accounts.add_user(
            session, username="ops-li", password=PASSWORD, role="operations", company_id=None,
            now=datetime.now(UTC),
        )  # fmt: skip
    server = start_live_server(db_url)
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="zh-CN", timezone_id="Asia/Shanghai"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if _is_error(m) else None)

    page.goto(f"{server.url}/portal")
    page.get_by_label("用户名").fill("ops-li")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="促销", exact=True).click()
    page.get_by_role("link", name="新建促销").click()
    expect(page.get_by_role("link", name="满减", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    page.get_by_label("编号").fill("MJ100")
    page.get_by_label("名称").fill("满100减10")
    page.locator("#tier_min_0").fill("100")
    page.locator("#tier_off_0").fill("10")
    page.locator('input[name="stores"][value="S001"]').check()
    page.get_by_label("预算上限（元，空：不限）").fill("500")
    page.get_by_role("button", name="创建促销").click()

    expect(page.locator("#status")).to_have_text("进行中")
    expect(page.locator("#rule")).to_have_text("满减：满100减10")
    page.get_by_role("button", name="暂停").click()
    expect(page.locator("#status")).to_have_text("已暂停")
    expect(page.get_by_role("button", name="恢复")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366  # no sideways scroll
    for button in page.locator("main button").all():
        box = button.bounding_box()
        assert box is not None and box["height"] >= 48
    page.screenshot(path=str(tmp_path / "portal_promotion.png"), full_page=True)
    assert errors == []  # no script, no CSP violation
    context.close()

    with db.read() as session:
        (view,) = promos.list_promotions(session)
    wire = {"id": "MJ100", "name": "满100减10", "kind": "threshold", "budget_fen": 50000,
            "tiers": [{"min_fen": 10000, "off_fen": 1000}]}  # fmt: skip
    assert view.definition == promotion_to_dict(promotion_from_dict(wire))
    assert (view.status, view.stores, view.budget_fen) == ("paused", ["S001"], 50000)
    db.dispose()


def _is_error(message: ConsoleMessage) -> bool:
    # the browser's own favicon.ico request (the server has none) is not the page's
    return message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico")
