"""What moves a resident's points outside a push: redemptions (核销) and receipt claims.

Both run in one write transaction each: the negative (or positive) ledger
entry, the bill payment or the claim row, the cached balance and the change
the tills pull commit together or not at all. The checks that guard money
are conditional UPDATEs (`… WHERE balance >= :points`), so two tills
redeeming for the same resident at the same moment cannot overdraw it, on
SQLite or on PostgreSQL, without any lock of our own.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta

from sqlalchemy import Table, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from pos_app.core.errors import ErrorCode as PosCode
from pos_app.core.errors import PosError
from pos_app.core.membership import parse_key_ring, verify_code
from pos_app.core.receipt_codes import parse_claim
from sync.protocol.accounts import (
    BillOut,
    ClaimRequest,
    ClaimResponse,
    RedemptionRequest,
    RedemptionResponse,
)
from sync.protocol.codes import ErrorCode
from sync.server import crud, ledger
from sync.server import points as pts
from sync.server.changelog import ChangeLog
from sync.server.crud import TerminalCtx, insert_ignore
from sync.server.models.orders import Order, ReviewItem
from sync.server.models.partners import Community, ContractVersion, Store
from sync.server.models.residents import (
    Bill,
    Claim,
    MemberCodeUse,
    Redemption,
    Resident,
    Revocation,
)
from sync.server.models.terminals import Terminal
from sync.server.security import parse_public_key


class Refused(Exception):
    """A business refusal: the route answers `status` with ErrorBody(code)."""

    def __init__(self, status: int, code: ErrorCode, message: str = "") -> None:
        super().__init__(code.value)
        self.status, self.code, self.message = status, code, message


# --- bills and redemptions -----------------------------------------------------------------


def open_bills(session: Session, *, resident_id: str) -> list[BillOut]:
    stmt = (
        select(Bill)
        .where(Bill.resident_id == resident_id, Bill.paid_fen < Bill.amount_fen)
        .order_by(Bill.period)
    )
    return [
        BillOut(bill_id=b.id, period=b.period, amount_fen=b.amount_fen, paid_fen=b.paid_fen)
        for b in session.scalars(stmt)
    ]


def resident_for(session: Session, *, terminal: TerminalCtx, resident_id: str) -> Resident:
    """A resident the terminal may see: of its store's property company only."""
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise Refused(404, ErrorCode.RESIDENT_NOT_FOUND)
    if resident.property_company_id != terminal.property_company_id:
        raise Refused(403, ErrorCode.WRONG_COMPANY)
    return resident


def redeem(
    session: Session, *, terminal: TerminalCtx, request: RedemptionRequest, now: datetime
) -> RedemptionResponse:
    rid = str(request.redemption_id)
    # the caller's company first: a replayed id from another company's till is refused
    # exactly as a fresh request would be, before anything about the original is read
    resident = resident_for(session, terminal=terminal, resident_id=request.resident_id)
    earlier = session.get(Redemption, rid)
    if earlier is not None:
        return _duplicate(session, earlier, request)
    bill = session.get(Bill, request.bill_id)
    if bill is None or bill.resident_id != resident.id:
        raise Refused(404, ErrorCode.BILL_NOT_FOUND)
    fresh = insert_ignore(
        session,
        Redemption,
        {
            "redemption_id": rid,
            "resident_id": resident.id,
            "bill_id": bill.id,
            "points": request.points,
            "terminal_id": terminal.id,
            "created_at": now,
        },
        ["redemption_id"],
    )
    if not fresh:  # the same request, retried while the first was in flight
        earlier = session.get(Redemption, rid, populate_existing=True)
        assert earlier is not None
        return _duplicate(session, earlier, request)
    balance = session.execute(
        update(Resident)
        .where(Resident.id == resident.id, Resident.balance >= request.points)
        .values(balance=Resident.balance - request.points, balance_as_of=now)
        .returning(Resident.balance)
    ).scalar_one_or_none()
    if balance is None:
        raise Refused(409, ErrorCode.OVER_BALANCE)
    open_fen = session.execute(
        update(Bill)
        .where(Bill.id == bill.id, Bill.amount_fen - Bill.paid_fen >= request.points)
        .values(paid_fen=Bill.paid_fen + request.points)
        .returning(Bill.amount_fen - Bill.paid_fen)
    ).scalar_one_or_none()
    if open_fen is None:
        raise Refused(409, ErrorCode.OVER_BILL)  # rolls back the balance move too
    ledger.add_ledger(
        session,
        resident_id=resident.id,
        kind="redemption",
        points=-request.points,
        source_kind="redemption",
        source_id=rid,
        sale_id=None,
        now=now,
    )
    _log_balance(session, resident.id, now)
    return RedemptionResponse(
        redemption_id=request.redemption_id,
        status="done",
        points=request.points,
        bill_id=bill.id,
        bill_open_fen=int(open_fen),
        balance=int(balance),
    )


def _duplicate(
    session: Session, earlier: Redemption, request: RedemptionRequest
) -> RedemptionResponse:
    same = (earlier.resident_id, earlier.bill_id, earlier.points) == (
        request.resident_id,
        request.bill_id,
        request.points,
    )
    if not same:
        # no detail: the original may be another company's, whose figures are not ours to tell
        raise Refused(409, ErrorCode.REDEMPTION_CONFLICT)
    bill = session.get(Bill, earlier.bill_id, populate_existing=True)
    resident = session.get(Resident, earlier.resident_id, populate_existing=True)
    assert bill is not None and resident is not None
    return RedemptionResponse(
        redemption_id=uuid.UUID(earlier.redemption_id),
        status="duplicate",
        points=earlier.points,
        bill_id=bill.id,
        bill_open_fen=bill.amount_fen - bill.paid_fen,
        balance=resident.balance,
    )


def _log_balance(session: Session, resident_id: str, now: datetime) -> None:
    changes = ChangeLog()
    ledger.log_resident(session, resident_id=resident_id, changes=changes)
    changes.flush(session, now=now)


# --- claims of anonymous receipts -------------------------------------------------------------


class _Revoked:
    """The revocation list as `verify_code` asks it (`resident in revoked`), one row at a time."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def __contains__(self, resident_id: object) -> bool:
        return (
            isinstance(resident_id, str) and self._session.get(Revocation, resident_id) is not None
        )

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def claim(
    session: Session,
    *,
    terminal: TerminalCtx,
    request: ClaimRequest,
    now: datetime,
    window: timedelta,
) -> ClaimResponse:
    # 1. the receipt's code, signed by the till that made the sale
    try:
        payload, signed, signature = parse_claim(request.claim_code)
    except PosError as exc:
        raise Refused(400, ErrorCode.CLAIM_FORGED, "not a claim code") from exc
    order = session.scalars(
        select(Order).where(Order.sale_id == payload.sale_id).with_for_update()
    ).one_or_none()
    signer = None if order is None else session.get(Terminal, order.terminal_id)
    key = (
        session.scalars(select(Terminal).where(Terminal.key_id == payload.key_id)).first()
        if signer is None
        else signer
    )
    if (
        key is None
        or key.key_id != payload.key_id
        or not _verifies(key.public_key, signed, signature)
    ):
        raise Refused(400, ErrorCode.CLAIM_FORGED, "signature")
    # 2. only within the caller's property company, before anything about the sale is told
    if _company_of_store(session, key.store_code) != terminal.property_company_id:
        raise Refused(403, ErrorCode.WRONG_COMPANY)
    if order is None:
        raise Refused(404, ErrorCode.SALE_UNKNOWN)
    if (order.receipt_no, order.store_code) != (payload.receipt_no, payload.store_code):
        raise Refused(400, ErrorCode.CLAIM_FORGED, "receipt")
    # 3. the window: the server's policy caps whatever the till printed
    deadline = min(payload.deadline, int((order.created_at + window).timestamp()))
    if now.timestamp() > deadline:
        raise Refused(410, ErrorCode.CLAIM_EXPIRED)
    # 4. the resident's own code, signed by us; of the company running the store's community
    company = session.get(Community, order.community_id)
    assert company is not None
    if company.property_company_id != terminal.property_company_id:
        raise Refused(403, ErrorCode.WRONG_COMPANY)
    ring = parse_key_ring(",".join(f"{k}:{v}" for k, v in crud.membership_keys(session).items()))
    try:
        member = verify_code(
            request.member_code,
            public_keys=ring,
            now=int(now.timestamp()),
            property_company_id=company.property_company_id,
            revoked_residents=_Revoked(session),
        )
    except PosError as exc:
        if exc.code is PosCode.QR_WRONG_COMMUNITY:
            raise Refused(403, ErrorCode.WRONG_COMPANY) from exc
        raise Refused(400, ErrorCode.MEMBER_CODE_INVALID, exc.code.value) from exc
    resident = session.get(Resident, member.resident_id)
    if resident is None:
        raise Refused(404, ErrorCode.RESIDENT_NOT_FOUND)
    if resident.property_company_id != company.property_company_id:
        raise Refused(403, ErrorCode.WRONG_COMPANY)
    # 5. once per sale, once per membership code: both UNIQUE on the claim row decide races
    if order.member_id is not None or order.resident_id is not None:
        raise Refused(409, ErrorCode.ALREADY_CLAIMED)
    if _nonce_used(session, resident.id, member.key_id, member.nonce):
        raise Refused(409, ErrorCode.MEMBER_CODE_USED)
    if _held(session, order.sale_id):
        raise Refused(409, ErrorCode.CLAIM_HELD)
    version = session.get(ContractVersion, order.contract_id) if order.contract_id else None
    earned = pts.points(order.eligible_fen - order.refunded_eligible_fen, version)
    row = {
        "sale_id": order.sale_id,
        "resident_id": resident.id,
        "terminal_id": order.terminal_id,
        "points": earned,
        "member_nonce": member.nonce,
        "created_at": now,
    }
    if not _insert_claim(session, row):
        # a concurrent claim won; which of the two keys it took decides the answer
        if session.get(Claim, order.sale_id, populate_existing=True) is not None:
            raise Refused(409, ErrorCode.ALREADY_CLAIMED)
        raise Refused(409, ErrorCode.MEMBER_CODE_USED)
    order.resident_id = resident.id
    order.points_server = earned
    moved = ledger.credit_now(
        session,
        resident_id=resident.id,
        points=earned,
        kind="claim",
        source_kind="claim",
        sale_id=order.sale_id,
        now=now,
    )
    balance = resident.balance if moved is None else moved
    return ClaimResponse(
        status="claimed", receipt_no=order.receipt_no, points=earned, balance=balance
    )


def _company_of_store(session: Session, store_code: str) -> str | None:
    stmt = (
        select(Community.property_company_id)
        .join(Store, Store.community_id == Community.id)
        .where(Store.code == store_code)
    )
    return session.execute(stmt).scalar_one_or_none()


def _nonce_used(session: Session, resident_id: str, key_id: str, nonce: str) -> bool:
    """The code already claimed a receipt, or already earned points on a sale."""
    if crud.code_claimed_a_receipt(session, resident_id=resident_id, nonce=nonce):
        return True
    return session.get(MemberCodeUse, (key_id, nonce)) is not None


def _held(session: Session, sale_id: str) -> bool:
    """The sale's points are held for review (open) or were refused by it (dismissed).

    A held anonymous sale (its time out of bounds) must not pay out through a
    claim what the push itself would not credit; once released it may be claimed.
    """
    stmt = select(ReviewItem.status).where(
        ReviewItem.kind == "hold",
        ReviewItem.source_kind == "sale",
        ReviewItem.source_id == sale_id,
        ReviewItem.status != "released",
    )
    return session.execute(stmt).first() is not None


def _insert_claim(session: Session, row: dict[str, object]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING on every unique key (sale, resident + nonce)."""
    conn = session.connection()
    table: Table = Claim.__table__  # type: ignore[assignment]  # a declarative class's Table
    ins = pg_insert(table) if conn.dialect.name == "postgresql" else sqlite_insert(table)
    stmt = ins.values(row).on_conflict_do_nothing().returning(table.c.sale_id)
    return conn.execute(stmt).first() is not None


def _verifies(public_key: str, signed: bytes, signature: bytes) -> bool:
    try:
        parse_public_key(public_key).verify(signature, signed)
    except Exception:  # InvalidSignature, or a malformed stored key
        return False
    return True
