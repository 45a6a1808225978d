"""The residents' own page, `/me`: a phone number, a one-time code, then their
balance, each sale's points, each clawback and each deduction from their fee
bills (MISSION: residents read it themselves, without asking the counter).

Server-rendered HTML in Chinese for a phone's browser, no script at all. The
session cookie is HttpOnly, SameSite=Strict, limited to /me, Secure over HTTPS;
pages are never cached and may not be framed. Every refusal is a page that
says what to do, with a 4xx status: never a 5xx, never a trace.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sync.server.api.auth import PAGE
from sync.server.config import Settings, sms_outbox_file_for
from sync.server.db import Database
from sync.server.sms import OutboxFileSender, SmsError, SmsSender
from sync.server.web import resident_access as access
from sync.server.web.pages import HEADERS, Pages, attempt_limiter, client_address, read_form
from sync.server.web.resident_account import account

router = APIRouter(include_in_schema=False, dependencies=[PAGE])

COOKIE = "yc_resident"
KIND_TEXT = {
    "opening": "期初积分",
    "earn": "消费积分",
    "claim": "小票认领积分",
    "clawback": "退货扣回",
    "redemption": "抵扣物业费",
}
_render = Pages(Path(__file__).with_name("templates"), kind_text=KIND_TEXT).render


class ResidentPage:
    """What the routes need from the app: its database, rules, SMS sender and limiter."""

    def __init__(self, db: Database, settings: Settings, sender: SmsSender | None = None) -> None:
        self.db = db
        self.settings = settings
        self.sender = sender or OutboxFileSender(sms_outbox_file_for(settings))
        self.rules = access.AccessRules(
            code_ttl_s=settings.resident_code_ttl_s,
            code_attempts=settings.resident_code_attempts,
            codes_per_hour=settings.resident_codes_per_hour,
            resend_after_s=settings.resident_code_resend_s,
            session_idle_s=settings.resident_session_idle_s,
            session_max_s=settings.resident_session_max_s,
        )
        self.limiter = attempt_limiter(settings)


def _page(request: Request) -> ResidentPage:
    page: ResidentPage = request.app.state.resident_page
    return page


def _now() -> datetime:
    return datetime.now(UTC)


def _masked(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}"


def _limited(request: Request) -> int:
    return _page(request).limiter.check(client_address(request))


@router.get("/me", response_class=HTMLResponse)
def me(request: Request, before: int | None = None) -> Response:
    page = _page(request)
    token = request.cookies.get(COOKIE, "")
    with page.db.write() as session:
        resident_id = access.resident_of(session, token=token, now=_now(), rules=page.rules)
        if resident_id is None:
            return _render("sign_in.html", phone="", error=None)
        found = account(session, resident_id=resident_id, before=before)
    if found is None:  # the resident was erased meanwhile
        return _render("sign_in.html", phone="", error=None)
    return _render("account.html", a=found, form=access.form_token(token))


@router.post("/me/code", response_class=HTMLResponse)
async def send_code(request: Request) -> Response:
    page = _page(request)
    fields = await read_form(request)
    typed = (fields or {}).get("phone", "")[:40]
    phone = access.normalise_phone(typed)
    if phone is None:
        return _render("sign_in.html", 400, phone=typed, error="请输入 11 位手机号码。")
    if wait := _limited(request):
        error = f"尝试太频繁，请 {wait} 秒后再试。"
        return _render("sign_in.html", 429, phone=typed, error=error)
    try:
        with page.db.write() as session:
            access.issue_code(
                session, phone=phone, now=_now(), rules=page.rules, sender=page.sender
            )
    except SmsError:
        error = "验证码短信暂时发不出去，请稍后再试，或到展厅柜台查询。"
        return _render("sign_in.html", 409, phone=typed, error=error)
    return _render(
        "code.html", phone=phone, masked_phone=_masked(phone),
        minutes=page.rules.code_ttl_s // 60, error=None,
    )  # fmt: skip


@router.post("/me/sign-in", response_class=HTMLResponse)
async def sign_in(request: Request) -> Response:
    page = _page(request)
    fields = await read_form(request) or {}
    phone = access.normalise_phone(fields.get("phone", "")[:40])
    if phone is None:
        return _render("sign_in.html", 400, phone="", error="请输入 11 位手机号码。")
    minutes = page.rules.code_ttl_s // 60
    if wait := _limited(request):
        error = f"尝试太频繁，请 {wait} 秒后再试。"
        return _render(
            "code.html", 429, phone=phone, masked_phone=_masked(phone), minutes=minutes,
            error=error,
        )  # fmt: skip
    code = unicodedata.normalize("NFKC", fields.get("code", "")).strip()[:12]
    now = _now()
    with page.db.write() as session:
        resident_id = access.check_code(session, phone=phone, code=code, now=now, rules=page.rules)
        token = (
            None
            if resident_id is None
            else access.open_session(session, resident_id=resident_id, now=now)
        )
    if token is None:
        error = "验证码不对或已过期。请核对短信，或返回重新获取。"
        return _render(
            "code.html", 400, phone=phone, masked_phone=_masked(phone), minutes=minutes,
            error=error,
        )  # fmt: skip
    response = RedirectResponse("/me", status_code=303, headers=HEADERS)
    response.set_cookie(
        COOKIE,
        token,
        max_age=page.rules.session_max_s,
        path="/me",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/me/sign-out", response_class=HTMLResponse)
async def sign_out(request: Request) -> Response:
    page = _page(request)
    fields = await read_form(request) or {}
    token = request.cookies.get(COOKIE, "")
    if token and fields.get("form") == access.form_token(token):
        with page.db.write() as session:
            access.close_session(session, token=token, now=_now())
    response = RedirectResponse("/me", status_code=303, headers=HEADERS)
    response.delete_cookie(COOKIE, path="/me")
    return response
