"""`portal-user`: the people who sign in to the partners' portal: added with a
password typed unseen (or one line on stdin), listed, disabled, enabled.

    yuancang-central portal-user add --name p001-finance --role property-company --company P001
    yuancang-central portal-user add --name ops-li --role operations
    yuancang-central portal-user list | disable NAME | enable NAME
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import Any

from sync.server.cli.database import open_db
from sync.server.config import Settings


def add_command(sub: Any) -> None:
    p = sub.add_parser("portal-user", help="add, list, disable or enable portal users")
    p.add_argument("action", choices=["add", "list", "disable", "enable"])
    p.add_argument("name", nargs="?", help="disable, enable: the user")
    p.add_argument("--name", dest="new_name", help="add: the user name (a-z 0-9 . _ -)")
    p.add_argument("--role", choices=["operations", "property-company"])
    p.add_argument("--company", help="add --role property-company: its id (e.g. P001)")
    p.add_argument("--db", help="database URL (default: $YC_CENTRAL_DATABASE_URL)")


def _ask_password() -> str:
    """Typed twice without echo at a terminal; one line from a pipe."""
    import getpass

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("password (10 characters or more): ")
    if getpass.getpass("password again: ") != password:
        raise ValueError("the two passwords differ")
    return password


def portal_user_command(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy import select

    from sync.server.models.portal import PortalUser
    from sync.server.portal import accounts

    now = datetime.now(UTC)
    db = open_db(settings)
    try:
        if args.action == "list":
            with db.read() as session:
                for user in session.scalars(select(PortalUser).order_by(PortalUser.username)):
                    state = "active" if user.active else "disabled"
                    company = user.property_company_id or "*"
                    print(f"{user.username}\t{user.role}\t{company}\t{state}")
            return 0
        if args.action == "add":
            if not args.new_name or not args.role:
                raise ValueError("add needs --name and --role")
            password = _ask_password()
            with db.write() as session:
                try:
                    accounts.add_user(
                        session, username=args.new_name, password=password, role=args.role,
                        company_id=args.company, now=now,
                    )  # fmt: skip
                except accounts.AccountError as exc:
                    raise ValueError(f"{exc.field}: {exc}") from None
            print(f"added: {args.new_name} {args.role} {args.company or '*'}")
            return 0
        if not args.name:
            raise ValueError(f"{args.action} needs the user name")
        with db.write() as session:
            accounts.set_active(
                session, username=args.name, active=args.action == "enable", now=now
            )
        print(f"{args.action}d: {args.name}")
        return 0
    finally:
        db.dispose()
