"""The `changes` log the tills pull: appended in the transaction of every change.

Each change carries the full state of one entity (kind, key), so the log is
compacted: appending a change deletes the older ones of the same key. A till
that already applied the old one gets the new one (higher seq); a fresh till
gets only the latest state, and a catalog of 100,000 products stays 100,000
rows however often prices change.

Ordering: a till's cursor is the last seq it saw, so seq order must equal
commit order, or a change committed late with a lower seq would be skipped
for ever. SQLite writers are serialized anyway; on PostgreSQL every writer
of the log takes one transaction-scoped advisory lock just before appending,
as the last step of its transaction, so appends (and their commits) happen
one transaction at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import delete, insert, text
from sqlalchemy.orm import Session

from sync.server.models.changes import Change

#: Key of the advisory lock serializing appends (any constant, same in every process).
CHANGES_LOCK_KEY = 0x59430001
_CHUNK = 500


def to_json(data: BaseModel | Mapping[str, Any]) -> str:
    value = data.model_dump(mode="json") if isinstance(data, BaseModel) else dict(data)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@dataclass(frozen=True, slots=True)
class PendingChange:
    kind: str
    op: str
    key: str
    data: str | None
    community_id: str | None
    property_company_id: str | None
    terminal_id: str | None = None  # a notice: that terminal only


class ChangeLog:
    """Changes of one transaction, appended together by `flush` (the last step)."""

    def __init__(self) -> None:
        self._pending: dict[tuple[str, str], PendingChange] = {}

    def __len__(self) -> int:
        return len(self._pending)

    def upsert(
        self,
        kind: str,
        key: str,
        data: BaseModel | Mapping[str, Any],
        *,
        community_id: str | None = None,
        property_company_id: str | None = None,
        terminal_id: str | None = None,
    ) -> None:
        self._add(
            PendingChange(
                kind, "upsert", key, to_json(data), community_id, property_company_id, terminal_id
            )
        )

    def delete(
        self,
        kind: str,
        key: str,
        *,
        community_id: str | None = None,
        property_company_id: str | None = None,
    ) -> None:
        self._add(PendingChange(kind, "delete", key, None, community_id, property_company_id))

    def _add(self, change: PendingChange) -> None:
        # later wins within a transaction; re-insertion moves it to the end
        self._pending.pop((change.kind, change.key), None)
        self._pending[(change.kind, change.key)] = change

    def flush(self, session: Session, *, now: datetime | None = None) -> int:
        if not self._pending:
            return 0
        changes = list(self._pending.values())
        self._pending.clear()
        append(session, changes, now=now)
        return len(changes)


def lock_log(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHANGES_LOCK_KEY})


def append(
    session: Session, changes: Iterable[PendingChange], *, now: datetime | None = None
) -> None:
    """Compact and append, under the log lock (held until the transaction ends)."""
    now = now or datetime.now(UTC)
    rows = list(changes)
    lock_log(session)
    by_kind: dict[str, list[str]] = {}
    for c in rows:
        by_kind.setdefault(c.kind, []).append(c.key)
    table = Change.__table__
    for kind, keys in by_kind.items():
        for i in range(0, len(keys), _CHUNK):
            session.execute(
                delete(table).where(table.c.kind == kind, table.c.key.in_(keys[i : i + _CHUNK]))
            )
    values = [
        {
            "kind": c.kind,
            "op": c.op,
            "key": c.key,
            "data": c.data,
            "community_id": c.community_id,
            "property_company_id": c.property_company_id,
            "terminal_id": c.terminal_id,
            "created_at": now,
        }
        for c in rows
    ]
    for i in range(0, len(values), 5000):
        session.execute(insert(table), values[i : i + 5000])
