"""The outbox as the sync client sees it (sync.client.ports.OutboxStore).

An item of a kind this build's protocol cannot carry yet (`OutboxKind`: a record
written by a newer part of the till than its sync) waits in the outbox, never
dropped, and never blocks the items of the kinds it can send."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import get_args

from sqlalchemy import Engine, bindparam, func, select, update

from pos_app.persistence.db import writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.models import OutboxRow
from pos_app.persistence.notice_models import SyncNoticeRow
from sync.protocol.push import ItemResult, ItemStatus, OutboxItem, OutboxKind

OUTBOX = OutboxRow.__table__
NOTICES = SyncNoticeRow.__table__
SENDABLE = get_args(OutboxKind)  # the kinds the protocol carries


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    pending: int
    rejected: int
    last_sent_at: datetime | None
    notices: int = 0  # addressed to this till by the server (id conflicts…)


class OutboxRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def pending(self, limit: int) -> list[OutboxItem]:
        stmt = (
            select(OUTBOX)
            .where(
                OUTBOX.c.sent_at.is_(None),
                OUTBOX.c.rejected_reason.is_(None),
                OUTBOX.c.kind.in_(SENDABLE),
            )
            .order_by(OUTBOX.c.id)
            .limit(limit)
        )
        with self._engine.connect() as conn:
            return [
                OutboxItem(
                    item_id=r.item_id,
                    kind=r.kind,
                    aggregate_id=r.aggregate_id,
                    seq=r.id,
                    created_at=r.created_at,
                    payload=json.loads(r.payload),
                )
                for r in conn.execute(stmt)
            ]

    def record_results(self, results: Sequence[ItemResult]) -> None:
        now = datetime.now(UTC)
        sent = [
            {"iid": str(r.item_id), "flags": ",".join(r.flags) or None}
            for r in results
            if r.status in (ItemStatus.ACCEPTED, ItemStatus.DUPLICATE)
        ]
        rejected = [
            # "invalid_payload:payload.lines.0.unit_price": the field tells the manager where
            {
                "iid": str(r.item_id),
                "reason": ":".join(filter(None, [r.reason or "rejected", r.field])),
            }
            for r in results
            if r.status is ItemStatus.REJECTED
        ]
        with storage_errors(), self._writer.begin() as conn:
            if sent:
                conn.execute(
                    update(OUTBOX)
                    .where(OUTBOX.c.item_id == bindparam("iid"))
                    .values(sent_at=now, flags=bindparam("flags")),
                    sent,
                )
            if rejected:
                conn.execute(
                    update(OUTBOX)
                    .where(OUTBOX.c.item_id == bindparam("iid"))
                    .values(rejected_reason=bindparam("reason")),
                    rejected,
                )

    def record_failure(self, item_ids: Sequence[str], error: str) -> None:
        with storage_errors(), self._writer.begin() as conn:
            conn.execute(
                update(OUTBOX)
                .where(OUTBOX.c.item_id.in_(list(item_ids)))
                .values(attempts=OUTBOX.c.attempts + 1, last_error=error[:200])
            )

    def counts(self) -> OutboxCounts:
        with self._engine.connect() as conn:
            pending = conn.execute(
                select(func.count()).where(
                    OUTBOX.c.sent_at.is_(None), OUTBOX.c.rejected_reason.is_(None)
                )
            ).scalar_one()
            rejected = conn.execute(
                select(func.count()).where(OUTBOX.c.rejected_reason.is_not(None))
            ).scalar_one()
            last = conn.execute(select(func.max(OUTBOX.c.sent_at))).scalar()
            notices = conn.execute(select(func.count()).select_from(NOTICES)).scalar_one()
        if isinstance(last, str):  # max() keeps the column's UtcDateTime type on most paths
            last = datetime.fromisoformat(last)
        return OutboxCounts(int(pending), int(rejected), last, int(notices))

    def requeue(self, item_ids: Sequence[str]) -> None:
        """Send refused items again (e.g. a refund refused before its sale arrived)."""
        with storage_errors(), self._writer.begin() as conn:
            conn.execute(
                update(OUTBOX)
                .where(OUTBOX.c.item_id.in_(list(item_ids)))
                .values(rejected_reason=None)
            )

    def notices(self) -> list[dict[str, object]]:
        """What the central server addressed to this till (id conflicts…), newest first."""
        stmt = select(NOTICES).order_by(NOTICES.c.id.desc())
        with self._engine.connect() as conn:
            return [dict(row) for row in conn.execute(stmt).mappings()]

    def rejected(self) -> list[dict[str, object]]:
        """Items the server refused, for the manager: never dropped."""
        stmt = select(OUTBOX).where(OUTBOX.c.rejected_reason.is_not(None)).order_by(OUTBOX.c.id)
        with self._engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]
