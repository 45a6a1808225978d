"""POST /enroll: a one-time code and the till's public key in, a bearer token out."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter

from sync.protocol.messages import EnrollRequest, EnrollResponse
from sync.server import crud
from sync.server.api.deps import DbDep, SettingsDep
from sync.server.api.errors import ApiError, responses

router = APIRouter(tags=["terminals"])
_STATUS = {"enrollment_code_invalid": 403, "bad_public_key": 400, "key_already_enrolled": 409}


@router.post("/enroll", response_model=EnrollResponse, responses=responses(400, 403, 409, 422))
def enroll(body: EnrollRequest, db: DbDep, settings: SettingsDep) -> EnrollResponse:
    now = datetime.now(UTC)
    try:
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
    return EnrollResponse(
        terminal_id=t.id,
        store_code=t.store_code,
        terminal_code=t.terminal_code,
        community_id=t.community_id,
        property_company_id=t.property_company_id,
        token=done.token,
        membership_keys=done.membership_keys,
        server_time=now,
    )
