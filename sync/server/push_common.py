"""What the push modules share: the batch being applied, and how an item is refused."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from sync.protocol.messages import ItemFlag, OutboxItem, RejectReason
from sync.server.changelog import ChangeLog
from sync.server.crud import TerminalCtx, insert_ignore
from sync.server.models import ContractVersion, PointsFlag


class Reject(Exception):
    """The item is refused with a reason code; its savepoint rolls back."""

    def __init__(self, reason: RejectReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


class Duplicate(Exception):
    """The sale or refund is already stored (under another item id: a till restore)."""


@dataclass
class Batch:
    """One push request's transaction and what it gathers until the end."""

    session: Session
    terminal: TerminalCtx
    now: datetime
    categories: dict[str, bool]
    versions: list[ContractVersion]
    changes: ChangeLog = field(default_factory=ChangeLog)
    #: resident id → (property company, revoked at), or None if unknown; read once a batch
    residents: dict[str, tuple[str, datetime | None] | None] = field(default_factory=dict)
    #: points per resident, applied to the cached balances once, in sorted order
    deltas: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def flag(
    batch: Batch,
    item: OutboxItem,
    source_kind: str,
    source_id: str,
    terminal_points: int,
    server_points: int,
    detail: dict[str, object],
) -> None:
    insert_ignore(
        batch.session,
        PointsFlag,
        {
            "terminal_id": batch.terminal.id,
            "item_id": str(item.item_id),
            "source_kind": source_kind,
            "source_id": source_id,
            "flag": ItemFlag.POINTS_MISMATCH.value,
            "terminal_points": terminal_points,
            "server_points": server_points,
            "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True),
            "created_at": batch.now,
        },
        ["source_kind", "source_id", "flag"],
    )
