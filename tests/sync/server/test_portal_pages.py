"""The portal's pages over HTTP: sign in and out, the overview of exactly the
communities a user reads, hostile forms answered with pages (never a 5xx)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.db import Database
from sync.server.portal import accounts
from sync.server.portal.routes import COOKIE
from tests.sync.server.page_helpers import table_rows

PASSWORD = "correct horse battery"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.fixture
def web(db_url: str, db: Database) -> Iterator[TestClient]:
    with db.write() as session:
        accounts.add_user(
            session, username="p001-finance", password=PASSWORD, role="property-company",
            company_id="P001", now=NOW,
        )  # fmt: skip
        accounts.add_user(
            session, username="ops", password=PASSWORD, role="operations", company_id=None, now=NOW
        )
    with TestClient(create_app(Settings(database_url=db_url))) as client:
        yield client


def sign_in(web: TestClient, username: str) -> None:
    done = web.post(
        "/portal/login", data={"username": username, "password": PASSWORD}, follow_redirects=False
    )
    assert done.status_code == 303 and done.headers["location"] == "/portal"
    cookie = done.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/portal" in cookie


def form_token(html: str) -> str:
    found = re.search(r'name="form" value="([0-9a-f]{64})"', html)
    assert found is not None
    return found.group(1)


def test_without_a_session_the_portal_asks_to_sign_in(web: TestClient) -> None:
    page = web.get("/portal")
    assert page.status_code == 200 and "登录合作方门户" in page.text
    assert page.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_a_property_company_sees_its_own_communities_only(web: TestClient) -> None:
    sign_in(web, "p001-finance")
    html = web.get("/portal").text
    assert "p001-finance · 示范物业服务有限公司" in html
    assert table_rows(html, "communities") == [
        ["物业公司", "小区", ""],
        ["示范物业服务有限公司", "示范社区", "查看"],
        ["示范物业服务有限公司", "滨江社区", "查看"],
    ]
    assert "外部小区" not in html


def test_operations_sees_every_partner(web: TestClient) -> None:
    sign_in(web, "ops")
    html = web.get("/portal").text
    assert "源仓运营（全部合作方）" in html
    assert [r[1] for r in table_rows(html, "communities")[1:]] == [
        "示范社区",
        "滨江社区",
        "外部小区",
    ]


def test_a_wrong_password_is_a_page_that_says_what_to_do(web: TestClient) -> None:
    page = web.post("/portal/login", data={"username": "ops", "password": "nope"})
    assert page.status_code == 400 and "用户名或密码不对" in page.text
    assert COOKIE not in web.cookies


def test_sign_out_needs_the_pages_form_value(web: TestClient) -> None:
    sign_in(web, "ops")
    token = web.cookies[COOKIE]
    web.post("/portal/logout", data={"form": "0" * 64})
    web.cookies.set(COOKIE, token, path="/portal")
    page = web.get("/portal").text
    assert "源仓运营" in page  # a forged sign-out ended nothing
    web.post("/portal/logout", data={"form": form_token(page)})
    web.cookies.set(COOKIE, token, path="/portal")  # the old cookie, replayed
    assert "登录合作方门户" in web.get("/portal").text


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    path=st.sampled_from(["/portal/login", "/portal/logout"]),
    body=st.one_of(
        st.binary(max_size=600),
        st.dictionaries(
            st.sampled_from(["username", "password", "form", "x"]),
            st.text(max_size=60),
            max_size=4,
        ).map(lambda d: urlencode(d).encode()),
    ),
    cookie=st.one_of(st.none(), st.text(alphabet="abcdefXYZ0-_", max_size=120)),
)
def test_hostile_forms_never_get_a_5xx(
    web: TestClient, path: str, body: bytes, cookie: str | None
) -> None:
    web.cookies.clear()
    if cookie is not None:
        web.cookies.set(COOKIE, cookie, path="/portal")
    response = web.post(
        path, content=body, headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code in (303, 400, 429)
