"""The hash chain on disk: append a record's link in its own transaction, read
the chain back to verify it.

`append(conn, kind, record_id)` is called by each writer of an append-only
record (sales_repo, refunds_repo, members_repo, audit_repo) inside the
transaction that wrote the record: the link and the record reach the disk
together or not at all. The payload that is hashed is read back from the rows
just written, by the same reader `verify` uses later, so the two can never
disagree about what a record is. Each reader names its columns: a column added
to a table later does not change the payloads of the records already chained.

Another kind (a shift, …) joins with `register(kind, reader, table, id_column)`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine

from pos_app.core.chain import GENESIS, Break, Payload, StoredLink, link_hash, verify

Reader = Callable[[Connection, str], Payload | None]

_NEXT_SEQ = "UPDATE counters SET value = value + 1 WHERE name = 'chain' RETURNING value"
_HASH_AT = "SELECT hash FROM chain_links WHERE seq = ?"
#: the chain's readers run in migrations too (0011, 0013), before the tables of 0015 exist
_HAS_PROMOTIONS = (
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sale_line_promotions'"
)
_INSERT = "INSERT INTO chain_links (seq, kind, record_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?)"
#: modules that register a kind of their own when imported: a check imports them
#: first, since a process that only verifies (`yuancang-pos verify`) has not, and
#: would otherwise read every closed shift and redemption as a record gone
REGISTERING_MODULES = (
    "pos_app.persistence.shifts_repo",
    "pos_app.persistence.redemptions_repo",
    "pos_app.persistence.events_repo",
)
#: the kinds the central server receives (their outbox payloads carry a ChainRef)
PUSHED_KINDS = ("sale", "refund")
#: the pushed link before a seq. `+kind` keeps SQLite off the (kind, record_id)
#: index, which made it read and sort every sale the till ever made, on every
#: sale; walking the primary key back stops at the first pushed link, a step or two.
PREVIOUS_PUSHED = (
    "SELECT seq, hash FROM chain_links WHERE +kind IN ({}) AND seq < ?"
    " ORDER BY seq DESC LIMIT 1".format(", ".join(f"'{k}'" for k in PUSHED_KINDS))
)


@dataclass(frozen=True, slots=True)
class ChainEntry:
    seq: int
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class _Kind:
    reader: Reader
    table: str
    id_column: str


_KINDS: dict[str, _Kind] = {}


def register(kind: str, reader: Reader, *, table: str, id_column: str) -> None:
    """Make `kind` chainable: `reader` gives a record's payload by id (None if gone)."""
    _KINDS[kind] = _Kind(reader, table, id_column)


def _raw(conn: Connection, sql: str, params: tuple[Any, ...] = ()) -> Any:
    """A statement on the DBAPI connection of `conn`'s transaction: the same values
    as `exec_driver_sql`, without its per-call overhead (about 0.1 ms each here,
    and a sale's link reads several statements inside the checkout's commit)."""
    return conn.connection.dbapi_connection.execute(sql, params)  # type: ignore[union-attr]


def _one(conn: Connection, sql: str, key: str | int) -> dict[str, Any] | None:
    cursor = _raw(conn, sql, (key,))
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip((d[0] for d in cursor.description), row, strict=True))


def _all(conn: Connection, sql: str, key: str) -> list[dict[str, Any]]:
    cursor = _raw(conn, sql, (key,))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _sale(conn: Connection, sale_id: str) -> Payload | None:
    head = _one(
        conn,
        "SELECT id, receipt_no, store_code, terminal_code, sequence, cashier, created_at,"
        " subtotal_fen, discount_fen, total_fen, change_fen, eligible_fen, line_count,"
        " rounding_fen FROM sales WHERE id = ?",
        sale_id,
    )
    if head is None:
        return None
    head["lines"] = _all(
        conn,
        "SELECT line_no, product_id, sku, name, category, points_eligible, unit,"
        " unit_price_fen, quantity, barcode, fixed_amount_fen, gross_fen, discount_fen,"
        " amount_fen, voided, open_price FROM sale_lines WHERE sale_id = ? ORDER BY line_no",
        sale_id,
    )
    head["payments"] = _all(
        conn,
        "SELECT seq, kind, amount_fen, tendered_fen, reference FROM sale_payments"
        " WHERE sale_id = ? ORDER BY seq",
        sale_id,
    )
    head["member"] = _one(
        conn,
        "SELECT resident_id, community_id, property_company_id, code_nonce, eligible_fen,"
        " points, share_bps, points_bps, contract_from, code, balance_after"
        " FROM sale_members WHERE sale_id = ?",
        sale_id,
    )
    if _raw(conn, _HAS_PROMOTIONS).fetchone() is not None:  # 0015 and later
        _promotions(conn, sale_id, head)
    return head


def _promotions(conn: Connection, sale_id: str, head: dict[str, Any]) -> None:
    """A sale's event and promotions, added to its payload only when it has them: a
    sale at no event and with no promotion hashes exactly as sales did before (0015),
    so older chains still verify."""
    event = _raw(conn, "SELECT event_id FROM sales WHERE id = ?", (sale_id,)).fetchone()
    if event is not None and event[0] is not None:
        head["event_id"] = event[0]
    applied = _all(
        conn,
        "SELECT line_no, seq, promo_id, saving_fen FROM sale_line_promotions"
        " WHERE sale_id = ? ORDER BY line_no, seq",
        sale_id,
    )
    if applied:
        head["promotions"] = {
            "lines": applied,
            "definitions": _all(
                conn,
                "SELECT promo_id, definition FROM sale_promotions"
                " WHERE sale_id = ? ORDER BY promo_id",
                sale_id,
            ),
        }


def _refund(conn: Connection, refund_id: str) -> Payload | None:
    head = _one(
        conn,
        "SELECT id, refund_no, sale_id, created_at, cashier, approved_by, reason, total_fen,"
        " eligible_fen, points_clawback FROM refunds WHERE id = ?",
        refund_id,
    )
    if head is None:
        return None
    head["lines"] = _all(
        conn,
        "SELECT line_no, quantity, amount_fen, eligible, restock FROM refund_lines"
        " WHERE refund_id = ? ORDER BY line_no",
        refund_id,
    )
    head["payments"] = _all(
        conn,
        "SELECT seq, kind, amount_fen, reference FROM refund_payments"
        " WHERE refund_id = ? ORDER BY seq",
        refund_id,
    )
    return head


def _ledger(conn: Connection, entry_id: str) -> Payload | None:
    return _one(
        conn,
        "SELECT entry_id, resident_id, kind, points, sale_id, refund_id, created_at"
        " FROM points_ledger WHERE entry_id = ?",
        entry_id,
    )


def _audit(conn: Connection, audit_id: str) -> Payload | None:
    if not audit_id.isdigit():
        return None
    return _one(
        conn,
        "SELECT id, at, terminal, actor, kind, subject, details FROM audit_log WHERE id = ?",
        int(audit_id),
    )


register("sale", _sale, table="sales", id_column="id")
register("refund", _refund, table="refunds", id_column="id")
register("ledger", _ledger, table="points_ledger", id_column="entry_id")
register("audit", _audit, table="audit_log", id_column="id")


def payload_of(conn: Connection, kind: str, record_id: str) -> Payload | None:
    """A chained record's payload as it reads now (None if gone or of no known kind)."""
    known = _KINDS.get(kind)
    return None if known is None else known.reader(conn, record_id)


def append(conn: Connection, kind: str, record_id: str) -> ChainEntry:
    """Chain the record just written, inside its transaction; its link."""
    payload = _KINDS[kind].reader(conn, record_id)
    if payload is None:
        raise LookupError(f"{kind} {record_id} is not written yet")
    seq = int(_raw(conn, _NEXT_SEQ).fetchone()[0])
    found = _raw(conn, _HASH_AT, (seq - 1,)).fetchone() if seq > 1 else None
    prev_hash = (found[0] if found else None) or GENESIS  # a chain already broken: verify says
    h = link_hash(prev_hash, kind, record_id, seq, payload)
    _raw(conn, _INSERT, (seq, kind, record_id, prev_hash, h))
    return ChainEntry(seq, prev_hash, h)


def chain_ref(conn: Connection, entry: ChainEntry) -> dict[str, object]:
    """What a pushed record tells the central server of its place in the chain: its
    own seq and hash, and those of this till's previous pushed record (the chain's
    ledger and audit entries in between are not pushed)."""
    prev = _raw(conn, PREVIOUS_PUSHED, (entry.seq,)).fetchone()
    return {
        "seq": entry.seq,
        "hash": entry.hash,
        "prev_seq": 0 if prev is None else int(prev[0]),
        "prev_hash": GENESIS if prev is None else str(prev[1]),
    }


def _links(conn: Connection) -> Iterator[StoredLink]:
    rows = conn.exec_driver_sql(
        "SELECT seq, kind, record_id, prev_hash, hash FROM chain_links ORDER BY seq"
    ).all()
    for seq, kind, record_id, prev_hash, h in rows:
        yield StoredLink(seq, kind, record_id, prev_hash, h, payload_of(conn, kind, record_id))


def _unchained(conn: Connection) -> list[tuple[str, str]]:
    found = []
    for kind, k in _KINDS.items():
        sql = (
            f"SELECT CAST({k.id_column} AS TEXT) FROM {k.table} WHERE CAST({k.id_column} AS TEXT)"
            " NOT IN (SELECT record_id FROM chain_links WHERE kind = ?)"
        )
        found += [(kind, str(r[0])) for r in conn.exec_driver_sql(sql, (kind,))]
    return found


def check(engine: Engine) -> tuple[Break | None, int]:
    """The first break of this database's chain (None when whole), and its length."""
    for module in REGISTERING_MODULES:
        importlib.import_module(module)
    with engine.connect() as conn:
        head = conn.exec_driver_sql("SELECT value FROM counters WHERE name = 'chain'").scalar()
        found = verify(
            _links(conn), head=None if head is None else int(head), unchained=_unchained(conn)
        )
        return found, int(head or 0)


def chain_existing(conn: Connection) -> int:
    """Chain the records written before the chain existed, oldest first (migration
    0013); how many."""
    rows = conn.exec_driver_sql(
        "SELECT created_at, 0, sequence, 'sale', id FROM sales"
        " UNION ALL SELECT created_at, 1, 0, 'refund', id FROM refunds"
        " UNION ALL SELECT created_at, 2, id, 'ledger', entry_id FROM points_ledger"
    ).all()
    # a sale before its own ledger entry, a refund before its clawback
    for *_, kind, record_id in sorted(rows, key=lambda r: (r[0], r[1], r[2], r[4])):
        append(conn, kind, record_id)
    return len(rows)
