"""POST /push: a batch of a till's outbox items (sales, refunds, closed shifts, tasting-event
records, store-only promotions and events), each parsed alone, committed in chunks.

Per item the answer is accepted, duplicate or rejected (with a reason code).
Results are positional: one per item, in request order.

* every item is parsed on its own: an item whose envelope or payload is
  invalid is rejected as `invalid_payload` naming the first failing field
  (`payload.lines.0.unit_price`), and the rest of the batch is stored; an
  item without a readable `item_id` is answered (item_id null) but not
  stored, since nothing could identify it again;
* de-duplication lives in the database: `received_items.item_id`,
  `orders.sale_id`, `refunds.refund_id` and `points_ledger (source_kind,
  source_id)` are UNIQUE and written with INSERT … ON CONFLICT DO NOTHING, so
  the same batch pushed by eight threads into four worker processes is
  stored once;
* every item runs in its own SAVEPOINT: a rejected item leaves no trace but
  its `received_items` row (status rejected, its payload as ASCII-escaped
  JSON when it failed parsing, for the manager) and never blocks the rest;
* items are applied in the till's outbox order (`seq`), so a refund follows
  its sale, and concurrent batches take row locks in the same order;
* the batch is committed in chunks of about `CHUNK_WEIGHT` lines: SQLite has
  one writer, and another till's push waits for at most one chunk, not for a
  whole batch (benchmarks/bench_push_wait.py measures it). A crash between
  chunks loses nothing: the till, having no answer, pushes the batch again
  and the committed items answer duplicate;
* in each chunk balances move once per resident at the end (sorted), then the
  change log is appended: the lock order items → residents → log is the same
  in every transaction.

A rejected item pushed again is processed again (the sale its refund needed
may have arrived meanwhile); an accepted one is a duplicate for ever.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from sync.protocol.codes import RejectReason
from sync.protocol.event_payloads import EVENT_PAYLOADS
from sync.protocol.push import ItemResult, ItemStatus, OutboxItem, PushItem, raw_item
from sync.protocol.store_payloads import STORE_PAYLOADS
from sync.protocol.types import MAX_COUNTER, UtcTime
from sync.server import ledger
from sync.server import points as pts
from sync.server.crud import TerminalCtx, insert_ignore
from sync.server.db import Database
from sync.server.models.orders import ReceivedItem
from sync.server.push_common import Batch, Duplicate, Reject
from sync.server.push_events import apply_event_record
from sync.server.push_refunds import apply_refund
from sync.server.push_sales import apply_sale
from sync.server.push_shifts import apply_shift
from sync.server.push_store import apply_store_record

log = logging.getLogger("sync.server.push")

#: Lines (plus one per item) written in one transaction. Measured on SQLite on a
#: loaded 2-core machine (benchmarks/bench_push_wait.py): a chunk of this weight commits
#: in about 0.3 s; while 500 sales of 100 lines were pushed, another till's one-sale push
#: waited at most 0.29 s (4.3 s with one transaction for the batch).
CHUNK_WEIGHT = 2000
#: Pause between two chunks on SQLite, so that another till's push gets the lock.
CHUNK_PAUSE_S = 0.1
#: A rejected item's payload is kept for the manager up to this many characters.
MAX_STORED_PAYLOAD = 1 << 20
_KINDS = (
    "sale",
    "refund",
    "shift",
    *EVENT_PAYLOADS,
    *STORE_PAYLOADS,
    "sample",
    "feedback",
)
_ITEM = TypeAdapter(PushItem)
_UUID = TypeAdapter(uuid.UUID)
_TIME: TypeAdapter[datetime] = TypeAdapter(UtcTime)


@dataclass(frozen=True)
class _Head:
    """The received_items columns of an item: its own values, or safe stand-ins."""

    item_id: str
    kind: str
    seq: int
    aggregate_id: str
    created_at: datetime | None  # None: unreadable, stored as the receive time
    payload_text: str


@dataclass(frozen=True)
class _Parsed:
    index: int
    item_id: uuid.UUID | None
    head: _Head | None  # None when the item_id itself is unreadable
    item: OutboxItem | None = None  # None when the item is invalid
    weight: int = 1
    field: str | None = None
    detail: str | None = None

    @property
    def seq(self) -> int:
        return self.head.seq if self.head else 0


def push(
    db: Database,
    *,
    terminal: TerminalCtx,
    items: Sequence[dict[str, Any] | OutboxItem],
    now: datetime,
) -> list[ItemResult]:
    parsed = [parse_item(i, raw_item(raw)) for i, raw in enumerate(items)]
    results: dict[int, ItemResult] = {}
    for p in parsed:
        if p.head is None:
            results[p.index] = _rejected(p, RejectReason.INVALID_PAYLOAD)
    # the till's outbox order: a refund after its sale, row locks in the same order
    stored = sorted((p for p in parsed if p.head), key=lambda p: (p.seq, p.index))
    for n, chunk in enumerate(_chunks(stored)):

        def work(session: Session, chunk: list[_Parsed] = chunk) -> dict[int, ItemResult]:
            batch = Batch(
                session,
                terminal,
                now,
                pts.category_eligibility(session),
                pts.contract_versions(session, terminal.community_id),
            )
            done = {p.index: _one(batch, p) for p in chunk}
            ledger.apply_balances(session, deltas=batch.deltas, changes=batch.changes, now=now)
            batch.changes.flush(session, now=now)
            return done

        if n and db.dialect == "sqlite":
            # SQLite's busy handler polls a waiting writer every 100 ms at most: a pause
            # this long lets it in between two chunks instead of starving behind them
            time.sleep(CHUNK_PAUSE_S)
        results.update(db.run_write(work))
    return [results[i] for i in range(len(items))]


def _chunks(parsed: list[_Parsed]) -> Iterator[list[_Parsed]]:
    chunk: list[_Parsed] = []
    weight = 0
    for p in parsed:
        if chunk and weight + p.weight > CHUNK_WEIGHT:
            yield chunk
            chunk, weight = [], 0
        chunk.append(p)
        weight += p.weight
    if chunk:
        yield chunk


# --- parsing, one item at a time -----------------------------------------------------------


def parse_item(index: int, raw: dict[str, Any]) -> _Parsed:
    """Parse one raw item; never raises, whatever JSON it is."""
    item_id = _readable(_UUID, raw.get("item_id"))
    weight = 1 + _line_count(raw.get("payload"))
    try:
        typed = _ITEM.validate_python(raw)
    except ValidationError as exc:
        if item_id is None:  # named first: without it nothing can be stored or retried
            return _Parsed(index, None, None, None, weight, "item_id", "a UUID is required")
        field, detail = _first_error(exc, raw.get("kind"))
        return _Parsed(index, item_id, _unsafe_head(raw, item_id), None, weight, field, detail)
    sane = typed.kind in _KINDS and typed.kind not in ("sample", "feedback")
    item = OutboxItem.model_construct(
        item_id=typed.item_id,
        kind=typed.kind,
        aggregate_id=typed.aggregate_id,
        seq=typed.seq,
        created_at=typed.created_at,
        payload=raw["payload"],
    )
    head = _Head(
        item_id=str(typed.item_id),
        kind=typed.kind,
        seq=typed.seq,
        aggregate_id=typed.aggregate_id,
        created_at=typed.created_at,
        # a sale, refund, shift, event or store record is clean text by now; any other payload
        # is unchecked JSON
        payload_text=_dump(raw["payload"]) if sane else _dump_safe(raw["payload"]),
    )
    return _Parsed(index, typed.item_id, head, item, weight)


def _line_count(payload: object) -> int:
    lines = payload.get("lines") if isinstance(payload, dict) else None
    return min(len(lines), CHUNK_WEIGHT) if isinstance(lines, list) else 0


def _readable(adapter: TypeAdapter[Any], value: object) -> Any:
    try:
        return adapter.validate_python(value)
    except ValidationError:
        return None


def _first_error(exc: ValidationError, kind: object) -> tuple[str, str]:
    error = exc.errors(include_url=False, include_input=False)[0]
    loc = list(error["loc"])
    if loc and isinstance(kind, str) and loc[0] == kind:
        loc = loc[1:]  # the discriminated union's tag, not a field
    if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
        loc = ["kind"]
    field = ".".join(str(part) for part in loc) or "item"
    return _ascii(field, 128), _ascii(error["msg"], 200)


def _unsafe_head(raw: dict[str, Any], item_id: uuid.UUID) -> _Head:
    """Stand-ins a database column can hold, for an item that failed parsing."""
    kind = raw.get("kind")
    seq = raw.get("seq")
    aggregate_id = raw.get("aggregate_id")
    return _Head(
        item_id=str(item_id),
        kind=kind if kind in _KINDS else _ascii(json.dumps(kind, ensure_ascii=True), 16),
        seq=seq if type(seq) is int and 1 <= seq <= MAX_COUNTER else 0,
        aggregate_id=_ascii(aggregate_id if isinstance(aggregate_id, str) else "", 36),
        created_at=_readable(_TIME, raw.get("created_at")),
        payload_text=_dump_safe(raw.get("payload")),
    )


def _ascii(text: str, limit: int) -> str:
    """Printable ASCII: surrogates, NUL and other controls become JSON escapes."""
    return json.dumps(text, ensure_ascii=True)[1:-1][:limit]


def _dump(payload: object) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def _dump_safe(payload: object) -> str:
    try:
        text = json.dumps(payload, ensure_ascii=True, separators=(",", ":"))
    except (ValueError, RecursionError):  # not representable: keep nothing of it
        return "null"
    return text[:MAX_STORED_PAYLOAD]


# --- applying, in a savepoint per item ------------------------------------------------------


class _Invalid(Exception):
    """The item failed parsing; it is stored as rejected (invalid_payload)."""


def _rejected(p: _Parsed, reason: RejectReason) -> ItemResult:
    named = reason in (
        RejectReason.INVALID_PAYLOAD,
        RejectReason.SHIFT_INVALID,
        RejectReason.EVENT_RECORD_INVALID,
        RejectReason.PROMOTION_INVALID,
        RejectReason.EVENT_INVALID,
    )
    return ItemResult(
        item_id=p.item_id,
        status=ItemStatus.REJECTED,
        reason=reason.value,
        field=p.field if named else None,
        detail=p.detail if named else None,
    )


def _one(batch: Batch, parsed: _Parsed) -> ItemResult:
    session, head = batch.session, parsed.head
    assert head is not None  # items with no readable id never reach the database
    deltas_before = dict(batch.deltas)
    try:
        with session.begin_nested():
            row = _claim(batch, head)
            if row is not None and row.status != "rejected":
                return ItemResult(
                    item_id=parsed.item_id, status=ItemStatus.DUPLICATE, flags=_split(row.flags)
                )
            if parsed.item is None:
                raise _Invalid
            try:
                flags = _apply(batch, parsed.item, head.payload_text)
                status = ItemStatus.ACCEPTED
            except Duplicate:
                flags, status = [], ItemStatus.DUPLICATE
            if row is not None or flags or status is not ItemStatus.ACCEPTED:
                # the common case (new, accepted, no flags) is already stored as such
                session.connection().execute(
                    update(ReceivedItem)
                    .where(ReceivedItem.item_id == head.item_id)
                    .values(
                        # a row first stored rejected may hold stand-ins: now the real values
                        {k: v for k, v in _columns(batch, head).items() if k != "attempts"}
                        | {
                            "status": "accepted" if status is ItemStatus.ACCEPTED else "duplicate",
                            "reason": None,
                            "flags": ",".join(flags),
                        }
                    )
                )
            return ItemResult(item_id=parsed.item_id, status=status, flags=flags)
    except _Invalid:
        reason = RejectReason.INVALID_PAYLOAD
    except Reject as exc:
        reason = exc.reason
        if exc.field is not None:
            # a figure the server recomputed and refused (rounding_fen…): named like a
            # field that failed validation
            parsed = replace(parsed, field=exc.field, detail=exc.detail)
    except (IntegrityError, DataError) as exc:
        # a payload the database refuses (a value out of a column's range…)
        log.warning("item %s refused by the database: %s", head.item_id, type(exc.orig).__name__)
        reason = RejectReason.INVALID_PAYLOAD
    batch.deltas.clear()
    batch.deltas.update(deltas_before)  # the savepoint's ledger rows are gone too
    if reason is not RejectReason.ITEM_ID_CONFLICT:
        _store_rejected(batch, head, reason)
    return _rejected(parsed, reason)


def _columns(batch: Batch, head: _Head) -> dict[str, Any]:
    return {
        "item_id": head.item_id,
        "terminal_id": batch.terminal.id,
        "kind": head.kind,
        "seq": head.seq,
        "aggregate_id": head.aggregate_id,
        "created_at": head.created_at or batch.now,
        "received_at": batch.now,
        "flags": "",
        "attempts": 1,
        "payload": head.payload_text,
    }


def _claim(batch: Batch, head: _Head) -> ReceivedItem | None:
    """Insert the item's row, or return the row already there (None when new)."""
    values = _columns(batch, head) | {"status": "accepted"}
    if insert_ignore(batch.session, ReceivedItem, values, ["item_id"]):
        return None
    row = batch.session.scalars(
        select(ReceivedItem).where(ReceivedItem.item_id == head.item_id)
    ).one()
    if row.terminal_id != batch.terminal.id:
        raise Reject(RejectReason.ITEM_ID_CONFLICT)
    if row.status == "rejected":
        row.attempts += 1
    return row


def _store_rejected(batch: Batch, head: _Head, reason: RejectReason) -> None:
    with batch.session.begin_nested():
        values = _columns(batch, head) | {"status": "rejected", "reason": reason.value}
        if not insert_ignore(batch.session, ReceivedItem, values, ["item_id"]):
            batch.session.execute(
                update(ReceivedItem)
                .where(ReceivedItem.item_id == head.item_id, ReceivedItem.status == "rejected")
                .values(
                    reason=reason.value,
                    payload=head.payload_text,
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
    if item.kind == "shift":
        return apply_shift(batch, item, payload_text)
    if item.kind in EVENT_PAYLOADS:
        return apply_event_record(batch, item, payload_text)
    if item.kind in STORE_PAYLOADS:
        return apply_store_record(batch, item, payload_text)
    raise Reject(RejectReason.UNSUPPORTED_KIND)
