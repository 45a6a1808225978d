"""API credentials of people, by role: issue, revoke, list, and find by token.

Tills authenticate with the terminal token they got at enrollment. The other
parties of the partners' data agreement get a token of their role:

    yuancang-central token issue --role operations [--label ops-desk]
    yuancang-central token issue --role property-company --company P001
    yuancang-central token issue --role store-manager --store S001
    yuancang-central token issue --role online-shop --label shop-prod
    yuancang-central token revoke k-0123456789ab
    yuancang-central token list

The token is printed once; the server keeps its sha256 only (as for terminal
tokens, 32 random bytes need no salt). What each role may read is declared
per route in sync/server/api/auth.py.
"""

from __future__ import annotations

import argparse
import enum
import secrets
import sys
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server import security
from sync.server.models.partners import PropertyCompany, Store
from sync.server.models.terminals import ApiToken

#: API tokens carry their own prefix: the server knows which table to look in, and
#: a secret scanner tells a person's credential from a till's.
API_TOKEN_PREFIX = "yca1_"


class Role(enum.StrEnum):
    OPERATIONS = "operations"  # 源仓 operations: everything
    PROPERTY_COMPANY = "property-company"  # its own residents' balances, redemptions, settlement
    STORE_MANAGER = "store-manager"  # its own store
    TERMINAL = "terminal"  # a till: what it syncs (enrollment issues these, not the CLI)
    ONLINE_SHOP = "online-shop"  # the online shop: pushes its orders and refunds, nothing else


#: The roles the CLI issues (a terminal enrolls with a one-time code instead).
ISSUABLE = (Role.OPERATIONS, Role.PROPERTY_COMPANY, Role.STORE_MANAGER, Role.ONLINE_SHOP)


@dataclass(frozen=True)
class Issued:
    id: str
    token: str


def issue(
    session: Session,
    *,
    role: Role,
    now: datetime,
    company: str | None = None,
    store: str | None = None,
    label: str = "",
) -> Issued:
    """A new token of `role`; ValueError/LookupError if its scope is missing or unknown."""
    if role not in ISSUABLE:
        raise ValueError(f"a {role} credential comes from enrollment, not from here")
    if role is Role.PROPERTY_COMPANY:
        if not company or store:
            raise ValueError("a property-company token needs --company (and no --store)")
        if session.get(PropertyCompany, company) is None:
            raise LookupError(f"unknown property company {company}")
    elif role is Role.STORE_MANAGER:
        if not store or company:
            raise ValueError("a store-manager token needs --store (and no --company)")
        if session.get(Store, store) is None:
            raise LookupError(f"unknown store {store}")
    elif company or store:
        if role is Role.OPERATIONS:
            raise ValueError("an operations token covers everything: no --company or --store")
        raise ValueError("an online-shop token pushes orders only: no --company or --store")
    if len(label) > 64 or not label.isprintable():
        raise ValueError("a label is at most 64 printable characters")
    token = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token_id = "k-" + secrets.token_hex(6)
    session.add(
        ApiToken(
            id=token_id,
            token_hash=security.sha256_hex(token),
            role=role.value,
            property_company_id=company,
            store_code=store,
            label=label,
            created_at=now,
        )
    )
    return Issued(token_id, token)


def revoke(session: Session, *, token_id: str, now: datetime) -> bool:
    """True when the token was live and is revoked now; LookupError if unknown."""
    row = session.get(ApiToken, token_id)
    if row is None:
        raise LookupError(f"unknown token id {token_id}")
    if row.revoked_at is not None:
        return False
    row.revoked_at = now
    return True


def by_token(session: Session, *, token: str) -> ApiToken | None:
    return session.execute(
        select(ApiToken).where(ApiToken.token_hash == security.sha256_hex(token))
    ).scalar_one_or_none()


def listing(session: Session) -> list[ApiToken]:
    return list(
        session.execute(select(ApiToken).order_by(ApiToken.created_at, ApiToken.id)).scalars()
    )


# --- the `token` command of yuancang-central ----------------------------------------------


def add_command(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    text = (
        "issue, revoke or list the API tokens of operations, companies, store managers "
        "and the online shop"
    )
    p = sub.add_parser("token", help=text, description=text)
    p.add_argument("--db", help="database URL (default: $YC_CENTRAL_DATABASE_URL)")
    p.add_argument("action", choices=["issue", "revoke", "list"])
    p.add_argument("id", nargs="?", help="the token id to revoke (k-…)")
    p.add_argument("--role", choices=[r.value for r in ISSUABLE])
    p.add_argument("--company", help="property company id (role property-company)")
    p.add_argument("--store", help="store code (role store-manager)")
    p.add_argument("--label", default="", help="who holds it, for the list")


def run_command(args: argparse.Namespace, database_url: str) -> int:
    """`yuancang-central token …`: prints the new token once on stdout, the rest on stderr."""
    from sync.server.db import Database

    now = datetime.now(UTC)
    db = Database(database_url, pool_size=1, max_overflow=2)
    try:
        with db.write() as session:
            if args.action == "issue":
                if args.role is None:
                    raise ValueError("token issue needs --role")
                done = issue(
                    session,
                    role=Role(args.role),
                    now=now,
                    company=args.company,
                    store=args.store,
                    label=args.label,
                )
                print(done.token)
                print(f"token {done.id} ({args.role}) issued: shown once, keep it", file=sys.stderr)
                return 0
            if args.action == "revoke":
                if not args.id:
                    raise ValueError("token revoke needs the token id")
                fresh = revoke(session, token_id=args.id, now=now)
                print(f"{args.id} {'revoked' if fresh else 'was already revoked'}")
                return 0
            for t in listing(session):
                scope = t.property_company_id or t.store_code or "*"
                state = "revoked" if t.revoked_at else "live"
                print(f"{t.id}\t{t.role}\t{scope}\t{state}\t{t.label}")
            return 0
    finally:
        db.dispose()
