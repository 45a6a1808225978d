"""Payments against property-fee bills: the fee office's payment export (all or nothing)
and one payment at a time (API, CLI), both idempotent by the payment reference.

`bills.paid_fen` counts money (`bill_payments`) and points (`redemptions`) together;
each move is a conditional UPDATE (`… WHERE amount_fen - paid_fen >= :x`), so a payment
and a redemption at the same moment cannot overpay a bill. Points are never a payment
here: a row paid "by points" is refused, since the redemption already counts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync.protocol.codes import ErrorCode
from sync.server.bill_rows import (
    PAYMENT_COLUMNS,
    BadRow,
    RowCode,
    cell_text,
    is_points,
    parse_fen,
    parse_method,
    parse_paid_at,
    parse_period,
    parse_reference,
)
from sync.server.bills import (
    BillError,
    ImportReport,
    Rooms,
    bill_id_for,
    by_position,
    community,
    field_value,
    read_or_report,
    stored_bills,
)
from sync.server.crud import insert_ignore
from sync.server.models.bills import PAYMENT_METHODS, BillPayment
from sync.server.models.residents import Bill


@dataclass(frozen=True, slots=True)
class Payment:
    bill_id: str
    reference: str
    method: str
    amount_fen: int
    paid_at: datetime


def import_payments(
    session: Session, *, community_id: str, data: bytes, now: datetime
) -> ImportReport:
    """The payments of the fee office's export for `community_id`: all of them, or none."""
    place = community(session, community_id)
    sheet = read_or_report(data, PAYMENT_COLUMNS)
    if isinstance(sheet, ImportReport):
        return sheet
    rooms, h = Rooms(session, place), sheet.headers
    problems: list[BadRow] = []
    parsed: list[tuple[int, str, str, Payment]] = []  # row, resident, period, its payment
    for n, cells in sheet.rows:
        resident = rooms.resident(cells["room"], n, h["room"])
        period = field_value(n, h, "period", cells["period"], parse_period, RowCode.BAD_PERIOD)
        fen = field_value(n, h, "amount", cells["amount"], parse_fen, RowCode.BAD_AMOUNT)
        ref = field_value(
            n, h, "reference", cells["reference"], parse_reference, RowCode.BAD_REFERENCE
        )
        when = field_value(n, h, "paid_on", cells["paid_on"], parse_paid_at, RowCode.BAD_DATE)
        if isinstance(when, datetime) and when > now:
            when = BadRow(
                n, h["paid_on"], RowCode.DATE_IN_FUTURE, value=cell_text(cells["paid_on"])
            )
        method: Any = cells["method"]
        if is_points(method):
            method = BadRow(n, h["method"], RowCode.POINTS_NOT_A_PAYMENT, value=cell_text(method))
        else:
            method = field_value(n, h, "method", method, parse_method, RowCode.BAD_METHOD)
        bad = [x for x in (resident, period, fen, ref, when, method) if isinstance(x, BadRow)]
        problems.extend(bad)
        if not bad and not isinstance(resident, BadRow):
            parsed.append((n, resident, period, Payment("", ref, method, fen, when)))
    bills = stored_bills(session, community_id, {p for _n, _r, p, _x in parsed})
    stored = _stored_payments(session, community_id, [x.reference for *_a, x in parsed])
    open_fen = {b.id: b.amount_fen - b.paid_fen for b in bills.values()}
    seen: dict[str, int] = {}
    fresh: list[Payment] = []
    unchanged = 0
    for n, resident, period, x in parsed:
        bill = bills.get((resident, period))
        if bill is None:
            problems.append(BadRow(n, h["period"], RowCode.BILL_UNKNOWN, value=period))
            continue
        payment = Payment(bill.id, x.reference, x.method, x.amount_fen, x.paid_at)
        if x.reference in seen:
            problems.append(
                BadRow(n, h["reference"], RowCode.DUPLICATE_ROW, value=x.reference,
                       detail=str(seen[x.reference]))
            )  # fmt: skip
            continue
        seen[x.reference] = n
        earlier = stored.get(x.reference)
        if earlier is not None:
            if _same(earlier, payment):
                unchanged += 1
            else:
                problems.append(
                    BadRow(n, h["reference"], RowCode.PAYMENT_CONFLICT, value=x.reference)
                )
            continue
        if payment.amount_fen > open_fen[bill.id]:
            problems.append(
                BadRow(n, h["amount"], RowCode.OVERPAYS_BILL, value=_yuan(x.amount_fen),
                       detail=str(open_fen[bill.id]))
            )  # fmt: skip
            continue
        open_fen[bill.id] -= payment.amount_fen
        fresh.append(payment)
    if problems:
        return ImportReport(rows=len(sheet.rows), problems=sorted(problems, key=by_position))
    for payment in fresh:
        if _apply(session, community_id, payment, now=now, source="import") is None:
            raise BillError(409, ErrorCode.PAYMENT_CONFLICT, "a reference was stored meanwhile")
    return ImportReport(len(sheet.rows), created=len(fresh), unchanged=unchanged)


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _stored_payments(
    session: Session, community_id: str, references: list[str]
) -> dict[str, BillPayment]:
    found: dict[str, BillPayment] = {}
    for start in range(0, len(references), 500):  # bounded IN lists on both back-ends
        chunk = references[start : start + 500]
        stmt = select(BillPayment).where(
            BillPayment.community_id == community_id, BillPayment.reference.in_(chunk)
        )
        found.update({p.reference: p for p in session.scalars(stmt)})
    return found


def _same(stored: BillPayment, payment: Payment) -> bool:
    return (stored.bill_id, stored.method, stored.amount_fen, stored.paid_at) == (
        payment.bill_id,
        payment.method,
        payment.amount_fen,
        payment.paid_at,
    )


def _apply(
    session: Session, community_id: str, payment: Payment, *, now: datetime, source: str
) -> int | None:
    """The payment row and the bill's paid amount: the bill's open amount after it, or
    None when a concurrent request stored the same reference first (nothing done)."""
    row = {
        "community_id": community_id, "reference": payment.reference,
        "bill_id": payment.bill_id, "method": payment.method,
        "amount_fen": payment.amount_fen, "paid_at": payment.paid_at,
        "recorded_at": now, "source": source,
    }  # fmt: skip
    # the reference first: on PostgreSQL a concurrent insert of it waits for ours, then
    # finds it (ON CONFLICT DO NOTHING), so one payment is never counted twice
    if not insert_ignore(session, BillPayment, row, ["community_id", "reference"]):
        return None
    left = session.execute(
        update(Bill)
        .where(Bill.id == payment.bill_id, Bill.amount_fen - Bill.paid_fen >= payment.amount_fen)
        .values(paid_fen=Bill.paid_fen + payment.amount_fen)
        .returning(Bill.amount_fen - Bill.paid_fen)
    ).scalar_one_or_none()
    if left is None:  # paid meanwhile (a redemption): the whole transaction rolls back
        raise BillError(409, ErrorCode.OVER_BILL, f"bill {payment.bill_id} would be overpaid")
    return int(left)


@dataclass(frozen=True, slots=True)
class PaymentResult:
    status: str  # recorded, duplicate
    bill_id: str
    bill_open_fen: int


def record_payment(
    session: Session,
    *,
    community_id: str,
    room: str,
    period: str,
    reference: str,
    method: str,
    amount_fen: int,
    paid_at: datetime,
    now: datetime,
    source: str,
) -> PaymentResult:
    """One payment (API, CLI): idempotent by reference; never overpays (409 over_bill)."""
    place = community(session, community_id)
    if method not in PAYMENT_METHODS:
        raise BillError(422, ErrorCode.INVALID_REQUEST, f"method: one of {PAYMENT_METHODS}")
    if parse_reference(reference) != reference:
        raise BillError(422, ErrorCode.INVALID_REQUEST, "reference: 1-64 printable characters")
    if not 0 < amount_fen <= 1_000_000_000:
        raise BillError(422, ErrorCode.INVALID_REQUEST, "amount_fen: above 0")
    if paid_at > now:
        raise BillError(422, ErrorCode.INVALID_REQUEST, "paid_at: in the future")
    resident = Rooms(session, place).resident(room, 0, "room")
    if isinstance(resident, BadRow):
        raise BillError(404, ErrorCode.BILL_NOT_FOUND, resident.message_en)
    bill = session.get(Bill, bill_id_for(resident, period))
    if bill is None:
        bill = session.scalars(
            select(Bill).where(Bill.resident_id == resident, Bill.period == period)
        ).first()
    if bill is None:
        raise BillError(404, ErrorCode.BILL_NOT_FOUND, "no bill of this room and period")
    payment = Payment(bill.id, reference, method, amount_fen, paid_at)
    left = _apply(session, community_id, payment, now=now, source=source)
    if left is not None:
        return PaymentResult("recorded", bill.id, left)
    earlier = _stored_payments(session, community_id, [reference])[reference]
    if not _same(earlier, payment):
        raise BillError(409, ErrorCode.PAYMENT_CONFLICT, "reference stored with other content")
    session.refresh(bill)
    return PaymentResult("duplicate", bill.id, bill.amount_fen - bill.paid_fen)
