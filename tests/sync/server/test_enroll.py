"""Enrollment: one-time codes, bearer tokens, revoked terminals."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient

from pos_app.core.demo_data import DEMO_KEY_ID, demo_key
from pos_app.core.membership import public_key_text
from sync.server import crud
from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.db import Database
from sync.server.devtools import enrollment_code
from sync.server.models.terminals import Terminal
from tests.sync.server.helpers import Till, enroll


def _key_text() -> str:
    return public_key_text(Ed25519PrivateKey.generate().public_key())


def test_enrollment_gives_a_token_and_the_membership_keys(
    client: TestClient, db_url: str, db: Database
) -> None:
    till = enroll(client, enrollment_code(db_url, store="S001", terminal="T01"))
    body = till.enrolled
    assert (body["store_code"], body["terminal_code"]) == ("S001", "T01")
    assert (body["store_name"], body["community_name"]) == ("源仓·示范社区展厅", "示范社区")
    assert (body["community_id"], body["property_company_id"]) == ("C001", "P001")
    assert body["membership_keys"][DEMO_KEY_ID] == public_key_text(demo_key().public_key())
    assert till.token.startswith("yct1_") and len(till.token) > 40
    with db.read() as session:
        stored = session.get(Terminal, body["terminal_id"])
        assert stored is not None
        assert till.token not in (stored.token_hash, stored.public_key)  # only the hash is kept
    assert till.get("/residents/R0001").status_code == 200


def test_a_code_is_good_once(client: TestClient, db_url: str) -> None:
    code = enrollment_code(db_url)
    enroll(client, code)
    again = client.post("/api/v1/enroll", json={"code": code, "terminal_public_key": _key_text()})
    assert again.status_code == 403
    assert again.json() == {"code": "enrollment_code_invalid", "message": ""}


def test_a_typed_code_may_differ_in_case_and_separators(client: TestClient, db_url: str) -> None:
    code = enrollment_code(db_url)
    typed = code.lower().replace("-", " ")
    assert enroll(client, typed).enrolled["terminal_code"] == "T01"


def test_an_expired_code_is_refused(client: TestClient, db: Database) -> None:
    with db.write() as session:
        code = crud.create_enrollment_code(
            session,
            store_code="S001",
            terminal_code="T02",
            now=datetime.now(UTC) - timedelta(hours=25),
            valid_for=timedelta(hours=24),
        )
    response = client.post(
        "/api/v1/enroll", json={"code": code, "terminal_public_key": _key_text()}
    )
    assert response.status_code == 403
    assert response.json()["code"] == "enrollment_code_invalid"


def test_a_bad_public_key_is_refused_and_the_code_not_spent(
    client: TestClient, db_url: str
) -> None:
    code = enrollment_code(db_url)
    bad = client.post("/api/v1/enroll", json={"code": code, "terminal_public_key": "AAAA"})
    assert bad.status_code == 400 and bad.json()["code"] == "bad_public_key"
    assert enroll(client, code).enrolled["store_code"] == "S001"


def test_one_key_cannot_speak_for_two_tills(client: TestClient, db_url: str) -> None:
    key = _key_text()
    first = client.post(
        "/api/v1/enroll",
        json={"code": enrollment_code(db_url, terminal="T01"), "terminal_public_key": key},
    )
    assert first.status_code == 200
    cloned = client.post(
        "/api/v1/enroll",
        json={"code": enrollment_code(db_url, terminal="T02"), "terminal_public_key": key},
    )
    assert cloned.status_code == 409 and cloned.json()["code"] == "key_already_enrolled"


def test_requests_without_a_valid_token_are_refused(client: TestClient) -> None:
    missing = client.get("/api/v1/changes")
    assert missing.status_code == 401 and missing.json()["code"] == "bad_token"
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = client.get("/api/v1/changes", headers={"Authorization": "Bearer yct1_nope"})
    assert wrong.status_code == 401 and wrong.json()["code"] == "bad_token"


def test_a_revoked_terminal_gets_403(client: TestClient, till: Till, db: Database) -> None:
    with db.write() as session:
        assert (
            crud.revoke_terminal(
                session, store_code="S001", terminal_code="T01", now=datetime.now(UTC)
            )
            == 1
        )
    for response in (till.get("/changes"), till.push([]), till.get("/residents/R0001")):
        assert response.status_code == 403
        assert response.json() == {
            "code": "terminal_revoked",
            "message": "this terminal was revoked",
        }


def test_re_enrolling_a_position_revokes_the_old_terminal(
    client: TestClient, till: Till, db_url: str
) -> None:
    replacement = enroll(client, enrollment_code(db_url, store="S001", terminal="T01"))
    assert till.get("/changes").json()["code"] == "terminal_revoked"
    assert replacement.get("/changes").status_code == 200


def test_healthz_and_openapi_need_no_token(client: TestClient) -> None:
    for path in ("/healthz", "/api/v1/healthz"):
        body = client.get(path).json()
        assert body["status"] == "ok" and body["protocol"] == 1
    spec = client.get("/openapi.json").json()
    assert "/api/v1/push" in spec["paths"] and "/api/v1/claims" in spec["paths"]


def test_validation_errors_are_error_bodies(client: TestClient) -> None:
    response = client.post("/api/v1/enroll", json={"code": "x"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request"
    assert client.get("/api/v1/nowhere").json()["code"] == "not_found"


def test_a_failed_attempt_never_waits_for_the_write_lock(
    sqlite_demo_url: Callable[[], str],
) -> None:
    url = sqlite_demo_url()
    good = enrollment_code(url)
    holder = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        with TestClient(create_app(Settings(database_url=url))) as client:
            for code in ("ABCD-EFGH-JKLM", good):  # wrong; right code but malformed key
                key = _key_text() if code != good else "not-a-key"
                started = time.monotonic()
                response = client.post(
                    "/api/v1/enroll", json={"code": code, "terminal_public_key": key}
                )
                assert time.monotonic() - started < 2.0  # the busy timeout is 30 s
                assert response.json()["code"] in ("enrollment_code_invalid", "bad_public_key")
            holder.execute("ROLLBACK")
            assert enroll(client, good).enrolled["terminal_code"] == "T01"  # not spent
    finally:
        holder.close()


def test_attempts_are_rate_limited_per_address(db_url: str) -> None:
    settings = Settings(
        database_url=db_url, enroll_burst_per_address=3, enroll_per_minute_per_address=1
    )
    with TestClient(create_app(settings)) as client:
        codes = [client.post("/api/v1/enroll", json={"code": "WRONG-CODE-0000",
                 "terminal_public_key": _key_text()}) for _ in range(4)]  # fmt: skip
        assert [r.status_code for r in codes] == [403, 403, 403, 429]
        assert codes[3].json()["code"] == "rate_limited"
        assert 55 <= int(codes[3].headers["Retry-After"]) <= 60
        # even the right code waits: guessing and enrolling share the bucket
        late = client.post("/api/v1/enroll", json={"code": enrollment_code(db_url),
                           "terminal_public_key": _key_text()})  # fmt: skip
        assert late.status_code == 429
