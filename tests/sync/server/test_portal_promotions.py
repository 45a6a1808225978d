"""The portal's promotions pages over HTTP, on SQLite and PostgreSQL: operations
create a promotion with the guided form (stored exactly as the codec writes it,
announced to the tills), read it in Chinese with its results, schedule, pause,
resume and end it (ending asks first); a property company's user is refused
every promotions URL; forged forms change nothing."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from sync.server import promotions as promos
from sync.server.changelog import ChangeLog
from sync.server.db import Database
from sync.server.models.promotions import PromotionStatusChange
from tests.sync.server.helpers import TEA, Till, sale_payload
from tests.sync.server.page_helpers import table_rows
from tests.sync.server.portal_promo_helpers import (
    canonical,
    error_text,
    last_change,
    portal_client,
    post_form,
    promo_token,
    sign_in,
    stored,
)
from tests.sync.server.promo_helpers import promoted

T100 = {
    "form_kind": "threshold",
    "id": "T100",
    "name": "满100减10 满200减25",
    "tier_min_0": "100",
    "tier_off_0": "10",
    "tier_min_1": "200.00",
    "tier_off_1": "25",
    "stores": "S001",
    "budget": "500",
}
T100_WIRE = {
    "id": "T100",
    "name": "满100减10 满200减25",
    "kind": "threshold",
    "tiers": [{"min_fen": 10000, "off_fen": 1000}, {"min_fen": 20000, "off_fen": 2500}],
    "budget_fen": 50000,
}


@pytest.fixture
def web(db_url: str, db: Database) -> Iterator[TestClient]:
    yield from portal_client(db_url, db)


@pytest.fixture
def ops(web: TestClient) -> TestClient:
    sign_in(web, "ops-li")
    return web


def test_operations_create_a_promotion_stored_and_announced_like_the_apis(
    ops: TestClient, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="sync.server.portal"):
        done = post_form(ops, "/portal/promotions/new", T100)
    assert done.status_code == 303
    assert done.headers["location"] == "/portal/promotions/view?id=T100"
    view = stored(db, "T100")
    assert view is not None
    assert view.definition == canonical(T100_WIRE)
    assert (view.status, view.stores, view.budget_fen, view.given_fen) == (
        "active",
        ["S001"],
        50000,
        0,
    )
    assert last_change(db, "T100") == {
        **canonical(T100_WIRE),
        "stores": ["S001"],
        "status": "active",
    }
    assert "portal user ops-li created promotion T100" in caplog.messages


def test_the_list_shows_budget_progress_and_filters_by_status_and_store(
    ops: TestClient, db: Database
) -> None:
    post_form(ops, "/portal/promotions/new", T100)
    tea = {"form_kind": "percent_off", "id": "TEA9", "name": "茶叶9折", "percent": "10",
           "categories": "tea"}  # fmt: skip
    post_form(ops, "/portal/promotions/new", tea)
    post_form(ops, "/portal/promotions/pause", {"id": "TEA9"})
    rows = table_rows(ops.get("/portal/promotions").text, "promotions")
    assert rows[0] == ["编号", "名称", "规则", "状态", "门店", "时间", "已优惠 / 预算", "来源"]
    assert rows[1:] == [
        ["T100", "满100减10 满200减25", "满减：满100减10，满200减25", "进行中", "S001", "长期有效",
         "¥0.00 / ¥500.00 ¥0.00", "源仓运营"],
        ["TEA9", "茶叶9折", "打折：9折（减10%）", "已暂停", "全部门店", "长期有效", "¥0.00 / 不限",
         "源仓运营"],
    ]  # fmt: skip
    paused = table_rows(ops.get("/portal/promotions?status=paused").text, "promotions")
    assert [r[0] for r in paused[1:]] == ["TEA9"]
    s002 = table_rows(ops.get("/portal/promotions?store=S002").text, "promotions")
    assert [r[0] for r in s002[1:]] == ["TEA9"]  # T100 is S001's alone
    assert "没有符合条件的促销" in ops.get("/portal/promotions?status=ended").text


def test_a_promotions_page_reads_in_chinese_with_its_history_and_results(
    ops: TestClient,
) -> None:
    second = {"form_kind": "nth_percent", "id": "N2", "name": "卤味第二件半价", "nth": "2",
              "percent": "50", "categories": "deli", "weekdays": ["3", "6"],
              "start_date": "2026-12-01", "end_date": "2026-12-31", "start_time": "10:00",
              "end_time": "22:00", "members_only": "1"}  # fmt: skip
    assert post_form(ops, "/portal/promotions/new", second).status_code == 303
    page = ops.get("/portal/promotions/view?id=N2")
    assert page.status_code == 200
    html = page.text
    assert '<dd id="rule">第N件优惠：第二件半价</dd>' in html
    assert '<dd id="window">2026-12-01 至 2026-12-31；每周三、六；10:00–22:00</dd>' in html
    assert "<dt>条件</dt><dd>会员专享</dd>" in html
    assert table_rows(html, "history")[1][1:] == ["进行中", "创建"]
    assert "享受优惠的订单" in html and "<svg" in html and "<script" not in html
    assert '<span class="tag active" id="status">进行中</span>' in html


def test_pause_resume_and_end_through_the_pages_reach_the_tills(
    ops: TestClient, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    post_form(ops, "/portal/promotions/new", T100)
    token = promo_token(ops.get("/portal/promotions/view?id=T100").text)
    with caplog.at_level(logging.INFO, logger="sync.server.portal"):
        paused = post_form(ops, "/portal/promotions/pause", {"id": "T100"}, token=token)
    assert "portal user ops-li: pause promotion T100" in caplog.messages
    assert paused.status_code == 303
    assert last_change(db, "T100")["status"] == "paused"  # type: ignore[index]
    assert (
        '<span class="tag paused" id="status">已暂停</span>'
        in ops.get(paused.headers["location"]).text
    )
    post_form(ops, "/portal/promotions/resume", {"id": "T100"}, token=token)
    assert last_change(db, "T100")["status"] == "active"  # type: ignore[index]
    confirm = ops.get("/portal/promotions/end?id=T100")
    assert confirm.status_code == 200 and "无法恢复" in confirm.text
    assert stored(db, "T100").status == "active"  # type: ignore[union-attr]  # asking changed nothing
    ended = post_form(
        ops, "/portal/promotions/end", {"id": "T100"}, token=promo_token(confirm.text)
    )
    assert ended.status_code == 303
    assert last_change(db, "T100")["status"] == "ended"  # type: ignore[index]
    asked = ops.get("/portal/promotions/end?id=T100", follow_redirects=False)
    assert asked.status_code == 303  # ended: no question left, its page says so
    ended_page = ops.get(asked.headers["location"]).text
    assert '<span class="tag ended" id="status">已结束</span>' in ended_page
    assert 'action="/portal/promotions/pause"' not in ended_page and "调整时间" not in ended_page
    again = post_form(ops, "/portal/promotions/resume", {"id": "T100"}, token=token)
    assert again.status_code == 409 and "已结束" in error_text(again.text)
    with db.read() as session:
        history = session.execute(
            select(PromotionStatusChange.status, PromotionStatusChange.reason)
            .where(PromotionStatusChange.promotion_id == "T100")
            .order_by(PromotionStatusChange.id)
        ).all()
    assert [tuple(h) for h in history] == [
        ("active", "create"),
        ("paused", "portal:pause"),
        ("active", "portal:resume"),
        ("ended", "portal:end"),
    ]


def test_schedule_moves_the_window_and_refuses_one_that_ends_before_it_starts(
    ops: TestClient, db: Database
) -> None:
    post_form(ops, "/portal/promotions/new", T100)
    window = {"id": "T100", "start_date": "2026-12-01", "end_date": "2026-12-07",
              "weekdays": "3", "start_time": "10:00", "end_time": ""}  # fmt: skip
    assert post_form(ops, "/portal/promotions/schedule", window).status_code == 303
    expected = {"start_date": "2026-12-01", "end_date": "2026-12-07", "weekdays": [3],
                "hours": ["10:00", "24:00"]}  # fmt: skip
    assert stored(db, "T100").definition["window"] == expected  # type: ignore[union-attr]
    assert last_change(db, "T100")["window"] == expected  # type: ignore[index]
    backwards = post_form(ops, "/portal/promotions/schedule", {**window, "end_date": "2026-11-30"})
    assert backwards.status_code == 422
    assert error_text(backwards.text) == "“结束日期”填写有误，请检查后重新提交。"
    assert 'name="end_date" type="date" value="2026-11-30"' in backwards.text  # as typed
    page = ops.get("/portal/promotions/view?id=T100").text  # as stored
    assert 'name="end_date" type="date" value="2026-12-07"' in page
    assert 'name="start_time" type="time" value="10:00"' in page
    assert 'name="end_time" type="time" value=""' in page  # the day's end: left empty
    assert '<input type="checkbox" name="weekdays" value="3" checked>周三' in page
    assert stored(db, "T100").definition["window"] == expected  # type: ignore[union-attr]


PROMO_URLS = [
    ("GET", "/portal/promotions"),
    ("GET", "/portal/promotions/new"),
    ("GET", "/portal/promotions/view?id=T100"),
    ("GET", "/portal/promotions/end?id=T100"),
    ("POST", "/portal/promotions/new"),
    ("POST", "/portal/promotions/schedule"),
    ("POST", "/portal/promotions/pause"),
    ("POST", "/portal/promotions/resume"),
    ("POST", "/portal/promotions/end"),
]


def test_a_property_company_is_refused_every_promotions_url(web: TestClient, db: Database) -> None:
    sign_in(web, "ops-li")
    post_form(web, "/portal/promotions/new", T100)
    ops_token = promo_token(web.get("/portal/promotions/new").text)
    assert '<a href="/portal/promotions">促销</a>' in web.get("/portal").text
    sign_in(web, "p001-finance")
    assert "/portal/promotions" not in web.get("/portal").text  # no link in the nav
    for method, url in PROMO_URLS:
        answer = web.request(method, url, data={"form": ops_token, "id": "T100"})
        assert answer.status_code == 403, (method, url)
        assert "促销管理仅限源仓运营" in answer.text and "¥500.00" not in answer.text
    assert stored(db, "T100").status == "active"  # type: ignore[union-attr]


def test_without_a_session_the_promotions_pages_ask_to_sign_in(web: TestClient) -> None:
    for method, url in PROMO_URLS:
        answer = web.request(method, url, data={"id": "T100"})
        assert answer.status_code == 401 and "登录合作方门户" in answer.text, (method, url)


@pytest.mark.parametrize("token", [None, "", "0" * 64, "forged", "表单"])
def test_a_forged_form_changes_nothing(ops: TestClient, db: Database, token: str | None) -> None:
    post_form(ops, "/portal/promotions/new", T100)
    before = last_change(db, "T100")
    for path, fields in [
        ("/portal/promotions/new", {**T100, "id": "T101"}),
        ("/portal/promotions/pause", {"id": "T100"}),
        ("/portal/promotions/end", {"id": "T100"}),
        ("/portal/promotions/schedule", {"id": "T100", "weekdays": "1"}),
    ]:
        body = dict(fields) if token is None else {**fields, "form": token}
        answer = ops.post(path, data=body, follow_redirects=False)
        assert answer.status_code == 403 and "不是从本门户页面提交的" in answer.text
    assert stored(db, "T101") is None
    assert stored(db, "T100").status == "active"  # type: ignore[union-attr]
    assert last_change(db, "T100") == before


def test_another_sessions_form_value_is_refused(web: TestClient, db: Database) -> None:
    sign_in(web, "ops-li")
    first = promo_token(web.get("/portal/promotions/new").text)
    sign_in(web, "ops-li")  # a new session: the old page's value is not its own
    assert post_form(web, "/portal/promotions/new", T100, token=first).status_code == 403
    assert stored(db, "T100") is None


def test_an_unknown_promotion_is_a_404_page(ops: TestClient) -> None:
    for url in ("/portal/promotions/view?id=NOPE", "/portal/promotions/end?id=NOPE"):
        answer = ops.get(url)
        assert answer.status_code == 404 and "没有这个促销" in answer.text
    for promo_id in ("NOPE", "\x00", "T" * 65, ""):  # PostgreSQL would refuse a NUL
        for action in ("pause", "end", "schedule"):
            answer = post_form(ops, f"/portal/promotions/{action}", {"id": promo_id})
            assert answer.status_code == 404, (promo_id, action)


def test_a_promotions_page_shows_what_the_tills_sales_got_of_it(
    ops: TestClient, till: Till
) -> None:
    tea = {"form_kind": "percent_off", "id": "P_TEA9", "name": "茶叶9折", "percent": "10",
           "categories": "tea", "stores": "S001"}  # fmt: skip
    assert post_form(ops, "/portal/promotions/new", tea).status_code == 303
    sale = promoted(sale_payload([(TEA, 2)]), {1: [("P_TEA9", 2560)]})
    assert till.push_ok([till.next_item("sale", sale)])[0]["status"] == "accepted"
    html = ops.get("/portal/promotions/view?id=P_TEA9").text
    figures = re.findall(r'<div class="v">([^<]*)</div><div class="k">([^<]*)</div>', html)
    assert figures == [
        ("1", "享受优惠的订单"),
        ("¥25.60", "优惠金额"),
        ("¥230.40", "促销商品销售额"),
        ("¥0.00", "上一周期销售额"),
        ("—", "销售增长 ¥230.40（上一周期无销售）"),
    ]
    assert "已优惠 ¥25.60 / 不限" in html


def test_a_store_promotion_is_marked_with_its_store_and_approver(
    ops: TestClient, db: Database
) -> None:
    moment = datetime.now(UTC)
    origin = promos.StoreOrigin(
        store_code="S001", approver="demo-manager-li", revision=1, claimed_budget_fen=None,
        budget_capped=True, since=moment,
    )  # fmt: skip
    definition = {"id": "S001-T01-AB12", "name": "门店满50减5", "kind": "threshold",
                  "tiers": [{"min_fen": 5000, "off_fen": 500}]}  # fmt: skip
    with db.write() as session:
        changes = ChangeLog()
        promos.create(
            session, definition=definition, stores=["S001"], budget_fen=200000, now=moment,
            changes=changes, origin=origin,
        )  # fmt: skip
        changes.flush(session, now=moment)
    (row,) = table_rows(ops.get("/portal/promotions").text, "promotions")[1:]
    assert row[0] == "S001-T01-AB12" and row[-1] == "门店自设 S001，审批 店长老李"
    detail = ops.get("/portal/promotions/view?id=S001-T01-AB12").text
    assert "<dt>来源</dt><dd>门店自设 S001，审批 店长老李</dd>" in detail
    # operations may pause it like any other
    assert post_form(ops, "/portal/promotions/pause", {"id": "S001-T01-AB12"}).status_code == 303
    assert last_change(db, "S001-T01-AB12")["status"] == "paused"  # type: ignore[index]
