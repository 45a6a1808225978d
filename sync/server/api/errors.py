"""Every refusal is an ErrorBody {code, message} with a proper HTTP status.

Codes are stable identifiers a till switches on (and translates); messages
are for logs and people reading curl output, never parsed.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol.messages import ErrorBody, ErrorCode

log = logging.getLogger("sync.server.api")


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: ErrorCode | str,
        message: str = "",
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(str(code))
        self.status = status
        self.code = str(code)
        self.message = message
        self.headers = headers


def error_response(
    status: int, code: str, message: str = "", headers: dict[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody(code=code, message=message).model_dump()
    return JSONResponse(body, status_code=status, headers=headers)


def responses(*statuses: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI: these statuses answer with an ErrorBody."""
    return {s: {"model": ErrorBody} for s in statuses}


_BY_STATUS = {404: "not_found", 405: "method_not_allowed", 401: ErrorCode.BAD_TOKEN.value}


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"{where}: {first.get('msg', 'invalid')}"[:300]
        return error_response(422, ErrorCode.INVALID_REQUEST.value, message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _BY_STATUS.get(exc.status_code, f"http_{exc.status_code}")
        return error_response(exc.status_code, code, str(exc.detail), exc.headers)

    @app.exception_handler(OperationalError)
    async def _database(_request: Request, exc: OperationalError) -> JSONResponse:
        # the till retries later: its outbox keeps everything meanwhile
        log.error("database unavailable: %s", type(exc.orig).__name__)
        return error_response(
            503, ErrorCode.DATABASE_UNAVAILABLE.value, headers={"Retry-After": "5"}
        )

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return error_response(500, ErrorCode.INTERNAL_ERROR.value)
