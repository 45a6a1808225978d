"""HTTP routes of the central server (prefix /api/v1) and their dependencies."""

from fastapi import APIRouter

from sync.server.api import changes, claims, enroll, health, push, redemptions, residents

api_router = APIRouter()
for _module in (enroll, push, changes, residents, redemptions, claims, health):
    api_router.include_router(_module.router)
