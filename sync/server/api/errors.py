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

from sync.protocol.codes import ErrorCode
from sync.protocol.service import ErrorBody

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
    # a message may quote the request (a field name): no lone surrogate may reach the encoder
    message = message.encode("utf-8", "replace").decode("utf-8")[:400]
    body = ErrorBody(code=code, message=message).model_dump()
    return JSONResponse(body, status_code=status, headers=headers)


#: What each status means, for the OpenAPI document (every code: docs/sync-protocol.md).
_MEANING = {
    400: "a body that cannot be parsed, a bad cursor, a forged code (see the ErrorBody code)",
    401: "bad_token: no bearer token, or an unknown one",
    403: "terminal_revoked, wrong_company, enrollment_code_invalid",
    404: "the resident, bill or sale is unknown",
    409: "a conflict with what is stored (already claimed, over balance…)",
    410: "claim_expired",
    413: "payload_too_large: the body is over the server's limit",
    422: "invalid_request: the message names the field that failed",
    429: "rate_limited: wait Retry-After seconds",
    500: "internal_error: a bug on the server, never expected",
    503: "database_unavailable: retry after Retry-After seconds",
}
#: Every route can answer these: an unparsable body, the body limit, validation, the database
#: or a bug.
COMMON = (400, 413, 422, 500, 503)


def responses(*statuses: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI: these statuses (and COMMON) answer with an ErrorBody."""
    return {
        s: {"model": ErrorBody, "description": _MEANING[s]}
        for s in sorted(set(statuses) | set(COMMON))
    }


_BY_STATUS = {
    400: ErrorCode.INVALID_REQUEST.value,  # e.g. a body that is not UTF-8
    401: ErrorCode.BAD_TOKEN.value,
    404: ErrorCode.NOT_FOUND.value,
    405: ErrorCode.METHOD_NOT_ALLOWED.value,
    413: ErrorCode.PAYLOAD_TOO_LARGE.value,
}


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        loc = tuple(first.get("loc", ()))
        if first.get("type") == "json_invalid":  # loc is (body, character offset): no field yet
            message = f"body: not valid JSON (at character {loc[-1] if loc else 0})"
        else:
            where = ".".join(str(p) for p in loc)
            message = f"{where}: {first.get('msg', 'invalid')}"[:300]
        return error_response(422, ErrorCode.INVALID_REQUEST.value, message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _BY_STATUS.get(exc.status_code, ErrorCode.INVALID_REQUEST.value)
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
