"""The till's staff and approvals on disk: PIN hashes (argon2), lockouts that
survive a restart, staff sent by the central server or added by a manager
here, and the record of every approval asked.

PINs are hashed with argon2id (`argon2-cffi`): slow and salted, so a copied
database does not give the 10,000 four-digit PINs away in a second. The cost
parameters travel inside each hash, so a hash made by the central server with
other parameters still verifies here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, Table, insert, select, update

from pos_app.core.staff import Lockout, Role, StaffMember
from pos_app.persistence.db import writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.staff_models import ApprovalRow, StaffRow

S = cast(Table, StaffRow.__table__)
A = cast(Table, ApprovalRow.__table__)

# OWASP's argon2id minimum (19 MiB, 2 passes): ~50 ms on a cheap showroom PC,
# years for 10^8 guesses of a stolen hash of an 8-digit PIN on one core
HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)


def hash_pin(pin: str) -> str:
    return HASHER.hash(pin)


def verify_pin(pin_hash: str, pin: str) -> bool:
    """True when `pin` matches; a malformed hash is a mismatch, never a crash."""
    try:
        return HASHER.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True, slots=True)
class StaffRecord:
    member: StaffMember
    pin_hash: str
    lockout: Lockout


@dataclass(frozen=True, slots=True)
class ApprovalRecord:
    action: str
    amount: int
    reference: str
    requested_by: str
    approver_id: str
    approver_name: str
    granted: bool
    reason: str
    terminal_code: str
    at: datetime


def _member(row: Any) -> StaffMember:
    return StaffMember(row.id, row.name, Role(row.role), row.store_code, bool(row.active))


def upsert_staff(conn: Connection, items: Iterable[Mapping[str, Any]]) -> int:
    """Staff as the central server sent them (id, store_code, name, role,
    pin_hash, active), in the caller's transaction: a changed PIN or a disabled
    person applies at once; the wrong-PIN count stays, so a sync never lifts a
    lockout."""
    count = 0
    now = datetime.now(UTC)
    for item in items:
        values = {
            "store_code": str(item["store_code"]),
            "name": str(item["name"]),
            "role": Role(item["role"]).value,
            "pin_hash": str(item["pin_hash"]),
            "active": bool(item["active"]),
            "origin": "server",
            "updated_at": now,
        }
        done = conn.execute(update(S).where(S.c.id == item["id"]).values(**values))
        if done.rowcount == 0:
            conn.execute(
                insert(S).values(id=str(item["id"]), failures=0, locked_until=None, **values)
            )
        count += 1
    return count


class StaffRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def list_active(self, store_code: str) -> list[StaffMember]:
        """Who may sign in at this store, managers last, by name."""
        stmt = select(S).where(S.c.store_code == store_code, S.c.active.is_(True))
        with self._engine.connect() as conn:
            rows = conn.execute(stmt).all()
        members = [_member(r) for r in rows]
        return sorted(members, key=lambda m: (m.is_manager, m.name))

    def get(self, staff_id: str) -> StaffRecord | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(S).where(S.c.id == staff_id)).first()
        if row is None:
            return None
        return StaffRecord(_member(row), row.pin_hash, Lockout(row.failures, row.locked_until))

    def add(self, member: StaffMember, pin_hash: str, *, origin: str = "local") -> None:
        with storage_errors(), self._writer.begin() as conn:
            conn.execute(
                insert(S).values(
                    id=member.id,
                    store_code=member.store_code,
                    name=member.name,
                    role=member.role.value,
                    pin_hash=pin_hash,
                    active=member.active,
                    origin=origin,
                    failures=0,
                    locked_until=None,
                    updated_at=datetime.now(UTC),
                )
            )

    def upsert_from_server(self, items: Iterable[Mapping[str, Any]]) -> int:
        """Staff as the central server sent them (see `upsert_staff`)."""
        with storage_errors(), self._writer.begin() as conn:
            return upsert_staff(conn, items)

    def save_lockout(self, staff_id: str, lockout: Lockout) -> None:
        with storage_errors(), self._writer.begin() as conn:
            conn.execute(
                update(S)
                .where(S.c.id == staff_id)
                .values(failures=lockout.failures, locked_until=lockout.locked_until)
            )

    def record_approval(self, record: ApprovalRecord) -> None:
        with storage_errors(), self._writer.begin() as conn:
            conn.execute(
                insert(A).values(
                    action=record.action,
                    amount=record.amount,
                    reference=record.reference[:64],
                    requested_by=record.requested_by[:32],
                    approver_id=record.approver_id,
                    approver_name=record.approver_name[:32],
                    granted=record.granted,
                    reason=record.reason,
                    terminal_code=record.terminal_code,
                    at=record.at,
                )
            )

    def approvals(self) -> list[ApprovalRecord]:
        """Every approval asked, oldest first."""
        cols = [A.c[name] for name in ApprovalRecord.__slots__]
        with self._engine.connect() as conn:
            rows = conn.execute(select(*cols).order_by(A.c.id)).all()
        return [ApprovalRecord(*row) for row in rows]
