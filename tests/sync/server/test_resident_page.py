"""The residents' own page (/me) over HTTP: sign in with a one-time code, then read
exactly their balance, each sale's points, each clawback, each deduction and their
bills; nothing of anyone else; every hostile form answered with a page, never a 5xx."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.devtools import enrollment_code
from sync.server.sms import read_outbox
from sync.server.web.resident_routes import COOKIE
from tests.sync.server.helpers import R0001, TEA, Till, enroll, refund_payload, sale_payload
from tests.sync.server.page_helpers import last_code, table_rows

R0001_PHONE = "13827461234"
R0002_PHONE = "13951185678"


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    return tmp_path / "sms.jsonl"


@pytest.fixture
def web(db_url: str, outbox: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=db_url, sms_outbox_file=outbox)
    with TestClient(create_app(settings)) as client:
        yield client


def sign_in(web: TestClient, outbox: Path, phone: str = R0001_PHONE) -> None:
    sent = web.post("/me/code", data={"phone": phone})
    assert sent.status_code == 200, sent.text
    assert "验证码短信已经发出" in sent.text
    done = web.post(
        "/me/sign-in", data={"phone": phone, "code": last_code(outbox, phone)},
        follow_redirects=False,
    )  # fmt: skip
    assert done.status_code == 303 and done.headers["location"] == "/me"
    cookie = done.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/me" in cookie


def _history(web: TestClient, db_url: str) -> tuple[Till, dict[str, object]]:
    """R0001 buys two teas (768 points), returns one (384 back), pays 500 points of a bill."""
    till = enroll(web, enrollment_code(db_url, store="S001", terminal="T01"))
    # after the enrollment (a sale before it is held), within the allowed clock skew
    now = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
    sale = sale_payload([(TEA, 2)], member=R0001, when=now)
    assert sale["points"] == 768
    refund = refund_payload(
        sale, [(1, 1, 12800)], eligible_fen=12800, points_clawback=384,
        when=now + timedelta(seconds=1),
    )  # fmt: skip
    results = till.push_ok([till.next_item("sale", sale), till.next_item("refund", refund)])
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    redeemed = till.post(
        "/redemptions",
        {"redemption_id": str(uuid.uuid4()), "resident_id": "R0001",
         "bill_id": "B-R0001-2026-10", "points": 500},
    )  # fmt: skip
    assert redeemed.status_code == 200, redeemed.text
    return till, sale


def test_a_resident_reads_their_points_clawbacks_and_deductions(
    web: TestClient, outbox: Path, db_url: str
) -> None:
    _, sale = _history(web, db_url)
    sign_in(web, outbox)
    page = web.get("/me")
    assert page.status_code == 200
    html = page.text
    assert 'id="balance">1,164<' in html  # 1,280 opening + 768 − 384 − 500
    assert "可抵扣物业费 ￥11.64" in html
    assert "示范社区 · 张*明" in html
    rows = table_rows(html, "entries")
    assert rows[0] == ["时间", "事项", "积分"]
    kinds = [(r[1], r[2]) for r in rows[1:]]
    assert kinds == [
        ("抵扣物业费 2026-10 物业费账单", "-500"),
        ("退货扣回 源仓·示范社区展厅 · 小票 S001-T01-R000001", "-384"),
        (f"消费积分 源仓·示范社区展厅 · 小票 {sale['receipt_no']}", "+768"),
        ("期初积分", "+1,280"),
    ]
    sold_at = datetime.fromisoformat(str(sale["created_at"])) + timedelta(hours=8)
    assert rows[3][0] == sold_at.strftime("%Y-%m-%d %H:%M")  # Asia/Shanghai on screen
    assert table_rows(html, "bills") == [
        ["账期", "应缴", "已缴", "其中积分抵扣"],
        ["2026-11", "￥260.00", "￥0.00", "￥0.00"],
        ["2026-10", "￥260.00", "￥5.00", "￥5.00"],
    ]
    assert "TEA" not in html and "茶" not in html  # a sale by its receipt, never its basket


def test_another_resident_sees_only_their_own(web: TestClient, outbox: Path, db_url: str) -> None:
    _history(web, db_url)
    sign_in(web, outbox, R0002_PHONE)
    html = web.get("/me").text
    assert 'id="balance">35<' in html
    assert [r[1:] for r in table_rows(html, "entries")[1:]] == [["期初积分", "+35"]]
    assert "张*明" not in html and "2026-10 物业费账单" not in html


def test_pages_are_private_and_not_cached(web: TestClient) -> None:
    page = web.get("/me")
    assert page.status_code == 200 and "用手机号登录" in page.text
    assert page.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"


def test_the_same_answer_for_known_and_unknown_phones(web: TestClient, outbox: Path) -> None:
    known = web.post("/me/code", data={"phone": R0001_PHONE})
    unknown = web.post("/me/code", data={"phone": "13900000000"})
    assert known.status_code == unknown.status_code == 200
    same = known.text.replace("138****1234", "X").replace(R0001_PHONE, "N")
    assert same == unknown.text.replace("139****0000", "X").replace("13900000000", "N")
    assert [m["phone"] for m in read_outbox(outbox)] == [R0001_PHONE]


def test_a_wrong_code_and_a_bad_phone_say_what_to_do(web: TestClient, outbox: Path) -> None:
    bad = web.post("/me/code", data={"phone": "12345"})
    assert bad.status_code == 400 and "请输入 11 位手机号码" in bad.text
    web.post("/me/code", data={"phone": R0001_PHONE})
    code = last_code(outbox, R0001_PHONE)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    refused = web.post("/me/sign-in", data={"phone": R0001_PHONE, "code": wrong})
    assert refused.status_code == 400 and "验证码不对或已过期" in refused.text
    assert COOKIE not in web.cookies


def test_sign_out_ends_the_session_and_needs_its_form_token(web: TestClient, outbox: Path) -> None:
    sign_in(web, outbox)
    token = web.cookies[COOKIE]
    forged = web.post("/me/sign-out", data={"form": "0" * 64}, follow_redirects=False)
    assert forged.status_code == 303
    web.cookies.set(COOKIE, token, path="/me")
    assert "积分余额" in web.get("/me").text  # a forged sign-out ended nothing
    form = form_token(web.get("/me").text)
    web.post("/me/sign-out", data={"form": form})
    web.cookies.set(COOKIE, token, path="/me")  # the old cookie, replayed
    assert "用手机号登录" in web.get("/me").text


def form_token(html: str) -> str:
    found = re.search(r'name="form" value="([0-9a-f]{64})"', html)
    assert found is not None
    return found.group(1)


def test_attempts_per_address_are_limited(db_url: str, outbox: Path) -> None:
    settings = Settings(
        database_url=db_url, sms_outbox_file=outbox, resident_burst_per_address=3,
        resident_per_minute_per_address=1,
    )  # fmt: skip
    with TestClient(create_app(settings)) as web:
        codes = [web.post("/me/code", data={"phone": "13900000000"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_an_unwritable_outbox_is_a_page_not_a_5xx(db_url: str, tmp_path: Path) -> None:
    settings = Settings(database_url=db_url, sms_outbox_file=tmp_path / "missing" / "sms.jsonl")
    with TestClient(create_app(settings)) as web:
        page = web.post("/me/code", data={"phone": R0001_PHONE})
    assert page.status_code == 409 and "验证码短信暂时发不出去" in page.text


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    path=st.sampled_from(["/me/code", "/me/sign-in", "/me/sign-out"]),
    body=st.one_of(
        st.binary(max_size=600),
        st.dictionaries(
            st.sampled_from(["phone", "code", "form", "x"]), st.text(max_size=60), max_size=4
        ).map(lambda d: urlencode(d).encode()),
    ),
    cookie=st.one_of(st.none(), st.text(alphabet="abcdefXYZ0-_", max_size=120)),
)
def test_hostile_forms_never_get_a_5xx(
    web: TestClient, path: str, body: bytes, cookie: str | None
) -> None:
    web.cookies.clear()
    if cookie is not None:
        web.cookies.set(COOKIE, cookie, path="/me")
    response = web.post(
        path, content=body, headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code in (200, 303, 400, 409, 429)
