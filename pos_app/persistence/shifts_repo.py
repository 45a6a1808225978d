"""Shifts on disk: open one, record cash in/out, read the shift's sales,
refunds and redemptions (this till's, since the shift opened) for the X and Z
reads, and close it with its Z report and outbox record in one transaction.

Cash moved in or out and the Z close each write their audit entry in their own
transaction (cash_in, cash_out, shift_close).

A sale belongs to the shift that was open on this till when it was recorded:
the time span [opened, closed) of the one open shift. Only one shift can be
open (a partial unique index), so spans never overlap.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Connection, Engine, Table, func, insert, select, update

from pos_app.core.shift import (
    CashMovement,
    MovementKind,
    ShiftRedemption,
    ShiftRefund,
    ShiftSale,
    TenderAmount,
)
from pos_app.persistence import chain_repo
from pos_app.persistence.audit_repo import write_entry
from pos_app.persistence.db import Reader, writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.member_models import RefundPaymentRow, RefundRow, SaleMemberRow
from pos_app.persistence.models import OutboxRow, SalePaymentRow, SaleRow
from pos_app.persistence.redemption_models import RedemptionRow
from pos_app.persistence.shift_models import ShiftMovementRow, ShiftRow

SH = cast(Table, ShiftRow.__table__)
MV = cast(Table, ShiftMovementRow.__table__)
S = cast(Table, SaleRow.__table__)
PAY = cast(Table, SalePaymentRow.__table__)
SM = cast(Table, SaleMemberRow.__table__)
RF = cast(Table, RefundRow.__table__)
RP = cast(Table, RefundPaymentRow.__table__)
OUT = cast(Table, OutboxRow.__table__)
RD = cast(Table, RedemptionRow.__table__)

_NEXT_SHIFT = "UPDATE counters SET value = value + 1 WHERE name = 'shift' RETURNING value"


@dataclass(frozen=True, slots=True)
class ShiftRecord:
    """A shift as stored; the close fields are None while it is open."""

    shift_id: str
    shift_no: str
    store_code: str
    terminal_code: str
    opened_at: datetime
    opened_by: str
    float_fen: int
    closed_at: datetime | None = None
    closed_by: str | None = None
    approved_by: str | None = None
    figures: dict[str, object] | None = None
    counted: dict[int, int] | None = None
    counted_fen: int | None = None
    expected_fen: int | None = None
    difference_fen: int | None = None


def _record(row: object) -> ShiftRecord:
    m = row._mapping  # type: ignore[attr-defined]
    return ShiftRecord(
        shift_id=m["id"],
        shift_no=m["shift_no"],
        store_code=m["store_code"],
        terminal_code=m["terminal_code"],
        opened_at=m["created_at"],
        opened_by=m["opened_by"],
        float_fen=m["float_fen"],
        closed_at=m["closed_at"],
        closed_by=m["closed_by"],
        approved_by=m["approved_by"],
        figures=None if m["figures"] is None else json.loads(m["figures"]),
        counted=None
        if m["counted"] is None
        else {int(k): int(v) for k, v in json.loads(m["counted"]).items()},
        counted_fen=m["counted_fen"],
        expected_fen=m["expected_fen"],
        difference_fen=m["difference_fen"],
    )


class ShiftsRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)
        self._reader = Reader(engine)  # one plain statement: every sale asks it

    def current_id(self) -> str | None:
        """The open shift's id, or None (one indexed read, no pool, no transaction)."""
        row = (
            self._reader.connection()
            .execute("SELECT id FROM shifts WHERE closed_at IS NULL LIMIT 1")
            .fetchone()
        )
        return None if row is None else str(row[0])

    def open(
        self, *, store_code: str, terminal_code: str, opened_by: str, float_fen: int, now: datetime
    ) -> ShiftRecord:
        """A new shift; LookupError-free: the caller checked none is open (the
        unique index still refuses a second one, as an integrity error)."""
        shift_id = str(uuid.uuid4())
        with storage_errors(), self._writer.begin() as conn:
            seq = conn.exec_driver_sql(_NEXT_SHIFT).scalar_one()
            conn.execute(
                insert(SH),
                {
                    "id": shift_id,
                    "shift_no": f"{store_code}-{terminal_code}-Z{seq:05d}",
                    "store_code": store_code,
                    "terminal_code": terminal_code,
                    "created_at": now,
                    "opened_by": opened_by,
                    "float_fen": float_fen,
                },
            )
            row = conn.execute(select(SH).where(SH.c.id == shift_id)).one()
        return _record(row)

    def current(self) -> ShiftRecord | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(SH).where(SH.c.closed_at.is_(None))).first()
        return None if row is None else _record(row)

    def get(self, shift_id: str) -> ShiftRecord | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(SH).where(SH.c.id == shift_id)).first()
        return None if row is None else _record(row)

    def recent(self, limit: int = 20) -> list[ShiftRecord]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(SH).order_by(SH.c.created_at.desc()).limit(limit))
            return [_record(r) for r in rows]

    def add_movement(self, shift_id: str, movement: CashMovement) -> None:
        """The movement and its audit entry, in one transaction."""
        with storage_errors(), self._writer.begin() as conn:
            shift_no, terminal = conn.execute(
                select(SH.c.shift_no, SH.c.terminal_code).where(SH.c.id == shift_id)
            ).one()
            conn.execute(
                insert(MV),
                {
                    "id": movement.movement_id,
                    "shift_id": shift_id,
                    "kind": movement.kind.value,
                    "amount_fen": movement.amount_fen,
                    "reason": movement.reason,
                    "cashier": movement.cashier,
                    "created_at": movement.at,
                },
            )
            # no reason text in the log (a cashier may type anything there): the
            # movement's id leads to it, and the row is chained with its shift
            write_entry(
                conn,
                at=movement.at,
                terminal=terminal,
                actor=movement.cashier,
                kind=movement.kind.value,
                subject=shift_no,
                details={"amount_fen": movement.amount_fen, "movement_id": movement.movement_id},
            )

    def movements(self, shift_id: str) -> list[CashMovement]:
        stmt = select(MV).where(MV.c.shift_id == shift_id).order_by(MV.c.created_at, MV.c.id)
        with self._engine.connect() as conn:
            return [
                CashMovement(
                    kind=MovementKind(r.kind),
                    amount_fen=r.amount_fen,
                    reason=r.reason,
                    at=r.created_at,
                    cashier=r.cashier,
                    movement_id=r.id,
                )
                for r in conn.execute(stmt)
            ]

    def sales_between(self, start: datetime, end: datetime | None) -> list[ShiftSale]:
        """This till's sales recorded in [start, end), with payments and points."""
        with self._engine.connect() as conn:
            return _sales(conn, start, end)

    def refunds_between(self, start: datetime, end: datetime | None) -> list[ShiftRefund]:
        with self._engine.connect() as conn:
            return _refunds(conn, start, end)

    def redemptions_between(self, start: datetime, end: datetime | None) -> list[ShiftRedemption]:
        """The redemptions (核销) granted at this till in [start, end)."""
        stmt = select(RD.c.points).where(*_span(RD.c.created_at, start, end))
        with self._engine.connect() as conn:
            points = conn.execute(stmt.order_by(RD.c.created_at, RD.c.id)).scalars()
            return [ShiftRedemption(int(p)) for p in points]

    def close(
        self,
        shift_id: str,
        *,
        closed_at: datetime,
        closed_by: str,
        approved_by: str | None,
        figures: dict[str, object],
        counted: dict[int, int],
        counted_fen: int,
        difference_fen: int,
        outbox_payload: dict[str, object],
    ) -> ShiftRecord:
        """Store the Z report and queue the shift for the central server, at once."""
        with storage_errors(), self._writer.begin() as conn:
            done = conn.execute(
                update(SH)
                .where(SH.c.id == shift_id, SH.c.closed_at.is_(None))
                .values(
                    closed_at=closed_at,
                    closed_by=closed_by,
                    approved_by=approved_by,
                    figures=json.dumps(figures, ensure_ascii=False),
                    counted=json.dumps({str(k): v for k, v in counted.items()}),
                    counted_fen=counted_fen,
                    expected_fen=figures["expected_cash_fen"],
                    difference_fen=difference_fen,
                )
            ).rowcount
            if done != 1:
                raise LookupError(shift_id)
            # a closed shift is a record of money: chained like sales and refunds
            chain_repo.append(conn, "shift", shift_id)
            shift_no, terminal = conn.execute(
                select(SH.c.shift_no, SH.c.terminal_code).where(SH.c.id == shift_id)
            ).one()
            write_entry(
                conn,
                at=closed_at,
                terminal=terminal,
                actor=closed_by,
                kind="shift_close",
                subject=shift_no,
                details={
                    "expected_fen": cast(int, figures["expected_cash_fen"]),
                    "counted_fen": counted_fen,
                    "difference_fen": difference_fen,
                    "approved_by": approved_by or "",
                },
            )
            conn.execute(
                insert(OUT),
                {
                    "item_id": str(uuid.uuid4()),
                    "kind": "shift",
                    "aggregate_id": shift_id,
                    "payload": json.dumps(outbox_payload, ensure_ascii=False),
                    "created_at": closed_at,
                    "attempts": 0,
                },
            )
            row = conn.execute(select(SH).where(SH.c.id == shift_id)).one()
        return _record(row)

    def count(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(SH)).scalar_one())


def _span(column: Any, start: datetime, end: datetime | None) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [column >= start]
    if end is not None:
        conds.append(column < end)
    return conds


def _sales(conn: Connection, start: datetime, end: datetime | None) -> list[ShiftSale]:
    heads = conn.execute(
        select(S.c.id, S.c.total_fen, S.c.rounding_fen, SM.c.points)
        .select_from(S.outerjoin(SM, SM.c.sale_id == S.c.id))
        .where(*_span(S.c.created_at, start, end))
        .order_by(S.c.sequence)
    ).all()
    ids = [h.id for h in heads]
    pays: dict[str, list[TenderAmount]] = {i: [] for i in ids}
    if ids:
        for p in conn.execute(
            select(PAY.c.sale_id, PAY.c.kind, PAY.c.amount_fen, PAY.c.tendered_fen)
            .where(PAY.c.sale_id.in_(ids))
            .order_by(PAY.c.sale_id, PAY.c.seq)
        ):
            pays[p.sale_id].append(TenderAmount(p.kind, p.amount_fen, p.tendered_fen))
    return [ShiftSale(h.total_fen, h.rounding_fen, tuple(pays[h.id]), h.points or 0) for h in heads]


def _refunds(conn: Connection, start: datetime, end: datetime | None) -> list[ShiftRefund]:
    heads = conn.execute(
        select(RF.c.id, RF.c.total_fen, RF.c.points_clawback)
        .where(*_span(RF.c.created_at, start, end))
        .order_by(RF.c.created_at)
    ).all()
    ids = [h.id for h in heads]
    pays: dict[str, list[TenderAmount]] = {i: [] for i in ids}
    if ids:
        for p in conn.execute(
            select(RP.c.refund_id, RP.c.kind, RP.c.amount_fen)
            .where(RP.c.refund_id.in_(ids))
            .order_by(RP.c.refund_id, RP.c.seq)
        ):
            pays[p.refund_id].append(TenderAmount(p.kind, p.amount_fen))
    return [ShiftRefund(h.total_fen, tuple(pays[h.id]), h.points_clawback) for h in heads]


def _chained_shift(conn: Connection, shift_id: str) -> dict[str, Any] | None:
    """A closed shift as the hash chain sees it: its row and its cash movements
    (an open shift is not chained yet: it is chained when it closes)."""
    row = conn.exec_driver_sql(
        "SELECT id, shift_no, store_code, terminal_code, created_at, opened_by, float_fen,"
        " closed_at, closed_by, approved_by, figures, counted, counted_fen, expected_fen,"
        " difference_fen FROM shifts WHERE id = ? AND closed_at IS NOT NULL",
        (shift_id,),
    ).first()
    if row is None:
        return None
    payload = dict(row._mapping)
    payload["movements"] = [
        dict(m._mapping)
        for m in conn.exec_driver_sql(
            "SELECT id, kind, amount_fen, reason, cashier, created_at FROM shift_movements"
            " WHERE shift_id = ? ORDER BY created_at, id",
            (shift_id,),
        )
    ]
    return payload


chain_repo.register(
    "shift",
    _chained_shift,
    table="(SELECT id FROM shifts WHERE closed_at IS NOT NULL)",
    id_column="id",
)
