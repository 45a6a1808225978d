"""The daily backup as the background timer runs it: off without a folder, due once a
day, N generations, and a removed stick reported (coded) without touching the till."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pos_app.app import AppContext
from pos_app.services.backup import BackupService, BackupStatus

T0 = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def service(
    context: AppContext, folder: Path | None, **opts: object
) -> tuple[BackupService, Clock]:
    if folder is not None:
        context.save_setting("backup.directory", str(folder))
    for key, value in opts.items():
        context.save_setting(f"backup.{key}", value)
    clock = Clock()
    return BackupService(context.data_dir, context.settings, clock=clock), clock


def test_off_when_no_folder_is_set(context: AppContext, tmp_path: Path) -> None:
    backups, _ = service(context, None)
    assert backups.run_if_due() == BackupStatus(enabled=False)
    assert list(tmp_path.glob("**/yuancang-pos-*.db")) == []


def test_daily_with_generations(context: AppContext, tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    backups, clock = service(context, stick, generations=2)
    first = backups.run_if_due()
    assert (first.ran, first.last_at, first.error) == (True, T0, None)
    clock.now = T0 + timedelta(hours=23, minutes=59)
    assert backups.run_if_due().ran is False  # the newest copy is less than a day old
    for day in (1, 2, 3):
        clock.now = T0 + timedelta(days=day)
        assert backups.run_if_due().ran is True
    assert sorted(p.name for p in stick.iterdir()) == [
        "yuancang-pos-20261129T020000Z.db",
        "yuancang-pos-20261130T020000Z.db",
    ]
    status = backups.status()
    assert (status.last_at, status.error) == (T0 + timedelta(days=3), None)


def test_a_removed_stick_is_reported_then_recovers(context: AppContext, tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    backups, clock = service(context, stick)
    assert backups.run_if_due().ran
    shutil.rmtree(stick)  # pulled out
    clock.now = T0 + timedelta(days=1)
    failed = backups.run_if_due()
    assert (failed.enabled, failed.ran, failed.error, failed.last_at) == (
        True,
        False,
        "missing",
        None,
    )
    assert backups.status().error == "missing"  # the status bar keeps saying it
    stick.mkdir()  # put back
    again = backups.run_if_due()
    assert (again.ran, again.error) == (True, None)
    assert backups.status().error is None
