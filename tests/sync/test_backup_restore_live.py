"""A dead database loses only what had not yet synced: with the real central server, a
till backs up, sells on, syncs some of it, then its database is replaced by the backup
(`yuancang-pos restore`). The restored till pushes what the backup still held unsent;
the sales synced after the backup are on the server; only the sale made after the
backup and never synced is gone. `restore` refuses while a till runs on the directory
and refuses a file that is not a till database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from pos_app.__main__ import main
from pos_app.app import AppContext, build_context
from pos_app.core.money import Money
from pos_app.persistence import backup
from pos_app.persistence.run_lock import RunLock
from pos_app.services.backup import BackupService
from sync.server.db import Database
from sync.server.devtools import ServerProcess
from sync.server.models.orders import Order

WATER = "6975321000012"


def sell(context: AppContext) -> str:
    co = context.checkout
    co.scan(WATER)
    tender = co.start_tender()
    tender.add_cash(Money(tender.total.fen))
    return co.complete(tender).sale_id


def on_server(server: ServerProcess) -> set[str]:
    db = Database(server.database_url, pool_size=1, max_overflow=0)
    try:
        with db.read() as session:
            return set(session.scalars(select(Order.sale_id)))
    finally:
        db.dispose()


@pytest.mark.usefixtures("pos_logging")  # main() sets up the till's log file in-process
def test_only_the_unsynced_sales_after_the_backup_are_lost(
    live_server: ServerProcess, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    context = build_context(data_dir, demo=True)
    context.sync.enroll(live_server.url, live_server.enrollment_code())
    context.save_setting("backup.directory", str(stick))
    a = sell(context)
    assert context.sync.sync_once().error is None  # A synced
    b = sell(context)  # B made, not yet synced when the backup runs
    status = BackupService(data_dir, context.settings).run_if_due()
    assert status.ran and status.last_path is not None
    c = sell(context)
    assert context.sync.sync_once().error is None  # C (and B) synced after the backup
    d = sell(context)  # D: after the backup, never synced, then the disk dies
    assert on_server(live_server) == {a, b, c}
    context.close()

    with RunLock(data_dir):  # the till still open on it: refused, nothing changed
        assert main(["restore", str(status.last_path), "--data-dir", str(data_dir)]) == 2
    assert "restore refused: a till is running on" in capsys.readouterr().out
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    assert main(["restore", str(junk), "--data-dir", str(data_dir)]) == 2
    assert "is not an SQLite database" in capsys.readouterr().out

    assert main(["restore", str(status.last_path), "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert f"backup {status.last_path.name}: taken " in out
    assert "2 sales" in out and "records not yet synced when it was taken" in out
    assert "Sales made after the backup are not in it" in out
    restored = build_context(data_dir, demo=True)
    try:
        assert {s.sale_id for s in restored.sales.recent(20)} == {a, b}
        assert restored.sync.sync_once().error is None  # B's copy again: no double count
        assert on_server(live_server) == {a, b, c}
    finally:
        restored.close()
    assert d not in on_server(live_server)  # the only loss
    kept = [p for p in data_dir.iterdir() if p.name.startswith("pos.db.before-restore-")]
    assert len(kept) == 1 and backup.inspect(kept[0]).sales == 4  # nothing deleted
