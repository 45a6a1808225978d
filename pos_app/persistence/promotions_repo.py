"""The promotions this till keeps: written by the sync (the central server's,
for every store or some) and by a manager (store-only ones set up here), read
back as stored rows for `pos_app.services.promotions` to parse and filter.

A definition is kept as the JSON of `promotion_to_dict`; the stores it applies
to and its status beside it. Nothing is ever deleted: a promotion the server
removes is kept as ended (a return of an older sale names it).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, Table, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pos_app.persistence.db import writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.promo_models import PromotionRow

P: Table = PromotionRow.__table__  # type: ignore[assignment]  # declared tables are Tables
STATUSES = ("active", "paused", "ended")


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
    conn.execute(stmt.on_conflict_do_update(index_elements=["promo_id"], set_=values))


def set_status(conn: Connection, promo_id: str, status: str, at: datetime) -> bool:
    """Pause, end or resume a promotion; False when there is none of that id."""
    done = conn.execute(
        update(P).where(P.c.promo_id == promo_id).values(status=status, updated_at=at)
    )
    return bool(done.rowcount)


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
    ) -> None:
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

    def set_status(self, promo_id: str, status: str, at: datetime) -> bool:
        with storage_errors(), self._writer.begin() as conn:
            return set_status(conn, promo_id, status, at)
