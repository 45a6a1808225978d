"""HTTP routes of the central server (prefix /api/v1) and their dependencies."""

from fastapi import APIRouter

from sync.server.api import (
    bills,
    changes,
    claims,
    company,
    enroll,
    events,
    health,
    members,
    online,
    promotions,
    push,
    redemptions,
    residents,
    settlement,
    shifts,
    store,
)

api_router = APIRouter()
for _module in (
    enroll,
    push,
    changes,
    residents,
    members,
    redemptions,
    claims,
    shifts,
    health,
    company,
    store,
    promotions,
    events,
    settlement,
    bills,
    online,
):
    api_router.include_router(_module.router)
