"""The backup runs off the GUI thread on its timer and tells the status bar when it ran
or why it failed, in words a cashier understands (the till's data is intact)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from pos_app.app import AppContext
from pos_app.services.backup import BackupStatus
from pos_app.ui.backup_worker import BackupWorker, backup_message


def test_a_due_backup_runs_off_the_gui_thread_and_says_when(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    context.save_setting("backup.directory", str(stick))
    assert context.backup is not None
    threads: list[str] = []
    run = context.backup.run_if_due

    def recorded() -> BackupStatus:
        threads.append(threading.current_thread().name)
        return run()

    context.backup.run_if_due = recorded  # type: ignore[method-assign]
    worker = BackupWorker(context.backup)
    try:
        with qtbot.wait_signal(worker.sig_status, timeout=10_000) as blocker:
            worker.run_if_due()
        text, error = blocker.args
        assert text.startswith("Database backed up at 20") and error is False
        assert threads and threads[0].startswith("pos-bg")  # never the GUI thread
        assert len(list(stick.glob("yuancang-pos-*.db"))) == 1
        with qtbot.assert_not_emitted(worker.sig_status, wait=300):
            worker.run_if_due()  # not due again today: quiet
        qtbot.wait_until(lambda: not worker.busy)
        shutil.rmtree(stick)
        context.save_setting("backup.interval_hours", 0.0001)
        qtbot.wait(500)
        with qtbot.wait_signal(worker.sig_status, timeout=10_000) as failed:
            worker.run_if_due()
        text, error = failed.args
        assert error is True
        assert text == (
            "Backup failed: the backup folder is not there (USB stick removed?). "
            "Sales are safe on this till. Last backup: -"
        )
    finally:
        worker.stop()


def test_messages() -> None:
    full = backup_message(BackupStatus(enabled=True, error="full"))
    assert full == (
        "Backup failed: the backup disk is full. Sales are safe on this till. Last backup: -",
        True,
    )
