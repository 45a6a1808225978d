"""Refunds: read what a sale can still give back, and write a refund with its
lines, tenders, points clawback and outbox record in one transaction. A
promoted sale comes with what its return re-prices with (`PromotedSale`: the
lines the promotions priced, the definitions it kept, its earlier returns)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from pos_app.core.catalog import Unit
from pos_app.core.money import Money
from pos_app.core.points import Contract, LedgerKind
from pos_app.core.promotions import PromoContext, PromoLine
from pos_app.core.refund import PaidTender, RefundPlan, SoldLine
from pos_app.core.refund_promos import PromotedSale
from pos_app.core.rounding import spread
from pos_app.core.tender import TenderKind
from pos_app.persistence.audit_repo import write_entry
from pos_app.persistence.chain_repo import append, chain_ref
from pos_app.persistence.db import writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.member_models import (
    PointsLedgerRow,
    RefundLineRow,
    RefundPaymentRow,
    RefundRow,
    SaleMemberRow,
)
from pos_app.persistence.models import CounterRow, OutboxRow, SaleLineRow, SalePaymentRow, SaleRow
from pos_app.persistence.sale_reader import read_promotions

S, L, PAY = SaleRow.__table__, SaleLineRow.__table__, SalePaymentRow.__table__
RF, RL, RP = RefundRow.__table__, RefundLineRow.__table__, RefundPaymentRow.__table__
SM, LEDGER = SaleMemberRow.__table__, PointsLedgerRow.__table__
OUTBOX, N = OutboxRow.__table__, CounterRow.__table__

_NEXT_REFUND = (
    update(N).where(N.c.name == "refund").values(value=N.c.value + 1).returning(N.c.value)
)


@dataclass(frozen=True, slots=True)
class SaleForRefund:
    sale_id: str
    receipt_no: str
    created_at: datetime
    total: Money
    lines: tuple[SoldLine, ...]
    already: Mapping[int, int]  # line_no → quantity refunded before
    paid: tuple[PaidTender, ...]  # per tender, what is left to give back
    resident_id: str | None
    masked_name: str
    contract: Contract | None
    points: int  # earned on the sale
    points_clawed: int  # already taken back
    promoted: PromotedSale | None = None  # a sale with promotions: how a return re-prices


@dataclass(frozen=True, slots=True)
class RecordedRefund:
    refund_id: str
    refund_no: str
    sale_id: str
    created_at: datetime
    plan: RefundPlan
    tenders: tuple[PaidTender, ...]


class RefundsRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    def sale_id_for_receipt(self, receipt_no: str) -> str | None:
        with self._engine.connect() as conn:
            return conn.execute(select(S.c.id).where(S.c.receipt_no == receipt_no)).scalar()

    def load(self, sale_id: str) -> SaleForRefund | None:
        with self._engine.connect() as conn:
            return _load(conn, sale_id)

    def record(
        self,
        sale_id: str,
        plan_for: Callable[[SaleForRefund], tuple[RefundPlan, list[PaidTender]]],
        *,
        store_code: str,
        terminal_code: str,
        cashier: str,
        approved_by: str,
        reason: str,
        now: datetime,
    ) -> RecordedRefund:
        """Re-read the sale inside the write transaction, plan, and write it all.

        Planning under the write lock means two refunds of the same line can
        never both pass the "quantity left" check.
        """
        refund_id = str(uuid.uuid4())
        with storage_errors(), self._writer.begin() as conn:
            sale = _load(conn, sale_id)
            if sale is None:
                raise LookupError(sale_id)
            plan, tenders = plan_for(sale)
            seq = conn.execute(_NEXT_REFUND).scalar_one()
            refund_no = f"{store_code}-{terminal_code}-R{seq:06d}"
            conn.execute(
                insert(RF),
                {
                    "id": refund_id,
                    "refund_no": refund_no,
                    "sale_id": sale_id,
                    "created_at": now,
                    "cashier": cashier,
                    "approved_by": approved_by,
                    "reason": reason,
                    "total_fen": plan.total.fen,
                    "eligible_fen": plan.eligible.fen,
                    "points_clawback": plan.points_clawback,
                },
            )
            conn.execute(
                insert(RL),
                [
                    {
                        "refund_id": refund_id,
                        "line_no": ln.line_no,
                        "quantity": ln.quantity,
                        "amount_fen": ln.amount.fen,
                        "eligible": ln.eligible,
                        "restock": True,
                    }
                    for ln in plan.lines
                ],
            )
            if tenders:  # a return that gives nothing back (a 买二送一's free bottle) pays none
                conn.execute(
                    insert(RP),
                    [
                        {
                            "refund_id": refund_id,
                            "seq": i,
                            "kind": t.kind.value,
                            "amount_fen": t.amount.fen,
                            "reference": t.reference,
                        }
                        for i, t in enumerate(tenders, start=1)
                    ],
                )
            chained = append(conn, "refund", refund_id)
            if plan.points_clawback and sale.resident_id:
                entry_id = str(uuid.uuid4())
                conn.execute(
                    insert(LEDGER),
                    {
                        "entry_id": entry_id,
                        "resident_id": sale.resident_id,
                        "kind": LedgerKind.CLAWBACK.value,
                        "points": -plan.points_clawback,
                        "sale_id": sale_id,
                        "refund_id": refund_id,
                        "created_at": now,
                    },
                )
                append(conn, "ledger", entry_id)
            _audit_refund(conn, sale, refund_no, plan, terminal_code, cashier, approved_by, now)
            payload = {
                "refund_id": refund_id,
                "refund_no": refund_no,
                "sale_id": sale_id,
                "created_at": now.isoformat(),
                "cashier": cashier,
                "approved_by": approved_by,
                "total_fen": plan.total.fen,
                "eligible_fen": plan.eligible.fen,
                "points_clawback": plan.points_clawback,
                "resident_id": sale.resident_id,
                "lines": [
                    {"line_no": ln.line_no, "quantity": ln.quantity, "amount_fen": ln.amount.fen}
                    for ln in plan.lines
                ],
                "payments": [
                    {"kind": t.kind.value, "amount_fen": t.amount.fen, "reference": t.reference}
                    for t in tenders
                ],
                "chain": chain_ref(conn, chained),
            }
            conn.execute(
                insert(OUTBOX),
                {
                    "item_id": str(uuid.uuid4()),
                    "kind": "refund",
                    "aggregate_id": refund_id,
                    "payload": json.dumps(payload, ensure_ascii=False),
                    "created_at": now,
                    "attempts": 0,
                },
            )
        return RecordedRefund(refund_id, refund_no, sale_id, now, plan, tuple(tenders))


def _audit_refund(
    conn: Connection,
    sale: SaleForRefund,
    refund_no: str,
    plan: RefundPlan,
    terminal: str,
    cashier: str,
    approved_by: str,
    now: datetime,
) -> None:
    """The refund in the audit log: who, who approved, of what, how much (no reason
    text: a cashier may type a name in it)."""
    write_entry(
        conn,
        at=now,
        terminal=terminal,
        actor=cashier,
        kind="refund",
        subject=refund_no,
        details={
            "receipt_no": sale.receipt_no,
            "approved_by": approved_by,
            "total_fen": plan.total.fen,
            "points_clawback": plan.points_clawback,
            "lines": len(plan.lines),
        },
    )


def _load(conn: Connection, sale_id: str) -> SaleForRefund | None:
    head = conn.execute(select(S).where(S.c.id == sale_id)).first()
    if head is None:
        return None
    rows = conn.execute(select(L).where(L.c.sale_id == sale_id).order_by(L.c.line_no)).all()
    # what was paid for each line: its amount less its share of the sale's 抹零, so a
    # refund never gives back more than the customer paid (pos_app.core.points.net_amounts)
    live = [r for r in rows if not r.voided]
    shares = dict(
        zip(
            (r.line_no for r in live),
            spread(head.rounding_fen, [r.amount_fen for r in live]),
            strict=True,
        )
    )
    lines = tuple(
        SoldLine(
            line_no=r.line_no,
            name=r.name,
            quantity=r.quantity,
            amount=Money(r.amount_fen - shares.get(r.line_no, 0)),
            points_eligible=bool(r.points_eligible),
            whole_only=r.unit == "kg" or r.fixed_amount_fen is not None,
            voided=bool(r.voided),
            weighed=r.unit == "kg",
        )
        for r in rows
    )
    refund_ids = select(RF.c.id).where(RF.c.sale_id == sale_id)
    already = dict(
        conn.execute(
            select(RL.c.line_no, func.sum(RL.c.quantity))
            .where(RL.c.refund_id.in_(refund_ids))
            .group_by(RL.c.line_no)
        ).all()
    )
    given_back: dict[tuple[str, str], int] = {}
    for kind, ref, amount in conn.execute(
        select(RP.c.kind, RP.c.reference, RP.c.amount_fen).where(RP.c.refund_id.in_(refund_ids))
    ):
        given_back[(kind, ref)] = given_back.get((kind, ref), 0) + amount
    paid = []
    for r in conn.execute(select(PAY).where(PAY.c.sale_id == sale_id).order_by(PAY.c.seq)):
        key = (r.kind, r.reference)
        back = min(given_back.get(key, 0), r.amount_fen)
        given_back[key] = given_back.get(key, 0) - back
        paid.append(PaidTender(TenderKind(r.kind), Money(r.amount_fen - back), r.reference))
    member = conn.execute(select(SM).where(SM.c.sale_id == sale_id)).first()
    clawed = conn.execute(
        select(func.coalesce(func.sum(RF.c.points_clawback), 0)).where(RF.c.sale_id == sale_id)
    ).scalar_one()
    contract = None
    if member is not None and member.share_bps is not None and member.contract_from is not None:
        contract = Contract(
            member.community_id, member.contract_from, member.share_bps, member.points_bps or 0
        )
    promoted = _promoted(conn, head, rows, member is not None)
    return SaleForRefund(
        sale_id=sale_id,
        receipt_no=head.receipt_no,
        created_at=head.created_at,
        total=Money(head.total_fen - head.rounding_fen),  # what was paid, after 抹零
        lines=lines,
        already=already,
        paid=tuple(paid),
        resident_id=None if member is None else member.resident_id,
        masked_name="" if member is None else member.masked_name,
        contract=contract,
        points=0 if member is None else member.points,
        points_clawed=int(clawed),
        promoted=promoted,
    )


def _promoted(
    conn: Connection, head: Any, rows: Sequence[Any], member: bool
) -> PromotedSale | None:
    """A promoted sale's lines as the promotions priced them (not voided, no cashier's
    discount), its definitions and its earlier returns in order; None without promotions."""
    definitions, applied = read_promotions(conn, head.id)
    if not definitions:
        return None
    lines = []
    for r in rows:
        saved = sum(step.saving.fen for step in applied.get(r.line_no, ()))
        if r.voided or r.discount_fen - saved:  # a cashier's discount: outside the engine
            continue
        fixed = r.fixed_amount_fen
        lines.append(
            PromoLine(
                line_no=r.line_no,
                sku=r.sku,
                category=r.category,
                unit_price=Money(r.unit_price_fen),
                quantity=r.quantity,
                unit=Unit(r.unit),
                points_eligible=bool(r.points_eligible),
                fixed_amount=None if fixed is None else Money(fixed),
            )
        )
    history: dict[str, dict[int, int]] = {}
    returned = conn.execute(
        select(RF.c.id, RL.c.line_no, RL.c.quantity)
        .join(RL, RL.c.refund_id == RF.c.id)
        .where(RF.c.sale_id == head.id)
        .order_by(RF.c.created_at, RF.c.refund_no, RL.c.line_no)
    )
    for refund_id, line_no, quantity in returned:
        history.setdefault(refund_id, {})[line_no] = quantity
    return PromotedSale(
        lines=tuple(lines),
        promotions=definitions,
        context=PromoContext(head.created_at, member, head.event_id),
        history=tuple(history.values()),
    )
