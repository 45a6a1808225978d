"""The portal's people and what each may read.

A user is `operations` (every property company) or `property-company` (one
company: its own communities only, never a resident's basket). Passwords are
kept as argon2id hashes; five wrong passwords in a row lock the user for 15
minutes; an unknown user costs the same hashing time as a known one, so the
answer's timing does not tell who exists. Users are added, disabled and
listed with `yuancang-central portal-user` (sync/server/cli/portal_users.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.models.base import aware
from sync.server.models.partners import Community, PropertyCompany
from sync.server.models.portal import PortalSession, PortalUser
from sync.server.tokens import Role
from sync.server.web import sessions

HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
ROLES = (Role.OPERATIONS, Role.PROPERTY_COMPANY)
MIN_PASSWORD = 10
MAX_PASSWORD = 200
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,39}")
MAX_FAILED = 5
LOCK_FOR = timedelta(minutes=15)
SESSION_IDLE_S = 30 * 60
SESSION_MAX_S = 12 * 3600


class AccountError(ValueError):
    """A user that cannot be added: `field` names what is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Scope:
    """Who is signed in and which property company they read (None: every one)."""

    username: str
    role: Role
    company_id: str | None

    def may_read_company(self, company_id: str) -> bool:
        return self.company_id is None or self.company_id == company_id


@dataclass(frozen=True, slots=True)
class CommunityRef:
    community_id: str
    name: str
    company_id: str
    company_name: str


def add_user(
    session: Session,
    *,
    username: str,
    password: str,
    role: str,
    company_id: str | None,
    now: datetime,
) -> PortalUser:
    if not _USERNAME.fullmatch(username):
        raise AccountError("username", "3-40 of a-z 0-9 . _ -, starting with a letter or digit")
    if session.get(PortalUser, username) is not None:
        raise AccountError("username", f"a user {username} exists already")
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError("password", f"{MIN_PASSWORD} to {MAX_PASSWORD} characters")
    try:
        kind = Role(role)
    except ValueError:
        kind = None
    if kind not in ROLES:
        raise AccountError("role", "operations or property-company")
    if kind is Role.PROPERTY_COMPANY:
        if not company_id or session.get(PropertyCompany, company_id) is None:
            raise AccountError("company", f"unknown property company {company_id!r}")
    elif company_id:
        raise AccountError("company", "operations reads every company: give no company")
    user = PortalUser(
        username=username,
        password_hash=HASHER.hash(password),
        role=kind.value,
        property_company_id=company_id if kind is Role.PROPERTY_COMPANY else None,
        active=True,
        failed=0,
        created_at=now,
    )
    session.add(user)
    session.flush()
    return user


def set_active(session: Session, *, username: str, active: bool, now: datetime) -> None:
    """Disable (or enable again) a user; disabling ends their sessions at once."""
    user = session.get(PortalUser, username)
    if user is None:
        raise LookupError(f"no portal user {username}")
    user.active = active
    if not active:
        for row in session.scalars(
            select(PortalSession).where(
                PortalSession.username == username, PortalSession.ended_at.is_(None)
            )
        ):
            row.ended_at = now


def authenticate(session: Session, *, username: str, password: str, now: datetime) -> str | None:
    """The username when the password is right and the user may sign in, else None."""
    user = session.get(PortalUser, username[:40]) if username else None
    if user is None or not user.active:
        _verify(_dummy_hash(), password)
        return None
    if user.locked_until is not None and aware(user.locked_until) > now:
        _verify(_dummy_hash(), password)
        return None
    if not _verify(user.password_hash, password):
        user.failed += 1
        if user.failed >= MAX_FAILED:
            user.locked_until = now + LOCK_FOR
            user.failed = 0
        return None
    user.failed = 0
    user.locked_until = None
    return user.username


@cache
def _dummy_hash() -> str:
    """What an unknown user's password is checked against (the same hashing time as a
    real one); made on the first such sign-in, not when the server or a command starts."""
    return HASHER.hash("a password nobody has")


def _verify(hashed: str, password: str) -> bool:
    try:
        return HASHER.verify(hashed, password[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        return False


def open_session(session: Session, *, username: str, now: datetime) -> str:
    return sessions.open_session(
        session, PortalSession, owner="username", owner_id=username, now=now
    )


def scope_of(session: Session, *, token: str, now: datetime) -> Scope | None:
    """The signed-in user's scope, or None (no session, ended, or the user disabled)."""
    username = sessions.owner_of(
        session, PortalSession, owner="username", token=token, now=now,
        idle_s=SESSION_IDLE_S, max_s=SESSION_MAX_S,
    )  # fmt: skip
    user = session.get(PortalUser, username) if username else None
    if user is None or not user.active:
        return None
    return Scope(user.username, Role(user.role), user.property_company_id)


def close_session(session: Session, *, token: str, now: datetime) -> None:
    sessions.close_session(session, PortalSession, token=token, now=now)


def communities(session: Session, scope: Scope) -> list[CommunityRef]:
    """The communities the scope reads, by company then community."""
    stmt = (
        select(Community.id, Community.name, PropertyCompany.id, PropertyCompany.name)
        .join(PropertyCompany, PropertyCompany.id == Community.property_company_id)
        .order_by(PropertyCompany.id, Community.id)
    )
    if scope.company_id is not None:
        stmt = stmt.where(Community.property_company_id == scope.company_id)
    return [CommunityRef(*row) for row in session.execute(stmt)]


def community(session: Session, scope: Scope, community_id: str) -> CommunityRef | None:
    """One community if the scope reads it; None otherwise (unknown or another company's:
    the portal answers both the same, so nobody learns another company's codes)."""
    for ref in communities(session, scope):
        if ref.community_id == community_id:
            return ref
    return None
