"""POST /claims: a resident claims the points of an anonymous receipt (YCC1 + their YCM1)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import APIRouter

from sync.protocol.accounts import ClaimRequest, ClaimResponse
from sync.server import wallet
from sync.server.api.deps import DbDep, SettingsDep, TerminalDep
from sync.server.api.errors import ApiError, responses

router = APIRouter(tags=["points"])


@router.post(
    "/claims", response_model=ClaimResponse, responses=responses(400, 401, 403, 404, 409, 410)
)
def claim(
    body: ClaimRequest, db: DbDep, settings: SettingsDep, terminal: TerminalDep
) -> ClaimResponse:
    now = datetime.now(UTC)
    window = timedelta(days=settings.claim_window_days)
    try:
        return db.run_write(
            lambda session: wallet.claim(
                session, terminal=terminal, request=body, now=now, window=window
            )
        )
    except wallet.Refused as exc:
        raise ApiError(exc.status, exc.code, exc.message) from exc
