"""A pushed refund: checked against what its sale has left, points clawed back by recomputation.

The server's figures are stored, the till's beside them: the refund's total is
the sum of its lines (each bounded by what its sale line has left), the money
paid back should equal it, and a difference in either is flagged. Its lines are
stored relationally too (`refund_lines`, `settlement_lines.refund_line_rows`).
"""

from __future__ import annotations

import json
from collections import defaultdict

from pydantic import ValidationError
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from sync.protocol.codes import ItemFlag, RejectReason
from sync.protocol.payloads import RefundPayload, SalePayload
from sync.protocol.push import OutboxItem
from sync.server import ledger
from sync.server import points as pts
from sync.server.chain_check import check_chain
from sync.server.crud import insert_ignore
from sync.server.models.orders import Order, Refund
from sync.server.models.partners import ContractVersion
from sync.server.models.settlement import RefundLine
from sync.server.push_common import Batch, Duplicate, Reject, conflict, flag, same_position
from sync.server.settlement_lines import earning_set, refund_line_rows


def apply_refund(batch: Batch, item: OutboxItem, payload_text: str) -> list[str]:
    """Store the refund once; claw back from whoever holds the sale's points."""
    try:
        refund = RefundPayload.model_validate(item.payload)
    except ValidationError as exc:
        raise Reject(RejectReason.INVALID_PAYLOAD) from exc
    if item.aggregate_id != refund.refund_id:
        raise Reject(RejectReason.AGGREGATE_MISMATCH)
    session = batch.session
    _conflicting(batch, item, refund.refund_id)
    order = session.scalars(
        select(Order).where(Order.sale_id == refund.sale_id).with_for_update()
    ).one_or_none()
    if order is None:
        raise Reject(RejectReason.SALE_UNKNOWN)
    if order.store_code != batch.terminal.store_code:
        raise Reject(RejectReason.WRONG_TERMINAL)
    if session.get(Refund, refund.refund_id) is not None:
        raise Duplicate
    sale = SalePayload.model_validate_json(order.payload)
    eligible = _refund_eligible(session, order, sale, refund, batch.categories)
    total = sum(rl.amount_fen for rl in refund.lines)
    paid_back = sum(p.amount_fen for p in refund.payments)

    inserted = insert_ignore(
        session,
        Refund,
        {
            "refund_id": refund.refund_id,
            "sale_id": refund.sale_id,
            "refund_no": refund.refund_no,
            "terminal_id": batch.terminal.id,
            "created_at": refund.created_at,
            "received_at": batch.now,
            "total_fen": total,
            "eligible_fen": eligible,
            "clawback_terminal": refund.points_clawback,
            "clawback_server": 0,
            "total_terminal": refund.total_fen,
            "payments_fen": total,
            "payments_terminal": paid_back,
            "payload": payload_text,
        },
        ["refund_id"],
    )
    if not inserted:  # a concurrent push of the same id: its till position decides
        _conflicting(batch, item, refund.refund_id)
        raise Duplicate
    flags: list[str] = []
    if refund.total_fen != total:
        flags.append(ItemFlag.REFUND_TOTAL_MISMATCH.value)
    if paid_back != total:
        flags.append(ItemFlag.REFUND_PAYMENTS_MISMATCH.value)
    flags += check_chain(batch, item, "refund", refund.refund_id, refund.chain)
    kept_before = order.eligible_fen - order.refunded_eligible_fen
    kept_after = kept_before - eligible
    version = session.get(ContractVersion, order.contract_id) if order.contract_id else None
    clawed = pts.clawback_points(kept_before, kept_after, version) if order.resident_id else 0
    order.refunded_eligible_fen += eligible
    session.execute(
        update(Refund).where(Refund.refund_id == refund.refund_id).values(clawback_server=clawed)
    )
    earning = earning_set(order.earning_lines, sale, batch.categories)
    rows = refund_line_rows(refund, earning=earning, clawed=clawed, created_at=refund.created_at)
    if rows:
        session.execute(insert(RefundLine), rows)
    if clawed and order.resident_id:
        ledger.add_ledger(
            session,
            resident_id=order.resident_id,
            kind="clawback",
            points=-clawed,
            source_kind="refund",
            source_id=refund.refund_id,
            sale_id=order.sale_id,
            now=batch.now,
        )
        batch.deltas[order.resident_id] -= clawed
    # a claimed receipt's refund: the till knew of no member, so 0 there is expected
    till_knew = order.member_id is not None or refund.points_clawback != 0
    if till_knew and clawed != refund.points_clawback:
        flags.append(ItemFlag.POINTS_MISMATCH.value)
        flag(batch, item, "refund", refund.refund_id, refund.points_clawback, clawed, {
            "eligible_terminal": refund.eligible_fen,
            "eligible_server": eligible,
            "kept_before": kept_before,
        })  # fmt: skip
    return flags


def _conflicting(batch: Batch, item: OutboxItem, refund_id: str) -> None:
    """A refund id stored for another till position is a conflict (never a duplicate)."""
    owner = batch.session.scalar(select(Refund.terminal_id).where(Refund.refund_id == refund_id))
    if owner is not None and not same_position(batch, owner):
        conflict(batch, item, "refund", refund_id, owner)


def _refund_eligible(
    session: Session,
    order: Order,
    sale: SalePayload,
    refund: RefundPayload,
    categories: dict[str, bool],
) -> int:
    """The eligible amount a refund gives back, checked against what the sale has left.

    Only lines that earned give eligibility back: a line the server refused (a lottery
    ticket labelled grain, an unknown SKU) took no points, so its refund takes none.
    """
    earned = (
        None
        if order.earning_lines is None
        else {int(n) for n in order.earning_lines.split(",") if n}
    )
    lines = {ln.line_no: ln for ln in sale.lines}
    done_qty: dict[int, int] = defaultdict(int)
    done_fen: dict[int, int] = defaultdict(int)
    for (text,) in session.execute(select(Refund.payload).where(Refund.sale_id == sale.sale_id)):
        for ln in json.loads(text).get("lines", []):
            done_qty[ln["line_no"]] += ln["quantity"]
            done_fen[ln["line_no"]] += ln["amount_fen"]
    eligible = 0
    for rl in refund.lines:
        line = lines.get(rl.line_no)
        if line is None or line.voided:
            raise Reject(RejectReason.REFUND_LINE_UNKNOWN)
        done_qty[rl.line_no] += rl.quantity
        done_fen[rl.line_no] += rl.amount_fen
        try:
            amount = pts.line_amount(line)
        except pts.AmountOutOfRange as exc:
            raise Reject(RejectReason.AMOUNT_OUT_OF_RANGE) from exc
        if done_qty[rl.line_no] > line.quantity or done_fen[rl.line_no] > amount:
            raise Reject(RejectReason.REFUND_EXCEEDS_SALE)
        earns = pts.line_is_eligible(line, categories) if earned is None else rl.line_no in earned
        if earns:
            eligible += rl.amount_fen
    return eligible
