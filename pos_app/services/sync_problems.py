"""The records the central server refused and the notices it addressed to this
till, as the manager's dialog shows them: frozen dataclasses read from the
outbox, so the UI never touches the repository."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RefusedRecord:
    """An outbox item the server refused; kept on the till, never dropped."""

    item_id: str
    created_at: datetime
    kind: str
    aggregate_id: str
    reason: str  # "code" or "code:field", as the server gave it


@dataclass(frozen=True)
class ServerNotice:
    """Something the server told this till (e.g. another till used one of its ids)."""

    at: datetime
    record_kind: str
    record_id: str
    code: str


def refused_of(row: dict[str, object]) -> RefusedRecord:
    return RefusedRecord(
        item_id=str(row["item_id"]),
        created_at=row["created_at"],  # type: ignore[arg-type]
        kind=str(row["kind"]),
        aggregate_id=str(row["aggregate_id"]),
        reason=str(row["rejected_reason"]),
    )


def notice_of(row: dict[str, object]) -> ServerNotice:
    return ServerNotice(
        at=row["at"],  # type: ignore[arg-type]
        record_kind=str(row["record_kind"]),
        record_id=str(row["record_id"]),
        code=str(row["code"]),
    )
