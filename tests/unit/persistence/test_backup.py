"""Backups of the till's database: SQLite's online backup while it is open, generations
kept and pruned, a removed stick or a full disk leaving no half copy, a file checked
before it is restored, and the restore itself."""

from __future__ import annotations

import errno
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pos_app.app import AppContext
from pos_app.core.money import Money
from pos_app.persistence import backup
from pos_app.persistence.db import DB_FILENAME

WATER = "6975321000012"
T0 = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def sell(context: AppContext) -> str:
    co = context.checkout
    co.scan(WATER)
    tender = co.start_tender()
    tender.add_cash(Money(tender.total.fen))
    return co.complete(tender).sale_id


def sales_in(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT id FROM sales")}


def test_an_open_database_is_copied_whole_and_generations_are_kept(
    context: AppContext, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    first = sell(context)  # in the WAL, not yet in pos.db itself: the backup must see it
    made = [
        backup.take_backup(
            context.data_dir / DB_FILENAME, stick, now=T0 + timedelta(days=d), keep=3
        )
        for d in range(5)
    ]
    assert [p.name for p in backup.generations(stick)] == [p.name for p in made[:1:-1]]
    assert made[-1].name == "yuancang-pos-20261201T100000Z.db"
    assert sorted(os.listdir(stick)) == sorted(p.name for p in made[2:])  # no .part left
    assert sales_in(made[-1]) == {first}
    assert oct(made[-1].stat().st_mode & 0o777) == oct(0o600)
    info = backup.inspect(made[-1])
    assert (info.sales, info.unsent) == (1, 1)
    assert info.newest_sale is not None and info.newest_sale.tzinfo is not None
    assert backup.taken_at(made[-1]) == T0 + timedelta(days=4)


def test_a_removed_stick_is_a_clear_error(context: AppContext, tmp_path: Path) -> None:
    with pytest.raises(backup.BackupError) as err:
        backup.take_backup(context.data_dir / DB_FILENAME, tmp_path / "gone", now=T0, keep=7)
    assert err.value.reason == "missing"
    assert "a removed USB stick?" in err.value.detail


def test_a_full_disk_leaves_no_half_copy(
    context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    real_fsync = os.fsync

    def full(fd: int) -> None:  # the copy's pages written, then the disk says no room
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(backup.BackupError) as err:
        backup.take_backup(context.data_dir / DB_FILENAME, stick, now=T0, keep=7)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert (err.value.reason, err.value.detail) == ("full", f"{stick} is full")
    assert os.listdir(stick) == []
    assert sell(context)  # the till's own database is untouched and still sells


def test_only_a_till_database_is_accepted(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("hello")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    damaged = tmp_path / "damaged.db"
    cases = {text: "is not an SQLite database", other: "is not a till database",
             tmp_path / "absent.db": "does not exist"}  # fmt: skip
    for path, why in cases.items():
        with pytest.raises(backup.BackupError, match=why):
            backup.inspect(path)
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(backup.BackupError, match=r"damaged|cannot be read"):
        backup.inspect(damaged)


def test_restore_puts_the_copy_in_place_and_keeps_the_replaced_one(
    context: AppContext, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    before = sell(context)
    copy = backup.take_backup(context.data_dir / DB_FILENAME, stick, now=T0, keep=7)
    after = sell(context)
    context.close()
    database = context.data_dir / DB_FILENAME
    kept = backup.restore(copy, database, now=T0 + timedelta(hours=1))
    assert kept is not None and kept.name == "pos.db.before-restore-20261127T110000Z"
    assert not (context.data_dir / (DB_FILENAME + "-wal")).exists()  # none of the old WAL
    assert sales_in(database) == {before}
    assert sales_in(kept) == {before, after}  # the replaced database, WAL folded in
