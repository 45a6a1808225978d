"""Property-fee bills, payments and the collection rate of a property company's
communities (scope `company`: that company, or operations).

    POST /companies/{company_id}/communities/{community_id}/bills/import     CSV or XLSX body
    POST /companies/{company_id}/communities/{community_id}/payments/import  CSV or XLSX body
    POST /companies/{company_id}/communities/{community_id}/payments         one payment (JSON)
    GET  /companies/{company_id}/communities/{community_id}/collection?from=YYYY-MM&to=YYYY-MM
         [&as_of=YYYY-MM-DD][&format=json|csv|xlsx]

A file with any bad row imports nothing: `422 import_rejected`, with every bad row
(row, column, code, English and Chinese sentence). A community of another company is
refused like one that does not exist (403 wrong_company), before anything is read.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from sync.protocol.codes import ErrorCode
from sync.protocol.types import CLEAN, UtcTime
from sync.server import bill_payments, bills, collection, collection_export
from sync.server.api.deps import CompanyDep, DbDep, Principal
from sync.server.api.errors import ApiError, error_response, responses
from sync.server.bill_rows import BadRow
from sync.server.db import Database
from sync.server.models.partners import Community, PropertyCompany
from sync.server.tokens import Role

router = APIRouter(tags=["property-fee bills"])
CompanyId = Annotated[str, Path(min_length=1, max_length=40, description="e.g. P001"), CLEAN]
CommunityId = Annotated[str, Path(min_length=1, max_length=40, description="e.g. C001"), CLEAN]
_BASE = "/companies/{company_id}/communities/{community_id}"
_FILE_BODY = {
    "requestBody": {
        "required": True,
        "description": "the export as it is: CSV (UTF-8, with or without BOM, or GB18030) or XLSX",
        "content": {"text/csv": {}, collection_export.MEDIA["xlsx"]: {}},
    }
}


class AmendedBill(BaseModel):
    row: int
    bill_id: str
    period: str
    old_fen: int
    new_fen: int


class ImportResult(BaseModel):
    rows: int
    created: int
    updated: int
    unchanged: int
    amended: list[AmendedBill]


class BadRowOut(BaseModel):
    row: int
    column: str
    code: str
    value: str
    message: str
    message_zh: str


class ImportRejected(BaseModel):
    code: str
    message: str
    problems: list[BadRowOut]


class PaymentIn(BaseModel):
    room: str = Field(min_length=1, max_length=80, description="房号, e.g. 3-2-1102")
    period: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="the bill's YYYY-MM")
    reference: str = Field(min_length=1, max_length=64, description="收据号: idempotency key")
    #: the models' PAYMENT_METHODS (a test holds them equal); points come from redemptions
    method: Literal["cash", "transfer", "wechat", "alipay", "unionpay", "other"]
    amount_fen: int = Field(gt=0, le=1_000_000_000)
    paid_at: UtcTime


class PaymentOut(BaseModel):
    status: Literal["recorded", "duplicate"]
    bill_id: str
    bill_open_fen: int


def own_community(session: Session, who: Principal, company_id: str, community_id: str) -> None:
    """The community is the company's: else 403 wrong_company, told alike whether it exists
    (operations, who may see everything, get 404 for what does not exist)."""
    found = session.get(Community, community_id)
    if who.role is Role.OPERATIONS and session.get(PropertyCompany, company_id) is None:
        raise ApiError(404, ErrorCode.NOT_FOUND, "unknown property company")
    if found is None and who.role is Role.OPERATIONS:
        raise ApiError(404, ErrorCode.NOT_FOUND, "unknown community")
    if found is None or found.property_company_id != company_id:
        raise ApiError(403, ErrorCode.WRONG_COMPANY, "another property company's community")


def _rejected(problems: list[BadRow]) -> JSONResponse:
    body = ImportRejected(
        code=ErrorCode.IMPORT_REJECTED.value,
        message=f"{len(problems)} bad rows: nothing imported",
        problems=[
            BadRowOut(row=p.row, column=p.column, code=p.code.value, value=p.value,
                      message=p.message_en, message_zh=p.message_zh)
            for p in problems
        ],
    )  # fmt: skip
    return JSONResponse(body.model_dump(), status_code=422)


async def _import(
    request: Request, db: Database, who: Principal, company_id: str, community_id: str, kind: str
) -> Any:
    data = await request.body()
    now = datetime.now(UTC)

    def work(session: Session) -> bills.ImportReport:
        own_community(session, who, company_id, community_id)
        if kind == "bills":
            return bills.import_bills(session, community_id=community_id, data=data)
        return bill_payments.import_payments(session, community_id=community_id, data=data, now=now)

    try:
        report = await run_in_threadpool(db.run_write, work)
    except bills.BillError as exc:
        return error_response(exc.status, exc.code.value, exc.message)
    if not report.ok:
        return _rejected(report.problems)
    return ImportResult(
        rows=report.rows, created=report.created, updated=report.updated,
        unchanged=report.unchanged,
        amended=[AmendedBill(row=a.row, bill_id=a.bill_id, period=a.period, old_fen=a.old_fen,
                             new_fen=a.new_fen) for a in report.amended],
    )  # fmt: skip


@router.post(
    f"{_BASE}/bills/import",
    response_model=ImportResult,
    responses={**responses(401, 403, 404, 409), 422: {"model": ImportRejected}},
    openapi_extra=_FILE_BODY,
)
async def import_bills(
    request: Request, company_id: CompanyId, community_id: CommunityId, db: DbDep, who: CompanyDep
) -> Any:
    return await _import(request, db, who, company_id, community_id, "bills")


@router.post(
    f"{_BASE}/payments/import",
    response_model=ImportResult,
    responses={**responses(401, 403, 404, 409), 422: {"model": ImportRejected}},
    openapi_extra=_FILE_BODY,
)
async def import_payments(
    request: Request, company_id: CompanyId, community_id: CommunityId, db: DbDep, who: CompanyDep
) -> Any:
    return await _import(request, db, who, company_id, community_id, "payments")


@router.post(
    f"{_BASE}/payments", response_model=PaymentOut, responses=responses(401, 403, 404, 409)
)
def record_payment(
    body: PaymentIn, company_id: CompanyId, community_id: CommunityId, db: DbDep, who: CompanyDep
) -> PaymentOut:
    now = datetime.now(UTC)

    def work(session: Session) -> bill_payments.PaymentResult:
        own_community(session, who, company_id, community_id)
        return bill_payments.record_payment(
            session, community_id=community_id, room=body.room, period=body.period,
            reference=body.reference, method=body.method, amount_fen=body.amount_fen,
            paid_at=body.paid_at, now=now, source="api",
        )  # fmt: skip

    try:
        done = db.run_write(work)
    except bills.BillError as exc:
        raise ApiError(exc.status, exc.code, exc.message) from exc
    return PaymentOut(status=done.status, bill_id=done.bill_id, bill_open_fen=done.bill_open_fen)  # type: ignore[arg-type]


class FiguresOut(BaseModel):
    label: str
    bills: int
    billed_fen: int
    cash_fen: int
    points_fen: int
    collected_fen: int
    rate: str | None
    rate_percent: str | None
    points_share: str | None
    points_share_percent: str | None


class CollectionOut(BaseModel):
    community_id: str
    community_name: str
    period_from: str
    period_to: str
    as_of: str
    counted_by: str
    showroom_opened_on: str | None
    months: list[FiguresOut]
    total: FiguresOut
    before_showroom: FiguresOut | None
    after_showroom: FiguresOut | None


Month = Annotated[str, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")]


@router.get(
    f"{_BASE}/collection",
    response_model=CollectionOut,
    responses=responses(401, 403, 404),
)
def collection_rate(
    company_id: CompanyId,
    community_id: CommunityId,
    db: DbDep,
    who: CompanyDep,
    first: Annotated[str, Query(alias="from", pattern=r"^\d{4}-(0[1-9]|1[0-2])$")],
    to: Month,
    as_of: Annotated[
        date | None, Query(description="cut-off day (Shanghai); default today")
    ] = None,
    format: Literal["json", "csv", "xlsx"] = "json",  # the documented parameter
) -> Any:
    with db.read() as session:
        own_community(session, who, company_id, community_id)
        try:
            r = collection.report(
                session, community_id=community_id, first=first, last=to,
                as_of=as_of or collection.today(),
            )  # fmt: skip
        except ValueError as exc:
            raise ApiError(422, ErrorCode.INVALID_REQUEST, str(exc)) from exc
    if format == "json":
        return CollectionOut.model_validate(collection_export.as_dict(r))
    body = collection_export.as_csv(r) if format == "csv" else collection_export.as_xlsx(r)
    name = f"collection-{community_id}-{first}-{to}.{format}"
    return Response(
        body,
        media_type=collection_export.MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
