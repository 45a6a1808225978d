"""The points ledger and the cached balances of the central server.

Every point a resident holds is one row of `points_ledger` (one per source, so
a retry is a no-op); `residents.balance` is its cached sum, moved in the same
transaction, and each move is logged as a `resident` change so a till never
sees a balance the ledger does not explain. Callers give the transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sync.protocol.accounts import ResidentOut
from sync.server import personal_data
from sync.server.changelog import ChangeLog
from sync.server.crud import insert_ignore
from sync.server.models.partners import Community
from sync.server.models.residents import LedgerEntry, Resident


def resident_out(session: Session, *, resident_id: str) -> ResidentOut | None:
    stmt = (
        select(Resident, Community.name)
        .join(Community, Community.id == Resident.community_id)
        .where(Resident.id == resident_id)
        .execution_options(populate_existing=True)  # the balance moved by a Core UPDATE
    )
    row = session.execute(stmt).first()
    if row is None:
        return None
    r, community_name = row
    # the till's offline lookup keeps the last four digits (docs/security.md): read
    # from the sealed phone, the only place the server holds them
    last4 = None
    if r.phone_enc is not None:
        keys = personal_data.keys_of(session)
        last4 = keys.open(field="phone", row_id=r.id, sealed=r.phone_enc)[-4:]
    return ResidentOut(
        resident_id=r.id,
        community_id=r.community_id,
        property_company_id=r.property_company_id,
        masked_name=r.masked_name,
        community_name=community_name,
        balance=r.balance,
        balance_as_of=r.balance_as_of,
        phone_last4=last4,
    )


def add_ledger(
    session: Session,
    *,
    resident_id: str,
    kind: str,
    points: int,
    source_kind: str,
    source_id: str,
    sale_id: str | None,
    now: datetime,
) -> bool:
    """One entry per (source_kind, source_id): the UNIQUE key makes a retry a no-op."""
    values = {
        "resident_id": resident_id,
        "kind": kind,
        "points": points,
        "source_kind": source_kind,
        "source_id": source_id,
        "sale_id": sale_id,
        "created_at": now,
    }
    return insert_ignore(session, LedgerEntry, values, ["source_kind", "source_id"])


def credit_now(
    session: Session,
    *,
    resident_id: str,
    points: int,
    kind: str,
    source_kind: str,
    sale_id: str,
    now: datetime,
) -> int | None:
    """Outside a push: one ledger entry for a sale's points, the balance moved and logged.

    Returns the new balance, or None when the entry already existed (nothing moved).
    """
    if points and not add_ledger(
        session,
        resident_id=resident_id,
        kind=kind,
        points=points,
        source_kind=source_kind,
        source_id=sale_id,
        sale_id=sale_id,
        now=now,
    ):
        return None
    changes = ChangeLog()
    balances = apply_balances(session, deltas={resident_id: points}, changes=changes, now=now)
    changes.flush(session, now=now)
    return balances.get(resident_id)


def apply_balances(
    session: Session, *, deltas: Mapping[str, int], changes: ChangeLog, now: datetime
) -> dict[str, int]:
    """Move the cached balances and log each resident's new state.

    Residents are updated in sorted order, so two transactions touching the
    same residents lock them in the same order and cannot deadlock.
    """
    balances: dict[str, int] = {}
    for resident_id in sorted(r for r, d in deltas.items() if d):
        stmt = (
            update(Resident)
            .where(Resident.id == resident_id)
            .values(balance=Resident.balance + deltas[resident_id], balance_as_of=now)
            .returning(Resident.balance)
        )
        balances[resident_id] = int(session.execute(stmt).scalar_one())
        log_resident(session, resident_id=resident_id, changes=changes)
    return balances


def log_resident(session: Session, *, resident_id: str, changes: ChangeLog) -> None:
    out = resident_out(session, resident_id=resident_id)
    if out is not None:
        changes.upsert("resident", resident_id, out, property_company_id=out.property_company_id)


def ledger_balance(session: Session, *, resident_id: str) -> int:
    stmt = select(func.coalesce(func.sum(LedgerEntry.points), 0)).where(
        LedgerEntry.resident_id == resident_id
    )
    return int(session.execute(stmt).scalar_one())
