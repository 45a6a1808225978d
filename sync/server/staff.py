"""Staff of each store on the central server: added, listed and disabled by
the `yuancang-central staff` command, their PINs hashed here with argon2id.

Each change goes to the tills as change kind "staff" (the hash, never the
PIN), scoped to the store's community: a till keeps the staff of its own
store (the others' rows carry only a slow hash and a name). A disabled person
stays in the table (sales name them) and reaches the tills as `active: false`.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.core.errors import PosError
from pos_app.core.staff import Role, check_name, check_pin
from sync.protocol.changes import StaffData
from sync.server.changelog import ChangeLog
from sync.server.models.partners import StaffMember, Store

# the till verifies with the parameters inside each hash (pos_app/persistence/staff_repo.py)
HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)


def add_staff(
    session: Session,
    *,
    store_code: str,
    name: str,
    role: str,
    pin: str,
    now: datetime,
    changes: ChangeLog,
    staff_id: str | None = None,
) -> StaffMember:
    """A new staff member; ValueError for a bad name, role or PIN, LookupError
    for an unknown store."""
    store = session.get(Store, store_code)
    if store is None:
        raise LookupError(f"unknown store {store_code!r}")
    try:
        name = check_name(name)
        check_pin(pin)
        kind = Role(role)
    except PosError as exc:
        raise ValueError(exc.code.value) from None
    row = StaffMember(
        id=staff_id or str(uuid.uuid4()),
        store_code=store_code,
        name=name,
        role=kind.value,
        pin_hash=HASHER.hash(pin),
        active=True,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    _log(row, store, changes)
    return row


def list_staff(session: Session, store_code: str) -> list[StaffMember]:
    stmt = select(StaffMember).where(StaffMember.store_code == store_code)
    return list(session.scalars(stmt.order_by(StaffMember.role, StaffMember.name)))


def disable_staff(
    session: Session, *, store_code: str, staff_id: str, now: datetime, changes: ChangeLog
) -> StaffMember:
    row = session.get(StaffMember, staff_id)
    if row is None or row.store_code != store_code:
        raise LookupError(f"no staff {staff_id!r} in store {store_code!r}")
    row.active = False
    row.updated_at = now
    store = session.get(Store, store_code)
    assert store is not None  # a foreign key
    _log(row, store, changes)
    return row


def _log(row: StaffMember, store: Store, changes: ChangeLog) -> None:
    data = StaffData(
        id=row.id,
        store_code=row.store_code,
        name=row.name,
        role=row.role,  # type: ignore[arg-type]  # a Role value, checked on the way in
        pin_hash=row.pin_hash,
        active=row.active,
    )
    changes.upsert("staff", row.id, data, community_id=store.community_id)
