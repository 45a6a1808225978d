"""sync/server/portal/accounts.py: who may sign in to the portal, what each reads,
on SQLite and PostgreSQL with the demo partners (P001: C001 and C002; P900: C900)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sync.server.db import Database
from sync.server.portal import accounts
from sync.server.tokens import Role

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@pytest.fixture
def users(db: Database) -> Database:
    with db.write() as session:
        accounts.add_user(
            session, username="p001-finance", password=PASSWORD, role="property-company",
            company_id="P001", now=NOW,
        )  # fmt: skip
        accounts.add_user(
            session, username="ops", password=PASSWORD, role="operations", company_id=None, now=NOW
        )
    return db


def _auth(db: Database, username: str, password: str, at: datetime = NOW) -> str | None:
    with db.write() as session:
        return accounts.authenticate(session, username=username, password=password, now=at)


@pytest.mark.parametrize(
    ("username", "password", "role", "company", "field"),
    [
        ("Bad Name", PASSWORD, "operations", None, "username"),
        ("ab", PASSWORD, "operations", None, "username"),
        ("new-user", "short", "operations", None, "password"),
        ("new-user", PASSWORD, "store-manager", None, "role"),
        ("new-user", PASSWORD, "terminal", None, "role"),
        ("new-user", PASSWORD, "property-company", None, "company"),
        ("new-user", PASSWORD, "property-company", "P404", "company"),
        ("new-user", PASSWORD, "operations", "P001", "company"),
        ("ops", PASSWORD, "operations", None, "username"),  # exists
    ],
)
def test_a_user_that_cannot_be_added_names_the_field(
    users: Database, username: str, password: str, role: str, company: str | None, field: str
) -> None:
    with pytest.raises(accounts.AccountError) as refused, users.write() as session:
        accounts.add_user(
            session, username=username, password=password, role=role, company_id=company, now=NOW
        )
    assert refused.value.field == field


def test_the_password_is_kept_only_as_a_hash(users: Database) -> None:
    from sync.server.models.portal import PortalUser

    with users.read() as session:
        stored = session.get(PortalUser, "p001-finance")
        assert stored is not None
        assert PASSWORD not in stored.password_hash
        assert stored.password_hash.startswith("$argon2id$")


def test_sign_in_with_the_right_password_only(users: Database) -> None:
    assert _auth(users, "p001-finance", PASSWORD) == "p001-finance"
    assert _auth(users, "p001-finance", PASSWORD + "x") is None
    assert _auth(users, "nobody", PASSWORD) is None
    assert _auth(users, "", PASSWORD) is None


def test_five_wrong_passwords_lock_for_fifteen_minutes(users: Database) -> None:
    for _ in range(accounts.MAX_FAILED):
        assert _auth(users, "ops", "wrong password") is None
    assert _auth(users, "ops", PASSWORD) is None  # locked: even the right one
    assert _auth(users, "ops", PASSWORD, NOW + accounts.LOCK_FOR - timedelta(seconds=1)) is None
    assert _auth(users, "ops", PASSWORD, NOW + accounts.LOCK_FOR) == "ops"


def test_a_right_password_resets_the_count(users: Database) -> None:
    for _ in range(accounts.MAX_FAILED - 1):
        _auth(users, "ops", "wrong password")
    assert _auth(users, "ops", PASSWORD) == "ops"
    for _ in range(accounts.MAX_FAILED - 1):
        _auth(users, "ops", "wrong password")
    assert _auth(users, "ops", PASSWORD) == "ops"


def test_scopes_and_communities(users: Database) -> None:
    with users.write() as session:
        company = accounts.open_session(session, username="p001-finance", now=NOW)
        ops = accounts.open_session(session, username="ops", now=NOW)
    with users.write() as session:
        p001 = accounts.scope_of(session, token=company, now=NOW)
        everyone = accounts.scope_of(session, token=ops, now=NOW)
        assert p001 == accounts.Scope("p001-finance", Role.PROPERTY_COMPANY, "P001")
        assert everyone == accounts.Scope("ops", Role.OPERATIONS, None)
        assert [c.community_id for c in accounts.communities(session, p001)] == ["C001", "C002"]
        assert [c.community_id for c in accounts.communities(session, everyone)] == [
            "C001", "C002", "C900",
        ]  # fmt: skip
        assert accounts.community(session, p001, "C900") is None  # another company's
        assert accounts.community(session, p001, "C404") is None
        assert accounts.community(session, everyone, "C900") is not None


def test_disabling_a_user_ends_their_sessions(users: Database) -> None:
    with users.write() as session:
        token = accounts.open_session(session, username="p001-finance", now=NOW)
        accounts.set_active(session, username="p001-finance", active=False, now=NOW)
    with users.write() as session:
        assert accounts.scope_of(session, token=token, now=NOW) is None
    assert _auth(users, "p001-finance", PASSWORD) is None
    with users.write() as session:
        accounts.set_active(session, username="p001-finance", active=True, now=NOW)
    assert _auth(users, "p001-finance", PASSWORD) == "p001-finance"
    with users.write() as session:
        assert accounts.scope_of(session, token=token, now=NOW) is None  # ended stays ended


def test_the_demo_database_has_the_readmes_portal_users(db: Database) -> None:
    from sync.server.portal.demo import DEMO_PASSWORD

    with db.write() as session:
        for username, role, company in (
            ("demo-p001", Role.PROPERTY_COMPANY, "P001"),
            ("demo-ops", Role.OPERATIONS, None),
        ):
            assert (
                accounts.authenticate(session, username=username, password=DEMO_PASSWORD, now=NOW)
                == username
            )
            token = accounts.open_session(session, username=username, now=NOW)
            assert accounts.scope_of(session, token=token, now=NOW) == accounts.Scope(
                username, role, company
            )
