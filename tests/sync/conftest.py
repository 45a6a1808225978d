"""Shared fixtures of the sync tests: a private PostgreSQL cluster, demo central
databases on SQLite and PostgreSQL, and the real server in a subprocess.

For the till side's end-to-end tests:

    def test_push_reaches_the_server(live_server):       # demo data, SQLite, 1 worker
        code = live_server.enrollment_code("S001", "T01")  # one-time enrollment code
        requests.post(f"{live_server.api}/enroll", json={...})
        live_server.stop(); ...; live_server.start()     # or .restart(), same port

    def test_on_postgres(start_live_server, pg_demo_url):
        server = start_live_server(pg_demo_url(), workers=2)

`live_server.url` is the base URL (http://127.0.0.1:PORT), `.api` the same
with /api/v1, `.database_url` the database it serves.

PostgreSQL: session-scoped `pg_cluster` (initdb + pg_ctl on 127.0.0.1, a free
port; stopped at the end). With CI=true, missing binaries FAIL the tests;
elsewhere they skip with the reason.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sync.server.db import Database
from sync.server.devtools import LocalPostgres, ServerProcess, find_pg_bindir
from sync.server.seed import initialize

_counter = itertools.count(1)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[LocalPostgres]:
    if find_pg_bindir() is None:
        reason = (
            "PostgreSQL server binaries not found (apt-get install postgresql, or YC_PG_BINDIR)"
        )
        if _in_ci():
            pytest.fail(f"CI=true but {reason}", pytrace=False)
        pytest.skip(reason)
    cluster = LocalPostgres().start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_url(pg_cluster: LocalPostgres) -> str:
    """An empty database in the private cluster (postgresql+psycopg://…)."""
    return pg_cluster.create_database("yuancang")


def _init_demo(url: str, key_file: Path) -> None:
    db = Database(url, pool_size=1, max_overflow=0)
    try:
        initialize(db, key_file=key_file, demo=True)
    finally:
        db.dispose()  # a PostgreSQL template must have no connections when copied


@pytest.fixture(scope="session")
def _pg_demo_template(pg_cluster: LocalPostgres, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = pg_cluster.create_database("yc_demo_template")
    _init_demo(url, tmp_path_factory.mktemp("pgkey") / "signing.key")
    return "yc_demo_template"


@pytest.fixture
def pg_demo_url(pg_cluster: LocalPostgres, _pg_demo_template: str) -> Callable[[], str]:
    """Makes a fresh PostgreSQL database holding the demo data (a template copy)."""
    return lambda: pg_cluster.create_database(
        f"yc_test_{os.getpid()}_{next(_counter)}", template=_pg_demo_template
    )


@pytest.fixture(scope="session")
def _sqlite_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "central.db"
    _init_demo(f"sqlite:///{path}", path.with_name("central.db.signing-key"))
    return path


@pytest.fixture
def sqlite_demo_url(_sqlite_demo_template: Path, tmp_path: Path) -> Callable[[], str]:
    """Makes a fresh SQLite file holding the demo data (a copy of a template)."""

    def make() -> str:
        target = tmp_path / f"central-{next(_counter)}.db"
        shutil.copyfile(_sqlite_demo_template, target)
        return f"sqlite:///{target}"

    return make


@pytest.fixture(params=["sqlite", "postgresql"])
def central_db_url(request: pytest.FixtureRequest) -> str:
    """A fresh demo database, once on SQLite and once on PostgreSQL."""
    factory = "sqlite_demo_url" if request.param == "sqlite" else "pg_demo_url"
    return request.getfixturevalue(factory)()  # type: ignore[no-any-return]


@pytest.fixture
def start_live_server(tmp_path: Path) -> Iterator[Callable[..., ServerProcess]]:
    """start_live_server(db_url, workers=1, env=None) → a started ServerProcess, stopped at
    teardown; `env`: YC_CENTRAL_* settings for the server process."""
    started: list[ServerProcess] = []

    def start(
        database_url: str, *, workers: int = 1, env: dict[str, str] | None = None
    ) -> ServerProcess:
        server = ServerProcess(
            database_url,
            workers=workers,
            log_path=tmp_path / f"server-{len(started)}.log",
            env=env,
        )
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def live_server(
    start_live_server: Callable[..., ServerProcess], sqlite_demo_url: Callable[[], str]
) -> ServerProcess:
    """The real server (uvicorn, one worker) on a fresh demo SQLite database."""
    return start_live_server(sqlite_demo_url())
