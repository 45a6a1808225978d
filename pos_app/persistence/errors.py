"""Translate SQLite failures into coded domain errors the UI can explain.

A locked, read-only or full database must never crash the till: the caller
gets a `PosError`, the transaction is rolled back, and the cart stays as it was.

Classification reads SQLite's primary result code (`sqlite_errorcode & 0xff`:
the extended codes such as SQLITE_BUSY_SNAPSHOT or SQLITE_IOERR_WRITE carry
their primary code in the low byte), never the message text, which changes
with SQLite versions and locales. As in qutebrowser's `raise_sqlite_error`,
errors split into the environment (busy, read-only, full, a failing disk: the
cashier or the manager can act) and bugs (a violated constraint, misuse, bad
SQL: shown as an internal error and logged with their context, never passed
off as a disk problem).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError

from pos_app.core.errors import ErrorCode, PosError

log = logging.getLogger("pos_app.persistence")

#: Primary result codes of the environment, by what the cashier is told.
_ENVIRONMENT: dict[int, ErrorCode] = {
    sqlite3.SQLITE_BUSY: ErrorCode.STORAGE_LOCKED,
    sqlite3.SQLITE_LOCKED: ErrorCode.STORAGE_LOCKED,
    sqlite3.SQLITE_READONLY: ErrorCode.STORAGE_READONLY,
    sqlite3.SQLITE_FULL: ErrorCode.STORAGE_FULL,
    # the disk or the file itself failed: "saving failed, try again"
    sqlite3.SQLITE_IOERR: ErrorCode.STORAGE_FAILED,
    sqlite3.SQLITE_CANTOPEN: ErrorCode.STORAGE_FAILED,
    sqlite3.SQLITE_CORRUPT: ErrorCode.STORAGE_FAILED,
    sqlite3.SQLITE_NOTADB: ErrorCode.STORAGE_FAILED,
    sqlite3.SQLITE_PROTOCOL: ErrorCode.STORAGE_FAILED,
    sqlite3.SQLITE_NOLFS: ErrorCode.STORAGE_FAILED,
    sqlite3.SQLITE_PERM: ErrorCode.STORAGE_FAILED,
    sqlite3.SQLITE_NOMEM: ErrorCode.STORAGE_FAILED,
    # an interrupted or aborted statement wrote nothing and may succeed again
    sqlite3.SQLITE_INTERRUPT: ErrorCode.STORAGE_FAILED,
    sqlite3.SQLITE_ABORT: ErrorCode.STORAGE_FAILED,
}
# Every other primary code (CONSTRAINT, ERROR, MISUSE, MISMATCH, RANGE,
# SCHEMA, TOOBIG…) means the till's own SQL or data is wrong: a bug.

#: DB-API classes that are bugs whatever their code (or when they carry none).
_BUG_CLASSES = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)


def primary_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of `exc` (or of the DB-API error it wraps)."""
    code = getattr(_dbapi_error(exc), "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def classify(exc: BaseException) -> ErrorCode:
    orig = _dbapi_error(exc)
    if isinstance(orig, _BUG_CLASSES):
        return ErrorCode.INTERNAL
    code = primary_code(exc)
    if code is not None:
        return _ENVIRONMENT.get(code, ErrorCode.INTERNAL)
    if isinstance(orig, OSError | sqlite3.OperationalError):
        # an OSError from the file system, or an operational error without a code
        return ErrorCode.STORAGE_FAILED
    return ErrorCode.INTERNAL


def context_of(exc: BaseException) -> str:
    """What a bug report needs, without personal data: the statement's kind and
    first table, SQLite's error name and the constraint it names (SQLite's
    constraint messages name columns, never the values; parameters are never
    included)."""
    statement = getattr(exc, "statement", None) or ""
    words = statement.split()
    kind = words[0].upper() if words else "?"
    table = _table_of(words)
    orig = _dbapi_error(exc)
    name = getattr(orig, "sqlite_errorname", None) or type(orig).__name__
    message = str(orig.args[0]) if orig.args else ""
    constraint = message.partition("constraint failed:")[2].strip() or "-"
    return f"{name} on {kind} {table}; constraint {constraint}"


@contextmanager
def storage_errors() -> Iterator[None]:
    try:
        yield
    except (DBAPIError, sqlite3.Error, OSError) as exc:
        code = classify(exc)
        if code is ErrorCode.INTERNAL:
            # a bug, not the disk: the log must say where, the screen says "internal"
            log.error("internal storage error (a bug): %s", context_of(exc))
        else:
            log.error("storage failure %s: %s", code.value, _dbapi_error(exc))
        raise PosError(code) from exc


def _dbapi_error(exc: BaseException) -> BaseException:
    orig = getattr(exc, "orig", None)
    return orig if isinstance(orig, BaseException) else exc


def _table_of(words: list[str]) -> str:
    """The table after INTO / UPDATE / FROM, or '?'."""
    upper = [w.upper() for w in words]
    for marker in ("INTO", "UPDATE", "FROM"):
        if marker in upper:
            i = upper.index(marker) + 1
            if marker == "UPDATE" and i < len(upper) and upper[i] == "OR":
                i += 2  # UPDATE OR IGNORE t
            if i < len(words):
                return words[i].strip('"`[]();')
    return "?"
