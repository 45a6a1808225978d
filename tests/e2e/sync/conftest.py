"""Fixtures of the sync fault tests: the central-server fixtures of tests/sync
(a private PostgreSQL cluster, fresh demo databases, the server in a
subprocess), a `server` on each back-end, and a fault proxy in front of it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from sync.server.devtools import ServerProcess
from tests.e2e.sync.proxy import FaultProxy
from tests.sync import conftest as sync_fixtures

# the fixtures of tests/sync/conftest.py, visible here too (a conftest is per directory)
pg_cluster = sync_fixtures.pg_cluster
_pg_demo_template = sync_fixtures._pg_demo_template
pg_demo_url = sync_fixtures.pg_demo_url
_sqlite_demo_template = sync_fixtures._sqlite_demo_template
sqlite_demo_url = sync_fixtures.sqlite_demo_url
central_db_url = sync_fixtures.central_db_url
start_live_server = sync_fixtures.start_live_server


@pytest.fixture
def server(central_db_url: str, start_live_server: Callable[..., ServerProcess]) -> ServerProcess:
    """The real server (one uvicorn worker) on a fresh demo database, SQLite or PostgreSQL."""
    return start_live_server(central_db_url)


@pytest.fixture
def proxy(server: ServerProcess) -> Iterator[FaultProxy]:
    """A fault-injecting forwarder on 127.0.0.1 in front of `server`."""
    p = FaultProxy(server.port).start()
    try:
        yield p
    finally:
        p.stop()
