"""GET /healthz: liveness and database reachability, no authentication (load balancers)."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter
from sqlalchemy import text

from sync.protocol import PROTOCOL_VERSION
from sync.protocol.service import HealthResponse
from sync.server.api.deps import PUBLIC, DbDep
from sync.server.api.errors import responses

router = APIRouter(tags=["health"])


@router.get(
    "/healthz", response_model=HealthResponse, responses=responses(503), dependencies=[PUBLIC]
)
def healthz(db: DbDep) -> HealthResponse:
    with db.read() as session:
        session.execute(text("SELECT 1"))  # OperationalError → 503 database_unavailable
    return HealthResponse(status="ok", protocol=PROTOCOL_VERSION, server_time=datetime.now(UTC))
