"""GET /shifts?day=YYYY-MM-DD: the closed shifts of the calling till's own store.

A till sees its store's shifts only (the store manager's view at the counter).
A store manager's or operations' API token reads them at
`GET /stores/{store_code}/shifts` (api/store.py, scope `store`).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from sync.protocol.shifts import ShiftOut
from sync.server import shifts
from sync.server.api.deps import DbDep, TerminalDep
from sync.server.api.errors import responses

router = APIRouter(tags=["shifts"])


@router.get("/shifts", response_model=list[ShiftOut], responses=responses(401, 403, 422))
def list_shifts(
    db: DbDep, terminal: TerminalDep, day: Annotated[date | None, Query()] = None
) -> list[ShiftOut]:
    with db.read() as session:
        return shifts.list_shifts(session, store_code=terminal.store_code, day=day)
