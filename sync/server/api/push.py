"""POST /push: a batch of outbox items (≤ MAX_BATCH), one result per item, in order.

Only the envelope is checked here (a JSON object whose `items` is a list of
1…MAX_BATCH objects); each item is parsed on its own by `ingest`, so one bad
item is rejected alone.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter

from sync.protocol import PROTOCOL_VERSION
from sync.protocol.codes import ErrorCode
from sync.protocol.push import PushRequest, PushResponse
from sync.server import ingest
from sync.server.api.deps import DbDep, TerminalDep
from sync.server.api.errors import ApiError, responses

router = APIRouter(tags=["sync"])


@router.post(
    "/push",
    response_model=PushResponse,
    responses=responses(400, 401, 403, 422, 503),
)
def push(body: PushRequest, db: DbDep, terminal: TerminalDep) -> PushResponse:
    if body.protocol != PROTOCOL_VERSION:
        raise ApiError(400, ErrorCode.UNSUPPORTED_PROTOCOL, f"server speaks {PROTOCOL_VERSION}")
    now = datetime.now(UTC)
    results = ingest.push(db, terminal=terminal, items=body.items, now=now)
    return PushResponse(results=results, server_time=now)
