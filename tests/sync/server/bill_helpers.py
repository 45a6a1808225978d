"""Builders for the bill tests: export files as the property company's systems write them
(CSV in UTF-8 with a BOM or in GB18030, XLSX made here with openpyxl), residents with a
sealed bill address, and the terminal context a redemption is made with."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]

from sync.server import crud
from sync.server.changelog import ChangeLog
from sync.server.crud import TerminalCtx
from sync.server.db import Database
from sync.server.seed import add_resident

BILL_HEADER = ["房号", "业主", "账期", "应收金额"]
PAYMENT_HEADER = ["房号", "账期", "实收金额", "缴费方式", "缴费日期", "收据号"]
#: the demo residents of C001 (resources/demo/residents.csv): their rooms as a fee office
#: writes them, and their ids
C001_ROOMS = {"3-2-1102": "R0001", "5-1-603": "R0002", "1-3-201": "R0003", "8-2-1705": "R0004"}


def csv_bytes(rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def add_residents(
    db: Database, community_id: str, company_id: str, rooms: Sequence[str], *, opening: int = 0
) -> list[str]:
    """Residents of `community_id` living at `rooms` ('<building>栋<unit>单元<room>'), each with
    an opening balance; their ids in order."""
    now = datetime(2025, 12, 1, tzinfo=UTC)
    ids = []
    with db.write() as session:
        changes = ChangeLog()
        for n, room in enumerate(rooms):
            rid = f"R-{community_id}-{n:04d}"
            add_resident(
                session, resident_id=rid, community_id=community_id,
                property_company_id=company_id, masked_name="测*", opening=opening, now=now,
                changes=changes, bill_address=room,
            )  # fmt: skip
            ids.append(rid)
        changes.flush(session, now=now)
    return ids


def terminal_ctx(db: Database, token: str) -> TerminalCtx:
    """The context an enrolled till's requests carry (its token → its terminal)."""
    with db.read() as session:
        ctx = crud.terminal_by_token(session, token=token)
    assert ctx is not None
    return ctx
