"""Dependencies of the routes: the database, the settings, and the caller.

Every endpoint but /enroll and /healthz needs `Authorization: Bearer <token>`:
a till's token from enrollment (`TerminalDep`), or an API token of a person's
role (`CompanyDep`, `StoreDep`, `OperationsDep`). Who may call what is decided in one place,
sync/server/api/auth.py; the names are re-exported here for the routes.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from sync.server.api.auth import (
    PUBLIC,
    CompanyDep,
    OperationsDep,
    Principal,
    StoreDep,
    TerminalDep,
)
from sync.server.config import Settings
from sync.server.db import Database

__all__ = [
    "PUBLIC",
    "CompanyDep",
    "DbDep",
    "OperationsDep",
    "Principal",
    "SettingsDep",
    "StoreDep",
    "TerminalDep",
    "get_db",
    "get_settings",
]


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
