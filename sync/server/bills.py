"""Property-fee bills: importing the property company's bill export (all or nothing), and
what the payment import (sync/server/bill_payments.py) shares with it: the rooms of a
community, the bill of a resident and month, the report of an import.

A bill belongs to the resident whose sealed bill address names the same room
(bill_rows.room_key) in the community imported for. Every row is checked against
the database and the rest of the file first; only a file without a single bad row
writes anything, in the caller's one transaction. Re-importing is safe: the same
bill or payment is "unchanged", a bill's new amount is taken only while nothing is
paid on it, and a payment reference already stored with other content is refused.

`bills.paid_fen` counts money (`bill_payments`) and points (`redemptions`) together;
each move is a conditional UPDATE (`… WHERE amount_fen - paid_fen >= :x`), so a
payment and a redemption at the same moment cannot overpay a bill, and the CHECK
constraint of the table stands behind it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync.protocol.codes import ErrorCode
from sync.server import personal_data
from sync.server.bill_rows import (
    BILL_COLUMNS,
    PROPERTY_FEE_ITEMS,
    BadRow,
    FileRefused,
    RowCode,
    Sheet,
    cell_text,
    parse_fen,
    parse_period,
    read_sheet,
    room_key,
)
from sync.server.models.partners import Community
from sync.server.models.residents import Bill, Resident


class BillError(Exception):
    """A refusal of one payment or of a request: the route answers `status` with `code`."""

    def __init__(self, status: int, code: ErrorCode, message: str = "") -> None:
        super().__init__(code.value)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True, slots=True)
class Amended:
    """A bill whose amount an import changed (it was unpaid): told, never silent."""

    row: int
    bill_id: str
    period: str
    old_fen: int
    new_fen: int


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did; `problems` non-empty means it wrote nothing at all."""

    rows: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[BadRow] = field(default_factory=list)
    amended: list[Amended] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def bill_id_for(resident_id: str, period: str) -> str:
    """The bill of a resident and month: readable while it fits the 40-character key."""
    plain = f"B-{resident_id}-{period}"
    if len(plain) <= 40:
        return plain
    return "B-" + hashlib.sha256(f"{resident_id}|{period}".encode()).hexdigest()[:38]


class Rooms:
    """Room key → the residents of one community living there (their bill address)."""

    def __init__(self, session: Session, community: Community) -> None:
        self.community = community
        keys = personal_data.keys_of(session)
        stmt = select(Resident.id, Resident.address_enc).where(
            Resident.community_id == community.id, Resident.address_enc.is_not(None)
        )
        self._by_room: dict[str, list[str]] = {}
        for rid, sealed in session.execute(stmt):
            assert sealed is not None  # selected so
            address = keys.open(field="address", row_id=rid, sealed=sealed)
            self._by_room.setdefault(room_key(address, community.name), []).append(rid)

    def resident(self, written: Any, row: int, column: str) -> str | BadRow:
        text = cell_text(written)
        if not text:
            return BadRow(row, column, RowCode.EMPTY_VALUE)
        found = self._by_room.get(room_key(str(written), self.community.name), [])
        if not found:
            return BadRow(row, column, RowCode.UNKNOWN_ROOM, value=text)
        if len(found) > 1:
            return BadRow(row, column, RowCode.AMBIGUOUS_ROOM, value=text, detail=str(len(found)))
        return found[0]


def community(session: Session, community_id: str) -> Community:
    """The community, its row locked until the transaction ends (PostgreSQL; SQLite's write
    transactions are serial anyway): two imports or payments of one community never
    interleave, so the checks of one file hold when its rows are written."""
    found = session.get(Community, community_id, with_for_update=True)
    if found is None:
        raise BillError(404, ErrorCode.NOT_FOUND, f"unknown community {community_id}")
    return found


def field_value(
    row: int,
    headers: dict[str, str],
    key: str,
    value: Any,
    parse: Callable[[Any], Any],
    bad: RowCode,
) -> Any:
    if not cell_text(value):
        return BadRow(row, headers[key], RowCode.EMPTY_VALUE)
    parsed = parse(value)
    return BadRow(row, headers[key], bad, value=cell_text(value)) if parsed is None else parsed


def read_or_report(data: bytes, columns: Any) -> Sheet | ImportReport:
    try:
        return read_sheet(data, columns)
    except FileRefused as exc:
        return ImportReport(rows=0, problems=exc.problems)


# --- bills -------------------------------------------------------------------------------


def import_bills(session: Session, *, community_id: str, data: bytes) -> ImportReport:
    """The bills of a CSV/XLSX export for `community_id`: all of them, or none."""
    place = community(session, community_id)
    sheet = read_or_report(data, BILL_COLUMNS)
    if isinstance(sheet, ImportReport):
        return sheet
    rooms, h = Rooms(session, place), sheet.headers
    problems: list[BadRow] = []
    wanted: dict[tuple[str, str], tuple[int, int]] = {}  # (resident, period) → (row, fen)
    for n, cells in sheet.rows:
        resident = rooms.resident(cells["room"], n, h["room"])
        period = field_value(n, h, "period", cells["period"], parse_period, RowCode.BAD_PERIOD)
        fen = field_value(n, h, "amount", cells["amount"], parse_fen, RowCode.BAD_AMOUNT)
        item = cell_text(cells.get("item"))
        if item and item not in PROPERTY_FEE_ITEMS:
            problems.append(BadRow(n, h["item"], RowCode.NOT_PROPERTY_FEE, value=item))
        bad = [x for x in (resident, period, fen) if isinstance(x, BadRow)]
        problems.extend(bad)
        if bad or isinstance(resident, BadRow):
            continue
        earlier = wanted.get((resident, period))
        if earlier is not None:
            problems.append(BadRow(n, "", RowCode.DUPLICATE_ROW, detail=str(earlier[0])))
            continue
        wanted[(resident, period)] = (n, fen)
    stored = stored_bills(session, community_id, {p for _r, p in wanted})
    created = unchanged = 0
    changes: list[tuple[int, Bill | None, str, str, int]] = []
    amended: list[Amended] = []
    for (resident, period), (n, fen) in wanted.items():
        bill = stored.get((resident, period))
        if bill is not None and bill.amount_fen == fen:
            unchanged += 1
        elif bill is not None and bill.paid_fen > 0:
            problems.append(
                BadRow(n, h["amount"], RowCode.AMOUNT_CHANGED_AFTER_PAYMENT,
                       value=f"{fen // 100}.{fen % 100:02d}", detail=str(bill.paid_fen))
            )  # fmt: skip
        else:
            changes.append((n, bill, resident, period, fen))
    if problems:
        return ImportReport(rows=len(sheet.rows), problems=sorted(problems, key=by_position))
    for n, bill, resident, period, fen in changes:
        if bill is None:
            session.add(
                Bill(id=bill_id_for(resident, period), resident_id=resident, period=period,
                     amount_fen=fen, paid_fen=0)
            )  # fmt: skip
            created += 1
        else:
            old_fen = bill.amount_fen  # before the UPDATE refreshes the loaded bill
            # only while unpaid: a redemption landing meanwhile makes this a refusal
            moved = session.execute(
                update(Bill)
                .where(Bill.id == bill.id, Bill.paid_fen == 0)
                .values(amount_fen=fen)
                .returning(Bill.id)
            ).first()
            if moved is None:
                # a redemption at the showroom, between the check and now: import again
                message = f"bill {bill.id} was paid meanwhile: import again"
                raise BillError(409, ErrorCode.IMPORT_REJECTED, message)
            amended.append(Amended(n, bill.id, period, old_fen, fen))
    session.flush()
    return ImportReport(len(sheet.rows), created, len(amended), unchanged, amended=amended)


def by_position(p: BadRow) -> tuple[int, str]:
    return (p.row, p.column)


def stored_bills(
    session: Session, community_id: str, periods: set[str]
) -> dict[tuple[str, str], Bill]:
    if not periods:
        return {}
    stmt = (
        select(Bill)
        .join(Resident, Resident.id == Bill.resident_id)
        .where(Resident.community_id == community_id, Bill.period.in_(sorted(periods)))
    )
    return {(b.resident_id, b.period): b for b in session.scalars(stmt)}
