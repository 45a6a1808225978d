"""Who may call what: each route declares ONE scope, checked here and nowhere else.

The partners' data agreement, as scopes (docs/security.md):

| scope    | who                                  | what                                   |
|----------|--------------------------------------|----------------------------------------|
| public   | anyone                               | /enroll (a one-time code), /healthz    |
| sync     | a till (terminal token)              | what it syncs: push, changes, members… |
| company  | operations; that property company    | /companies/{company_id}/…: settlement, |
|          |                                      | residents' balances, redemptions       |
| store    | operations; that store's manager     | /stores/{store_code}/…                 |
| operations | operations only                    | /promotions…: manage, report           |
| online-shop | the online shop only                | /online/orders…: push orders, refunds  |

A route states its scope with a dependency: `TerminalDep` (sync), `CompanyDep`,
`StoreDep`, `OperationsDep`, or `dependencies=[PUBLIC]`; tests/sync/server/test_scopes.py walks
every route of the app and fails on one without exactly one declared scope.
The company or store a token is bound to is compared with the route's path
(`company_id`, `store_code`) before any data is read: another company's id is
refused the same way whether it exists or not.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.protocol.codes import ErrorCode
from sync.server import crud, tokens
from sync.server.api.errors import ApiError
from sync.server.crud import TerminalCtx
from sync.server.db import Database
from sync.server.tokens import Role

_bearer = HTTPBearer(
    auto_error=False, description="a till's token from POST /api/v1/enroll, or an API token"
)
_CHALLENGE = {"WWW-Authenticate": "Bearer"}
#: No real token is longer (prefix + 43 characters); a longer one is refused unhashed.
_MAX_TOKEN = 200


class Scope(enum.StrEnum):
    PUBLIC = "public"
    #: a web page for people (the residents' page, the portal): no bearer token, its own
    #: cookie session and scope checks (sync/server/web, sync/server/portal)
    PAGE = "page"
    SYNC = "sync"
    COMPANY = "company"
    STORE = "store"
    OPERATIONS = "operations"
    ONLINE_SHOP = "online-shop"


#: The roles each scope admits (ownership of the company or store is checked on top).
ALLOWED: dict[Scope, frozenset[Role]] = {
    Scope.PUBLIC: frozenset(Role),
    Scope.PAGE: frozenset(Role),
    Scope.SYNC: frozenset({Role.TERMINAL}),
    Scope.COMPANY: frozenset({Role.OPERATIONS, Role.PROPERTY_COMPANY}),
    Scope.STORE: frozenset({Role.OPERATIONS, Role.STORE_MANAGER}),
    Scope.OPERATIONS: frozenset({Role.OPERATIONS}),
    # no other role may push orders (operations included), and the shop reaches nothing else
    Scope.ONLINE_SHOP: frozenset({Role.ONLINE_SHOP}),
}
#: The path parameter naming the resource a scope is bound to.
BOUND_BY = {Scope.COMPANY: "company_id", Scope.STORE: "store_code"}


@dataclass(frozen=True)
class Principal:
    """The caller: its role, and what its credential is bound to."""

    role: Role
    id: str  # terminal id, or api token id
    property_company_id: str | None = None
    store_code: str | None = None
    terminal: TerminalCtx | None = None


def _get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def authenticate(db: Database, token: str) -> Principal:
    """The bearer token → who holds it; 401 when unknown, 403 when revoked."""
    if not token or len(token) > _MAX_TOKEN or not token.isascii() or not token.isprintable():
        raise ApiError(401, ErrorCode.BAD_TOKEN, "unknown token", _CHALLENGE)  # as any other
    with db.read() as session:
        if token.startswith(tokens.API_TOKEN_PREFIX):
            row = tokens.by_token(session, token=token)
            if row is None:
                raise ApiError(401, ErrorCode.BAD_TOKEN, "unknown token", _CHALLENGE)
            if row.revoked_at is not None:
                raise ApiError(403, ErrorCode.TOKEN_REVOKED, "this token was revoked")
            return Principal(Role(row.role), row.id, row.property_company_id, row.store_code)
        terminal = crud.terminal_by_token(session, token=token)
    if terminal is None:
        raise ApiError(401, ErrorCode.BAD_TOKEN, "unknown token", _CHALLENGE)
    if terminal.revoked_at is not None:
        raise ApiError(403, ErrorCode.TERMINAL_REVOKED, "this terminal was revoked")
    return Principal(
        Role.TERMINAL,
        terminal.id,
        terminal.property_company_id,
        terminal.store_code,
        terminal,
    )


class ScopeCheck:
    """The dependency a route declares its scope with (one instance per scope)."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def __call__(
        self,
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Principal:
        if credentials is None or not credentials.credentials:
            raise ApiError(401, ErrorCode.BAD_TOKEN, "missing bearer token", _CHALLENGE)
        principal = authenticate(_get_db(request), credentials.credentials)
        if principal.role not in ALLOWED[self.scope]:
            raise ApiError(403, ErrorCode.OUT_OF_SCOPE, f"a {principal.role} token cannot")
        path = request.path_params
        if (
            principal.role is Role.PROPERTY_COMPANY
            and path.get("company_id") != principal.property_company_id
        ):
            raise ApiError(403, ErrorCode.WRONG_COMPANY, "another property company")
        if principal.role is Role.STORE_MANAGER and path.get("store_code") != principal.store_code:
            raise ApiError(403, ErrorCode.WRONG_STORE, "another store")
        return principal


class PublicScope(ScopeCheck):
    """No credential: the route is open (enrollment has its own one-time code)."""

    def __init__(self) -> None:
        super().__init__(Scope.PUBLIC)

    def __call__(self) -> None:  # type: ignore[override]
        return None


class PageScope(ScopeCheck):
    """A page signs its people in itself (a session cookie): no bearer token is read."""

    def __init__(self) -> None:
        super().__init__(Scope.PAGE)

    def __call__(self) -> None:  # type: ignore[override]
        return None


PUBLIC = Depends(PublicScope())
PAGE = Depends(PageScope())
_sync = ScopeCheck(Scope.SYNC)


def _terminal(principal: Annotated[Principal, Depends(_sync)]) -> TerminalCtx:
    assert principal.terminal is not None  # Scope.SYNC admits terminals only
    return principal.terminal


TerminalDep = Annotated[TerminalCtx, Depends(_terminal)]
CompanyDep = Annotated[Principal, Depends(ScopeCheck(Scope.COMPANY))]
StoreDep = Annotated[Principal, Depends(ScopeCheck(Scope.STORE))]
OperationsDep = Annotated[Principal, Depends(ScopeCheck(Scope.OPERATIONS))]
OnlineShopDep = Annotated[Principal, Depends(ScopeCheck(Scope.ONLINE_SHOP))]


def route_scopes(app: FastAPI) -> dict[tuple[str, str], list[Scope]]:
    """(method, path) → the scopes its dependencies declare, for every API route of `app`
    (the test that no route goes undeclared, and the scope table of docs/security.md)."""
    found: dict[tuple[str, str], list[Scope]] = {}
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, APIRoute):
            continue  # FastAPI's own /docs, /redoc, /openapi.json
        scopes = [s for dep in _walk(route.dependant) if (s := _scope_of(dep.call)) is not None]
        for method in sorted(route.methods or ()):
            found[(method, route.path_format if context.path is None else context.path)] = scopes
    return found


def _walk(dependant: Dependant) -> list[Dependant]:
    out = []
    for sub in dependant.dependencies:
        out.append(sub)
        out.extend(_walk(sub))
    return out


def _scope_of(call: object) -> Scope | None:
    return call.scope if isinstance(call, ScopeCheck) else None
