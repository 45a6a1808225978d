"""sync/server/web/resident_access.py: phones found through their sealed values,
one-time codes (once, in time, a few tries, limited) and sessions (idle, maximum,
sign-out), on SQLite and PostgreSQL with the demo residents (R0001: 13827461234)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from sync.server.db import Database
from sync.server.web import resident_access as access

R0001_PHONE = "13827461234"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
RULES = access.AccessRules()


class Inbox:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        self.sent.append((phone, text))

    def last_code(self) -> str:
        found = re.search(r"验证码是 (\d{6})", self.sent[-1][1])
        assert found is not None
        return found.group(1)


def _issue(db: Database, inbox: Inbox, now: datetime = NOW, phone: str = R0001_PHONE) -> bool:
    with db.write() as session:
        return access.issue_code(session, phone=phone, now=now, rules=RULES, sender=inbox)


def _check(db: Database, code: str, now: datetime = NOW, phone: str = R0001_PHONE) -> str | None:
    with db.write() as session:
        return access.check_code(session, phone=phone, code=code, now=now, rules=RULES)


@pytest.mark.parametrize(
    ("typed", "phone"),
    [
        ("13827461234", "13827461234"),
        (" 138 2746 1234 ", "13827461234"),
        ("+86 138-2746-1234", "13827461234"),
        ("008613827461234", "13827461234"),
        ("1382746123", None),  # ten digits
        ("23827461234", None),  # not a mobile
        ("12827461234", None),  # no 12x mobiles
        ("1382746123４", "13827461234"),  # a full-width digit (a Chinese keyboard)
        ("", None),
    ],
)
def test_normalise_phone(typed: str, phone: str | None) -> None:
    assert access.normalise_phone(typed) == phone


def test_a_phone_is_found_only_in_full(db: Database) -> None:
    with db.read() as session:
        assert access.find_resident(session, R0001_PHONE) == "R0001"
        # R0005 and R0901 end in 1234 too: the same lookup tag, another number
        assert access.find_resident(session, "13800001234") is None


def test_a_code_signs_in_once(db: Database) -> None:
    inbox = Inbox()
    assert _issue(db, inbox) is True
    assert inbox.sent[0][0] == R0001_PHONE
    assert "5分钟内有效" in inbox.sent[0][1]
    code = inbox.last_code()
    assert _check(db, code) == "R0001"
    assert _check(db, code) is None  # used


def test_an_unknown_phone_gets_no_code(db: Database) -> None:
    inbox = Inbox()
    assert _issue(db, inbox, phone="13900000000") is False
    assert inbox.sent == []
    assert _check(db, "123456", phone="13900000000") is None


def test_a_code_expires(db: Database) -> None:
    inbox = Inbox()
    _issue(db, inbox)
    code = inbox.last_code()
    assert _check(db, code, NOW + timedelta(seconds=RULES.code_ttl_s)) is None
    assert _check(db, code, NOW + timedelta(seconds=RULES.code_ttl_s - 1)) == "R0001"


def test_wrong_tries_spend_the_code(db: Database) -> None:
    inbox = Inbox()
    _issue(db, inbox)
    code = inbox.last_code()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(RULES.code_attempts):
        assert _check(db, wrong) is None
    assert _check(db, code) is None  # five wrong tries: even the right code is refused


def test_malformed_codes_are_refused_without_spending_a_try(db: Database) -> None:
    inbox = Inbox()
    _issue(db, inbox)
    for bad in ["", "12345", "1234567", "abcdef", "１２３４５６"]:
        assert _check(db, bad) is None
    assert _check(db, inbox.last_code()) == "R0001"


def test_a_new_code_voids_the_older_one(db: Database) -> None:
    inbox = Inbox()
    _issue(db, inbox)
    first = inbox.last_code()
    later = NOW + timedelta(seconds=RULES.resend_after_s)
    assert _issue(db, inbox, later) is True
    second = inbox.last_code()
    if first != second:
        assert _check(db, first, later) is None
    assert _check(db, second, later) == "R0001"


def test_codes_are_limited_per_resident(db: Database) -> None:
    inbox = Inbox()
    assert _issue(db, inbox) is True
    assert _issue(db, inbox, NOW + timedelta(seconds=RULES.resend_after_s - 1)) is False
    sent = 1
    for n in range(1, 10):
        if _issue(db, inbox, NOW + timedelta(seconds=n * RULES.resend_after_s)):
            sent += 1
    assert sent == RULES.codes_per_hour
    assert len(inbox.sent) == RULES.codes_per_hour
    # an hour after the first, one more may go
    assert _issue(db, inbox, NOW + timedelta(hours=1, seconds=RULES.resend_after_s * 10))


def test_sessions_end_idle_at_their_maximum_and_at_sign_out(db: Database) -> None:
    with db.write() as session:
        token = access.open_session(session, resident_id="R0001", now=NOW)

    def who(at: datetime, t: str = token) -> str | None:
        with db.write() as session:
            return access.resident_of(session, token=t, now=at, rules=RULES)

    idle = timedelta(seconds=RULES.session_idle_s)
    assert who(NOW + idle - timedelta(seconds=1)) == "R0001"  # and is kept alive by it
    assert who(NOW + 2 * idle - timedelta(seconds=2)) == "R0001"
    assert who(NOW + 3 * idle) is None  # idle too long
    assert who(NOW, "not-a-token") is None
    assert who(NOW, "x" * 500) is None

    with db.write() as session:
        other = access.open_session(session, resident_id="R0001", now=NOW)
    step = idle - timedelta(seconds=1)
    at = NOW
    while at + step < NOW + timedelta(seconds=RULES.session_max_s):
        at += step
        assert who(at, other) == "R0001"
    assert who(NOW + timedelta(seconds=RULES.session_max_s), other) is None

    with db.write() as session:
        third = access.open_session(session, resident_id="R0001", now=NOW)
        access.close_session(session, token=third, now=NOW)
    assert who(NOW, third) is None


def test_the_database_keeps_no_code_and_no_token(db: Database) -> None:
    from sqlalchemy import select

    from sync.server.models.resident_web import ResidentCode, ResidentSession

    inbox = Inbox()
    _issue(db, inbox)
    code = inbox.last_code()
    with db.write() as session:
        token = access.open_session(session, resident_id="R0001", now=NOW)
    with db.read() as session:
        stored = session.scalars(select(ResidentCode)).one()
        assert code not in (stored.code_hash, stored.salt)
        assert session.scalars(select(ResidentSession.token_hash)).one() != token


def test_the_form_token_is_bound_to_the_session() -> None:
    assert access.form_token("a") == access.form_token("a")
    assert access.form_token("a") != access.form_token("b")
