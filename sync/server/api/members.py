"""GET /members/by-phone: residents whose phone ends with four digits, for a till.

A resident who left their phone at home (no membership QR) tells the cashier
the last four digits of their number and picks themselves out of the masked
names. The answer is scoped to the calling till's property company (a till
never learns of another company's residents), leaves out revoked residents,
and is bounded (`MAX_PHONE_CANDIDATES`): the same four digits are shared by
about one resident in ten thousand, so a longer list is a sign of trying
endings, not of a real customer. Each till may ask a burst of lookups then a
few a minute (429 rate_limited, Retry-After): enumerating a company's
residents ending by ending costs 10,000 requests, which takes that till days.

The four digits are matched by their keyed hash (`residents.phone_tag`), and
the masked phone shown beside each candidate is made from the sealed number:
the database holds neither (sync/server/personal_data.py). A sealed phone that
fails its integrity check refuses the lookup (500 internal_error, logged by
resident id): a garbled number is never shown.

A resident found this way has no signed membership code: the sale names them
without one, and the server holds its points for review (sale_trust).
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Query, Request
from sqlalchemy import case, exists, select

from sync.protocol.accounts import MAX_PHONE_CANDIDATES, MemberCandidate, MemberLookupResponse
from sync.protocol.codes import ErrorCode
from sync.server import personal_data
from sync.server.api.deps import DbDep, TerminalDep
from sync.server.api.errors import ApiError, responses
from sync.server.config import Settings
from sync.server.models.partners import Community
from sync.server.models.residents import Resident, Revocation
from sync.server.rate_limit import AttemptLimiter

router = APIRouter(tags=["residents"])
log = logging.getLogger("sync.server.members")

#: All tills together: only a backstop, the per-till bucket is the real limit.
_GLOBAL_BURST = 100_000
_GLOBAL_PER_MINUTE = 100_000.0


def make_limiter(settings: Settings) -> AttemptLimiter:
    """The lookup buckets of one app (one per worker process), keyed by terminal id."""
    return AttemptLimiter(
        per_address_burst=settings.member_lookup_burst_per_terminal,
        per_address_per_minute=settings.member_lookup_per_minute_per_terminal,
        global_burst=_GLOBAL_BURST,
        global_per_minute=_GLOBAL_PER_MINUTE,
    )


@router.get(
    "/members/by-phone",
    response_model=MemberLookupResponse,
    responses=responses(401, 403, 429),
)
def by_phone(
    request: Request,
    db: DbDep,
    terminal: TerminalDep,
    last4: str = Query(
        min_length=4,
        max_length=4,
        pattern=r"^[0-9]{4}$",
        description="the last four digits of the resident's phone",
    ),
) -> MemberLookupResponse:
    limiter: AttemptLimiter = request.app.state.member_lookup_limiter
    wait = limiter.check(terminal.id)
    if wait:
        raise ApiError(
            429, ErrorCode.RATE_LIMITED, "too many phone lookups", {"Retry-After": str(wait)}
        )
    keys = personal_data.keys_of_app(request.app)
    revoked = exists().where(Revocation.resident_id == Resident.id)
    stmt = (
        select(
            Resident.id,
            Resident.masked_name,
            Resident.phone_enc,
            Resident.community_id,
            Community.name,
        )
        .join(Community, Community.id == Resident.community_id)
        .where(
            Resident.property_company_id == terminal.property_company_id,
            Resident.phone_tag == keys.phone_tag(last4),
            ~revoked,
        )
        # the till's own community first: most customers live where they shop
        .order_by(
            case((Resident.community_id == terminal.community_id, 0), else_=1),
            Resident.masked_name,
            Resident.id,
        )
        .limit(MAX_PHONE_CANDIDATES + 1)
    )
    with db.read() as session:
        rows = session.execute(stmt).all()
    try:
        candidates = [
            MemberCandidate(
                resident_id=r.id,
                masked_name=r.masked_name,
                masked_phone=personal_data.mask_phone(
                    keys.open(field="phone", row_id=r.id, sealed=r.phone_enc)
                ),
                community_id=r.community_id,
                community_name=r.name,
            )
            for r in rows[:MAX_PHONE_CANDIDATES]
        ]
    except personal_data.PersonalDataError as exc:
        log.error("phone lookup refused: %s", exc)
        raise ApiError(500, ErrorCode.INTERNAL_ERROR, "a stored phone fails its check") from exc
    return MemberLookupResponse(
        candidates=candidates,
        truncated=len(rows) > MAX_PHONE_CANDIDATES,
    )
