"""What a property company reads of its own residents (scope `company`, api/auth.py).

The partners' agreement: the company sees the settlement figures of its
communities, its residents' points balances and their redemptions against
property-fee bills, never what a resident bought. Nothing here names a
product, an order line or a resident's purchase: the settlement is summed per
community, balances come from the ledger's cached total, and a redemption is
a bill and a number of points. Operations may read any company's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.protocol.codes import ErrorCode
from sync.protocol.types import CLEAN, MAX_COUNTER, UtcTime
from sync.server.api.deps import CompanyDep, DbDep
from sync.server.api.errors import ApiError, responses
from sync.server.models.orders import Order, Refund
from sync.server.models.partners import Community, ContractVersion, PropertyCompany
from sync.server.models.residents import Bill, LedgerEntry, Redemption, Resident

router = APIRouter(tags=["property company"])
CompanyId = Annotated[str, Path(min_length=1, max_length=40, description="e.g. P001"), CLEAN]
Limit = Annotated[int, Query(ge=1, le=1000, description="rows per page")]
Offset = Annotated[int, Query(ge=0, le=MAX_COUNTER, description="rows to skip")]
#: points of a sale, of a claimed receipt, and what a refund took back
_SALE_POINTS = ("earn", "claim", "clawback")


class ResidentBalance(BaseModel):
    resident_id: str
    masked_name: str
    community_id: str
    balance: int


class RedemptionRecord(BaseModel):
    redemption_id: str
    resident_id: str
    masked_name: str
    bill_id: str
    period: str
    points: int
    created_at: datetime


class CommunitySettlement(BaseModel):
    """One community's figures over [since, until): amounts in 分, points as integers."""

    community_id: str
    community_name: str
    orders: int
    sales_fen: int
    refunds_fen: int
    net_fen: int
    share_fen: int  # floor(net × share_bps / 10000) per contract version: never rounded up
    points_issued: int  # earned and claimed, less clawbacks
    points_redeemed: int


class Settlement(BaseModel):
    property_company_id: str
    since: datetime
    until: datetime
    communities: list[CommunitySettlement]


def _known(session: Session, company_id: str) -> None:
    """Operations may name any company: an unknown one is a 404, not an empty page."""
    if session.get(PropertyCompany, company_id) is None:
        raise ApiError(404, ErrorCode.NOT_FOUND, "unknown property company")


@router.get(
    "/companies/{company_id}/residents",
    response_model=list[ResidentBalance],
    responses=responses(401, 403, 404),
)
def balances(
    company_id: CompanyId, db: DbDep, _who: CompanyDep, limit: Limit = 500, offset: Offset = 0
) -> list[ResidentBalance]:
    stmt = (
        select(Resident.id, Resident.masked_name, Resident.community_id, Resident.balance)
        .where(Resident.property_company_id == company_id)
        .order_by(Resident.id)
        .offset(offset)
        .limit(limit)
    )
    with db.read() as session:
        _known(session, company_id)
        rows = session.execute(stmt).all()
    return [
        ResidentBalance(resident_id=r[0], masked_name=r[1], community_id=r[2], balance=r[3])
        for r in rows
    ]


@router.get(
    "/companies/{company_id}/redemptions",
    response_model=list[RedemptionRecord],
    responses=responses(401, 403, 404),
)
def redemptions(
    company_id: CompanyId, db: DbDep, _who: CompanyDep, limit: Limit = 500, offset: Offset = 0
) -> list[RedemptionRecord]:
    stmt = (
        select(Redemption, Resident.masked_name, Bill.period)
        .join(Resident, Resident.id == Redemption.resident_id)
        .join(Bill, Bill.id == Redemption.bill_id)
        .where(Resident.property_company_id == company_id)
        .order_by(Redemption.created_at, Redemption.redemption_id)
        .offset(offset)
        .limit(limit)
    )
    with db.read() as session:
        _known(session, company_id)
        rows = session.execute(stmt).all()
    return [
        RedemptionRecord(
            redemption_id=r.redemption_id,
            resident_id=r.resident_id,
            masked_name=name,
            bill_id=r.bill_id,
            period=period,
            points=r.points,
            created_at=r.created_at,
        )
        for r, name, period in rows
    ]


@router.get(
    "/companies/{company_id}/settlement",
    response_model=Settlement,
    responses=responses(401, 403, 404),
)
def settlement(
    company_id: CompanyId,
    db: DbDep,
    _who: CompanyDep,
    since: Annotated[UtcTime, Query(description="start, inclusive (aware ISO time)")],
    until: Annotated[UtcTime, Query(description="end, exclusive (aware ISO time)")],
) -> Settlement:
    if until <= since:
        raise ApiError(422, ErrorCode.INVALID_REQUEST, "until: must be after since")
    with db.read() as session:
        _known(session, company_id)
        communities = session.execute(
            select(Community.id, Community.name)
            .where(Community.property_company_id == company_id)
            .order_by(Community.id)
        ).all()
        rows = [_community(session, cid, name, since, until) for cid, name in communities]
    return Settlement(property_company_id=company_id, since=since, until=until, communities=rows)


def _community(
    session: Session, community_id: str, name: str, since: datetime, until: datetime
) -> CommunitySettlement:
    share_bps = dict(session.execute(select(ContractVersion.id, ContractVersion.share_bps)).all())
    sold = session.execute(
        select(Order.contract_id, func.count(), func.coalesce(func.sum(Order.total_fen), 0))
        .where(
            Order.community_id == community_id, Order.created_at >= since, Order.created_at < until
        )
        .group_by(Order.contract_id)
    ).all()
    refunded = session.execute(
        select(Order.contract_id, func.coalesce(func.sum(Refund.total_fen), 0))
        .join(Order, Order.sale_id == Refund.sale_id)
        .where(
            Order.community_id == community_id,
            Refund.created_at >= since,
            Refund.created_at < until,
        )
        .group_by(Order.contract_id)
    ).all()
    net_by_contract: dict[int | None, int] = {}
    for contract_id, _n, total in sold:
        net_by_contract[contract_id] = net_by_contract.get(contract_id, 0) + int(total)
    for contract_id, total in refunded:
        net_by_contract[contract_id] = net_by_contract.get(contract_id, 0) - int(total)
    share = sum(
        net * share_bps.get(cid, 0) // 10_000 for cid, net in net_by_contract.items() if cid
    )
    issued = session.execute(
        select(func.coalesce(func.sum(LedgerEntry.points), 0))
        .join(Order, Order.sale_id == LedgerEntry.sale_id)
        .where(
            Order.community_id == community_id,
            LedgerEntry.kind.in_(_SALE_POINTS),
            LedgerEntry.created_at >= since,
            LedgerEntry.created_at < until,
        )
    ).scalar_one()
    redeemed = session.execute(
        select(func.coalesce(func.sum(Redemption.points), 0))
        .join(Resident, Resident.id == Redemption.resident_id)
        .where(
            Resident.community_id == community_id,
            Redemption.created_at >= since,
            Redemption.created_at < until,
        )
    ).scalar_one()
    sales = sum(int(t) for _c, _n, t in sold)
    refunds = sum(int(t) for _c, t in refunded)
    return CommunitySettlement(
        community_id=community_id,
        community_name=name,
        orders=sum(int(n) for _c, n, _t in sold),
        sales_fen=sales,
        refunds_fen=refunds,
        net_fen=sales - refunds,
        share_fen=int(share),
        points_issued=int(issued),
        points_redeemed=int(redeemed),
    )
