"""SQLite failures classified by their primary result code, from real errors of a
real SQLite file: locked, read-only, full, unreadable, and a violated constraint
(a bug: shown as internal, logged with its context and no personal data)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from pos_app.core.errors import ErrorCode, PosError
from pos_app.persistence.errors import classify, primary_code, storage_errors


def raised(conn: sqlite3.Connection, sql: str) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as err:
        conn.execute(sql)
    return err.value


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "t.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE t (x TEXT UNIQUE NOT NULL)")
    conn.close()
    yield path


def test_a_locked_database_is_busy(db: Path) -> None:
    a = sqlite3.connect(db, isolation_level=None)
    b = sqlite3.connect(db, isolation_level=None, timeout=0.01)
    try:
        a.execute("BEGIN EXCLUSIVE")
        error = raised(b, "INSERT INTO t VALUES ('1')")
        assert primary_code(error) == sqlite3.SQLITE_BUSY
        assert classify(error) is ErrorCode.STORAGE_LOCKED
    finally:
        a.close()
        b.close()


def test_an_extended_busy_code_is_busy_too(db: Path) -> None:
    """SQLITE_BUSY_SNAPSHOT (517): a WAL reader whose snapshot went stale tries
    to write. Only the low byte says BUSY."""
    setup = sqlite3.connect(db, isolation_level=None)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.close()
    a = sqlite3.connect(db, isolation_level=None, timeout=0.01)
    b = sqlite3.connect(db, isolation_level=None, timeout=0.01)
    try:
        a.execute("BEGIN")
        a.execute("SELECT count(*) FROM t").fetchone()
        b.execute("INSERT INTO t VALUES ('1')")
        error = raised(a, "INSERT INTO t VALUES ('2')")
        assert error.sqlite_errorcode == sqlite3.SQLITE_BUSY_SNAPSHOT  # type: ignore[attr-defined]
        assert classify(error) is ErrorCode.STORAGE_LOCKED
    finally:
        a.close()
        b.close()


def test_a_read_only_database(db: Path) -> None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
    try:
        error = raised(conn, "INSERT INTO t VALUES ('1')")
        assert primary_code(error) == sqlite3.SQLITE_READONLY
        assert classify(error) is ErrorCode.STORAGE_READONLY
    finally:
        conn.close()


def test_a_full_database(db: Path) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count={pages}")
        conn.execute("BEGIN")
        with pytest.raises(sqlite3.Error) as err:
            for i in range(1000):
                conn.execute("INSERT INTO t VALUES (?)", (f"{i:0200d}",))
        assert primary_code(err.value) == sqlite3.SQLITE_FULL
        assert classify(err.value) is ErrorCode.STORAGE_FULL
    finally:
        conn.close()


def test_a_file_that_is_not_a_database_is_a_disk_problem(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is no sqlite file, " * 100)
    conn = sqlite3.connect(path)
    try:
        error = raised(conn, "SELECT * FROM sqlite_master")
        assert primary_code(error) == sqlite3.SQLITE_NOTADB
        assert classify(error) is ErrorCode.STORAGE_FAILED
    finally:
        conn.close()


def test_a_database_that_cannot_be_opened_is_a_disk_problem(tmp_path: Path) -> None:
    with pytest.raises(sqlite3.Error) as err:
        sqlite3.connect(tmp_path / "no such directory" / "t.db")
    assert primary_code(err.value) == sqlite3.SQLITE_CANTOPEN
    assert classify(err.value) is ErrorCode.STORAGE_FAILED


def test_an_os_error_is_a_disk_problem() -> None:
    assert classify(OSError(5, "Input/output error")) is ErrorCode.STORAGE_FAILED


def test_bad_sql_is_a_bug(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        error = raised(conn, "SELECT nope FROM t")
        assert primary_code(error) == sqlite3.SQLITE_ERROR
        assert classify(error) is ErrorCode.INTERNAL
    finally:
        conn.close()


def test_the_message_text_decides_nothing() -> None:
    """No substring tests: words in a message without a result code are not a
    result code (the old code read 'locked' and 'full' out of the text)."""
    assert classify(sqlite3.OperationalError("database is locked")) is ErrorCode.STORAGE_FAILED
    assert classify(sqlite3.OperationalError("disk is full")) is ErrorCode.STORAGE_FAILED
    assert classify(sqlite3.IntegrityError("database is locked")) is ErrorCode.INTERNAL


def test_a_constraint_violation_is_internal_and_logged_with_its_context(
    db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES ('张三 13800138000')"))
        caplog.set_level(logging.ERROR, logger="pos_app.persistence")
        with pytest.raises(PosError) as err, storage_errors(), engine.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES (:x)"), {"x": "张三 13800138000"})
    finally:
        engine.dispose()
    assert err.value.code is ErrorCode.INTERNAL
    assert primary_code(err.value.__cause__) == sqlite3.SQLITE_CONSTRAINT  # type: ignore[arg-type]
    assert [r.getMessage() for r in caplog.records] == [
        "internal storage error (a bug): SQLITE_CONSTRAINT_UNIQUE on INSERT t; constraint t.x"
    ]
    assert "13800138000" not in caplog.text  # the values never reach the log


def test_an_environment_error_is_logged_without_the_statement_values(
    db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = create_engine(f"sqlite:///{db}", connect_args={"timeout": 0.01})
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    caplog.set_level(logging.ERROR, logger="pos_app.persistence")
    try:
        with pytest.raises(PosError) as err, storage_errors(), engine.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES (:x)"), {"x": "13800138000"})
    finally:
        blocker.close()
        engine.dispose()
    assert err.value.code is ErrorCode.STORAGE_LOCKED
    assert [r.getMessage() for r in caplog.records] == [
        "storage failure storage_locked: database is locked"
    ]
