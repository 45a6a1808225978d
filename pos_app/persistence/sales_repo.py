"""Completed sales: written with their lines, payments, receipt number and outbox
record in one durable transaction, and read back for history and reprints."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, func, insert, select, update

from pos_app.core.sale import Sale, sale_to_dict
from pos_app.persistence.db import writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.members_repo import write_sale_member
from pos_app.persistence.models import (
    CounterRow,
    OutboxRow,
    SaleLineRow,
    SalePaymentRow,
    SaleRow,
    SettingRow,
)

CURRENT_CART_KEY = "current_cart"

S = SaleRow.__table__
L = SaleLineRow.__table__
PAY = SalePaymentRow.__table__
OUTBOX = OutboxRow.__table__
N = CounterRow.__table__
SET = SettingRow.__table__

_NEXT_RECEIPT = (
    update(N).where(N.c.name == "receipt").values(value=N.c.value + 1).returning(N.c.value)
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
        """
        with storage_errors(), self._writer.begin() as conn:
            sequence = conn.execute(_NEXT_RECEIPT).scalar_one()
            sale = make_sale(sequence)
            t = sale.totals
            conn.execute(
                insert(S),
                {
                    "id": sale.sale_id,
                    "receipt_no": sale.receipt_no,
                    "store_code": sale.store_code,
                    "terminal_code": sale.terminal_code,
                    "sequence": sequence,
                    "cashier": sale.cashier,
                    "created_at": sale.created_at,
                    "subtotal_fen": t.subtotal.fen,
                    "discount_fen": t.discount.fen,
                    "total_fen": t.total.fen,
                    "change_fen": sale.change.fen,
                    "eligible_fen": sale.eligible_amount.fen,
                    "line_count": len(sale.lines),
                    "rounding_fen": sale.rounding.fen,
                },
            )
            conn.execute(
                insert(L),
                [
                    {
                        "sale_id": sale.sale_id,
                        "line_no": ln.line_no,
                        "product_id": ln.product_id,
                        "sku": ln.sku,
                        "name": ln.name,
                        "category": ln.category,
                        "points_eligible": ln.points_eligible,
                        "unit": ln.unit.value,
                        "unit_price_fen": ln.unit_price.fen,
                        "quantity": ln.quantity,
                        "barcode": ln.barcode,
                        "fixed_amount_fen": None
                        if ln.fixed_amount is None
                        else ln.fixed_amount.fen,
                        "gross_fen": ln.gross.fen,
                        "discount_fen": ln.discount.fen,
                        "amount_fen": ln.amount.fen,
                        "voided": ln.voided,
                        "open_price": ln.open_price,
                    }
                    for ln in sale.lines
                ],
            )
            if sale.payments:
                conn.execute(
                    insert(PAY),
                    [
                        {
                            "sale_id": sale.sale_id,
                            "seq": i,
                            "kind": p.kind.value,
                            "amount_fen": p.amount.fen,
                            "tendered_fen": p.tendered.fen,
                            "reference": p.reference,
                        }
                        for i, p in enumerate(sale.payments, start=1)
                    ],
                )
            conn.execute(
                insert(OUTBOX),
                {
                    "item_id": str(uuid.uuid4()),
                    "kind": "sale",
                    "aggregate_id": sale.sale_id,
                    "payload": json.dumps(sale_to_dict(sale), ensure_ascii=False),
                    "created_at": sale.created_at,
                    "attempts": 0,
                },
            )
            write_sale_member(conn, sale)
            # the cart in progress became this sale: never restore it after a crash
            conn.execute(delete(SET).where(SET.c.key == CURRENT_CART_KEY))
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
