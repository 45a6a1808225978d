"""The promotions this till keeps: written by the sync (the central server's,
for every store or some) and by a manager (store-only ones set up here), read
back as stored rows for `pos_app.services.promotions` to parse and filter.

A definition is kept as the JSON of `promotion_to_dict`; the stores it applies
to and its status beside it. Nothing is ever deleted: a promotion the server
removes is kept as ended (a return of an older sale names it).

A store-only promotion (origin "local") reaches the central server: setting it up
and each change of its status write a `store_promotion` outbox item in the same
transaction (nothing is lost offline; the outbox sends it before the sales that
use it), carrying the definition, the status, the approving manager's staff id and
the revision: 1 at its creation, then one more per record (the count of its
records so far, read in that transaction). When the server's copy comes back down
the change feed it stays "local" here: the till that set it up keeps reporting
its changes.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import Connection, Engine, Table, case, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pos_app.persistence.db import writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.models import OutboxRow
from pos_app.persistence.promo_models import PromotionRow

P: Table = PromotionRow.__table__  # type: ignore[assignment]  # declared tables are Tables
OUTBOX = cast(Table, OutboxRow.__table__)
STATUSES = ("active", "paused", "ended")
STORE_KIND = "store_promotion"


@dataclass(frozen=True, slots=True)
class StoreRecord:
    """Who approved a change of a store-only promotion, and at which till: the head
    of the record the server receives (the approver by staff id, "" if unknown)."""

    approver_id: str
    store_code: str
    terminal_code: str


@dataclass(frozen=True, slots=True)
class StoredPromotion:
    promo_id: str
    definition: dict[str, object]
    stores: tuple[str, ...]  # empty: every store
    status: str
    origin: str  # "server" or "local"
    created_by: str
    updated_at: datetime


def upsert_promotion(
    conn: Connection,
    *,
    definition: dict[str, object],
    stores: Sequence[str],
    status: str,
    origin: str,
    created_by: str,
    at: datetime,
) -> None:
    """Write one definition (the caller validated it), replacing one of its id."""
    values = {
        "promo_id": definition["id"],
        "definition": json.dumps(definition, ensure_ascii=False, sort_keys=True),
        "stores": json.dumps(sorted(stores), ensure_ascii=False),
        "status": status,
        "origin": origin,
        "created_by": created_by,
        "updated_at": at,
    }
    stmt = sqlite_insert(P).values(**values)
    # one set up here stays "local" (and its creator) when the server's copy comes back
    kept = {
        "origin": case((P.c.origin == "local", P.c.origin), else_=stmt.excluded.origin),
        "created_by": case((P.c.origin == "local", P.c.created_by), else_=stmt.excluded.created_by),
    }
    conn.execute(stmt.on_conflict_do_update(index_elements=["promo_id"], set_={**values, **kept}))


def set_status(conn: Connection, promo_id: str, status: str, at: datetime) -> bool:
    """Pause, end or resume a promotion; False when there is none of that id."""
    done = conn.execute(
        update(P).where(P.c.promo_id == promo_id).values(status=status, updated_at=at)
    )
    return bool(done.rowcount)


def write_store_record(
    conn: Connection, promo_id: str, status: str, record: StoreRecord, at: datetime
) -> bool:
    """The outbox item telling the server of a local promotion's state, in the caller's
    transaction; False (nothing written) when the promotion is not a local one."""
    row = conn.execute(select(P.c.definition, P.c.origin).where(P.c.promo_id == promo_id)).first()
    if row is None or row.origin != "local":
        return False
    earlier = conn.execute(
        select(func.count())
        .select_from(OUTBOX)
        .where(
            OUTBOX.c.kind == STORE_KIND,
            func.json_extract(OUTBOX.c.payload, "$.promotion.id") == promo_id,
        )
    ).scalar_one()
    record_id = str(uuid.uuid4())
    payload = {
        "record_id": record_id,
        "store_code": record.store_code,
        "terminal_code": record.terminal_code,
        "at": at.astimezone(UTC).isoformat(),
        "promotion": json.loads(row.definition),
        "status": status,
        "revision": int(earlier) + 1,
        "approver": record.approver_id,
    }
    conn.execute(
        OUTBOX.insert().values(
            item_id=str(uuid.uuid4()),
            kind=STORE_KIND,
            aggregate_id=record_id,
            payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
            created_at=at,
            attempts=0,
        )
    )
    return True


class PromotionsRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def all(self) -> list[StoredPromotion]:
        with storage_errors(), self._engine.connect() as conn:
            rows = conn.execute(select(P).order_by(P.c.promo_id)).mappings().all()
        return [
            StoredPromotion(
                promo_id=row["promo_id"],
                definition=json.loads(row["definition"]),
                stores=tuple(json.loads(row["stores"])),
                status=row["status"],
                origin=row["origin"],
                created_by=row["created_by"],
                updated_at=row["updated_at"],
            )
            for row in rows
        ]

    def exists(self, promo_id: str) -> bool:
        with storage_errors(), self._engine.connect() as conn:
            found = conn.execute(select(P.c.promo_id).where(P.c.promo_id == promo_id)).first()
        return found is not None

    def save(
        self,
        *,
        definition: dict[str, object],
        stores: Sequence[str],
        status: str,
        origin: str,
        created_by: str,
        at: datetime,
        record: StoreRecord | None = None,
    ) -> None:
        """Keep a promotion; `record`: a local one's outbox item too, in the same
        transaction."""
        with storage_errors(), self._writer.begin() as conn:
            upsert_promotion(
                conn,
                definition=definition,
                stores=stores,
                status=status,
                origin=origin,
                created_by=created_by,
                at=at,
            )
            if record is not None:
                write_store_record(conn, str(definition["id"]), status, record, at)

    def set_status(
        self, promo_id: str, status: str, at: datetime, record: StoreRecord | None = None
    ) -> bool:
        """Change a promotion's status; `record`: a local one's change also goes to the
        server (a central one's does not: the server manages it)."""
        with storage_errors(), self._writer.begin() as conn:
            done = set_status(conn, promo_id, status, at)
            if done and record is not None:
                write_store_record(conn, promo_id, status, record, at)
            return done
