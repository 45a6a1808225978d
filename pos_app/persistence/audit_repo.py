"""The audit log on disk: an entry is written and chained in one transaction,
either inside another writer's transaction (a refund, a sale with voided lines)
or in its own; entries are read back newest first for the manager."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine

from pos_app.core.chain import canonical
from pos_app.persistence.chain_repo import append
from pos_app.persistence.db import writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.models import UtcDateTime

Detail = str | int | bool | None
#: price changes of one catalog import, or of one pull from the central server,
#: recorded one by one (the import's or the page's own entry counts them all)
MAX_PRICE_ENTRIES = 2000
_INSERT = (
    "INSERT INTO audit_log (at, terminal, actor, kind, subject, details)"
    " VALUES (?, ?, ?, ?, ?, ?) RETURNING id"
)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    terminal: str
    actor: str
    kind: str
    subject: str
    details: dict[str, Detail]


def write_entry(
    conn: Connection,
    *,
    at: datetime,
    terminal: str,
    actor: str,
    kind: str,
    subject: str,
    details: Mapping[str, Detail],
) -> int:
    """Inside the caller's transaction: the entry and its chain link; its id."""
    stamp = UtcDateTime().process_bind_param(at, conn.dialect)  # type: ignore[no-untyped-call]
    text = canonical(dict(details)).decode("utf-8")
    row = (stamp, terminal[:16], actor[:64], kind[:32], subject[:128], text)
    entry_id = int(conn.exec_driver_sql(_INSERT, row).scalar_one())
    append(conn, "audit", str(entry_id))
    return entry_id


class AuditRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def write(self, **entry: object) -> int:
        """One entry in its own transaction (see `write_entry` for the fields)."""
        return self.write_many([entry])[0]

    def write_many(self, entries: list[dict[str, object]]) -> list[int]:
        """Several entries in one transaction, in order; their ids."""
        with storage_errors(), self._writer.begin() as conn:
            return [write_entry(conn, **e) for e in entries]  # type: ignore[arg-type]

    def prices(self) -> dict[str, tuple[int, int | None]]:
        """Every product's price and member price by SKU (before and after an import)."""
        with self._engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT sku, price_fen, member_price_fen FROM products")
            return {sku: (price, member) for sku, price, member in rows}

    def recent(self, limit: int = 100, *, kind: str | None = None) -> list[AuditEntry]:
        sql = "SELECT id, at, terminal, actor, kind, subject, details FROM audit_log"
        args: tuple[object, ...] = ()
        if kind is not None:
            sql += " WHERE kind = ?"
            args = (kind,)
        sql += " ORDER BY id DESC LIMIT ?"
        with self._engine.connect() as conn:
            rows = conn.exec_driver_sql(sql, (*args, limit)).all()
        return [
            AuditEntry(r[0], datetime.fromisoformat(r[1]), r[2], r[3], r[4], r[5], json.loads(r[6]))
            for r in rows
        ]
