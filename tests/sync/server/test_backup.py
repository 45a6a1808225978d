"""`yuancang-central backup` / `restore` of a SQLite central database: a copy taken
while the API serves, an order pushed after it gone once restored, the server starting
again on the restored file with its personal-data key (sealed phones still readable);
PostgreSQL and files that are not central databases refused."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from sync.server.__main__ import main
from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.db import Database
from sync.server.devtools import enrollment_code
from sync.server.models.orders import Order
from tests.sync.server.helpers import TEA, enroll, sale_payload


def _orders(url: str) -> set[str]:
    db = Database(url, pool_size=1, max_overflow=0)
    try:
        with db.read() as session:
            return set(session.scalars(select(Order.sale_id)))
    finally:
        db.dispose()


def test_backup_then_restore_brings_the_database_back(
    sqlite_demo_url: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_demo_url()  # type: ignore[operator]
    copy = tmp_path / "central-backup.db"
    with TestClient(create_app(Settings(database_url=url))) as client:
        till = enroll(client, enrollment_code(url, store="S001", terminal="T01"))
        before = sale_payload([(TEA, 1)], when=datetime.now(UTC) - timedelta(hours=2))
        assert till.push_ok([till.next_item("sale", before)])[0]["status"] == "accepted"
        assert main(["backup", "--db", url, str(copy)]) == 0  # the API still open
        after = sale_payload([(TEA, 2)], when=datetime.now(UTC) - timedelta(hours=1))
        assert till.push_ok([till.next_item("sale", after)])[0]["status"] == "accepted"
    out = capsys.readouterr().out
    assert f"backed up to {copy}: revision " in out and "7 residents, 1 orders" in out
    assert oct(os.stat(copy).st_mode & 0o777) == oct(0o600)
    assert _orders(url) == {before["sale_id"], after["sale_id"]}

    assert main(["restore", "--db", url, str(copy)]) == 0
    out = capsys.readouterr().out
    assert "7 residents, 1 orders" in out and ".before-restore-" in out
    assert _orders(url) == {before["sale_id"]}
    with TestClient(create_app(Settings(database_url=url))) as client:
        till = enroll(client, enrollment_code(url, store="S001", terminal="T02"))
        found = till.get("/members/by-phone?last4=1234").json()["candidates"]
        assert [c["masked_phone"] for c in found] == ["138****1234", "137****1234"]


def test_what_is_refused(
    sqlite_demo_url: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pg = "postgresql+psycopg://u@127.0.0.1:1/db"
    assert main(["backup", "--db", pg, str(tmp_path / "x.db")]) == 1
    assert "for PostgreSQL use pg_dump -Fc" in capsys.readouterr().err
    url = sqlite_demo_url()  # type: ignore[operator]
    junk = tmp_path / "junk.db"
    junk.write_text("hello")
    assert main(["restore", "--db", url, str(junk)]) == 1
    assert f"{junk} is not a central database" in capsys.readouterr().err
    assert len(_orders(url)) == 0  # the database untouched
    copy = tmp_path / "c.db"
    assert main(["backup", "--db", url, str(copy)]) == 0
    assert main(["backup", "--db", url, str(copy)]) == 1  # never over an older copy
    assert "exists: choose a new file" in capsys.readouterr().err
