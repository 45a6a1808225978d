"""Database operations of the central server; keyword-only, one transaction given by the caller.

Shared by the API routes, the CLI and the tests. Every change of a pulled
entity (resident balance, contract, revocation, key, catalog) goes through a
`ChangeLog` flushed in the same transaction, so a till never sees a balance
the ledger does not explain.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sync.protocol.changes import ContractData, MembershipKeyData, RevocationData
from sync.server import security
from sync.server.changelog import ChangeLog
from sync.server.models.partners import Community, ContractVersion, Store
from sync.server.models.residents import Claim, Resident, Revocation
from sync.server.models.terminals import EnrollmentCode, MembershipKey, Terminal


@dataclass(frozen=True, slots=True)
class TerminalCtx:
    """The authenticated terminal with what every request needs to know about it."""

    id: str
    store_code: str
    terminal_code: str
    community_id: str
    property_company_id: str
    key_id: str
    revoked_at: datetime | None


_INSERT_IGNORE: dict[tuple[Any, ...], Any] = {}


def insert_ignore(
    session: Session, model: type[Any], values: Mapping[str, Any], keys: list[str]
) -> bool:
    """INSERT … ON CONFLICT (keys) DO NOTHING; True when the row is new.

    On PostgreSQL a concurrent insert of the same key makes this wait for the
    other transaction, then do nothing if it committed: exactly-once across
    worker processes without any lock of our own. The statement is built once
    per shape and values are bound as parameters, so SQLAlchemy's compiled
    cache serves the hot path of a push (thousands of rows a second).
    """
    conn = session.connection()
    shape = (model, tuple(keys), conn.dialect.name, tuple(values))
    stmt = _INSERT_IGNORE.get(shape)
    if stmt is None:
        table = model.__table__
        ins = pg_insert(table) if conn.dialect.name == "postgresql" else sqlite_insert(table)
        # RETURNING, not rowcount: rowcount of ON CONFLICT differs across drivers
        stmt = ins.on_conflict_do_nothing(index_elements=keys).returning(table.c[keys[0]])
        _INSERT_IGNORE[shape] = stmt
    return conn.execute(stmt, dict(values)).first() is not None


# --- terminals ----------------------------------------------------------------------------


def terminal_by_token(session: Session, *, token: str) -> TerminalCtx | None:
    stmt = (
        select(Terminal, Community)
        .join(Store, Store.code == Terminal.store_code)
        .join(Community, Community.id == Store.community_id)
        .where(Terminal.token_hash == security.sha256_hex(token))
    )
    row = session.execute(stmt).first()
    if row is None:
        return None
    t, c = row
    return TerminalCtx(
        t.id, t.store_code, t.terminal_code, c.id, c.property_company_id, t.key_id, t.revoked_at
    )


def create_enrollment_code(
    session: Session, *, store_code: str, terminal_code: str, now: datetime, valid_for: timedelta
) -> str:
    if session.get(Store, store_code) is None:
        raise LookupError(f"unknown store {store_code}")
    if not terminal_code or len(terminal_code) > 16 or not terminal_code.isalnum():
        raise ValueError("a terminal code is 1-16 letters or digits")
    code = security.new_enrollment_code()
    session.add(
        EnrollmentCode(
            code_hash=security.sha256_hex(code),
            store_code=store_code,
            terminal_code=terminal_code.upper(),
            created_at=now,
            expires_at=now + valid_for,
        )
    )
    return code


class EnrollRefused(Exception):
    """Enrollment refused with an ErrorBody code; the transaction rolls back."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class Enrolled:
    terminal: TerminalCtx
    token: str
    membership_keys: dict[str, str]


def check_enrollment(session: Session, *, code: str, public_key: str, now: datetime) -> None:
    """EnrollRefused unless the attempt looks valid; reads only (no write lock taken).

    `enroll` decides for good with its conditional UPDATE; this lets a wrong
    guess be refused by a reader, which never waits for or blocks a writer.
    """
    try:
        security.parse_public_key(public_key)
    except ValueError as exc:
        raise EnrollRefused("bad_public_key") from exc
    code_hash = security.sha256_hex(security.normalize_code(code))
    stmt = select(EnrollmentCode.code_hash).where(
        EnrollmentCode.code_hash == code_hash,
        EnrollmentCode.used_at.is_(None),
        EnrollmentCode.expires_at > now,
    )
    if session.execute(stmt).first() is None:
        raise EnrollRefused("enrollment_code_invalid")


def enroll(
    session: Session,
    *,
    code: str,
    public_key: str,
    app_version: str,
    now: datetime,
    token_bytes: int,
) -> Enrolled:
    """Spend a one-time code and register the till's key; EnrollRefused if not.

    The conditional UPDATE spends the code atomically: two tills racing with
    the same code cannot both get a token. A refusal raised after it rolls the
    whole transaction back, so the code is not spent by a failed attempt.
    """
    try:
        security.parse_public_key(public_key)
    except ValueError as exc:
        raise EnrollRefused("bad_public_key") from exc
    code_hash = security.sha256_hex(security.normalize_code(code))
    spent = session.execute(
        update(EnrollmentCode)
        .where(
            EnrollmentCode.code_hash == code_hash,
            EnrollmentCode.used_at.is_(None),
            EnrollmentCode.expires_at > now,
        )
        .values(used_at=now)
    )
    if spent.rowcount != 1:
        raise EnrollRefused("enrollment_code_invalid")
    enrollment = session.get(EnrollmentCode, code_hash)
    assert enrollment is not None
    key_id = security.terminal_key_id(public_key)
    elsewhere = select(Terminal.id).where(
        Terminal.key_id == key_id,
        Terminal.revoked_at.is_(None),
        (Terminal.store_code != enrollment.store_code)
        | (Terminal.terminal_code != enrollment.terminal_code),
    )
    if session.execute(elsewhere).first() is not None:
        # a cloned disk: one key must not speak for two till positions
        raise EnrollRefused("key_already_enrolled")
    # re-enrolling a till position replaces the old terminal (a new PC, a wiped disk)
    session.execute(
        update(Terminal)
        .where(
            Terminal.store_code == enrollment.store_code,
            Terminal.terminal_code == enrollment.terminal_code,
            Terminal.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    session.flush()
    token = security.new_token(token_bytes)
    terminal = Terminal(
        id=str(uuid.uuid4()),
        store_code=enrollment.store_code,
        terminal_code=enrollment.terminal_code,
        public_key=public_key.strip(),
        key_id=key_id,
        token_hash=security.sha256_hex(token),
        app_version=app_version,
        enrolled_at=now,
    )
    session.add(terminal)
    enrollment.terminal_id = terminal.id
    session.flush()
    ctx = terminal_by_token(session, token=token)
    assert ctx is not None
    return Enrolled(ctx, token, membership_keys(session))


def revoke_terminal(session: Session, *, store_code: str, terminal_code: str, now: datetime) -> int:
    result = session.execute(
        update(Terminal)
        .where(
            Terminal.store_code == store_code,
            Terminal.terminal_code == terminal_code.upper(),
            Terminal.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    return int(result.rowcount)


# --- membership keys, contracts, revocations ------------------------------------------------


def membership_keys(session: Session) -> dict[str, str]:
    stmt = select(MembershipKey.key_id, MembershipKey.public_key).where(
        MembershipKey.retired_at.is_(None)
    )
    return dict(session.execute(stmt).all())


def add_membership_key(
    session: Session, *, key_id: str, public_key: str, now: datetime, changes: ChangeLog
) -> bool:
    if session.get(MembershipKey, key_id) is not None:
        return False
    session.add(MembershipKey(key_id=key_id, public_key=public_key, created_at=now))
    changes.upsert(
        "membership_key", key_id, MembershipKeyData(key_id=key_id, public_key=public_key)
    )
    return True


def retire_membership_key(
    session: Session, *, key_id: str, now: datetime, changes: ChangeLog
) -> bool:
    """Codes signed by the key are refused from now on; tills drop it from their ring.

    False when it was already retired; LookupError for a key never registered.
    """
    key = session.get(MembershipKey, key_id)
    if key is None:
        raise LookupError(f"unknown membership key {key_id}")
    if key.retired_at is not None:
        return False
    key.retired_at = now
    changes.delete("membership_key", key_id)  # compacts away its upsert: new tills never see it
    return True


def add_contract(
    session: Session,
    *,
    community_id: str,
    effective_from: datetime,
    share_bps: int,
    points_bps: int,
    changes: ChangeLog,
) -> ContractVersion:
    version = ContractVersion(
        community_id=community_id,
        effective_from=effective_from,
        share_bps=share_bps,
        points_bps=points_bps,
    )
    session.add(version)
    data = ContractData(
        community_id=community_id,
        effective_from=effective_from,
        share_bps=share_bps,
        points_bps=points_bps,
    )
    key = f"{community_id}@{effective_from.astimezone(UTC).isoformat()}"
    changes.upsert("contract", key, data, community_id=community_id)
    return version


def revoke_resident(
    session: Session, *, resident_id: str, reason: str, now: datetime, changes: ChangeLog
) -> bool:
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise LookupError(resident_id)
    if session.get(Revocation, resident_id) is not None:
        return False
    session.add(Revocation(resident_id=resident_id, reason=reason, revoked_at=now))
    changes.upsert(
        "revocation",
        resident_id,
        RevocationData(resident_id=resident_id, revoked_at=now, reason=reason),
        property_company_id=resident.property_company_id,
    )
    return True


def code_claimed_a_receipt(session: Session, *, resident_id: str, nonce: str) -> bool:
    """A membership code (its nonce) already claimed an anonymous receipt: one use only."""
    stmt = select(Claim.sale_id).where(
        Claim.resident_id == resident_id, Claim.member_nonce == nonce
    )
    return session.execute(stmt).first() is not None


def revoked_at(session: Session, *, resident_id: str) -> datetime | None:
    row = session.get(Revocation, resident_id)
    return None if row is None else row.revoked_at
