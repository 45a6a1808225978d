"""The ASGI application: `create_app(settings)`; `app_from_env` for uvicorn's --factory.

Routes are plain `def` functions: SQLAlchemy sessions block, so FastAPI runs
them on its thread pool, and each request holds one pooled connection.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from sync.protocol import API_PREFIX, PROTOCOL_VERSION
from sync.server import personal_data
from sync.server.api import api_router, enroll, health, members
from sync.server.api.errors import install
from sync.server.body_limit import BodyLimit
from sync.server.config import Settings, personal_key_file_for
from sync.server.db import Database
from sync.server.portal import community_pages, promotion_pages
from sync.server.portal import routes as portal_routes
from sync.server.web import resident_routes


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    # refuses to build without it (PersonalKeyError, one sentence): a server that
    # cannot read residents' sealed phones would answer tills wrongly, not safely
    key_file = personal_key_file_for(settings)
    personal_keys = personal_data.read_key_file(key_file)
    db = Database(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        personal_keys=personal_keys,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        with db.read() as session:  # another key file: refuse to serve (PersonalKeyError)
            personal_data.check_keys(session, personal_keys, where=key_file)
        yield
        db.dispose()

    app = FastAPI(
        title="源仓收银 central server",
        version=f"protocol {PROTOCOL_VERSION}",
        description="Sync, points and enrollment for 源仓收银 tills. See docs/sync-protocol.md.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.personal_keys = personal_keys
    app.state.enroll_limiter = enroll.make_limiter(settings)
    app.state.member_lookup_limiter = members.make_limiter(settings)
    install(app)
    app.include_router(api_router, prefix=API_PREFIX)
    app.include_router(health.router)  # /healthz at the root too, for load balancers
    # the residents' own page (HTML for a phone's browser), outside the tills' API
    app.state.resident_page = resident_routes.ResidentPage(db, settings)
    app.include_router(resident_routes.router)
    # the partners' portal (HTML): property companies and operations
    app.state.portal = portal_routes.Portal(db, settings)
    app.include_router(portal_routes.router)
    app.include_router(community_pages.router)
    app.include_router(promotion_pages.router)  # operations manage promotions there
    # outermost: an oversized body is refused before any route, parser or database sees it
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app


def app_from_env() -> FastAPI:
    """What each uvicorn worker builds (`sync.server.app:app_from_env`, factory=True)."""
    return create_app(Settings())
