"""POST /redemptions: points offset an open property-fee bill (核销), once per redemption_id."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter

from sync.protocol.accounts import RedemptionRequest, RedemptionResponse
from sync.server import wallet
from sync.server.api.deps import DbDep, TerminalDep
from sync.server.api.errors import ApiError, responses

router = APIRouter(tags=["points"])


@router.post(
    "/redemptions",
    response_model=RedemptionResponse,
    responses=responses(401, 403, 404, 409, 422),
)
def redeem(body: RedemptionRequest, db: DbDep, terminal: TerminalDep) -> RedemptionResponse:
    now = datetime.now(UTC)
    try:
        return db.run_write(
            lambda session: wallet.redeem(session, terminal=terminal, request=body, now=now)
        )
    except wallet.Refused as exc:
        raise ApiError(exc.status, exc.code, exc.message) from exc
