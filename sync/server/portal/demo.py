"""The demo's portal users, made by `init --demo` only (a demo database is never a
real one: it trusts the demo signing key whose private half is in the repository).
Their password is public on purpose, in the README."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from sync.server.models.portal import PortalUser
from sync.server.portal.accounts import add_user

DEMO_PASSWORD = "yuancang-demo"
#: (user, role, property company)
DEMO_USERS = (
    ("demo-p001", "property-company", "P001"),
    ("demo-p900", "property-company", "P900"),
    ("demo-ops", "operations", None),
)


def add_demo_users(session: Session, *, now: datetime) -> None:
    for username, role, company in DEMO_USERS:
        if session.get(PortalUser, username) is None:
            add_user(
                session, username=username, password=DEMO_PASSWORD, role=role,
                company_id=company, now=now,
            )  # fmt: skip
