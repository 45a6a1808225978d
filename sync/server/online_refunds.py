"""A refund of an online order's lines: bounded by what each line has left, points clawed
back by the showroom's rule (recompute on what remains, take back the difference).

Idempotent by the shop's refund id, like orders: the same body again answers
the same, another body (or another order) under that id is `409 id_conflict`.
The order's row is locked first, so two refunds of one order never both spend
what only one of them may.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from sync.protocol.codes import ErrorCode
from sync.protocol.online import OnlineRefund as RefundIn
from sync.protocol.online import OnlineRefundOut
from sync.server import online_points
from sync.server.crud import insert_ignore
from sync.server.models.online import OnlineOrderLine, OnlineRefund, OnlineRefundLine
from sync.server.online_orders import OnlineRefused, body_hash, locked
from sync.server.push_common import Policy


def accept_refund(
    session: Session, *, order_id: str, refund: RefundIn, now: datetime, policy: Policy
) -> OnlineRefundOut:
    """Store the refund once (or find it stored); what it gave back and took back."""
    order = locked(session, order_id)
    if order is None:
        raise OnlineRefused(404, ErrorCode.NOT_FOUND, "order_id", "no such online order")
    digest = body_hash(refund)
    if session.get(OnlineRefund, refund.refund_id) is not None:
        return _repeat(session, refund.refund_id, order_id, digest)
    if refund.created_at > now + policy.clock_skew:
        raise _invalid("created_at", "in the future")
    if refund.created_at < order.created_at:
        raise _invalid("created_at", "before the order")
    lines = {
        ln.line_no: ln
        for ln in session.scalars(
            select(OnlineOrderLine).where(OnlineOrderLine.order_id == order_id)
        )
    }
    seen: set[int] = set()
    rows, eligible = [], 0
    for i, rl in enumerate(refund.lines):
        line = lines.get(rl.line_no)
        if line is None:
            raise _invalid(f"lines[{i}].line_no", "the order has no such line")
        if rl.line_no in seen:
            raise _invalid(f"lines[{i}].line_no", "the line appears twice")
        seen.add(rl.line_no)
        if (
            line.refunded_quantity + rl.quantity > line.quantity
            or line.refunded_fen + rl.amount_fen > line.net_fen
        ):
            raise OnlineRefused(
                409,
                ErrorCode.REFUND_EXCEEDS_ORDER,
                f"lines[{i}]",
                f"line {rl.line_no} has {line.quantity - line.refunded_quantity} left, "
                f"{line.net_fen - line.refunded_fen} fen",
            )
        gives_back = rl.amount_fen if line.points_eligible else 0
        eligible += gives_back
        rows.append((line, rl, gives_back))
    total = sum(rl.amount_fen for rl in refund.lines)
    if total != refund.total_fen:
        raise _invalid("total_fen", f"the lines come to {total}, not {refund.total_fen}")
    # the refund's row first: a racing push of the same id for another order (another
    # lock) inserts nothing here and is answered by what was stored
    values = {
        "refund_id": refund.refund_id,
        "order_id": order_id,
        "created_at": refund.created_at,
        "received_at": now,
        "total_fen": total,
        "eligible_fen": eligible,
        "clawback": 0,
        "body_hash": digest,
    }
    if not insert_ignore(session, OnlineRefund, values, ["refund_id"]):
        return _repeat(session, refund.refund_id, order_id, digest)
    clawed = online_points.claw_back(
        session, order=order, refund_id=refund.refund_id, eligible_fen=eligible, now=now
    )
    order.refunded_fen += total
    for line, rl, _ in rows:
        line.refunded_quantity += rl.quantity
        line.refunded_fen += rl.amount_fen
    session.execute(
        update(OnlineRefund)
        .where(OnlineRefund.refund_id == refund.refund_id)
        .values(clawback=clawed)
    )
    session.execute(
        insert(OnlineRefundLine),
        [
            {
                "refund_id": refund.refund_id,
                "line_no": rl.line_no,
                "quantity": rl.quantity,
                "amount_fen": rl.amount_fen,
                "eligible_fen": gives_back,
            }
            for _, rl, gives_back in rows
        ],
    )
    return OnlineRefundOut(
        refund_id=refund.refund_id,
        order_id=order_id,
        total_fen=total,
        eligible_fen=eligible,
        clawback=clawed,
    )


def _repeat(session: Session, refund_id: str, order_id: str, digest: str) -> OnlineRefundOut:
    """A refund id stored already: the same answer, or 409 when its content differs."""
    stored = session.scalars(
        select(OnlineRefund)
        .where(OnlineRefund.refund_id == refund_id)
        .execution_options(populate_existing=True)
    ).one()
    if stored.order_id != order_id or stored.body_hash != digest:
        raise OnlineRefused(
            409, ErrorCode.ID_CONFLICT, "refund_id", "already stored with other content"
        )
    return _out(stored)


def _out(record: OnlineRefund) -> OnlineRefundOut:
    return OnlineRefundOut(
        refund_id=record.refund_id,
        order_id=record.order_id,
        total_fen=record.total_fen,
        eligible_fen=record.eligible_fen,
        clawback=record.clawback,
    )


def _invalid(field: str, message: str) -> OnlineRefused:
    return OnlineRefused(422, ErrorCode.ORDER_INVALID, field, message)
