"""Order lines and refund lines as settlement reads them: what the push path writes
(nets add up to what was paid, eligible amounts and points to the order's), and the
backfill of migration 0016 from the stored payloads equals it, row for row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from alembic import command
from sqlalchemy import func, select

from sync.server.db import Database, alembic_config, writer
from sync.server.models.orders import Order, Refund
from sync.server.models.promotions import OrderLine
from sync.server.models.settlement import RefundLine
from tests.sync.server.helpers import (
    LOTTERY,
    R0001,
    RICE,
    TEA,
    WATER,
    Till,
    refund_payload,
    sale_payload,
)

_FIGURES = (
    OrderLine.sale_id,
    OrderLine.line_no,
    OrderLine.promo_saving_fen,
    OrderLine.eligible,
    OrderLine.net_fen,
    OrderLine.eligible_fen,
    OrderLine.points,
)
_REFUND = (
    RefundLine.refund_id,
    RefundLine.line_no,
    RefundLine.sale_id,
    RefundLine.created_at,
    RefundLine.quantity,
    RefundLine.amount_fen,
    RefundLine.eligible_fen,
    RefundLine.clawed_points,
)


def rounded(sale: dict[str, Any], unit: int = 10) -> dict[str, Any]:
    """The same sale with its cash total rounded down to a whole 角 (抹零)."""
    off = sale["total_fen"] % unit
    sale["rounding_fen"] = off
    sale["payments"][0]["amount_fen"] -= off
    return sale


def _push(till: Till, kind: str, payload: dict[str, Any]) -> None:
    result = till.push_ok([till.next_item(kind, payload)])[0]
    assert result["status"] == "accepted", result


def _snapshot(db: Database) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with db.read() as session:
        lines = session.execute(select(*_FIGURES).order_by(*_FIGURES[:2])).all()
        refunds = session.execute(select(*_REFUND).order_by(*_REFUND[:2])).all()
    return [tuple(r) for r in lines], [tuple(r) for r in refunds]


def test_push_writes_the_lines_and_the_migration_backfills_the_same(
    db: Database, till: Till
) -> None:
    member = rounded(
        sale_payload(
            [(TEA, 1), (WATER, 3), (LOTTERY, 2), (RICE, 1)],
            member=R0001,
            discount_line=(2, 37),
        )
    )
    anonymous = rounded(sale_payload([(RICE, 2), (WATER, 1)], sequence=2))
    for sale in (member, anonymous):
        _push(till, "sale", sale)
    later = datetime.now(UTC) + timedelta(minutes=1)
    refund = refund_payload(
        member, [(1, 1, 12800), (3, 1, 500)], eligible_fen=0, points_clawback=0, when=later
    )
    _push(till, "refund", refund)
    _push(till, "refund", refund_payload(anonymous, [(1, 1, 8990)], eligible_fen=0,
                                         points_clawback=0, number=2, when=later))  # fmt: skip

    with db.read() as session:
        for order in session.scalars(select(Order)):
            net, eligible, points = session.execute(
                select(
                    func.sum(OrderLine.net_fen),
                    func.sum(OrderLine.eligible_fen),
                    func.sum(OrderLine.points),
                ).where(OrderLine.sale_id == order.sale_id)
            ).one()
            assert net == order.total_fen - order.rounding_fen
            assert (eligible, points) == (order.eligible_fen, order.points_server)
        member_order = session.get(Order, member["sale_id"])
        stored = session.get(Refund, refund["refund_id"])
        assert member_order is not None and stored is not None
        member_points = member_order.points_server
        claw = session.execute(
            select(func.sum(RefundLine.amount_fen), func.sum(RefundLine.eligible_fen),
                   func.sum(RefundLine.clawed_points))
            .where(RefundLine.refund_id == refund["refund_id"])
        ).one()  # fmt: skip
    assert member["rounding_fen"] > 0 and member_points > 0
    # the lottery ticket (line 3) gives back money, never eligibility
    assert tuple(claw) == (13300, 12800, stored.clawback_server)
    assert stored.eligible_fen == 12800 and stored.clawback_server > 0
    lines, refund_lines = _snapshot(db)
    by_line = {(r[0], r[1]): r for r in lines}
    assert by_line[(member["sale_id"], 3)][3:6] == (False, 1000 - _share(member, 3), 0)
    assert by_line[(member["sale_id"], 2)][3] is True

    cfg = alembic_config(writer(db.engine))
    command.downgrade(cfg, "0012")  # the rows as they were before: no figures, no refund lines
    command.upgrade(cfg, "head")
    assert _snapshot(db) == (lines, refund_lines)


def _share(sale: dict[str, Any], line_no: int) -> int:
    """The line's share of the sale's 抹零, by the core's own spread."""
    from pos_app.core.rounding import spread

    live = [ln for ln in sale["lines"] if not ln["voided"]]
    amounts = [ln["unit_price"] * ln["quantity"] - ln["discount"] for ln in live]
    shares = spread(sale["rounding_fen"], amounts)
    return shares[[ln["line_no"] for ln in live].index(line_no)]
