"""POST /push: a batch of a till's outbox items, applied in one transaction.

Per item the answer is accepted, duplicate or rejected (with a reason code):

* de-duplication lives in the database: `received_items.item_id`,
  `orders.sale_id`, `refunds.refund_id` and `points_ledger (source_kind,
  source_id)` are UNIQUE and written with INSERT … ON CONFLICT DO NOTHING, so
  the same batch pushed by eight threads into four worker processes is
  stored once;
* every item runs in its own SAVEPOINT: a rejected item leaves no trace but
  its `received_items` row (status rejected, for the manager) and never
  blocks the rest of the batch;
* items are applied in the till's outbox order (`seq`), so a refund follows
  its sale, and concurrent batches take row locks in the same order;
* balances move once per resident at the end of the batch (sorted), then
  the change log is appended: the lock order items → residents → log is the
  same in every transaction.

A rejected item pushed again is processed again (the sale its refund needed
may have arrived meanwhile); an accepted one is a duplicate for ever.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from sync.protocol.messages import ItemResult, ItemStatus, OutboxItem, RejectReason
from sync.server import crud
from sync.server import points as pts
from sync.server.crud import TerminalCtx, insert_ignore
from sync.server.db import Database
from sync.server.models import ReceivedItem
from sync.server.push_common import Batch, Duplicate, Reject
from sync.server.push_refunds import apply_refund
from sync.server.push_sales import apply_sale

log = logging.getLogger("sync.server.push")
_RECEIVED = ReceivedItem.__table__


def push(
    db: Database, *, terminal: TerminalCtx, items: list[OutboxItem], now: datetime
) -> list[ItemResult]:
    def work(session: Session) -> list[ItemResult]:
        batch = Batch(
            session,
            terminal,
            now,
            pts.category_eligibility(session),
            pts.contract_versions(session, terminal.community_id),
        )
        results: dict[int, ItemResult] = {}
        for index in sorted(range(len(items)), key=lambda i: items[i].seq):
            results[index] = _one(batch, items[index])
        crud.apply_balances(session, deltas=batch.deltas, changes=batch.changes, now=now)
        batch.changes.flush(session, now=now)
        return [results[i] for i in range(len(items))]

    return db.run_write(work)


def _one(batch: Batch, item: OutboxItem) -> ItemResult:
    session, item_id = batch.session, str(item.item_id)
    payload_text = json.dumps(item.payload, ensure_ascii=False, separators=(",", ":"))
    deltas_before = dict(batch.deltas)
    try:
        with session.begin_nested():
            row = _claim(batch, item, payload_text)
            if row is not None and row.status != "rejected":
                return ItemResult(
                    item_id=item.item_id, status=ItemStatus.DUPLICATE, flags=_split(row.flags)
                )
            try:
                flags = _apply(batch, item, payload_text)
                status = ItemStatus.ACCEPTED
            except Duplicate:
                flags, status = [], ItemStatus.DUPLICATE
            if row is not None or flags or status is not ItemStatus.ACCEPTED:
                # the common case (new, accepted, no flags) is already stored as such
                session.connection().execute(
                    update(_RECEIVED)
                    .where(_RECEIVED.c.item_id == item_id)
                    .values(
                        status="accepted" if status is ItemStatus.ACCEPTED else "duplicate",
                        reason=None,
                        flags=",".join(flags),
                        payload=payload_text,
                        received_at=batch.now,
                    )
                )
            return ItemResult(item_id=item.item_id, status=status, flags=flags)
    except Reject as exc:
        reason = exc.reason
    except (IntegrityError, DataError) as exc:
        # a payload the database refuses (a value out of a column's range…)
        log.warning("item %s refused by the database: %s", item_id, type(exc.orig).__name__)
        reason = RejectReason.INVALID_PAYLOAD
    batch.deltas.clear()
    batch.deltas.update(deltas_before)  # the savepoint's ledger rows are gone too
    if reason is not RejectReason.ITEM_ID_CONFLICT:
        _store_rejected(batch, item, payload_text, reason)
    return ItemResult(item_id=item.item_id, status=ItemStatus.REJECTED, reason=reason.value)


def _claim(batch: Batch, item: OutboxItem, payload_text: str) -> ReceivedItem | None:
    """Insert the item's row, or return the row already there (None when new)."""
    values = {
        "item_id": str(item.item_id),
        "terminal_id": batch.terminal.id,
        "kind": item.kind,
        "seq": item.seq,
        "aggregate_id": item.aggregate_id,
        "created_at": item.created_at,
        "received_at": batch.now,
        "status": "accepted",
        "flags": "",
        "attempts": 1,
        "payload": payload_text,
    }
    if insert_ignore(batch.session, ReceivedItem, values, ["item_id"]):
        return None
    row = batch.session.scalars(
        select(ReceivedItem).where(ReceivedItem.item_id == str(item.item_id))
    ).one()
    if row.terminal_id != batch.terminal.id:
        raise Reject(RejectReason.ITEM_ID_CONFLICT)
    if row.status == "rejected":
        row.attempts += 1
    return row


def _store_rejected(
    batch: Batch, item: OutboxItem, payload_text: str, reason: RejectReason
) -> None:
    with batch.session.begin_nested():
        values = {
            "item_id": str(item.item_id),
            "terminal_id": batch.terminal.id,
            "kind": item.kind,
            "seq": item.seq,
            "aggregate_id": item.aggregate_id,
            "created_at": item.created_at,
            "received_at": batch.now,
            "status": "rejected",
            "reason": reason.value,
            "flags": "",
            "attempts": 1,
            "payload": payload_text,
        }
        if not insert_ignore(batch.session, ReceivedItem, values, ["item_id"]):
            batch.session.execute(
                update(ReceivedItem)
                .where(ReceivedItem.item_id == str(item.item_id), ReceivedItem.status == "rejected")
                .values(
                    reason=reason.value,
                    payload=payload_text,
                    received_at=batch.now,
                    attempts=ReceivedItem.attempts + 1,
                )
            )


def _split(flags: str) -> list[str]:
    return [f for f in flags.split(",") if f]


def _apply(batch: Batch, item: OutboxItem, payload_text: str) -> list[str]:
    if item.kind == "sale":
        return apply_sale(batch, item, payload_text)
    if item.kind == "refund":
        return apply_refund(batch, item, payload_text)
    raise Reject(RejectReason.UNSUPPORTED_KIND)
