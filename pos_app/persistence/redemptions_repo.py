"""The redemptions (核销) granted at this till on disk: each written and chained in
one transaction, once per redemption id (the shift's X and Z reads count them
through `shifts_repo`).

The central server is the authority on balances and makes the redemption; the
till keeps what it answered. A redemption request is idempotent (its id), so an
answer received twice (a retry after a dropped connection) is recorded once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pos_app.persistence import chain_repo
from pos_app.persistence.db import writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.redemption_models import RedemptionRow

RD = cast(Table, RedemptionRow.__table__)


@dataclass(frozen=True, slots=True)
class RedemptionRecord:
    """A redemption as the server answered it, and who made it at this till."""

    redemption_id: str
    resident_id: str
    bill_id: str
    points: int
    bill_open_fen: int
    balance_after: int
    cashier: str
    created_at: datetime


class RedemptionsRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def record(self, record: RedemptionRecord) -> bool:
        """Store and chain a redemption; False when that id was stored already."""
        row = {
            "id": record.redemption_id,
            "resident_id": record.resident_id,
            "bill_id": record.bill_id,
            "points": record.points,
            "bill_open_fen": record.bill_open_fen,
            "balance_after": record.balance_after,
            "cashier": record.cashier,
            "created_at": record.created_at,
        }
        with storage_errors(), self._writer.begin() as conn:
            stmt = sqlite_insert(RD).values(row).on_conflict_do_nothing(index_elements=["id"])
            if conn.execute(stmt).rowcount != 1:
                return False
            # points leaving a resident's account are a record of money: chained
            chain_repo.append(conn, "redemption", record.redemption_id)
        return True

    def all(self) -> list[RedemptionRecord]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(RD).order_by(RD.c.created_at, RD.c.id)).all()
        return [
            RedemptionRecord(
                r.id,
                r.resident_id,
                r.bill_id,
                r.points,
                r.bill_open_fen,
                r.balance_after,
                r.cashier,
                r.created_at,
            )
            for r in rows
        ]


def _chained(conn: Connection, redemption_id: str) -> dict[str, Any] | None:
    row = conn.exec_driver_sql(
        "SELECT id, resident_id, bill_id, points, bill_open_fen, balance_after, cashier,"
        " created_at FROM redemptions WHERE id = ?",
        (redemption_id,),
    ).first()
    return None if row is None else dict(row._mapping)


chain_repo.register("redemption", _chained, table="redemptions", id_column="id")
