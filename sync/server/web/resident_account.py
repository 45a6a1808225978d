"""What a signed-in resident reads about themselves: their balance, every ledger
entry with what caused it (a sale's points, a refund's clawback, a claimed
receipt, a deduction from a fee bill), and their bills with the part paid by points.

Read from the points ledger itself (the server's authority), newest first, a page
at a time; times are aware UTC here and shown in Asia/Shanghai by the template.
Nothing of another resident, and no basket: a sale is named by its receipt number
and store, never by what was in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.server.models.orders import Order, Refund
from sync.server.models.partners import Community, Store
from sync.server.models.residents import Bill, LedgerEntry, Redemption, Resident

PAGE = 50


@dataclass(frozen=True, slots=True)
class Entry:
    entry_id: int
    at: datetime
    kind: str  # opening, earn, clawback, claim, redemption
    points: int  # signed: a clawback and a redemption are negative
    receipt_no: str | None = None
    store_name: str | None = None
    bill_period: str | None = None


@dataclass(frozen=True, slots=True)
class BillLine:
    period: str
    amount_fen: int
    paid_fen: int
    by_points_fen: int  # 1 point = 1 分 of fee


@dataclass(frozen=True, slots=True)
class Account:
    masked_name: str
    community_name: str
    balance: int
    balance_as_of: datetime
    entries: list[Entry]
    older: int | None  # the id to ask for the next page with, None at the end
    bills: list[BillLine]


def account(session: Session, *, resident_id: str, before: int | None = None) -> Account | None:
    row = session.execute(
        select(Resident, Community.name)
        .join(Community, Community.id == Resident.community_id)
        .where(Resident.id == resident_id)
    ).first()
    if row is None:
        return None
    resident, community_name = row
    entries = _entries(session, resident_id, before)
    more = len(entries) > PAGE
    entries = entries[:PAGE]
    return Account(
        masked_name=resident.masked_name,
        community_name=community_name,
        balance=resident.balance,
        balance_as_of=resident.balance_as_of,
        entries=entries,
        older=entries[-1].entry_id if more else None,
        bills=_bills(session, resident_id),
    )


def _entries(session: Session, resident_id: str, before: int | None) -> list[Entry]:
    stmt = (
        select(LedgerEntry)
        .where(LedgerEntry.resident_id == resident_id)
        .order_by(LedgerEntry.id.desc())
        .limit(PAGE + 1)
    )
    if before is not None:
        stmt = stmt.where(LedgerEntry.id < before)
    rows = list(session.scalars(stmt))
    sales = _sales(session, {r.sale_id for r in rows if r.sale_id})
    refunds = _refund_nos(session, {r.source_id for r in rows if r.source_kind == "refund"})
    periods = _redeemed_periods(
        session, {r.source_id for r in rows if r.source_kind == "redemption"}
    )
    out = []
    for r in rows:
        receipt, store, sold_at = sales.get(r.sale_id or "", (None, None, None))
        if r.source_kind == "refund":
            receipt = refunds.get(r.source_id, receipt)
        at = sold_at if r.kind == "earn" and sold_at is not None else r.created_at
        out.append(
            Entry(
                entry_id=r.id,
                at=at,
                kind=r.kind,
                points=r.points,
                receipt_no=receipt,
                store_name=store,
                bill_period=periods.get(r.source_id) if r.source_kind == "redemption" else None,
            )
        )
    return out


def _sales(session: Session, ids: set[str]) -> dict[str, tuple[str, str, datetime]]:
    if not ids:
        return {}
    rows = session.execute(
        select(Order.sale_id, Order.receipt_no, Store.name, Store.code, Order.created_at)
        .join(Store, Store.code == Order.store_code)
        .where(Order.sale_id.in_(ids))
    )
    return {sid: (no, name or code, at) for sid, no, name, code, at in rows}


def _refund_nos(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(Refund.refund_id, Refund.refund_no).where(Refund.refund_id.in_(ids))
    )
    return {rid: no for rid, no in rows}


def _redeemed_periods(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(Redemption.redemption_id, Bill.period)
        .join(Bill, Bill.id == Redemption.bill_id)
        .where(Redemption.redemption_id.in_(ids))
    )
    return {rid: period for rid, period in rows}


def _bills(session: Session, resident_id: str) -> list[BillLine]:
    by_points = (
        select(Redemption.bill_id, func.sum(Redemption.points).label("points"))
        .where(Redemption.resident_id == resident_id)
        .group_by(Redemption.bill_id)
        .subquery()
    )
    rows = session.execute(
        select(Bill.period, Bill.amount_fen, Bill.paid_fen, by_points.c.points)
        .outerjoin(by_points, by_points.c.bill_id == Bill.id)
        .where(Bill.resident_id == resident_id)
        .order_by(Bill.period.desc())
        .limit(24)
    )
    return [BillLine(p, amount, paid, int(pts or 0)) for p, amount, paid, pts in rows]
