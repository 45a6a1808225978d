"""The portal's create form, kind by kind, over HTTP on SQLite and PostgreSQL: each
guided form stores exactly the promotion the codec makes of the expected wire
definition; amounts in ¥ become 分 exactly; a refusal re-shows the form with what
was typed and names the field in Chinese; a fuzzed form never gets a 5xx."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.server.db import Database
from tests.sync.server.portal_promo_helpers import (
    FORM,
    canonical,
    error_text,
    last_change,
    portal_client,
    post_form,
    promo_token,
    sign_in,
    stored,
)

RICE, OIL, WATER = "YC-GRN-0001", "YC-GRN-0002", "YC-WAT-0001"
WINDOW = {"start_date": "2026-12-01", "end_date": "2026-12-07", "weekdays": ["3"],
          "start_time": "10:00", "end_time": "22:00"}  # fmt: skip
WINDOW_WIRE = {"start_date": "2026-12-01", "end_date": "2026-12-07", "weekdays": [3],
               "hours": ["10:00", "22:00"]}  # fmt: skip

#: (form fields, the wire definition they make): one per kind of form
KIND_FORMS: list[tuple[dict[str, Any], dict[str, Any]]] = [
    (
        {"form_kind": "threshold", "tier_min_0": "99.9", "tier_off_0": "5",
         "tier_min_2": "¥1,000.00", "tier_off_2": "120.05", "exclusive": "1", "priority": "-3"},
        {"kind": "threshold", "exclusive": True, "priority": -3,
         "tiers": [{"min_fen": 9990, "off_fen": 500}, {"min_fen": 100000, "off_fen": 12005}]},
    ),
    (
        {"form_kind": "percent_off", "percent": "12.5%", "categories": ["tea", "soup"]},
        {"kind": "percent_off", "percent_bps": 1250,
         "scope": {"categories": ["soup", "tea"], "skus": []}},
    ),
    (
        {"form_kind": "amount_off", "amount": "0.5", "skus": f"{WATER}，{RICE}"},
        {"kind": "amount_off", "amount_fen": 50,
         "scope": {"categories": [], "skus": [RICE, WATER]}},
    ),
    (
        {"form_kind": "special_price", "price": "45", "skus": RICE},
        {"kind": "special_price", "price_fen": 4500, "scope": {"categories": [], "skus": [RICE]}},
    ),
    (
        {"form_kind": "member_price", "price": "42.00", "skus": RICE},
        {"kind": "special_price", "price_fen": 4200, "members_only": True,
         "scope": {"categories": [], "skus": [RICE]}},
    ),
    (
        {"form_kind": "buy_n_get_m", "buy": "2", "get": "1", "categories": "water"},
        {"kind": "buy_n_get_m", "buy": 2, "get": 1, "scope": {"categories": ["water"], "skus": []}},
    ),
    (
        {"form_kind": "nth_percent", "nth": "2", "percent": "50", "categories": "deli",
         "members_only": "1"},
        {"kind": "nth_percent", "nth": 2, "percent_bps": 5000, "members_only": True,
         "scope": {"categories": ["deli"], "skus": []}},
    ),
    (
        {"form_kind": "bundle", "bundle_sku_0": RICE, "bundle_count_0": "1",
         "bundle_sku_3": OIL, "bundle_count_3": "", "price": "80"},
        {"kind": "bundle", "price_fen": 8000,
         "bundle": [{"sku": RICE, "count": 1}, {"sku": OIL, "count": 1}]},
    ),
]  # fmt: skip


@pytest.fixture
def ops(db_url: str, db: Database) -> Iterator[TestClient]:
    for client in portal_client(db_url, db):
        sign_in(client, "ops-li")
        yield client


@pytest.mark.parametrize(("fields", "wire"), KIND_FORMS, ids=lambda v: v.get("form_kind", ""))
def test_each_kinds_form_stores_exactly_its_promotion(
    ops: TestClient, db: Database, fields: dict[str, Any], wire: dict[str, Any]
) -> None:
    typed = {**fields, **WINDOW, "id": "P1", "name": "测试促销", "stores": ["S002", "S001"],
             "budget": "1234.56"}  # fmt: skip
    done = post_form(ops, "/portal/promotions/new", typed)
    assert done.status_code == 303, error_text(done.text)
    expected = canonical({**wire, "id": "P1", "name": "测试促销", "window": WINDOW_WIRE,
                          "budget_fen": 123456})  # fmt: skip
    view = stored(db, "P1")
    assert view is not None and view.definition == expected
    assert (view.stores, view.budget_fen, view.status) == (["S001", "S002"], 123456, "active")
    assert last_change(db, "P1") == {**expected, "stores": ["S001", "S002"], "status": "active"}


def test_the_json_definition_creates_any_promotion(ops: TestClient, db: Database) -> None:
    wire = {"id": "EV_SOUP", "name": "试饮活动价", "kind": "special_price", "price_fen": 1500,
            "scope": {"categories": [], "skus": ["YC-SOU-0001"]}, "priority": 5}  # fmt: skip
    fields = {"form_kind": "json", "definition": json.dumps(wire, ensure_ascii=False)}
    assert post_form(ops, "/portal/promotions/new", fields).status_code == 303
    view = stored(db, "EV_SOUP")
    assert view is not None and view.definition == canonical(wire) and view.stores == []
    assert view.budget_fen is None


@pytest.mark.parametrize("amount", ["12.345", "-1", "abc", "1e3", "１２", "", " . ", "1,00"])
def test_a_bad_amount_is_refused_naming_the_field(
    ops: TestClient, db: Database, amount: str
) -> None:
    fields = {"form_kind": "special_price", "id": "P1", "name": "大米特价", "price": amount,
              "skus": RICE, "budget": "300"}  # fmt: skip
    refused = post_form(ops, "/portal/promotions/new", fields)
    assert refused.status_code == 422
    assert error_text(refused.text).startswith("“价格”填写有误。")
    assert stored(db, "P1") is None and last_change(db, "P1") is None
    # the form comes back with what was typed, on the same kind's tab
    html = refused.text
    assert f'name="price" inputmode="decimal" value="{amount}"' in html
    assert 'value="大米特价"' in html and f'value="{RICE}"' in html
    assert 'class="on" aria-current="page">特价</a>' in html


@pytest.mark.parametrize("budget", ["12.345", "-1", "abc", "1e3"])
def test_a_bad_budget_is_refused(ops: TestClient, db: Database, budget: str) -> None:
    fields = {"form_kind": "threshold", "id": "T1", "name": "满减", "tier_min_0": "100",
              "tier_off_0": "10", "budget": budget}  # fmt: skip
    refused = post_form(ops, "/portal/promotions/new", fields)
    assert refused.status_code == 422 and error_text(refused.text).startswith("“预算上限”填写有误")
    assert stored(db, "T1") is None


@pytest.mark.parametrize(
    ("change", "label"),
    [
        ({"name": ""}, "名称"),
        ({"id": ""}, "编号"),
        ({"tier_min_0": "", "tier_off_0": ""}, "满减档位"),  # no tier at all
        ({"tier_off_0": ""}, "满减档位"),  # half a tier
        ({"tier_min_0": "10", "tier_off_0": "20"}, "满减档位"),  # takes off more than the spend
        ({"weekdays": "8"}, "星期"),
        ({"start_time": "25:00"}, "时段"),
        ({"start_date": "2026-02-30"}, "开始日期"),
        ({"priority": "abc"}, "优先级"),
        ({"name": "茶\x00"}, "名称"),
    ],
)
def test_a_missing_or_wrong_field_is_named_in_chinese(
    ops: TestClient, db: Database, change: dict[str, str], label: str
) -> None:
    fields = {"form_kind": "threshold", "id": "T1", "name": "满100减10", "tier_min_0": "100",
              "tier_off_0": "10", **change}  # fmt: skip
    refused = post_form(ops, "/portal/promotions/new", fields)
    assert refused.status_code == 422
    assert error_text(refused.text).startswith(f"“{label}”填写有误")
    assert stored(db, "T1") is None


def test_an_unknown_store_or_a_taken_id_is_refused(ops: TestClient, db: Database) -> None:
    fields = {"form_kind": "threshold", "id": "T1", "name": "满100减10", "tier_min_0": "100",
              "tier_off_0": "10"}  # fmt: skip
    unknown = post_form(ops, "/portal/promotions/new", {**fields, "stores": ["S001", "S999"]})
    assert unknown.status_code == 422
    assert error_text(unknown.text) == "“门店”填写有误：其中有服务器不认识的门店。"
    assert stored(db, "T1") is None
    for odd in ("S\x00", "S" * 17, ""):  # PostgreSQL would refuse a NUL in the query
        refused = post_form(ops, "/portal/promotions/new", {**fields, "stores": odd})
        assert refused.status_code == 422 and error_text(refused.text).startswith("“门店”填写有误")
    assert post_form(ops, "/portal/promotions/new", fields).status_code == 303
    taken = post_form(ops, "/portal/promotions/new", {**fields, "name": "另一个"})
    assert taken.status_code == 409 and "编号已被其他促销使用" in error_text(taken.text)
    assert stored(db, "T1").name == "满100减10"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "field"),
    [("{", "JSON 定义"), ("[]", "JSON 定义"), ('{"id": "X", "name": "x"}', "类型"),
     ('{"id": "X", "name": "x", "kind": "percent_off", "percent_bps": true}', "优惠比例"),
     ("[" * 5000 + "]" * 5000, "JSON 定义")],
)  # fmt: skip
def test_a_bad_json_definition_is_refused(
    ops: TestClient, db: Database, text: str, field: str
) -> None:
    refused = post_form(ops, "/portal/promotions/new", {"form_kind": "json", "definition": text})
    assert refused.status_code == 422 and error_text(refused.text).startswith(f"“{field}”填写有误")


_FIELD_NAMES = ["form_kind", "id", "name", "price", "percent", "amount", "buy", "get", "nth",
                "tier_min_0", "tier_off_0", "bundle_sku_0", "bundle_count_0", "stores",
                "categories", "skus", "weekdays", "start_date", "end_date", "start_time",
                "end_time", "priority", "budget", "definition", "exclusive"]  # fmt: skip
_VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["threshold", "bundle", "json", "S001", "S999", "1", "0", "-1", "1e3",
                     "12.345", "2026-12-01", "24:00", "{}", "null", "tea", "S\x00", "T" * 70]),
)  # fmt: skip


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    fields=st.lists(st.tuples(st.sampled_from(_FIELD_NAMES), _VALUES), max_size=14),
    raw=st.one_of(st.none(), st.binary(max_size=300)),
)
def test_a_fuzzed_create_form_never_gets_a_5xx(
    ops: TestClient, fields: list[tuple[str, str]], raw: bytes | None
) -> None:
    token = promo_token(ops.get("/portal/promotions/new").text)
    body = raw if raw is not None else urlencode([("form", token), *fields]).encode()
    answer = ops.post("/portal/promotions/new", content=body, headers=FORM, follow_redirects=False)
    assert answer.status_code in (303, 400, 403, 409, 422), answer.text[:500]


_SCHEDULE_FIELDS = ["id", "start_date", "end_date", "weekdays", "start_time", "end_time"]
T1 = {"form_kind": "threshold", "id": "T1", "name": "满减", "tier_min_0": "100", "tier_off_0": "10"}


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    path=st.sampled_from(["schedule", "pause", "resume", "end"]),
    fields=st.lists(st.tuples(st.sampled_from(_SCHEDULE_FIELDS), _VALUES), max_size=8),
    signed=st.booleans(),
)
def test_fuzzed_status_and_schedule_forms_never_get_a_5xx(
    ops: TestClient, path: str, fields: list[tuple[str, str]], signed: bool
) -> None:
    token = promo_token(ops.get("/portal/promotions/new").text) if signed else "x"
    if not any(name == "id" for name, _ in fields):
        post_form(ops, "/portal/promotions/new", T1)
        fields = [("id", "T1"), *fields]
    body = urlencode([("form", token), *fields]).encode()
    answer = ops.post(
        f"/portal/promotions/{path}", content=body, headers=FORM, follow_redirects=False
    )
    assert answer.status_code in (303, 403, 404, 409, 422), answer.text[:500]
