"""A community in the portal: `/portal/c/{community}` shows a month's settlement
(its figures, contract versions, cross-period adjustments; closed and signed, or
provisional) with twelve months of charts, and offers the month as XLSX, CSV and
JSON. A community the user does not read answers exactly like an unknown one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from sync.server import collection, collection_export, settlement_export
from sync.server.api.auth import PAGE
from sync.server.portal import accounts, charts, figures
from sync.server.portal.routes import login_page, now, pages, portal_of, signed_in
from sync.server.settlement_period import month_of, parse_month
from sync.server.web.pages import HEADERS

router = APIRouter(include_in_schema=False, dependencies=[PAGE])
CommunityId = Annotated[str, Path(max_length=40)]
_FORMATS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "to_xlsx"),
    "csv": ("text/csv; charset=utf-8", "to_csv"),
    "json": ("application/json", "to_json"),
}


def _not_found(head: dict[str, object]) -> Response:
    return pages.render("not_found.html", 404, **head)


def _month_or_none(text: str | None, default: str) -> str | None:
    if text is None:
        return default
    try:
        parse_month(text)
    except ValueError:
        return None
    return text


@router.get("/portal/c/{community_id}")
def community(
    request: Request,
    community_id: CommunityId,
    month: Annotated[str | None, Query(max_length=7)] = None,
) -> Response:
    found = signed_in(request)
    if found is None:
        return login_page()
    scope, head = found
    chosen = _month_or_none(month, month_of(now()))
    with portal_of(request).db.read() as session:
        ref = accounts.community(session, scope, community_id)
        if ref is None:
            return _not_found(head)
        if chosen is None:
            return pages.render("bad_month.html", 400, community=ref, **head)
        window = figures.months_back(chosen, figures.CHART_MONTHS)
        months = [
            figures.month_figures(session, community_id=community_id, month=m) for m in window
        ]
        rates = collection.report(
            session, community_id=community_id, first=window[0], last=chosen,
            as_of=collection.today(),
        )  # fmt: skip
    labels = [m.month for m in months]
    money = charts.money_bars(
        "净营收与物业分成（元）", labels,
        {"净营收": figures.series(months, "net_revenue_fen"),
         "物业分成": figures.series(months, "share_fen")},
    )  # fmt: skip
    points = charts.points_bars(
        "积分：发放、抵扣物业费、月末未兑", labels,
        {"净发放": figures.series(months, "points_net"),
         "抵扣物业费": figures.series(months, "points_redeemed"),
         "月末未兑": figures.series(months, "points_liability")},
    )  # fmt: skip
    rate_chart = charts.rate_line(
        "物业费收缴率（按账单月份，%）", labels,
        {"收缴率": [_percent(f.rate_percent) for f in rates.months],
         "其中积分抵扣占比": [_percent(f.points_share_percent) for f in rates.months]},
    )  # fmt: skip
    return pages.render(
        "community.html", community=ref, m=months[-1], months=months[::-1],
        money_chart=money, points_chart=points, rates=rates, rate=rates.months[-1],
        rate_chart=rate_chart, **head,
    )  # fmt: skip


def _percent(text: str | None) -> float | None:
    """A report's "70.53" for the chart (drawing only: the page shows the exact text)."""
    return None if text is None else float(text)


@router.get("/portal/c/{community_id}/collection/{month}.{fmt}")
def collection_download(
    request: Request, community_id: CommunityId, month: str, fmt: str
) -> Response:
    """The collection rate of the twelve months ending with `month`, as CSV or XLSX."""
    found = signed_in(request)
    if found is None:
        return login_page(401)
    scope, head = found
    writers = {"csv": collection_export.as_csv, "xlsx": collection_export.as_xlsx}
    if fmt not in writers or _month_or_none(month, "") is None:
        return _not_found(head)
    window = figures.months_back(month, figures.CHART_MONTHS)
    with portal_of(request).db.read() as session:
        if accounts.community(session, scope, community_id) is None:
            return _not_found(head)
        report = collection.report(
            session, community_id=community_id, first=window[0], last=month,
            as_of=collection.today(),
        )  # fmt: skip
    name = f"collection-{community_id}-{window[0]}-{month}.{fmt}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(
        writers[fmt](report), media_type=_FORMATS[fmt][0], headers={**HEADERS, **disposition}
    )


@router.get("/portal/c/{community_id}/settlement/{month}.{fmt}")
def download(request: Request, community_id: CommunityId, month: str, fmt: str) -> Response:
    found = signed_in(request)
    if found is None:
        return login_page(401)
    scope, head = found
    if fmt not in _FORMATS or _month_or_none(month, "") is None:
        return _not_found(head)
    with portal_of(request).db.read() as session:
        if accounts.community(session, scope, community_id) is None:
            return _not_found(head)
        document = figures.month_figures(session, community_id=community_id, month=month).document
    media, writer = _FORMATS[fmt]
    body = getattr(settlement_export, writer)(document)
    state = "provisional" if document["provisional"] else "closed"
    name = f"settlement-{community_id}-{month}-{state}.{fmt}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=media, headers={**HEADERS, **disposition})
