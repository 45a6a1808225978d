"""GET /members/by-phone: candidates of the till's own property company, bounded, rate-limited.

The demo seed gives three residents a phone ending in 1234: R0001 (C001) and
R0005 (C002) of P001, and R0901 of P900.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.protocol.accounts import MAX_PHONE_CANDIDATES
from sync.server import crud
from sync.server.app import create_app
from sync.server.changelog import ChangeLog
from sync.server.config import Settings
from sync.server.db import Database
from sync.server.devtools import enrollment_code
from sync.server.personal_data import mask_phone
from sync.server.seed import add_resident, initialize, log_communities
from tests.sync.server.helpers import Till, enroll

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "members-by-phone.json"
R0001 = {
    "resident_id": "R0001",
    "masked_name": "张*明",
    "masked_phone": "138****1234",
    "community_id": "C001",
    "community_name": "示范社区",
}
R0005 = {
    "resident_id": "R0005",
    "masked_name": "陈*华",
    "masked_phone": "137****1234",
    "community_id": "C002",
    "community_name": "滨江社区",
}
R0901 = {
    "resident_id": "R0901",
    "masked_name": "赵*强",
    "masked_phone": "136****1234",
    "community_id": "C900",
    "community_name": "外部小区",
}


@pytest.fixture
def app_client(db_url: str) -> Iterator[Callable[..., TestClient]]:
    """A TestClient on an app with these settings (the rate limit differs per test)."""
    opened: list[TestClient] = []

    def make(**overrides: Any) -> TestClient:
        client = TestClient(create_app(Settings(database_url=db_url, **overrides)))
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


def _till(client: TestClient, db_url: str, store: str = "S001", terminal: str = "T01") -> Till:
    return enroll(client, enrollment_code(db_url, store=store, terminal=terminal))


def test_candidates_are_of_the_tills_company_its_own_community_first(
    app_client: Callable[..., TestClient], db_url: str
) -> None:
    client = app_client()
    s001 = _till(client, db_url)
    s002 = _till(client, db_url, "S002")
    s900 = _till(client, db_url, "S900")
    first = s001.get("/members/by-phone", params={"last4": "1234"})
    assert first.status_code == 200
    assert first.json() == {"candidates": [R0001, R0005], "truncated": False}
    assert first.json() == json.loads(EXAMPLE.read_text(encoding="utf-8"))  # the documented one
    # a till of C002 sees its own community's resident first
    assert s002.get("/members/by-phone?last4=1234").json()["candidates"] == [R0005, R0001]
    # another property company's till sees only its own resident
    assert s900.get("/members/by-phone?last4=1234").json() == {
        "candidates": [R0901],
        "truncated": False,
    }
    assert s001.get("/members/by-phone?last4=5678").json()["candidates"] == [
        {
            "resident_id": "R0002",
            "masked_name": "欧**平",
            "masked_phone": "139****5678",
            "community_id": "C001",
            "community_name": "示范社区",
        }
    ]
    assert s001.get("/members/by-phone?last4=0000").json() == {
        "candidates": [],
        "truncated": False,
    }


def test_a_revoked_resident_is_not_a_candidate(
    app_client: Callable[..., TestClient], db_url: str, db: Database
) -> None:
    till = _till(app_client(), db_url)
    with db.write() as session:
        changes = ChangeLog()
        crud.revoke_resident(
            session, resident_id="R0005", reason="moved", now=datetime.now(UTC), changes=changes
        )
        changes.flush(session)
    assert till.get("/members/by-phone?last4=1234").json()["candidates"] == [R0001]


def test_the_answer_is_bounded(
    app_client: Callable[..., TestClient], db_url: str, db: Database
) -> None:
    now = datetime.now(UTC)
    till = _till(app_client(), db_url)
    with db.write() as session:
        changes = ChangeLog()
        for n in range(MAX_PHONE_CANDIDATES + 2):
            add_resident(session, resident_id=f"R8{n:03d}", community_id="C002",
                         property_company_id="P001", masked_name=f"吴*{n:02d}", opening=0,
                         now=now, changes=changes, phone=f"15{n:05d}4321")  # fmt: skip
        changes.flush(session)
    body = till.get("/members/by-phone?last4=4321").json()
    assert len(body["candidates"]) == MAX_PHONE_CANDIDATES
    assert body["truncated"] is True
    assert [c["resident_id"] for c in body["candidates"]] == [f"R8{n:03d}" for n in range(10)]


@pytest.mark.parametrize(
    "last4", ["123", "12345", "12a4", "１２３４", " 1234", "-123", "", "\ud800\ud800\ud800\ud800"]
)
def test_anything_but_four_digits_is_refused(
    app_client: Callable[..., TestClient], db_url: str, last4: str
) -> None:
    till = _till(app_client(), db_url)
    response = till.get(
        "/members/by-phone", params={"last4": last4.encode("utf-8", "surrogatepass")}
    )
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "invalid_request"
    assert till.get("/members/by-phone").json()["code"] == "invalid_request"  # no digits at all


def test_a_till_must_be_enrolled(app_client: Callable[..., TestClient]) -> None:
    client = app_client()
    response = client.get("/api/v1/members/by-phone?last4=1234")
    assert (response.status_code, response.json()["code"]) == (401, "bad_token")


def test_lookups_are_rate_limited_per_till(
    app_client: Callable[..., TestClient], db_url: str
) -> None:
    client = app_client(
        member_lookup_burst_per_terminal=3, member_lookup_per_minute_per_terminal=1.0
    )
    till, other = _till(client, db_url), _till(client, db_url, terminal="T02")
    for _ in range(3):
        assert till.get("/members/by-phone?last4=1234").status_code == 200
    refused = till.get("/members/by-phone?last4=1234")
    assert (refused.status_code, refused.json()["code"]) == (429, "rate_limited")
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    # a refused lookup does not reach the database, and another till is not slowed
    assert other.get("/members/by-phone?last4=1234").json()["candidates"] == [R0001, R0005]


def test_hostile_queries_never_get_a_5xx(
    app_client: Callable[..., TestClient], db_url: str
) -> None:
    client = app_client(member_lookup_burst_per_terminal=100_000)
    till = _till(client, db_url)

    @settings(max_examples=150, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
    @given(
        st.one_of(
            st.text(max_size=12),
            st.text(alphabet="0123456789", min_size=0, max_size=6),
            st.binary(max_size=12),
            st.sampled_from(["\x00\x00\x00\x00", "1e10", "NaN", "'; --", "%00", "9" * 5000]),
        )
    )
    def one(value: str | bytes) -> None:
        raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
        response = till.get("/members/by-phone", params={"last4": raw})
        assert response.status_code in (200, 422), (value, response.text)
        body = response.json()
        if response.status_code == 200:
            assert len(value) == 4
            assert all(c["masked_phone"].endswith(str(value)) for c in body["candidates"])
        else:
            assert body["code"] == "invalid_request"

    one()


def test_a_phone_is_masked_to_its_prefix_and_ending() -> None:
    assert mask_phone("13800001234") == "138****1234"
    for bad in (
        "1380000123",
        "23800001234",
        "138000012345",
        "1380000123x",
        "１３８００００１２３４",
    ):
        with pytest.raises(ValueError):
            mask_phone(bad)


def test_every_till_learns_every_community_by_name_once(
    app_client: Callable[..., TestClient], db_url: str, tmp_path: Path
) -> None:
    till = _till(app_client(), db_url)
    changes = till.get("/changes", params={"limit": 5000}).json()["changes"]
    named = {c["key"]: c["data"] for c in changes if c["kind"] == "community"}
    assert named == {
        "C001": {"community_id": "C001", "name": "示范社区", "property_company_id": "P001",
                 "property_company_name": "示范物业服务有限公司"},
        "C002": {"community_id": "C002", "name": "滨江社区", "property_company_id": "P001",
                 "property_company_name": "示范物业服务有限公司"},
        # another company's community too: a till names its residents by name, not "C900"
        "C900": {"community_id": "C900", "name": "外部小区", "property_company_id": "P900",
                 "property_company_name": "外部物业管理有限公司"},
    }  # fmt: skip
    cursor = till.get("/changes", params={"limit": 5000}).json()["next_cursor"]
    database = Database(db_url, pool_size=1, max_overflow=0)
    try:
        initialize(database, key_file=tmp_path / "key", demo=True)  # `init` run again
        with database.write() as session:
            assert log_communities(session, changes=ChangeLog()) == 0
    finally:
        database.dispose()
    again = till.get("/changes", params={"cursor": cursor}).json()["changes"]
    assert [c for c in again if c["kind"] == "community"] == []  # nothing logged twice
