"""The local database engine: durable WAL set-up, migrations, append-only sales,
and UTC-only timestamps. Real SQLite files, no mocks."""

from __future__ import annotations

import logging
import sqlite3
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from pos_app.app import AppContext
from pos_app.core.money import Money
from pos_app.persistence.db import (
    DB_FILENAME,
    alembic_config,
    make_engine,
    open_database,
    upgrade,
    writer,
)
from pos_app.persistence.models import CategoryRow, CounterRow, HeldOrderRow, UtcDateTime

H = HeldOrderRow.__table__


def _pragma(engine, name: str):  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


# --- connection set-up ---------------------------------------------------------


def test_every_connection_is_wal_with_full_sync(data_dir: Path) -> None:
    engine = open_database(data_dir)
    try:
        # several pooled connections, not just the first one
        conns = [engine.connect() for _ in range(3)]
        try:
            for conn in conns:
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
                assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 3000
        finally:
            for conn in conns:
                conn.close()
    finally:
        engine.dispose()
    # WAL is a property of the file: a plain sqlite3 connection sees it too
    raw = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


def test_busy_timeout_is_configurable(data_dir: Path) -> None:
    engine = make_engine(data_dir / "x.db", busy_timeout_ms=50)
    try:
        assert _pragma(engine, "busy_timeout") == 50
        assert _pragma(engine, "synchronous") == 2
    finally:
        engine.dispose()


def test_write_transactions_take_the_write_lock_at_begin(data_dir: Path) -> None:
    """BEGIN IMMEDIATE: while one writer is open, another fails at BEGIN."""
    engine = open_database(data_dir)
    try:
        with writer(engine).begin():
            other = sqlite3.connect(data_dir / DB_FILENAME, timeout=0.05, isolation_level=None)
            try:
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute("BEGIN IMMEDIATE")
            finally:
                other.close()
    finally:
        engine.dispose()


def test_readers_neither_wait_for_nor_block_a_writer(data_dir: Path) -> None:
    """WAL: a till looking up products while another process imports must not stall."""
    engine = make_engine(data_dir / "x.db", busy_timeout_ms=2000)
    upgrade(engine)
    try:
        blocker = sqlite3.connect(data_dir / "x.db", isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")
        try:
            started = time.monotonic()
            with engine.connect() as a, engine.connect() as b:
                assert a.execute(select(func.count()).select_from(CategoryRow)).scalar() == 15
                assert b.execute(select(func.count()).select_from(CategoryRow)).scalar() == 15
            assert time.monotonic() - started < 1.0  # no busy wait at all
        finally:
            blocker.rollback()
            blocker.close()
        # and an open read does not keep a writer out either
        with engine.connect() as reading:
            reading.execute(select(func.count()).select_from(CategoryRow)).scalar()
            with writer(engine).begin() as conn:
                conn.execute(text("UPDATE counters SET value = 7"))
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT value FROM counters").scalar() == 7
    finally:
        engine.dispose()


# --- migrations ----------------------------------------------------------------


def test_migrations_reach_head_and_create_the_schema(data_dir: Path) -> None:
    engine = open_database(data_dir)
    try:
        head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            tables = set(
                conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'").scalars()
            )
            triggers = set(
                conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type='trigger'"
                ).scalars()
            )
        assert head is not None
        assert current == head
        assert {
            "categories",
            "products",
            "product_barcodes",
            "sales",
            "sale_lines",
            "sale_payments",
            "outbox",
            "held_orders",
            "counters",
            "settings",
            "alembic_version",
        } <= tables
        assert {
            f"{t}_no_{a}"
            for t in ("sales", "sale_lines", "sale_payments")
            for a in ("update", "delete")
        } <= triggers
    finally:
        engine.dispose()


def test_open_database_twice_migrates_once(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="pos_app.persistence")
    first = open_database(data_dir)
    first.dispose()
    migrated = [r for r in caplog.records if "migrating database" in r.getMessage()]
    assert len(migrated) == 1
    caplog.clear()

    second = open_database(data_dir)
    try:
        assert not [r for r in caplog.records if "migrating database" in r.getMessage()]
        with second.connect() as conn:
            # seed data inserted by the migration exists exactly once
            assert conn.execute(select(func.count()).select_from(CategoryRow)).scalar() == 15
            counters = conn.execute(select(CounterRow.name, CounterRow.value)).all()
            assert sorted(tuple(r) for r in counters) == [
                ("chain", 0),
                ("receipt", 0),
                ("refund", 0),
                ("shift", 0),
            ]
            versions = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
            assert len(versions) == 1
    finally:
        second.dispose()


def test_reopening_keeps_existing_data(context: AppContext) -> None:
    count = context.catalog.repo.count()
    assert count > 200
    context.close()
    engine = open_database(context.data_dir)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM products").scalar() == count
    finally:
        engine.dispose()


# --- append-only sales ---------------------------------------------------------


@pytest.fixture
def sold(context: AppContext) -> AppContext:
    co = context.checkout
    co.scan("6975321000012")
    co.scan("6921445000018")
    tender = co.start_tender()
    tender.add_cash(Money(10_000))
    co.complete(tender)
    return context


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE sales SET total_fen = 0",
        "DELETE FROM sales",
        "UPDATE sale_lines SET amount_fen = 0",
        "DELETE FROM sale_lines",
        "UPDATE sale_payments SET amount_fen = 0",
        "DELETE FROM sale_payments",
    ],
)
def test_completed_sales_are_append_only(sold: AppContext, statement: str) -> None:
    table = statement.split()[1] if statement.startswith("UPDATE") else statement.split()[2]
    with (
        pytest.raises(IntegrityError, match=f"{table} is append-only"),
        sold.engine.begin() as conn,
    ):
        conn.execute(text(statement))
    # the rows are untouched
    with sold.engine.connect() as conn:
        assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() >= 1
        total = conn.exec_driver_sql("SELECT total_fen FROM sales").scalar()
    assert total == 200 + 8990


def test_append_only_also_holds_for_a_raw_sqlite_connection(sold: AppContext) -> None:
    raw = sqlite3.connect(sold.data_dir / DB_FILENAME)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("DELETE FROM sale_lines")
        raw.rollback()
        assert raw.execute("SELECT count(*) FROM sale_lines").fetchone()[0] == 2
    finally:
        raw.close()


# --- UTC timestamps ------------------------------------------------------------


def test_utc_datetime_refuses_naive_values() -> None:
    kind = UtcDateTime()
    with pytest.raises(ValueError, match="naive"):
        kind.process_bind_param(datetime(2026, 1, 1, 12, 0), None)
    assert kind.process_bind_param(None, None) is None
    assert kind.process_result_value(None, None) is None


def test_naive_datetime_never_reaches_the_disk(empty_context: AppContext) -> None:
    engine = empty_context.engine
    values = {"cart_json": "{}", "item_count": 1, "total_fen": 1, "cashier": "c"}
    with pytest.raises(StatementError, match="naive"), engine.begin() as conn:
        conn.execute(insert(H), {**values, "held_at": datetime(2026, 1, 1, 12, 0)})
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(H)).scalar() == 0


def test_aware_datetime_is_stored_and_returned_as_utc(empty_context: AppContext) -> None:
    engine = empty_context.engine
    beijing = timezone(timedelta(hours=8))
    moment = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=beijing)
    values = {"cart_json": "{}", "item_count": 1, "total_fen": 1, "cashier": "c"}
    with engine.begin() as conn:
        conn.execute(insert(H), {**values, "held_at": moment})
    with engine.connect() as conn:
        stored_text = conn.exec_driver_sql("SELECT held_at FROM held_orders").scalar()
        loaded = conn.execute(select(H.c.held_at)).scalar_one()
    assert stored_text == "2026-03-01T01:30:15.123456+00:00"
    assert loaded == moment
    assert loaded.tzinfo is not None
    assert loaded.utcoffset() == timedelta(0)
    assert loaded.replace(tzinfo=UTC) == datetime(2026, 3, 1, 1, 30, 15, 123456, tzinfo=UTC)
