"""A community's monthly settlement over HTTP (scope `company`, api/auth.py):

    GET /companies/{company_id}/communities/{community_id}/settlements/{YYYY-MM}
        ?format=json|csv|xlsx

Operations may read any community's; a property company only its own: the
company is bound by the path like every route of the scope (checked before
anything is read), and a community the company does not run is refused with
403 `wrong_company`, whether it exists or not. A closed month answers its frozen,
signed document; an open one is computed live and marked `"provisional": true`.
The settlement is totals per community: it names no product and no basket.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from sqlalchemy import select

from sync.protocol.codes import ErrorCode
from sync.protocol.types import CLEAN
from sync.server.api.deps import CompanyDep, DbDep
from sync.server.api.errors import ApiError, responses
from sync.server.models.partners import Community, PropertyCompany
from sync.server.settlement_close import published
from sync.server.settlement_export import FORMATS, MEDIA_TYPES

router = APIRouter(tags=["property company"])
CompanyId = Annotated[str, Path(min_length=1, max_length=40, description="e.g. P001"), CLEAN]
CommunityId = Annotated[str, Path(min_length=1, max_length=40, description="e.g. C001"), CLEAN]
Month = Annotated[
    str, Path(pattern=r"^2\d{3}-(0[1-9]|1[0-2])$", description="YYYY-MM, in Asia/Shanghai")
]


@router.get(
    "/companies/{company_id}/communities/{community_id}/settlements/{month}",
    responses={
        **responses(401, 403, 404),
        200: {"content": {t: {} for t in MEDIA_TYPES.values()}, "description": "the settlement"},
    },
)
def settlement(
    company_id: CompanyId,
    community_id: CommunityId,
    month: Month,
    db: DbDep,
    _who: CompanyDep,
    format: Annotated[Literal["json", "csv", "xlsx"], Query()] = "json",
) -> Response:
    with db.read() as session:
        if session.get(PropertyCompany, company_id) is None:
            raise ApiError(404, ErrorCode.NOT_FOUND, "unknown property company")
        runs = session.scalar(
            select(Community.property_company_id).where(Community.id == community_id)
        )
        if runs != company_id:
            raise ApiError(403, ErrorCode.WRONG_COMPANY, "a community of another company")
        document = published(session, community_id=community_id, month=month).document
    headers = {}
    if format != "json":
        name = f"settlement-{community_id}-{month}.{format}"
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return Response(FORMATS[format](document), media_type=MEDIA_TYPES[format], headers=headers)
