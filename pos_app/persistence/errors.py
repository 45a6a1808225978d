"""Translate SQLite failures into coded domain errors the UI can explain.

A locked, read-only or full database must never crash the till: the caller
gets a `PosError`, the transaction is rolled back, and the cart stays as it was.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError

from pos_app.core.errors import ErrorCode, PosError

log = logging.getLogger("pos_app.persistence")


def classify(exc: BaseException) -> ErrorCode:
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    text = str(orig).lower()
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return ErrorCode.STORAGE_LOCKED
    if code == sqlite3.SQLITE_READONLY or "readonly" in text or "read-only" in text:
        return ErrorCode.STORAGE_READONLY
    if code == sqlite3.SQLITE_FULL or "full" in text:
        return ErrorCode.STORAGE_FULL
    return ErrorCode.STORAGE_FAILED


@contextmanager
def storage_errors() -> Iterator[None]:
    try:
        yield
    except (DBAPIError, sqlite3.Error, OSError) as exc:
        code = classify(exc)
        log.error("storage failure %s: %s", code.value, exc)
        raise PosError(code) from exc
