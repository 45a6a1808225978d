"""Engine and sessions for a database URL: a SQLite file or PostgreSQL (psycopg 3).

SQLite runs in WAL mode with foreign keys on and durable commits; write
transactions begin IMMEDIATE so that several worker processes queue on the
write lock at BEGIN instead of failing on a lock upgrade half-way through.
PostgreSQL runs at READ COMMITTED, where `INSERT … ON CONFLICT DO NOTHING`
waits for a concurrent inserter of the same key and then sees its row: the
de-duplication of pushes relies on exactly that.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from sync.server import personal_data
from sync.server.personal_data import PersonalKeys

log = logging.getLogger("sync.server.db")

MIGRATIONS = Path(__file__).with_name("migrations")
WRITE_OPTION = "yc_write"
SQLITE_BUSY_TIMEOUT_MS = 30_000
T = TypeVar("T")


def make_engine(url: str, *, pool_size: int = 5, max_overflow: int = 10) -> Engine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        # the plain scheme would pick psycopg2, which is not installed
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_pre_ping=True,  # a restarted PostgreSQL must not fail the first request
    )


def _sqlite_engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and ":memory:" not in url:
        create_private(Path(url.removeprefix("sqlite:///").split("?", 1)[0]))
    engine = create_engine(url, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        # pysqlite's implicit BEGIN breaks SAVEPOINTs; SQLAlchemy emits BEGIN itself
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # writes take the lock at BEGIN (never a deadlock on upgrade); reads in
        # WAL mode neither wait for nor block a writer
        write = conn.get_execution_options().get(WRITE_OPTION)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite opens it (residents' data, token hashes).

    SQLite gives its -wal and -shm files the mode of the database file, so
    they are private too. An existing file is left as its owner set it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def writer(engine: Engine) -> Engine:
    """The same engine and pool, for transactions that write."""
    return engine.execution_options(**{WRITE_OPTION: True})


def is_sqlite(engine_or_session: Engine | Session) -> bool:
    bind = (
        engine_or_session.get_bind()
        if isinstance(engine_or_session, Session)
        else engine_or_session
    )
    return bind.dialect.name == "sqlite"


class Database:
    """An engine with a read and a write session factory."""

    def __init__(
        self,
        url: str,
        *,
        pool_size: int = 5,
        max_overflow: int = 10,
        personal_keys: PersonalKeys | None = None,
    ) -> None:
        self.url = url
        #: residents' personal data keys, handed to each session (personal_data.keys_of)
        self.personal_keys = personal_keys
        self.engine = make_engine(url, pool_size=pool_size, max_overflow=max_overflow)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(writer(self.engine), expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            personal_data.attach(session, self.personal_keys)
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._write() as session, session.begin():
            personal_data.attach(session, self.personal_keys)
            yield session

    def run_write(self, work: Callable[[Session], T], *, attempts: int = 4) -> T:
        """Run `work` in one write transaction, again from the start on a deadlock.

        PostgreSQL aborts one of two transactions that wait on each other's
        rows (40P01) and may refuse a serialization (40001); SQLite may still
        report "locked" past its busy timeout. The whole unit is retried, so
        nothing half-done is ever committed.
        """
        for attempt in range(1, attempts + 1):
            try:
                with self.write() as session:
                    return work(session)
            except (OperationalError, DBAPIError) as exc:
                if attempt == attempts or not _retryable(exc):
                    raise
                log.warning("retrying a transaction (%s), attempt %d", _sqlstate(exc), attempt)
        raise AssertionError("unreachable")

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlstate(exc: DBAPIError) -> str:
    return str(getattr(exc.orig, "sqlstate", "") or "")


def _retryable(exc: DBAPIError) -> bool:
    if _sqlstate(exc) in {"40P01", "40001"}:
        return True
    return "database is locked" in str(exc.orig)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision; cheap when already there."""
    cfg = alembic_config(writer(engine))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current != head:
        log.info("migrating the central database from %s to %s", current, head)
        command.upgrade(cfg, "head")
