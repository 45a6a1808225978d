"""A pushed closed shift (交班): checked, then stored with the server's own figures.

The server never takes the till's Z report as truth. From the orders and
refunds it holds for the same till position in the shift's span it recomputes
sales and refunds by tender, 抹零, points (redemptions from its own records of
the till's redemptions) and the cash they moved, adds the
till's float and cash movements (only the till can know them) and computes the
expected drawer with the same function the till uses
(pos_app.core.shift.summarize). It sums the count by denomination itself. The
till's figures are kept beside the server's; any difference flags the shift
(`shift_mismatch`) for the manager.

Refused: a shift of another till, one whose times cannot be (closed before it
opened, or after the server's clock plus the allowed skew), a count that does
not add up to its own total, and one overlapping another shift of the same
till position.
"""

from __future__ import annotations

import json

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.core.shift import (
    CashMovement,
    MovementKind,
    ShiftFigures,
    ShiftRedemption,
    ShiftRefund,
    ShiftSale,
    TenderAmount,
    figures_to_dict,
    summarize,
)
from sync.protocol.codes import ItemFlag, RejectReason
from sync.protocol.payloads import ShiftPayload
from sync.protocol.push import OutboxItem
from sync.server.crud import insert_ignore
from sync.server.models.orders import Order, Refund
from sync.server.models.residents import Redemption
from sync.server.models.shifts import Shift
from sync.server.models.terminals import Terminal
from sync.server.push_common import Batch, Duplicate, Reject, same_position

#: figures the till cannot know exactly: the server's stands, and a difference is
#: not a mismatch. None today: the till records each redemption the server granted
#: it (its `redemptions` table), so a difference in points redeemed means one the
#: till never heard of (an answer lost on the way and not retried) and is flagged.
_SERVER_ONLY: tuple[str, ...] = ()


def apply_shift(batch: Batch, item: OutboxItem, payload_text: str) -> list[str]:
    try:
        shift = ShiftPayload.model_validate(item.payload)
    except ValidationError as exc:
        raise Reject(RejectReason.INVALID_PAYLOAD) from exc
    if item.aggregate_id != shift.shift_id:
        raise Reject(RejectReason.AGGREGATE_MISMATCH)
    t = batch.terminal
    if (shift.store_code, shift.terminal_code) != (t.store_code, t.terminal_code):
        raise Reject(RejectReason.WRONG_TERMINAL)
    session = batch.session
    stored = session.get(Shift, shift.shift_id)
    if stored is not None:
        if same_position(batch, stored.terminal_id):
            raise Duplicate
        raise Reject(RejectReason.ID_CONFLICT)
    _check(batch, shift)
    positions = _position_ids(session, t.store_code, t.terminal_code)
    overlap = session.scalar(
        select(Shift.shift_id).where(
            Shift.terminal_id.in_(positions),
            Shift.opened_at < shift.closed_at,
            Shift.closed_at > shift.opened_at,
        )
    )
    if overlap is not None:
        raise Reject(RejectReason.SHIFT_OVERLAP)
    server = recompute(session, positions, shift)
    counted = sum(int(d) * n for d, n in shift.counted.items())
    till = shift.figures.model_dump()
    mine = figures_to_dict(server)
    differing = sorted(k for k in mine if k not in _SERVER_ONLY and mine[k] != till[k])
    flags = [ItemFlag.SHIFT_MISMATCH.value] if differing else []
    inserted = insert_ignore(
        session,
        Shift,
        {
            "shift_id": shift.shift_id,
            "shift_no": shift.shift_no,
            "terminal_id": t.id,
            "store_code": t.store_code,
            "terminal_code": t.terminal_code,
            "opened_at": shift.opened_at,
            "closed_at": shift.closed_at,
            "received_at": batch.now,
            "opened_by": shift.opened_by,
            "closed_by": shift.closed_by,
            "approved_by": shift.approved_by,
            "float_fen": shift.float_fen,
            "counted_fen": counted,
            "expected_server": server.expected_cash_fen,
            "expected_terminal": shift.figures.expected_cash_fen,
            "difference_server": counted - server.expected_cash_fen,
            "difference_terminal": shift.difference_fen,
            "sales_server": server.sales_total_fen,
            "sales_terminal": shift.figures.sales_total_fen,
            "figures_server": json.dumps(mine, sort_keys=True),
            "mismatch": bool(differing),
            "flags": ",".join(differing),
            "payload": payload_text,
        },
        ["shift_id"],
    )
    if not inserted:  # the same shift pushed concurrently
        raise Duplicate
    return flags


def _check(batch: Batch, shift: ShiftPayload) -> None:
    if shift.closed_at <= shift.opened_at:
        raise Reject(RejectReason.SHIFT_INVALID, "payload.closed_at", "before the opening")
    if shift.closed_at > batch.now + batch.policy.clock_skew:
        raise Reject(RejectReason.SHIFT_INVALID, "payload.closed_at", "in the future")
    counted = sum(int(d) * n for d, n in shift.counted.items())
    if counted != shift.counted_fen:
        raise Reject(RejectReason.SHIFT_INVALID, "payload.counted_fen", "not the sum of the count")
    for m in shift.movements:
        if not shift.opened_at <= m.at <= shift.closed_at or not m.reason.strip():
            raise Reject(
                RejectReason.SHIFT_INVALID, "payload.movements", "outside the shift or no reason"
            )


def _position_ids(session: Session, store_code: str, terminal_code: str) -> list[str]:
    """Every terminal id this till position has had (a re-enrolled till keeps its records)."""
    return list(
        session.scalars(
            select(Terminal.id).where(
                Terminal.store_code == store_code, Terminal.terminal_code == terminal_code
            )
        )
    )


def recompute(session: Session, positions: list[str], shift: ShiftPayload) -> ShiftFigures:
    """The shift's figures from the server's own records of that till and span."""
    start, end = shift.opened_at, shift.closed_at
    sales = [
        _sale(payload, points)
        for payload, points in session.execute(
            select(Order.payload, Order.points_server).where(
                Order.terminal_id.in_(positions), Order.created_at >= start, Order.created_at < end
            )
        )
    ]
    refunds = [
        ShiftRefund(
            total,
            tuple(
                TenderAmount(p["kind"], p["amount_fen"])
                for p in json.loads(payload).get("payments", [])
            ),
            clawed,
        )
        for payload, total, clawed in session.execute(
            select(Refund.payload, Refund.total_fen, Refund.clawback_server).where(
                Refund.terminal_id.in_(positions),
                Refund.created_at >= start,
                Refund.created_at < end,
            )
        )
    ]
    redeemed = [
        ShiftRedemption(points)
        for points in session.scalars(
            select(Redemption.points).where(
                Redemption.terminal_id.in_(positions),
                Redemption.created_at >= start,
                Redemption.created_at < end,
            )
        )
    ]
    return summarize(
        float_fen=shift.float_fen,
        sales=sales,
        refunds=refunds,
        movements=[
            CashMovement(MovementKind(m.kind), m.amount_fen, m.reason, m.at)
            for m in shift.movements
        ],
        redemptions=redeemed,
    )


def _sale(payload: str, points: int) -> ShiftSale:
    data = json.loads(payload)
    return ShiftSale(
        data["total_fen"],
        data.get("rounding_fen", 0),
        tuple(
            TenderAmount(p["kind"], p["amount_fen"], p["tendered_fen"])
            for p in data.get("payments", [])
        ),
        points,
    )
