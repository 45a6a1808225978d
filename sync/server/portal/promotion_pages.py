"""The portal's promotions pages, `/portal/promotions`, for Yuancang operations:
the list (filtered by status and store), one promotion's page (its definition in
Chinese, status history, results with a chart), the guided create form, and the
schedule / pause / resume / end buttons.

Every change runs the very functions of the API and the command line
(`sync.server.promotions`) in one write transaction with its change for the
tills, exactly as the API does. Only `operations` may come here: a property
company's user gets a 403 page on every promotions URL (Yuancang's marketing
budgets are not theirs to read). Every form posts the session's anti-forgery
value for the purpose "portal-promotions"; a missing or wrong one is a 403 page.
Each change is written to the server log (logger `sync.server.portal`) with the
portal user's name, and its status change carries the reason `portal:<action>`
(the reason column is too short for a user name).
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from sync.server import promo_report
from sync.server import promotions as promos
from sync.server.api.auth import PAGE
from sync.server.changelog import ChangeLog
from sync.server.models.promotions import PromotionStatusChange
from sync.server.portal import charts
from sync.server.portal import promotion_reads as reads
from sync.server.portal import promotion_text as text
from sync.server.portal.promotion_form import (
    BUNDLE_ROWS,
    FIELD_NAMES,
    KIND_BY_KEY,
    KINDS,
    TIER_ROWS,
    FormError,
    read_submission,
    window_of,
)
from sync.server.portal.routes import COOKIE, login_page, now, pages, portal_of, signed_in
from sync.server.tokens import Role
from sync.server.web import sessions
from sync.server.web.pages import HEADERS

router = APIRouter(include_in_schema=False, dependencies=[PAGE])
log = logging.getLogger("sync.server.portal")
PURPOSE = "portal-promotions"
MAX_BODY = 32 * 1024
MAX_FIELDS = 200
Head = dict[str, Any]


def _operations(request: Request) -> tuple[str, Head] | Response:
    """The operations user's name and the page header, or the page that refuses."""
    found = signed_in(request)
    if found is None:
        return login_page(401, "请先登录。")
    scope, head = found
    if scope.role is not Role.OPERATIONS:
        return pages.render("promotions/refused.html", 403, **head, reason="forbidden")
    head["promo_form"] = sessions.form_token(request.cookies.get(COOKIE, ""), PURPOSE)
    head["kind_names"], head["status_names"] = text.KIND_NAMES, text.STATUS_NAMES
    return scope.username, head


Handler = Callable[[Request, str, Head, dict[str, list[str]]], Response]


async def _handle(request: Request, handler: Handler) -> Response:
    """A posted form: its body read here, everything that blocks (the session, the
    database, the page) on the thread pool, as a plain `def` route would be."""
    body = await request.body()
    return await run_in_threadpool(_checked, request, body, handler)


def _checked(request: Request, body: bytes, handler: Handler) -> Response:
    """`handler` with the user and the posted fields (every value of each) when the
    user is operations and the form genuine; else the page that refuses."""
    who = _operations(request)
    if isinstance(who, Response):
        return who
    user, head = who
    if len(body) > MAX_BODY:
        return pages.render("promotions/refused.html", 413, **head, reason="too_large")
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        return pages.render("promotions/refused.html", 400, **head, reason="unreadable")
    posted = fields.get("form", [""])[0].encode("utf-8", "replace")  # bytes: any text compares
    if not hmac.compare_digest(posted, head["promo_form"].encode()):
        return pages.render("promotions/refused.html", 403, **head, reason="forged")
    return handler(request, user, head, fields)


def _plausible(promo_id: str) -> bool:
    """Whether `promo_id` could be an id at all (the codec's rule): anything else is
    unknown without asking the database (PostgreSQL refuses a NUL in a query)."""
    return 0 < len(promo_id) <= 64 and promo_id.isprintable()


def _view_url(promo_id: str) -> str:
    return f"/portal/promotions/view?id={quote(promo_id, safe='')}"


@router.get("/portal/promotions")
def promotion_list(request: Request) -> Response:
    who = _operations(request)
    if isinstance(who, Response):
        return who
    _user, head = who
    status = request.query_params.get("status", "")
    store = request.query_params.get("store", "")[:16]
    with portal_of(request).db.read() as session:
        stores, _categories = reads.names(session)
        views = promos.list_promotions(session, store_code=store or None)
        origins = reads.origins(session)
        products = reads.product_names(session, [v.definition for v in views])
    shown = [v for v in views if not status or v.status == status]
    rows = [
        {
            "view": v,
            "url": _view_url(v.id),
            "rule": text.describe(v.definition, products),
            "window": text.window_text(v.definition["window"]),
            "origin": origins.get(v.id),
        }
        for v in shown
    ]
    return pages.render(
        "promotions/list.html", **head, rows=rows, stores=stores, status_filter=status,
        store_filter=store, statuses=list(text.STATUS_NAMES.items()), yuan_text=text.yuan,
    )  # fmt: skip


@router.get("/portal/promotions/view")
def promotion_page(request: Request) -> Response:
    who = _operations(request)
    if isinstance(who, Response):
        return who
    return _detail(request, who[1], request.query_params.get("id", ""))


def _stored_window(window: dict[str, Any]) -> dict[str, list[str]]:
    """The schedule form's fields for a window as stored (the whole day: left empty)."""
    start, end = window["hours"]
    return {
        "start_date": [window["start_date"] or ""],
        "end_date": [window["end_date"] or ""],
        "start_time": ["" if start == "00:00" else start],
        "end_time": ["" if end == "24:00" else end],
        "weekdays": [str(d) for d in window["weekdays"]],
    }


def _detail(
    request: Request,
    head: Head,
    promo_id: str,
    status: int = 200,
    typed: dict[str, list[str]] | None = None,
    **extra: Any,
) -> Response:
    """A promotion's page; `typed`: the schedule form as it was posted (a refusal)."""
    portal = portal_of(request)
    skew = timedelta(seconds=portal.settings.sale_clock_skew_s)
    with portal.db.read() as session:
        view = next((v for v in promos.list_promotions(session) if v.id == promo_id), None)
        if view is None:
            return pages.render("promotions/refused.html", 404, **head, reason="not_found")
        report = promo_report.report(session, promo_id=promo_id, now=datetime.now(UTC), skew=skew)
        history = session.execute(
            select(
                PromotionStatusChange.at, PromotionStatusChange.status, PromotionStatusChange.reason
            )
            .where(PromotionStatusChange.promotion_id == promo_id)
            .order_by(PromotionStatusChange.at, PromotionStatusChange.id)
        ).all()
        _stores, categories = reads.names(session)
        products = reads.product_names(session, [view.definition])
        origin = reads.origins(session).get(promo_id)
    chart = charts.promotion_results(
        report.previous_sales_fen, report.sales_fen, report.discount_fen
    )
    d = view.definition
    sched = typed if typed is not None else _stored_window(d["window"])

    def value(name: str) -> str:
        found = sched.get(name)
        return found[0] if found else ""

    def chosen(name: str, option: str) -> bool:
        return option in sched.get(name, [])

    return pages.render(
        "promotions/detail.html", status, **head, p=view, d=d, url=_view_url(view.id),
        rule=text.describe(d, products), applies_to=text.scope_text(d, categories, products),
        window=text.window_text(d["window"]), conditions=text.conditions_text(d),
        history=[(at, text.STATUS_NAMES.get(s, s), text.reason_name(r)) for at, s, r in history],
        report=report, uplift=text.uplift_text(report.uplift_bps), chart=chart, origin=origin,
        yuan_text=text.yuan, weekday_names=text.WEEKDAYS, value=value, chosen=chosen, **extra,
    )  # fmt: skip


@router.get("/portal/promotions/new")
def new_promotion(request: Request) -> Response:
    who = _operations(request)
    if isinstance(who, Response):
        return who
    tab = request.query_params.get("kind", "threshold")
    values = {"form_kind": [tab if tab in KIND_BY_KEY else "threshold"]}
    return _form(request, who[1], values)


def _form(
    request: Request, head: Head, values: dict[str, list[str]], status: int = 200, **extra: Any
) -> Response:
    with portal_of(request).db.read() as session:
        stores, categories = reads.names(session)
    tab = KIND_BY_KEY.get((values.get("form_kind") or [""])[0], KIND_BY_KEY["threshold"])

    def value(name: str) -> str:
        found = values.get(name)
        return found[0] if found else ""

    def chosen(name: str, option: str) -> bool:
        return option in values.get(name, [])

    return pages.render(
        "promotions/new.html", status, **head, kinds=KINDS, tab=tab, value=value, chosen=chosen,
        stores=stores, categories=list(categories.items()), tier_rows=range(TIER_ROWS),
        bundle_rows=range(BUNDLE_ROWS), weekday_names=text.WEEKDAYS, **extra,
    )  # fmt: skip


@router.post("/portal/promotions/new")
async def create_promotion(request: Request) -> Response:
    return await _handle(request, _create)


def _create(request: Request, user: str, head: Head, fields: dict[str, list[str]]) -> Response:
    if (fields.get("form_kind") or [""])[0] not in KIND_BY_KEY:
        fields["form_kind"] = ["threshold"]
    try:
        sub = read_submission(fields)
        view = _write(
            request,
            lambda session, **kw: promos.create(
                session, definition=sub.definition, stores=sub.stores, budget_fen=sub.budget_fen,
                **kw,
            ),
        )  # fmt: skip
    except FormError as exc:
        return _form(request, head, fields, 422, error=exc.sentence(), error_field=exc.field)
    except promos.PromotionError as exc:
        status, sentence = _refusal(exc)
        return _form(request, head, fields, status, error=sentence, error_field=exc.field)
    log.info("portal user %s created promotion %s", user, view.id)
    return RedirectResponse(_view_url(view.id), status_code=303, headers=HEADERS)


def _write(request: Request, work: Callable[..., promos.PromotionView]) -> promos.PromotionView:
    """One management function in a write transaction, with its change for the tills."""
    moment = now()
    changes = ChangeLog()
    with portal_of(request).db.write() as session:
        view = work(session, now=moment, changes=changes)
        changes.flush(session, now=moment)
    return view


def _refusal(exc: promos.PromotionError) -> tuple[int, str]:
    """A refused change as a status and a sentence in Chinese."""
    if exc.code == "invalid":
        label = FIELD_NAMES.get(exc.field or "", exc.field or "")
        if exc.field == "stores":
            return 422, f"“{label}”填写有误：其中有服务器不认识的门店。"
        return 422, f"“{label}”填写有误，请检查后重新提交。"
    if exc.code == "exists":
        return 409, "这个编号已被其他促销使用，请换一个编号。"
    if exc.code == "not_found":
        return 404, "没有这个促销。"
    return 409, "这个促销当前的状态不允许这样操作（已结束的不能再改，预算用完的不能恢复）。"


@router.post("/portal/promotions/schedule")
async def schedule_promotion(request: Request) -> Response:
    return await _handle(request, _schedule)


def _schedule(request: Request, user: str, head: Head, fields: dict[str, list[str]]) -> Response:
    promo_id = fields.get("id", [""])[0]
    if not _plausible(promo_id):
        return pages.render("promotions/refused.html", 404, **head, reason="not_found")
    try:
        window = window_of(fields)
        _write(
            request,
            lambda session, **kw: promos.schedule(session, promo_id=promo_id, window=window, **kw),
        )
    except FormError as exc:
        return _detail(request, head, promo_id, 422, fields, error=exc.sentence())
    except promos.PromotionError as exc:
        status, sentence = _refusal(exc)
        return _detail(request, head, promo_id, status, fields, error=sentence)
    log.info("portal user %s scheduled promotion %s: %s", user, promo_id, window)
    return RedirectResponse(_view_url(promo_id), status_code=303, headers=HEADERS)


@router.get("/portal/promotions/end")
def confirm_end(request: Request) -> Response:
    """Ending cannot be undone: a page asks first, its button posts the end."""
    who = _operations(request)
    if isinstance(who, Response):
        return who
    head = who[1]
    promo_id = request.query_params.get("id", "")
    with portal_of(request).db.read() as session:
        view = next((v for v in promos.list_promotions(session) if v.id == promo_id), None)
    if view is None:
        return pages.render("promotions/refused.html", 404, **head, reason="not_found")
    if view.status == promos.Status.ENDED:  # nothing left to ask: its page says so
        return RedirectResponse(_view_url(view.id), status_code=303, headers=HEADERS)
    return pages.render("promotions/end.html", **head, p=view, url=_view_url(view.id))


def _mover(action: promos.Action) -> Handler:
    def move(request: Request, user: str, head: Head, fields: dict[str, list[str]]) -> Response:
        return _move(request, user, head, fields, action)

    return move


def _move(
    request: Request, user: str, head: Head, fields: dict[str, list[str]], action: promos.Action
) -> Response:
    promo_id = fields.get("id", [""])[0]
    if not _plausible(promo_id):
        return pages.render("promotions/refused.html", 404, **head, reason="not_found")
    try:
        _write(
            request,
            lambda session, **kw: promos.change_status(
                session, promo_id=promo_id, action=action, reason=f"portal:{action.value}", **kw
            ),
        )
    except promos.PromotionError as exc:
        status, sentence = _refusal(exc)
        return _detail(request, head, promo_id, status, error=sentence)
    log.info("portal user %s: %s promotion %s", user, action.value, promo_id)
    return RedirectResponse(_view_url(promo_id), status_code=303, headers=HEADERS)


@router.post("/portal/promotions/pause")
async def pause_promotion(request: Request) -> Response:
    return await _handle(request, _mover(promos.Action.PAUSE))


@router.post("/portal/promotions/resume")
async def resume_promotion(request: Request) -> Response:
    return await _handle(request, _mover(promos.Action.RESUME))


@router.post("/portal/promotions/end")
async def end_promotion(request: Request) -> Response:
    return await _handle(request, _mover(promos.Action.END))
