"""Notices the server addresses to this till: kept once each, in any form, never blocking a pull."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pos_app.persistence.db import open_database
from pos_app.persistence.outbox_repo import OutboxRepository
from pos_app.persistence.sync_repo import SyncStateRepository
from sync.protocol.changes import Change

SALE_ID = "0b9b7a52-3d1e-4c55-9a0e-1d2f3a4b5c6d"


def notice(seq: int, key: str, data: dict[str, object]) -> Change:
    return Change(seq=seq, kind="notice", op="upsert", key=key, data=data)


def test_a_notice_is_kept_once_with_the_cursor(data_dir: Path) -> None:
    engine = open_database(data_dir)
    sync, outbox = SyncStateRepository(engine), OutboxRepository(engine)
    conflict = {
        "code": "id_conflict",
        "record_kind": "sale",
        "record_id": SALE_ID,
        "at": "2026-11-27T04:00:00Z",
    }
    sync.apply([notice(7, "id_conflict:sale:" + SALE_ID, conflict)], "7")
    sync.apply([notice(8, "id_conflict:sale:" + SALE_ID, conflict)], "8")  # sent again
    rows = outbox.notices()
    assert [(r["code"], r["record_kind"], r["record_id"], r["at"]) for r in rows] == [
        ("id_conflict", "sale", SALE_ID, datetime(2026, 11, 27, 4, tzinfo=UTC))
    ]
    assert sync.cursor() == "8" and sync.notices_changed
    engine.dispose()


def test_a_notice_of_an_unknown_form_is_kept_and_the_pull_goes_on(data_dir: Path) -> None:
    engine = open_database(data_dir)
    sync = SyncStateRepository(engine)
    sync.apply([notice(3, "future:1", {"code": "something_new", "extra": 1})], "3")
    [row] = OutboxRepository(engine).notices()
    assert (row["code"], row["record_kind"], row["record_id"]) == ("unknown", "", "")
    assert sync.cursor() == "3"
    engine.dispose()
