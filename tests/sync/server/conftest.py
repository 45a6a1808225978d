"""Fixtures of the server's API tests: the app on a fresh demo database (SQLite and
PostgreSQL, see tests/sync/conftest.py) behind FastAPI's TestClient, and enrolled tills."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.db import Database
from sync.server.devtools import enrollment_code
from sync.server.personal_data import read_key_file
from tests.sync.server.helpers import Till, enroll


@pytest.fixture
def fresh_now(request: pytest.FixtureRequest) -> None:
    """Sets the test module's NOW to this test's moment: a NOW taken at collection goes
    stale in a long run, and "a sale 5 minutes ahead" then falls before the till's
    enrollment, out of the server's bounds. Modules opt in with
    `pytestmark = pytest.mark.usefixtures("fresh_now")`."""
    request.module.NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def db_url(central_db_url: str) -> str:
    return central_db_url


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=db_url))) as c:
        yield c


@pytest.fixture
def db(db_url: str, central_personal_key: Path) -> Iterator[Database]:
    """Direct access for assertions (the ledger, the orders table…), with the
    personal-data keys the server uses (residents' sealed phones)."""
    database = Database(
        db_url, pool_size=2, max_overflow=2, personal_keys=read_key_file(central_personal_key)
    )
    yield database
    database.dispose()


@pytest.fixture
def new_till(client: TestClient, db_url: str) -> Callable[..., Till]:
    def make(store: str = "S001", terminal: str = "T01") -> Till:
        return enroll(client, enrollment_code(db_url, store=store, terminal=terminal))

    return make


@pytest.fixture
def till(new_till: Callable[..., Till]) -> Till:
    """Till T01 of store S001 (community C001, property company P001)."""
    return new_till()
