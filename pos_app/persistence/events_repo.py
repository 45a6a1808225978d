"""The tasting events on disk: the events this till knows, and the records
promoters make at one (samples, feedback, visitor tallies, leads).

Every record is written with its outbox item (kinds `event_sample`,
`event_feedback`, `event_visitors`, `event_lead`, payloads as the agreed wire
format) in one transaction, once per record id: a retry with the same id
writes nothing more. A sample has a cost, so it is also hash-chained in that
transaction (kind "event_sample", not pushed with a chain reference: the
central server receives it as its own record). Reading the records back for the
report is `pos_app.persistence.events_reader`.

An event a manager sets up here (origin "local") is written with its own outbox
item, kind `store_event` (the event's wire form, the manager's staff id, the
till), in the same transaction: the server learns of it before its records and
sales, which the outbox sends after it. When the server's copy comes back down
the change feed it stays "local" here.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, case, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pos_app.core.events import Event, EventStatus, event_from_dict, event_to_dict
from pos_app.persistence import chain_repo
from pos_app.persistence.db import writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.event_models import (
    EventFeedbackRow,
    EventLeadRow,
    EventRow,
    EventSampleRow,
    EventVisitorsRow,
)
from pos_app.persistence.models import OutboxRow

EV = cast(Table, EventRow.__table__)
SAMPLES = cast(Table, EventSampleRow.__table__)
FEEDBACK = cast(Table, EventFeedbackRow.__table__)
VISITORS = cast(Table, EventVisitorsRow.__table__)
LEADS = cast(Table, EventLeadRow.__table__)
OUTBOX = cast(Table, OutboxRow.__table__)
SAMPLE_REASON = "试吃"


@dataclass(frozen=True, slots=True)
class StoredEvent:
    event: Event
    origin: str  # "server" or "local"
    created_by: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class RecordHead:
    """Who records, where, when and at which event: on every record and payload."""

    event_id: str
    promoter: str  # staff id
    terminal_code: str
    store_code: str
    at: datetime

    def row(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "promoter": self.promoter,
            "terminal_code": self.terminal_code,
            "store_code": self.store_code,
            "at": self.at,
        }

    def payload(self) -> dict[str, Any]:
        return {**self.row(), "at": self.at.astimezone(UTC).isoformat()}


def upsert_event(
    conn: Connection, event: Event, *, origin: str, created_by: str, at: datetime
) -> None:
    """Write one event (validated by its constructor), replacing one of its id."""
    values = {
        "event_id": event.event_id,
        "definition": json.dumps(event_to_dict(event), ensure_ascii=False, sort_keys=True),
        "origin": origin,
        "created_by": created_by,
        "updated_at": at,
    }
    stmt = sqlite_insert(EV).values(**values)
    # one set up here stays "local" (and its creator) when the server's copy comes back
    kept = {
        "origin": case((EV.c.origin == "local", EV.c.origin), else_=stmt.excluded.origin),
        "created_by": case(
            (EV.c.origin == "local", EV.c.created_by), else_=stmt.excluded.created_by
        ),
    }
    conn.execute(stmt.on_conflict_do_update(index_elements=["event_id"], set_={**values, **kept}))


def _store_event_item(
    conn: Connection, event: Event, manager: str, terminal_code: str, at: datetime
) -> None:
    """The outbox item of an event set up here (kind store_event), in the caller's
    transaction; its record id is also the item's aggregate id."""
    record_id = str(uuid.uuid4())
    payload = {
        "record_id": record_id,
        "store_code": event.store_code,
        "terminal_code": terminal_code,
        "at": at.astimezone(UTC).isoformat(),
        "event": event_to_dict(event),
        "manager": manager,
    }
    conn.execute(
        OUTBOX.insert().values(
            item_id=str(uuid.uuid4()),
            kind="store_event",
            aggregate_id=record_id,
            payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
            created_at=at,
            attempts=0,
        )
    )


def cancel_event(conn: Connection, event_id: str, at: datetime) -> bool:
    """Mark an event cancelled (the server removed it); False when there is none."""
    row = conn.execute(select(EV).where(EV.c.event_id == event_id)).first()
    if row is None:
        return False
    event = replace(_stored(row).event, status=EventStatus.CANCELLED)
    upsert_event(conn, event, origin=row.origin, created_by=row.created_by, at=at)
    return True


def _stored(row: Any) -> StoredEvent:
    return StoredEvent(
        event_from_dict(json.loads(row.definition)), row.origin, row.created_by, row.updated_at
    )


class EventsRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    # --- events -----------------------------------------------------------------

    def save_event(
        self,
        event: Event,
        *,
        origin: str,
        created_by: str,
        at: datetime,
        terminal_code: str | None = None,
    ) -> None:
        """Keep an event; `terminal_code` (a local one, `created_by` its manager's staff
        id): its record for the central server too, in the same transaction."""
        with storage_errors(), self._writer.begin() as conn:
            upsert_event(conn, event, origin=origin, created_by=created_by, at=at)
            if terminal_code is not None:
                _store_event_item(conn, event, created_by, terminal_code, at)

    def get(self, event_id: str) -> StoredEvent | None:
        with storage_errors(), self._engine.connect() as conn:
            row = conn.execute(select(EV).where(EV.c.event_id == event_id)).first()
        return None if row is None else _stored(row)

    def all(self) -> list[StoredEvent]:
        with storage_errors(), self._engine.connect() as conn:
            rows = conn.execute(select(EV).order_by(EV.c.event_id)).all()
        return sorted(
            (_stored(r) for r in rows), key=lambda s: (s.event.starts_at, s.event.event_id)
        )

    # --- records ----------------------------------------------------------------

    def _record(
        self,
        table: Table,
        id_column: str,
        record_id: str,
        kind: str,
        head: RecordHead,
        fields: dict[str, Any],
        wire: dict[str, Any],
        *,
        chained: bool = False,
    ) -> bool:
        """Write a record and its outbox item (and its chain link) together; False
        when a record of that id was written already (a retry)."""
        row = {id_column: record_id, **head.row(), **fields}
        with storage_errors(), self._writer.begin() as conn:
            stmt = (
                sqlite_insert(table).values(row).on_conflict_do_nothing(index_elements=[id_column])
            )
            if conn.execute(stmt).rowcount != 1:
                return False
            if chained:
                chain_repo.append(conn, kind, record_id)
            payload = {id_column: record_id, **head.payload(), **wire}
            conn.execute(
                OUTBOX.insert().values(
                    item_id=str(uuid.uuid4()),
                    kind=kind,
                    aggregate_id=record_id,
                    payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
                    created_at=head.at,
                    attempts=0,
                )
            )
        return True

    def record_sample(
        self, sample_id: str, head: RecordHead, *, sku: str, quantity: int, unit: str, cost_fen: int
    ) -> bool:
        wire = {"sku": sku, "quantity": quantity, "unit": unit, "cost_fen": cost_fen}
        return self._record(
            SAMPLES,
            "sample_id",
            sample_id,
            "event_sample",
            head,
            {**wire, "reason": SAMPLE_REASON},
            wire,
            chained=True,
        )

    def record_feedback(
        self,
        feedback_id: str,
        head: RecordHead,
        *,
        sku: str | None,
        rating: int,
        tags: tuple[str, ...],
        note: str,
        resident_id: str | None,
        consent: bool,
    ) -> bool:
        wire = {
            "sku": sku,
            "rating": rating,
            "tags": list(tags),
            "note": note,
            "resident_id": resident_id,
            "consent": consent,
        }
        fields = {**wire, "tags": json.dumps(list(tags), ensure_ascii=False)}
        return self._record(
            FEEDBACK, "feedback_id", feedback_id, "event_feedback", head, fields, wire
        )

    def record_tally(self, tally_id: str, head: RecordHead, *, count: int) -> bool:
        wire = {"count": count}
        return self._record(VISITORS, "tally_id", tally_id, "event_visitors", head, wire, wire)

    def record_lead(
        self, lead_id: str, head: RecordHead, *, resident_id: str, consent: bool
    ) -> bool:
        wire = {"resident_id": resident_id, "consent": consent}
        return self._record(LEADS, "lead_id", lead_id, "event_lead", head, wire, wire)


def _chained_sample(conn: Connection, sample_id: str) -> dict[str, Any] | None:
    row = conn.exec_driver_sql(
        "SELECT sample_id, event_id, promoter, terminal_code, store_code, at, sku, quantity,"
        " unit, cost_fen, reason FROM event_samples WHERE sample_id = ?",
        (sample_id,),
    ).first()
    return None if row is None else dict(row._mapping)


chain_repo.register("event_sample", _chained_sample, table="event_samples", id_column="sample_id")
