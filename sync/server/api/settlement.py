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
from pydantic import BaseModel, ConfigDict
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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ContractLine(_Strict):
    """The month's figures under one contract version (a sale's version, by its time)."""

    version_id: int | None
    effective_from: str | None
    share_bps: int
    points_bps: int
    orders: int
    sales_fen: int
    refunds_fen: int
    net_fen: int
    eligible_fen: int
    share_fen: int


class SourceLine(_Strict):
    """One source of joint revenue (showroom; online orders next)."""

    source: str
    orders: int
    sales_fen: int
    refunds_fen: int
    eligible_fen: int
    points_issued: int
    points_clawed_back: int


class AdjustmentLine(_Strict):
    """A record of this month concerning an earlier one (docs/settlement.md)."""

    source: str
    kind: str
    record_id: str
    sale_id: str
    reason: str
    sale_month: str
    record_month: str
    amount_fen: int
    eligible_fen: int


class SettlementOut(_Strict):
    """The settlement document, as signed when the month is closed."""

    community_id: str
    community_name: str
    property_company_id: str
    month: str
    since: str
    until: str
    as_of: str | None
    provisional: bool
    orders: int
    gross_sales_fen: int
    refunds_fen: int
    net_revenue_fen: int
    eligible_fen: int
    share_fen: int
    share_rule: str
    points_issued: int
    points_clawed_back: int
    points_net: int
    points_redeemed: int
    points_liability: int
    contracts: list[ContractLine]
    sources: list[SourceLine]
    adjustments: list[AdjustmentLine]


@router.get(
    "/companies/{company_id}/communities/{community_id}/settlements/{month}",
    responses={
        **responses(401, 403, 404),
        200: {
            "model": SettlementOut,
            "content": {MEDIA_TYPES["csv"]: {}, MEDIA_TYPES["xlsx"]: {}},
            "description": "the settlement (JSON, or CSV / XLSX with ?format=)",
        },
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
