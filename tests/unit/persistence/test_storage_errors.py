"""The three real ways a sale can fail to reach the disk: locked, read-only, full.

Each must surface as a coded `PosError` from `CheckoutService.complete()`,
write nothing, keep the cart so the cashier can retry, and the retry — once the
condition is gone — must store exactly one sale.
"""

from __future__ import annotations

import csv
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from pos_app.app import AppContext
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.tender import Tender
from pos_app.paths import DEMO_CATALOG
from pos_app.persistence.catalog_repo import CatalogRepository
from pos_app.persistence.db import DB_FILENAME, make_engine
from pos_app.persistence.errors import classify
from pos_app.persistence.held_repo import HeldOrderRepository
from pos_app.persistence.sales_repo import SalesRepository
from pos_app.services.catalog import CatalogService
from pos_app.services.checkout import CheckoutService

WATER = "6975321000012"
RICE = "6921445000018"


def table_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        out = {
            t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
            for t in ("sales", "sale_lines", "sale_payments", "outbox")
        }
        out["counter"] = conn.exec_driver_sql("SELECT value FROM counters").scalar()
    return out


NOTHING = {"sales": 0, "sale_lines": 0, "sale_payments": 0, "outbox": 0, "counter": 0}


@dataclass
class Ready:
    checkout: CheckoutService
    tender: Tender
    sale_id: str
    lines: list[tuple[str, int]]


def ready_to_pay(checkout: CheckoutService, codes: list[str]) -> Ready:
    for code in codes:
        checkout.scan(code)
    tender = checkout.start_tender()
    tender.add_cash(Money(tender.total.fen + 1000))
    lines = [(ln.sku, ln.quantity) for ln in checkout.cart.lines]
    return Ready(checkout, tender, checkout.sale_id, lines)


def assert_failed_cleanly(ready: Ready, engine: Engine, code: ErrorCode) -> None:
    with pytest.raises(PosError) as err:
        ready.checkout.complete(ready.tender)
    assert err.value.code is code
    # the cart is intact, same sale id, nothing written
    assert [(ln.sku, ln.quantity) for ln in ready.checkout.cart.lines] == ready.lines
    assert ready.checkout.sale_id == ready.sale_id
    assert table_counts(engine) == NOTHING


def assert_retry_stores_one_sale(ready: Ready, engine: Engine) -> None:
    sale = ready.checkout.complete(ready.tender)
    assert sale.sale_id == ready.sale_id
    assert sale.receipt_no == "S001-T01-000001"
    assert table_counts(engine) == {
        "sales": 1,
        "sale_lines": len(ready.lines),
        "sale_payments": 1,
        "outbox": 1,
        "counter": 1,
    }
    assert ready.checkout.cart.is_empty()


# --- (a) locked ----------------------------------------------------------------


@pytest.fixture
def fast_fail_checkout(context: AppContext) -> Iterator[tuple[CheckoutService, Engine]]:
    """A checkout on the context's database file with a 50 ms busy timeout."""
    engine = make_engine(context.data_dir / DB_FILENAME, busy_timeout_ms=50)
    checkout = CheckoutService(
        catalog=CatalogService(CatalogRepository(engine)),
        sales=SalesRepository(engine),
        held=HeldOrderRepository(engine),
        store=lambda: context.settings.store,
        terminal=lambda: context.settings.terminal,
        scale=lambda: context.settings.scale,
        open_shift=context.shifts.current_id,
    )
    yield checkout, engine
    engine.dispose()


def test_locked_database(context: AppContext, fast_fail_checkout) -> None:  # type: ignore[no-untyped-def]
    checkout, engine = fast_fail_checkout
    ready = ready_to_pay(checkout, [WATER, RICE, WATER])
    assert ready.lines == [("YC-WAT-0001", 2), ("YC-GRN-0001", 1)]

    other = sqlite3.connect(context.data_dir / DB_FILENAME, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        assert_failed_cleanly(ready, engine, ErrorCode.STORAGE_LOCKED)
        assert time.monotonic() - started < 2.0  # the short busy timeout, not a hang
        # scanning still works while another process holds the write lock
        # (WAL readers are never blocked); only the autosave says "not saved"
        change = checkout.scan(WATER)
        assert change.saved is False
        assert checkout.cart.lines[0].quantity == 3
        ready.lines[0] = ("YC-WAT-0001", 3)
        ready.tender = checkout.start_tender()
        ready.tender.add_cash(Money(ready.tender.total.fen))
        assert_failed_cleanly(ready, engine, ErrorCode.STORAGE_LOCKED)
    finally:
        other.rollback()
        other.close()

    assert_retry_stores_one_sale(ready, engine)


# --- (b) read-only -------------------------------------------------------------


def _query_only(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_conn.execute("PRAGMA query_only=ON")


def test_read_only_database(context: AppContext) -> None:
    engine = context.engine
    ready = ready_to_pay(context.checkout, [RICE, WATER])
    engine.dispose()  # new connections get the pragma
    event.listen(engine, "connect", _query_only)
    try:
        assert_failed_cleanly(ready, engine, ErrorCode.STORAGE_READONLY)
        # reading the catalog still works on a read-only database
        assert context.catalog.by_barcode(WATER) is not None
    finally:
        event.remove(engine, "connect", _query_only)
        engine.dispose()

    assert_retry_stores_one_sale(ready, engine)


def test_read_only_file_opened_by_a_second_engine(context: AppContext) -> None:
    """The same, through a fresh engine whose every connection is query-only."""
    engine = make_engine(context.data_dir / DB_FILENAME)
    event.listen(engine, "connect", _query_only)
    checkout = CheckoutService(
        catalog=context.catalog,
        sales=SalesRepository(engine),
        held=HeldOrderRepository(engine),
        store=lambda: context.settings.store,
        terminal=lambda: context.settings.terminal,
        scale=lambda: context.settings.scale,
        open_shift=context.shifts.current_id,
    )
    try:
        ready = ready_to_pay(checkout, [WATER])
        assert_failed_cleanly(ready, context.engine, ErrorCode.STORAGE_READONLY)
    finally:
        engine.dispose()
    checkout.sales = context.sales
    assert_retry_stores_one_sale(ready, context.engine)


# --- (c) disk full -------------------------------------------------------------


def _many_codes(n: int) -> list[str]:
    with DEMO_CATALOG.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["barcodes"] and r["active"] == "1"]
    return [r["barcodes"].split("|")[0] for r in rows[:n]]


def test_full_disk(context: AppContext) -> None:
    engine = context.engine
    # enough lines that the sale needs new pages (the outbox payload alone
    # overflows a 4 KiB page), so a database that cannot grow must refuse it
    ready = ready_to_pay(context.checkout, _many_codes(40))
    assert len(ready.lines) == 40
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def no_growth(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    engine.dispose()
    event.listen(engine, "connect", no_growth)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA max_page_count").scalar() == pages
        assert_failed_cleanly(ready, engine, ErrorCode.STORAGE_FULL)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA page_count").scalar() == pages
    finally:
        event.remove(engine, "connect", no_growth)
        engine.dispose()

    assert_retry_stores_one_sale(ready, engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


# --- classification (the full set: tests/unit/persistence/test_errors.py) ----


def test_real_sqlite_errors_classify_by_their_codes(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    a = sqlite3.connect(path, isolation_level=None)
    b = sqlite3.connect(path, isolation_level=None, timeout=0.01)
    try:
        a.execute("CREATE TABLE t (x)")
        a.execute("BEGIN EXCLUSIVE")
        with pytest.raises(sqlite3.OperationalError) as locked:
            b.execute("INSERT INTO t VALUES (1)")
        assert classify(locked.value) is ErrorCode.STORAGE_LOCKED
        a.execute("ROLLBACK")
        b.execute("PRAGMA query_only=ON")
        with pytest.raises(sqlite3.OperationalError) as readonly:
            b.execute("INSERT INTO t VALUES (1)")
        assert classify(readonly.value) is ErrorCode.STORAGE_READONLY
    finally:
        a.close()
        b.close()
