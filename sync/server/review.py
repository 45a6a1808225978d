"""The review queue: flagged sale lines and sales whose points are held, for a manager.

`add_review` is called by the push while it stores a sale; `list_open`,
`release` and `dismiss` are what `yuancang-central review` runs. Releasing a
held sale credits its points through the ledger (once: the ledger's
`(source_kind, source_id)` is unique) and the change log, recomputed on what
the sale still holds after any refund pushed meanwhile.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.push import OutboxItem
from sync.server import ledger
from sync.server import points as pts
from sync.server.crud import insert_ignore
from sync.server.models.orders import Order, ReviewItem
from sync.server.models.partners import ContractVersion

if TYPE_CHECKING:
    from sync.server.push_common import Batch


class Outcome(enum.StrEnum):
    RELEASED = "released"
    DISMISSED = "dismissed"
    ALREADY = "already"  # released or dismissed before: nothing done again
    NOT_FOUND = "not_found"
    NOT_HELD = "not_held"  # a flagged line holds no points: it can only be dismissed
    CLOSED = "closed"  # dismissed before: never credited after all


#: outcomes after which the command succeeded (a repeated release or dismiss is no error)
DONE = frozenset({Outcome.RELEASED, Outcome.DISMISSED, Outcome.ALREADY})


@dataclass(frozen=True, slots=True)
class Result:
    outcome: Outcome
    points: int = 0
    resident_id: str | None = None


def add_review(
    batch: Batch,
    item: OutboxItem,
    *,
    kind: str,
    source_id: str,
    line_no: int,
    code: str,
    resident_id: str | None,
    points: int,
    detail: dict[str, object],
    source_kind: str = "sale",
) -> None:
    insert_ignore(
        batch.session,
        ReviewItem,
        {
            "kind": kind,
            "terminal_id": batch.terminal.id,
            "item_id": str(item.item_id),
            "source_kind": source_kind,
            "source_id": source_id,
            "line_no": line_no,
            "code": code,
            "resident_id": resident_id,
            "points": points,
            "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str),
            "status": "open",
            "created_at": batch.now,
        },
        ["source_kind", "source_id", "line_no", "code"],
    )


def list_open(session: Session) -> list[ReviewItem]:
    stmt = select(ReviewItem).where(ReviewItem.status == "open").order_by(ReviewItem.id)
    return list(session.scalars(stmt))


_COLUMNS = ("id", "kind", "record", "line", "code", "resident", "points", "since")


def format_table(rows: list[ReviewItem]) -> str:
    """The open items as a plain-text table (one line each), or a sentence when none."""
    if not rows:
        return "nothing to review"
    cells = [_COLUMNS] + [
        (
            str(r.id),
            r.kind,
            f"{r.source_kind} {r.source_id}",
            str(r.line_no or "-"),
            r.code,
            r.resident_id or "-",
            str(r.points),
            r.created_at.strftime("%Y-%m-%d %H:%M"),
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(_COLUMNS))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in cells
    )


def release(session: Session, *, review_id: int, now: datetime) -> Result:
    """Credit a held sale's points to its resident, once."""
    row = session.scalars(
        select(ReviewItem).where(ReviewItem.id == review_id).with_for_update()
    ).one_or_none()
    if row is None:
        return Result(Outcome.NOT_FOUND)
    if row.status == "released":
        return Result(Outcome.ALREADY, row.points, row.resident_id)
    if row.status == "dismissed":
        return Result(Outcome.CLOSED)
    if row.kind != "hold":
        return Result(Outcome.NOT_HELD)
    row.status, row.resolved_at = "released", now
    order = session.scalars(
        select(Order).where(Order.sale_id == row.source_id).with_for_update()
    ).one_or_none()
    if order is None or row.resident_id is None:
        row.points = 0
        return Result(Outcome.RELEASED, 0, row.resident_id)
    version = session.get(ContractVersion, order.contract_id) if order.contract_id else None
    # a refund pushed while the points were held took nothing back: recompute on what is left
    credit = pts.points(order.eligible_fen - order.refunded_eligible_fen, version)
    order.resident_id = row.resident_id
    row.points = credit
    ledger.credit_now(
        session,
        resident_id=row.resident_id,
        points=credit,
        kind="earn",
        source_kind="sale",
        sale_id=order.sale_id,
        now=now,
    )
    return Result(Outcome.RELEASED, credit, row.resident_id)


def dismiss(session: Session, *, review_id: int, now: datetime) -> Result:
    """Close a review item without any credit."""
    row = session.get(ReviewItem, review_id)
    if row is None:
        return Result(Outcome.NOT_FOUND)
    if row.status != "open":
        return Result(Outcome.ALREADY)
    row.status, row.resolved_at = "dismissed", now
    return Result(Outcome.DISMISSED)
