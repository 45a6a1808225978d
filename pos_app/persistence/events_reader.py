"""An event's records read back as the plain records of `pos_app.core.event_report`:
its samples, feedback, tallies and leads, the sales made at it (non-voided
lines, the resident of a member sale), the refunds of those sales (by their
lines: the report is net of them), and the residents who had bought at this
till before it (so the report can tell the new ones)."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Engine, func, select

from pos_app.core.event_report import (
    FeedbackRec,
    LeadRec,
    RefundLineRec,
    RefundRec,
    SaleLineRec,
    SaleRec,
    SampleRec,
    TallyRec,
)
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.events_repo import FEEDBACK, LEADS, SAMPLES, VISITORS
from pos_app.persistence.member_models import RefundLineRow, RefundRow, SaleMemberRow
from pos_app.persistence.models import SaleLineRow, SaleRow

S, L, SM = SaleRow.__table__, SaleLineRow.__table__, SaleMemberRow.__table__
RF, RL = RefundRow.__table__, RefundLineRow.__table__


class EventsReader:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def samples(self, event_id: str) -> list[SampleRec]:
        stmt = select(SAMPLES).where(SAMPLES.c.event_id == event_id).order_by(SAMPLES.c.at)
        with storage_errors(), self._engine.connect() as conn:
            return [
                SampleRec(r.sku, r.quantity, r.unit, r.cost_fen, r.at) for r in conn.execute(stmt)
            ]

    def sample_cost_fen(self, event_id: str) -> int:
        stmt = select(func.coalesce(func.sum(SAMPLES.c.cost_fen), 0)).where(
            SAMPLES.c.event_id == event_id
        )
        with storage_errors(), self._engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def feedback(self, event_id: str) -> list[FeedbackRec]:
        stmt = select(FEEDBACK).where(FEEDBACK.c.event_id == event_id).order_by(FEEDBACK.c.at)
        with storage_errors(), self._engine.connect() as conn:
            return [
                FeedbackRec(r.sku, r.rating, tuple(json.loads(r.tags)), r.resident_id, r.at)
                for r in conn.execute(stmt)
            ]

    def tallies(self, event_id: str) -> list[TallyRec]:
        stmt = select(VISITORS).where(VISITORS.c.event_id == event_id).order_by(VISITORS.c.at)
        with storage_errors(), self._engine.connect() as conn:
            rows = conn.execute(stmt).mappings()
            return [TallyRec(r["count"], r["at"]) for r in rows]

    def leads(self, event_id: str) -> list[LeadRec]:
        stmt = select(LEADS).where(LEADS.c.event_id == event_id).order_by(LEADS.c.at)
        with storage_errors(), self._engine.connect() as conn:
            return [LeadRec(r.resident_id, r.at) for r in conn.execute(stmt)]

    def sales(self, event_id: str) -> list[SaleRec]:
        heads = (
            select(S.c.id, S.c.created_at, SM.c.resident_id)
            .select_from(S.outerjoin(SM, SM.c.sale_id == S.c.id))
            .where(S.c.event_id == event_id)
            .order_by(S.c.created_at, S.c.id)
        )
        lines = (
            select(L.c.sale_id, L.c.line_no, L.c.sku, L.c.quantity, L.c.amount_fen)
            .join(S, S.c.id == L.c.sale_id)
            .where(S.c.event_id == event_id, L.c.voided.is_(False))
            .order_by(L.c.sale_id, L.c.line_no)
        )
        with storage_errors(), self._engine.connect() as conn:
            by_sale: dict[str, list[SaleLineRec]] = {}
            for r in conn.execute(lines):
                by_sale.setdefault(r.sale_id, []).append(
                    SaleLineRec(r.sku, r.quantity, r.amount_fen, r.line_no)
                )
            return [
                SaleRec(r.id, r.created_at, r.resident_id, tuple(by_sale.get(r.id, ())))
                for r in conn.execute(heads)
            ]

    def refunds(self, event_id: str) -> list[RefundRec]:
        """The refunds of the event's sales, each with its lines, oldest first."""
        stmt = (
            select(RF.c.id, RF.c.sale_id, RL.c.line_no, RL.c.quantity, RL.c.amount_fen)
            .join(RL, RL.c.refund_id == RF.c.id)
            .join(S, S.c.id == RF.c.sale_id)
            .where(S.c.event_id == event_id)
            .order_by(RF.c.created_at, RF.c.id, RL.c.line_no)
        )
        with storage_errors(), self._engine.connect() as conn:
            heads: dict[str, str] = {}
            lines: dict[str, list[RefundLineRec]] = {}
            for r in conn.execute(stmt):
                heads[r.id] = r.sale_id
                lines.setdefault(r.id, []).append(
                    RefundLineRec(r.line_no, r.quantity, r.amount_fen)
                )
            return [RefundRec(sale_id, tuple(lines[rid])) for rid, sale_id in heads.items()]

    def residents_before(self, before: datetime) -> set[str]:
        """Residents who bought at this till before `before`."""
        stmt = (
            select(SM.c.resident_id)
            .join(S, S.c.id == SM.c.sale_id)
            .where(S.c.created_at < before)
            .distinct()
        )
        with storage_errors(), self._engine.connect() as conn:
            return set(conn.execute(stmt).scalars())
