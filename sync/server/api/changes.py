"""GET /changes: what the calling till needs, after its cursor, in seq order.

The cursor is opaque to the till (today: the last seq it received). A till
sees global kinds (catalog, membership keys), its community's contracts and
its property company's residents and revocations, and the notices addressed
to itself alone (an id conflict another till ran into). The JSON is assembled
from the stored data text without decoding it: a fresh till pulls 100,000
products in pages of 5,000, and parsing and re-encoding each page would
cost more than reading it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from fastapi import APIRouter, Query, Response
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sync.protocol.changes import DocumentedChangesResponse
from sync.protocol.codes import ErrorCode
from sync.protocol.types import MAX_COUNTER
from sync.server.api.deps import DbDep, SettingsDep, TerminalDep
from sync.server.api.errors import ApiError, responses
from sync.server.models.changes import Change

router = APIRouter(tags=["sync"])


_BAD_CURSOR = "use next_cursor of the previous page, or an empty cursor to start over"


def parse_cursor(cursor: str) -> int:
    """The seq a cursor stands for; 400 bad_cursor for anything but a number we could send."""
    if cursor == "":
        return 0
    if not cursor.isascii() or not cursor.isdigit() or len(cursor) > len(str(MAX_COUNTER)):
        raise ApiError(400, ErrorCode.BAD_CURSOR, _BAD_CURSOR)
    value = int(cursor)
    if value > MAX_COUNTER:
        raise ApiError(400, ErrorCode.BAD_CURSOR, _BAD_CURSOR)
    return value


def _check_within_feed(session: Session, after: int) -> None:
    """A cursor past the end of the feed came from another database (or was made up)."""
    if after == 0:
        return
    last = session.execute(select(func.max(Change.seq))).scalar_one_or_none() or 0
    if after > last:
        raise ApiError(400, ErrorCode.BAD_CURSOR, _BAD_CURSOR)


@router.get(
    "/changes",
    response_model=DocumentedChangesResponse,
    responses=responses(400, 401, 403),
)
def changes(
    db: DbDep,
    settings: SettingsDep,
    terminal: TerminalDep,
    cursor: str = Query(
        default="", max_length=64, description="next_cursor of the previous page; empty: start"
    ),
    limit: int | None = Query(
        default=None, ge=1, le=MAX_COUNTER, description="clamped to the server's maximum"
    ),
) -> Response:
    after = parse_cursor(cursor)
    size = min(limit or settings.changes_default_limit, settings.changes_max_limit)
    stmt = (
        select(Change.seq, Change.kind, Change.op, Change.key, Change.data)
        .where(
            Change.seq > after,
            or_(Change.community_id.is_(None), Change.community_id == terminal.community_id),
            or_(
                Change.property_company_id.is_(None),
                Change.property_company_id == terminal.property_company_id,
            ),
            or_(Change.terminal_id.is_(None), Change.terminal_id == terminal.id),
        )
        .order_by(Change.seq)
        .limit(size + 1)
    )
    with db.read() as session:
        _check_within_feed(session, after)
        rows = session.execute(stmt).all()
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = str(rows[-1].seq) if rows else str(after)
    dumps = json.dumps
    items = ",".join(
        f'{{"seq":{r.seq},"kind":{dumps(r.kind)},"op":{dumps(r.op)},'
        f'"key":{dumps(r.key, ensure_ascii=False)},"data":{r.data or "null"}}}'
        for r in rows
    )
    body = (
        f'{{"changes":[{items}],"next_cursor":"{next_cursor}",'
        f'"more":{"true" if more else "false"},'
        f'"server_time":"{datetime.now(UTC).isoformat().replace("+00:00", "Z")}"}}'
    )
    return Response(body.encode("utf-8"), media_type="application/json")
