"""GET /residents/{id} (live balance) and /residents/{id}/bills (open property-fee bills).

A till sees residents of its own store's property company only.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from sync.protocol.accounts import BillOut, ResidentOut
from sync.protocol.types import CLEAN
from sync.server import ledger, wallet
from sync.server.api.deps import DbDep, TerminalDep
from sync.server.api.errors import ApiError, responses

router = APIRouter(tags=["residents"])
ResidentId = Annotated[str, Path(min_length=1, max_length=40, description="e.g. R0001"), CLEAN]


@router.get(
    "/residents/{resident_id}", response_model=ResidentOut, responses=responses(401, 403, 404)
)
def resident(resident_id: ResidentId, db: DbDep, terminal: TerminalDep) -> ResidentOut:
    with db.read() as session:
        try:
            wallet.resident_for(session, terminal=terminal, resident_id=resident_id)
        except wallet.Refused as exc:
            raise ApiError(exc.status, exc.code, exc.message) from exc
        out = ledger.resident_out(session, resident_id=resident_id)
    assert out is not None
    return out


@router.get(
    "/residents/{resident_id}/bills",
    response_model=list[BillOut],
    responses=responses(401, 403, 404),
)
def bills(resident_id: ResidentId, db: DbDep, terminal: TerminalDep) -> list[BillOut]:
    with db.read() as session:
        try:
            wallet.resident_for(session, terminal=terminal, resident_id=resident_id)
        except wallet.Refused as exc:
            raise ApiError(exc.status, exc.code, exc.message) from exc
        return wallet.open_bills(session, resident_id=resident_id)
