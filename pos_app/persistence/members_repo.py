"""Residents as the till knows them (found by id or by the last four digits of
their phone), revocations, contracts, used codes and the local points ledger."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, case, func, insert, or_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pos_app.core.points import Contract, LedgerKind
from pos_app.core.sale import Sale
from pos_app.persistence.chain_repo import append
from pos_app.persistence.db import writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.member_models import (
    CommunityRow,
    ContractRow,
    PointsLedgerRow,
    ResidentRow,
    RevocationRow,
    SaleMemberRow,
    UsedMemberCodeRow,
)
from pos_app.persistence.models import OutboxRow, SettingRow
from pos_app.persistence.sync_repo import PULLED_AT_KEY

R = ResidentRow.__table__
COMMUNITY = CommunityRow.__table__
REV = RevocationRow.__table__
CON = ContractRow.__table__
SM = SaleMemberRow.__table__
USED = UsedMemberCodeRow.__table__
LEDGER = PointsLedgerRow.__table__
OUTBOX = OutboxRow.__table__
SET = SettingRow.__table__


@dataclass(frozen=True, slots=True)
class ResidentInfo:
    resident_id: str
    community_id: str
    property_company_id: str
    masked_name: str
    community_name: str
    balance: int  # the server's last known balance
    balance_as_of: datetime | None
    pending: int = 0  # local ledger entries since then, not yet confirmed

    @property
    def shown_balance(self) -> int:
        return self.balance + self.pending


class MembersRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    # --- residents and revocations ---------------------------------------------

    def resident(self, resident_id: str) -> ResidentInfo | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(R).where(R.c.resident_id == resident_id)).first()
            if row is None:
                return None
            pending = _pending_points(conn, resident_id)
        return ResidentInfo(
            row.resident_id,
            row.community_id,
            row.property_company_id,
            row.masked_name,
            row.community_name,
            row.balance,
            row.balance_as_of,
            pending,
        )

    def by_phone(
        self, last4: str, *, property_company_id: str, community_id: str, limit: int
    ) -> list[ResidentInfo]:
        """Cached residents of this company whose phone ends with `last4`, not revoked,
        this till's community first; at most `limit`."""
        stmt = (
            select(R.c.resident_id)
            .where(
                R.c.phone_last4 == last4,
                R.c.property_company_id == property_company_id,
                R.c.resident_id.not_in(select(REV.c.resident_id)),
            )
            .order_by(
                case((R.c.community_id == community_id, 0), else_=1),
                R.c.masked_name,
                R.c.resident_id,
            )
            .limit(limit)
        )
        with self._engine.connect() as conn:
            ids = list(conn.execute(stmt).scalars())
        found = (self.resident(resident_id) for resident_id in ids)
        return [info for info in found if info is not None]

    def community_name(self, community_id: str) -> str | None:
        """A community's name as the server named it, else as cached residents carry it."""
        named = select(COMMUNITY.c.name).where(COMMUNITY.c.community_id == community_id)
        by_residents = (
            select(R.c.community_name)
            .where(R.c.community_id == community_id, R.c.community_name != "")
            .limit(1)
        )
        with self._engine.connect() as conn:
            return conn.execute(named).scalar() or conn.execute(by_residents).scalar()

    def pulled_at(self) -> datetime | None:
        """When the last whole sync pull ended; None if this till never pulled."""
        with self._engine.connect() as conn:
            raw = conn.execute(select(SET.c.value).where(SET.c.key == PULLED_AT_KEY)).scalar()
        try:
            return None if not raw else datetime.fromisoformat(raw).astimezone(UTC)
        except ValueError:
            return None

    def upsert_residents(self, rows: Iterable[dict[str, object]]) -> None:
        rows = list(rows)
        if not rows:
            return
        stmt = sqlite_insert(R)
        stmt = stmt.on_conflict_do_update(
            index_elements=["resident_id"],
            set_={c: stmt.excluded[c] for c in rows[0] if c != "resident_id"},
        )
        with storage_errors(), self._writer.begin() as conn:
            conn.execute(stmt, rows)

    def revoked(self) -> frozenset[str]:
        with self._engine.connect() as conn:
            return frozenset(conn.execute(select(REV.c.resident_id)).scalars())

    def revoke(self, resident_id: str, at: datetime, reason: str = "") -> None:
        stmt = sqlite_insert(REV).values(resident_id=resident_id, revoked_at=at, reason=reason)
        with storage_errors(), self._writer.begin() as conn:
            conn.execute(stmt.on_conflict_do_nothing())

    # --- contracts ---------------------------------------------------------------

    def contracts(self) -> list[Contract]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(CON)).all()
        return [Contract(r.community_id, r.effective_from, r.share_bps, r.points_bps) for r in rows]

    def add_contract(self, contract: Contract) -> None:
        stmt = sqlite_insert(CON).values(
            community_id=contract.community_id,
            effective_from=contract.effective_from,
            share_bps=contract.share_bps,
            points_bps=contract.points_bps,
        )
        with storage_errors(), self._writer.begin() as conn:
            conn.execute(stmt.on_conflict_do_nothing())

    # --- used codes and ledger -------------------------------------------------------

    def code_used_by(self, nonce: str) -> str | None:
        """The sale a membership code was already used for, if any."""
        with self._engine.connect() as conn:
            return conn.execute(select(USED.c.sale_id).where(USED.c.nonce == nonce)).scalar()

    def ledger(self, resident_id: str) -> list[dict[str, object]]:
        stmt = select(LEDGER).where(LEDGER.c.resident_id == resident_id).order_by(LEDGER.c.id)
        with self._engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def sale_member(self, sale_id: str) -> dict[str, object] | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(SM).where(SM.c.sale_id == sale_id)).first()
        return None if row is None else dict(row._mapping)


def _pending_points(conn: Connection, resident_id: str) -> int:
    """Local ledger entries whose record the server has not acknowledged yet.

    Not "newer than balance_as_of": that compares the till's clock with the
    server's, and a till hours off would count points twice or miss them.
    """
    unacknowledged = select(OUTBOX.c.aggregate_id).where(OUTBOX.c.sent_at.is_(None))
    since = select(func.coalesce(func.sum(LEDGER.c.points), 0)).where(
        LEDGER.c.resident_id == resident_id,
        or_(
            (LEDGER.c.kind == LedgerKind.EARN.value) & LEDGER.c.sale_id.in_(unacknowledged),
            (LEDGER.c.kind == LedgerKind.CLAWBACK.value) & LEDGER.c.refund_id.in_(unacknowledged),
        ),
    )
    return int(conn.execute(since).scalar_one())


def _shown_balance(conn: Connection, resident_id: str) -> int | None:
    """What `ResidentInfo.shown_balance` says, inside a transaction; None if not cached."""
    balance = conn.execute(select(R.c.balance).where(R.c.resident_id == resident_id)).scalar()
    return None if balance is None else int(balance) + _pending_points(conn, resident_id)


def write_sale_member(conn: Connection, sale: Sale) -> None:
    """Inside the sale's own transaction: the used code, the ledger entry, and who
    earned what, with the balance the receipt shows (so any later reprint can
    say it again). Call it before the sale's outbox row is written (the outbox
    payload carries the sale's place in the hash chain, which this entry's link
    precedes): the balance adds this sale's points itself, and counts the other
    unacknowledged ones as pending, as the resident panel does."""
    member = sale.member
    if member is None:
        return
    contract = sale.contract
    if member.code_nonce:
        conn.execute(
            sqlite_insert(USED)
            .values(
                nonce=member.code_nonce,
                resident_id=member.resident_id,
                sale_id=sale.sale_id,
                expires_at=member.code_expires_at,
            )
            .on_conflict_do_nothing()
        )
    if sale.points:
        entry_id = str(uuid.uuid4())
        conn.execute(
            insert(LEDGER),
            {
                "entry_id": entry_id,
                "resident_id": member.resident_id,
                "kind": LedgerKind.EARN.value,
                "points": sale.points,
                "sale_id": sale.sale_id,
                "refund_id": None,
                "created_at": sale.created_at,
            },
        )
        append(conn, "ledger", entry_id)
    shown = _shown_balance(conn, member.resident_id)  # without this sale: not pending yet
    conn.execute(
        insert(SM),
        {
            "sale_id": sale.sale_id,
            "resident_id": member.resident_id,
            "community_id": member.community_id,
            "property_company_id": member.property_company_id,
            "masked_name": member.masked_name,
            "code_nonce": member.code_nonce,
            "code": member.code,
            "eligible_fen": sale.eligible_amount.fen,
            "points": sale.points,
            "share_bps": None if contract is None else contract.share_bps,
            "points_bps": None if contract is None else contract.points_bps,
            "contract_from": None if contract is None else contract.effective_from,
            "balance_after": None if shown is None else shown + sale.points,
        },
    )
