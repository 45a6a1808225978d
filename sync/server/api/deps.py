"""Dependencies of the routes: the database, the settings, and the calling terminal.

Every endpoint but /enroll and /healthz needs `Authorization: Bearer <token>`
from enrollment. The server stores only the token's sha256 and finds the
terminal by it; a revoked terminal is told so (403 terminal_revoked), so its
till can show "this till was withdrawn" instead of retrying for ever.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.protocol.codes import ErrorCode
from sync.server import crud
from sync.server.api.errors import ApiError
from sync.server.config import Settings
from sync.server.crud import TerminalCtx
from sync.server.db import Database

_bearer = HTTPBearer(auto_error=False, description="token from POST /api/v1/enroll")
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def current_terminal(
    db: Annotated[Database, Depends(get_db)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> TerminalCtx:
    if credentials is None or not credentials.credentials:
        raise ApiError(401, ErrorCode.BAD_TOKEN, "missing bearer token", _CHALLENGE)
    with db.read() as session:
        terminal = crud.terminal_by_token(session, token=credentials.credentials)
    if terminal is None:
        raise ApiError(401, ErrorCode.BAD_TOKEN, "unknown token", _CHALLENGE)
    if terminal.revoked_at is not None:
        raise ApiError(403, ErrorCode.TERMINAL_REVOKED, "this terminal was revoked")
    return terminal


DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
TerminalDep = Annotated[TerminalCtx, Depends(current_terminal)]
