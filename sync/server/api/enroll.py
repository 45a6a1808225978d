"""POST /enroll: a one-time code and the till's public key in, a bearer token out.

Attempts are rate-limited per client address and in all (429 rate_limited,
Retry-After), and an attempt is checked in a read transaction first: a wrong,
spent or expired code, or a malformed key, is refused without ever taking
the database's write lock, so guessing cannot stall the tills' pushes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from sqlalchemy import select

from sync.protocol.codes import ErrorCode
from sync.protocol.service import EnrollRequest, EnrollResponse
from sync.server import crud
from sync.server.api.deps import PUBLIC, DbDep, SettingsDep
from sync.server.api.errors import ApiError, responses
from sync.server.config import Settings
from sync.server.models.partners import Community, Store
from sync.server.rate_limit import AttemptLimiter

router = APIRouter(tags=["terminals"])
_STATUS = {"enrollment_code_invalid": 403, "bad_public_key": 400, "key_already_enrolled": 409}


def make_limiter(settings: Settings) -> AttemptLimiter:
    """The enrollment buckets of one app (one per worker process)."""
    return AttemptLimiter(
        per_address_burst=settings.enroll_burst_per_address,
        per_address_per_minute=settings.enroll_per_minute_per_address,
        global_burst=settings.enroll_burst_global,
        global_per_minute=settings.enroll_per_minute_global,
    )


@router.post(
    "/enroll",
    response_model=EnrollResponse,
    responses=responses(400, 403, 409, 429),
    dependencies=[PUBLIC],
)
def enroll(
    body: EnrollRequest, request: Request, db: DbDep, settings: SettingsDep
) -> EnrollResponse:
    address = request.client.host if request.client else "unknown"
    limiter: AttemptLimiter = request.app.state.enroll_limiter
    wait = limiter.check(address)
    if wait:
        raise ApiError(
            429, ErrorCode.RATE_LIMITED, "too many enrollment attempts", {"Retry-After": str(wait)}
        )
    now = datetime.now(UTC)
    try:
        with db.read() as session:  # no write lock for an attempt that cannot succeed
            crud.check_enrollment(
                session, code=body.code, public_key=body.terminal_public_key, now=now
            )
        done = db.run_write(
            lambda session: crud.enroll(
                session,
                code=body.code,
                public_key=body.terminal_public_key,
                app_version=body.app_version,
                now=now,
                token_bytes=settings.token_bytes,
            )
        )
    except crud.EnrollRefused as exc:
        raise ApiError(_STATUS[exc.code], exc.code) from exc
    t = done.terminal
    with db.read() as session:
        names = session.execute(
            select(Store.name, Community.name)
            .join(Community, Community.id == Store.community_id)
            .where(Store.code == t.store_code)
        ).one()
    return EnrollResponse(
        terminal_id=t.id,
        store_code=t.store_code,
        terminal_code=t.terminal_code,
        community_id=t.community_id,
        property_company_id=t.property_company_id,
        token=done.token,
        membership_keys=done.membership_keys,
        server_time=now,
        store_name=names[0],
        community_name=names[1],
    )
