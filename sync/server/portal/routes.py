"""The partners' portal, `/portal`: sign-in, the overview of the communities a
user reads, each community's months (settlement, collection rate, points) with
charts, and the downloads (`figures` assembles what the pages show).

A property company's user reaches only its own communities: a community of
another company answers exactly like an unknown one (404 page), and nothing on
any page names a product or a resident's purchase. Pages are never cached and
cannot be framed; the cookie is HttpOnly, SameSite=Strict, limited to /portal,
Secure over HTTPS. Every refusal is a page with a 4xx status, never a 5xx.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from sync.server.api.auth import PAGE
from sync.server.config import Settings
from sync.server.db import Database
from sync.server.portal import accounts
from sync.server.tokens import Role
from sync.server.web import sessions
from sync.server.web.pages import HEADERS, Pages, attempt_limiter, client_address, read_form

router = APIRouter(include_in_schema=False, dependencies=[PAGE])
COOKIE = "yc_portal"
pages = Pages(Path(__file__).with_name("templates"))


class Portal:
    """What the routes need from the app: its database and a sign-in limiter."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.limiter = attempt_limiter(settings)


def portal_of(request: Request) -> Portal:
    portal: Portal = request.app.state.portal
    return portal


def now() -> datetime:
    return datetime.now(UTC)


def scope_text(scope: accounts.Scope, company_name: str | None) -> str:
    if scope.role is Role.OPERATIONS:
        return "源仓运营（全部合作方）"
    return company_name or scope.company_id or ""


def signed_in(request: Request) -> tuple[accounts.Scope, dict[str, Any]] | None:
    """The user's scope and what every signed-in page shows in its header, or None."""
    token = request.cookies.get(COOKIE, "")
    with portal_of(request).db.write() as session:
        scope = accounts.scope_of(session, token=token, now=now())
        if scope is None:
            return None
        refs = accounts.communities(session, scope)
    company = refs[0].company_name if refs and scope.company_id else None
    head = {
        "scope": scope,
        "scope_text": scope_text(scope, company),
        "form": sessions.form_token(token, "portal-form"),
        "communities": refs,
    }
    return scope, head


def login_page(status: int = 200, error: str | None = None, username: str = "") -> Response:
    return pages.render("login.html", status, scope=None, error=error, username=username)


@router.get("/portal")
def overview(request: Request) -> Response:
    found = signed_in(request)
    if found is None:
        return login_page()
    _scope, head = found
    return pages.render("overview.html", **head)


@router.post("/portal/login")
async def login(request: Request) -> Response:
    fields = await read_form(request) or {}
    username = fields.get("username", "").strip()[:40]
    if wait := portal_of(request).limiter.check(client_address(request)):
        return login_page(429, f"尝试太频繁，请 {wait} 秒后再试。", username)
    with portal_of(request).db.write() as session:
        who = accounts.authenticate(
            session, username=username, password=fields.get("password", ""), now=now()
        )
        token = None if who is None else accounts.open_session(session, username=who, now=now())
    if token is None:
        return login_page(
            400, "用户名或密码不对，或账号已停用、暂时锁定（连续输错 5 次锁定 15 分钟）。", username
        )
    response = RedirectResponse("/portal", status_code=303, headers=HEADERS)
    response.set_cookie(
        COOKIE, token, max_age=accounts.SESSION_MAX_S, path="/portal", httponly=True,
        samesite="strict", secure=request.url.scheme == "https",
    )  # fmt: skip
    return response


@router.post("/portal/logout")
async def logout(request: Request) -> Response:
    fields = await read_form(request) or {}
    token = request.cookies.get(COOKIE, "")
    if token and fields.get("form") == sessions.form_token(token, "portal-form"):
        with portal_of(request).db.write() as session:
            accounts.close_session(session, token=token, now=now())
    response = RedirectResponse("/portal", status_code=303, headers=HEADERS)
    response.delete_cookie(COOKIE, path="/portal")
    return response
