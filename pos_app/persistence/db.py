"""Engine set-up: SQLite in WAL mode with durable commits, and migrations to head.

`synchronous=FULL` makes every commit wait for the WAL to reach the disk, so a
sale the cashier saw completed survives a power cut. `busy_timeout` lets a
second process (an import, a report) wait briefly instead of failing at once.

The database holds sales and residents' ids: `open_database` makes the data
directory 0700 and creates pos.db 0600 before SQLite opens it; SQLite then
gives the -wal and -shm files the database file's own mode.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import weakref
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

from pos_app.paths import prepare_data_dir
from pos_app.private_files import create_private_file, tighten

log = logging.getLogger("pos_app.persistence")

MIGRATIONS = Path(__file__).with_name("migrations")
DB_FILENAME = "pos.db"
#: Files SQLite keeps next to the database (same mode as the database when it makes them).
DB_COMPANIONS = ("-wal", "-shm", "-journal")
#: Execution option of write transactions; `writer()` sets it.
WRITE_OPTION = "pos_write"


def make_engine(path: Path | str, *, busy_timeout_ms: int = 3000) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        # pysqlite's implicit BEGIN handling breaks SAVEPOINT and DDL; let
        # SQLAlchemy emit BEGIN itself (see SQLAlchemy's pysqlite notes).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        # A write transaction (see `writer`) says IMMEDIATE: it takes the write
        # lock up front, so a locked database fails at BEGIN, before any row is
        # half-written, and never deadlocks on upgrade. A read says plain BEGIN:
        # in WAL mode readers never wait for, nor block, a writer.
        # Straight to the DBAPI connection: `exec_driver_sql` cost more than the
        # BEGIN itself, on every transaction (benchmarks/bench_commit.py); an
        # error is still a sqlite3 one, which `storage_errors` classifies.
        db = conn.connection.dbapi_connection
        db.execute("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine and pool, for transactions that write (BEGIN IMMEDIATE)."""
    return engine.execution_options(**{WRITE_OPTION: True})


class _Held:
    """A thread's reader connection. Kept only in that thread's locals: when
    the thread ends they go, and the finalizer closes the connection."""

    __slots__ = ("__weakref__", "conn", "generation")

    def __init__(self, conn: sqlite3.Connection, generation: int) -> None:
        self.conn = conn
        self.generation = generation


class Reader:
    """Per-thread plain sqlite3 connections for single-statement reads.

    A barcode scan is one SELECT; through a pooled SQLAlchemy connection it
    also paid a pool checkout, an explicit BEGIN and a ROLLBACK, ten times the
    query itself. In WAL mode one statement reads one consistent snapshot
    without any transaction, so these connections run in autocommit mode
    (no BEGIN) and are `query_only`: they can never write. sqlite3 connections
    are bound to a thread, hence one per thread, closed when the thread ends;
    all close with the engine's `dispose()` (the app's close), and a later
    read opens a fresh one.
    """

    def __init__(self, engine: Engine) -> None:
        database = engine.url.database
        if not database or database == ":memory:":
            raise ValueError("Reader needs a database file")  # another connection sees nothing
        self._path = database
        self._local = threading.local()
        self._lock = threading.Lock()
        self._closers: list[weakref.finalize[Any, Any]] = []
        self._generation = 0
        event.listen(engine, "engine_disposed", lambda _engine: self.close())

    def connection(self) -> sqlite3.Connection:
        held: _Held | None = getattr(self._local, "held", None)
        if held is None or held.generation != self._generation:
            # check_same_thread=False only so that close() may run on the
            # disposing thread; each connection is used by its own thread
            conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA query_only=ON")
            with self._lock:
                held = _Held(conn, self._generation)
                self._closers = [c for c in self._closers if c.alive]
                self._closers.append(weakref.finalize(held, conn.close))
            self._local.held = held
        return held.conn

    def close(self) -> None:
        with self._lock:
            self._generation += 1
            closers, self._closers = self._closers, []
        for close in closers:
            close()


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
        log.info("migrating database from %s to %s", current, head)
        command.upgrade(cfg, "head")


def open_database(data_dir: Path) -> Engine:
    prepare_data_dir(data_dir)  # 0700, and older loose keys and logs tightened
    # an empty file is a valid new SQLite database: made 0600 here, nothing
    # is ever written to it with a looser mode; an older one is tightened
    create_private_file(data_dir / DB_FILENAME)
    for suffix in DB_COMPANIONS:  # left by a crash or an open reader, maybe looser
        tighten(data_dir / (DB_FILENAME + suffix))
    engine = make_engine(data_dir / DB_FILENAME)
    upgrade(engine)
    return engine
