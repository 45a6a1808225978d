"""Completed sales: written with their lines, payments, receipt number and outbox
record in one durable transaction, and read back for history and reprints.

A promoted sale also writes, in that same transaction, what each line got
(`sale_line_promotions`) and the definitions applied (`sale_promotions`); a
line's `discount_fen` is everything taken off it, the cashier's and the
promotions', as the sale is sent."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from pos_app.core.promo_codec import promotion_to_dict
from pos_app.core.sale import Sale, sale_to_dict
from pos_app.persistence.audit_repo import write_entry
from pos_app.persistence.chain_repo import append, chain_ref
from pos_app.persistence.db import writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.members_repo import write_sale_member
from pos_app.persistence.models import (
    SaleLineRow,
    SalePaymentRow,
    SaleRow,
    UtcDateTime,
)

CURRENT_CART_KEY = "current_cart"

S = SaleRow.__table__
L = SaleLineRow.__table__
PAY = SalePaymentRow.__table__

_NEXT_RECEIPT_SQL = "UPDATE counters SET value = value + 1 WHERE name = 'receipt' RETURNING value"
_INSERT_SALE = (
    "INSERT INTO sales (id, receipt_no, store_code, terminal_code, sequence, cashier,"
    " created_at, subtotal_fen, discount_fen, total_fen, change_fen, eligible_fen,"
    " line_count, rounding_fen, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_LINE = (
    "INSERT INTO sale_lines (sale_id, line_no, product_id, sku, name, category,"
    " points_eligible, unit, unit_price_fen, quantity, barcode, fixed_amount_fen, gross_fen,"
    " discount_fen, amount_fen, voided, open_price)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_LINE_PROMO = (
    "INSERT INTO sale_line_promotions (sale_id, line_no, seq, promo_id, saving_fen)"
    " VALUES (?, ?, ?, ?, ?)"
)
_INSERT_SALE_PROMO = "INSERT INTO sale_promotions (sale_id, promo_id, definition) VALUES (?, ?, ?)"
_INSERT_PAYMENT = (
    "INSERT INTO sale_payments (sale_id, seq, kind, amount_fen, tendered_fen, reference)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_OUTBOX = (
    "INSERT INTO outbox (item_id, kind, aggregate_id, payload, created_at, attempts)"
    " VALUES (?, ?, ?, ?, ?, 0)"
)
_DROP_CART = "DELETE FROM settings WHERE key = ?"


_UTC_TEXT = UtcDateTime()


def _stamp(when: datetime) -> str:
    """`when` as UtcDateTime stores it (the same text the ORM columns read back)."""
    return _UTC_TEXT.process_bind_param(when, None)  # type: ignore[no-untyped-call,no-any-return]


def _audit_voids(conn: Connection, sale: Sale) -> None:
    """A line voided before payment stays in the record; the audit log names it."""
    for ln in sale.lines:
        if ln.voided:
            write_entry(
                conn,
                at=sale.created_at,
                terminal=sale.terminal_code,
                actor=sale.cashier,
                kind="line_void",
                subject=sale.receipt_no,
                details={"line_no": ln.line_no, "sku": ln.sku, "gross_fen": ln.gross.fen},
            )


def _write_promotions(db: Any, sale: Sale) -> None:
    """What each line got and the definitions applied, as plain tuples (the
    commit path: see `SalesRepository.record`)."""
    db.executemany(
        _INSERT_LINE_PROMO,
        [
            (sale.sale_id, ln.line_no, seq, applied.promo_id, applied.saving.fen)
            for ln in sale.lines
            for seq, applied in enumerate(ln.promotions, start=1)
        ],
    )
    db.executemany(
        _INSERT_SALE_PROMO,
        [
            (
                sale.sale_id,
                promo.promo_id,
                json.dumps(promotion_to_dict(promo), ensure_ascii=False, sort_keys=True),
            )
            for promo in sale.promotions
        ],
    )


@dataclass(frozen=True, slots=True)
class SaleSummary:
    sale_id: str
    receipt_no: str
    created_at: datetime
    cashier: str
    total_fen: int  # what the customer paid: the total less its 抹零
    line_count: int


_SUMMARY = (
    S.c.id,
    S.c.receipt_no,
    S.c.created_at,
    S.c.cashier,
    (S.c.total_fen - S.c.rounding_fen).label("total_fen"),
    S.c.line_count,
)


class SalesRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)  # BEGIN IMMEDIATE for writes

    def record(self, make_sale: Callable[[int], Sale]) -> Sale:
        """Allocate the next receipt number and store the sale it builds, atomically.

        Either the sale, every line, every payment, the counter and the outbox
        row are on disk, or none of them is.

        The rows go straight to the DBAPI connection of this transaction as plain
        tuples (one executemany for the lines): through Core's insert() constructs,
        and even `exec_driver_sql` (about 0.1 ms a statement), the Python work was
        more than the durable commit itself (benchmarks/bench_commit.py).
        """
        with storage_errors(), self._writer.begin() as conn:
            db = conn.connection.dbapi_connection  # the transaction's own: see below
            assert db is not None
            sequence = db.execute(_NEXT_RECEIPT_SQL).fetchone()[0]
            sale = make_sale(sequence)
            t, body = sale.totals, sale_to_dict(sale)
            at = _stamp(sale.created_at)
            db.execute(
                _INSERT_SALE,
                (
                    sale.sale_id,
                    sale.receipt_no,
                    sale.store_code,
                    sale.terminal_code,
                    sequence,
                    sale.cashier,
                    at,
                    t.subtotal.fen,
                    t.discount.fen,
                    t.total.fen,
                    sale.change.fen,
                    body["eligible_fen"],  # computed once (spread over the lines)
                    len(sale.lines),
                    sale.rounding.fen,
                    sale.event_id,
                ),
            )
            db.executemany(
                _INSERT_LINE,
                [
                    (
                        sale.sale_id,
                        ln.line_no,
                        ln.product_id,
                        ln.sku,
                        ln.name,
                        ln.category,
                        ln.points_eligible,
                        ln.unit.value,
                        ln.unit_price.fen,
                        ln.quantity,
                        ln.barcode,
                        None if ln.fixed_amount is None else ln.fixed_amount.fen,
                        ln.gross.fen,
                        (ln.discount + ln.promo_saving).fen if ln.promotions else ln.discount.fen,
                        ln.amount.fen,
                        ln.voided,
                        ln.open_price,
                    )
                    for ln in sale.lines
                ],
            )
            if sale.promotions:
                _write_promotions(db, sale)
            if sale.payments:
                db.executemany(
                    _INSERT_PAYMENT,
                    [
                        (
                            sale.sale_id,
                            i,
                            p.kind.value,
                            p.amount.fen,
                            p.tendered.fen,
                            p.reference,
                        )
                        for i, p in enumerate(sale.payments, start=1)
                    ],
                )
            write_sale_member(conn, sale)
            # the chain hashes the rows as written (with the member's), and the pushed
            # payload says where the sale sits in it: so the outbox row comes last
            body["chain"] = chain_ref(conn, append(conn, "sale", sale.sale_id))
            db.execute(
                _INSERT_OUTBOX,
                (
                    str(uuid.uuid4()),
                    "sale",
                    sale.sale_id,
                    json.dumps(body, ensure_ascii=False),
                    at,
                ),
            )
            _audit_voids(conn, sale)
            # the cart in progress became this sale: never restore it after a crash
            db.execute(_DROP_CART, (CURRENT_CART_KEY,))
        return sale

    def count(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(S)).scalar_one())

    def recent(self, limit: int = 50) -> list[SaleSummary]:
        stmt = select(*_SUMMARY).order_by(S.c.sequence.desc()).limit(limit)
        with self._engine.connect() as conn:
            return [SaleSummary(*row) for row in conn.execute(stmt)]

    def find_by_receipt(self, receipt_no: str) -> SaleSummary | None:
        stmt = select(*_SUMMARY).where(S.c.receipt_no == receipt_no)
        with self._engine.connect() as conn:
            row = conn.execute(stmt).first()
        return None if row is None else SaleSummary(*row)

    def lines(self, sale_id: str) -> list[dict[str, object]]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(L).where(L.c.sale_id == sale_id).order_by(L.c.line_no))
            return [dict(r._mapping) for r in rows]

    def payments(self, sale_id: str) -> list[dict[str, object]]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(PAY).where(PAY.c.sale_id == sale_id).order_by(PAY.c.seq))
            return [dict(r._mapping) for r in rows]
