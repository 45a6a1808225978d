"""Runs the daily database backup in the background and says how it went.

A timer asks the backup service every few minutes whether a copy is due (the
service decides: once a day by default, nothing when no folder is set); the
copy runs on a worker thread of its own, never the GUI thread, so a sale is
never kept waiting. When a copy is made or fails, `sig_status` carries a
one-line message for the status bar: when the last copy ran, or why it failed
(the stick was removed, the disk is full) and that the till's data is intact.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from pos_app.services.backup import BackupService, BackupStatus
from pos_app.ui.workers import BackgroundRunner

log = logging.getLogger("pos_app.backup")
SHANGHAI = ZoneInfo("Asia/Shanghai")
CHECK_EVERY_MS = 10 * 60 * 1000


def backup_message(status: BackupStatus) -> tuple[str, bool]:
    """(text, is_error) for the status bar."""
    when = "-" if status.last_at is None else _local(status.last_at)
    if status.error == "missing":
        text = QCoreApplication.translate(
            "Backup",
            "Backup failed: the backup folder is not there (USB stick removed?). "
            "Sales are safe on this till. Last backup: {0}",
        )
        return text.format(when), True
    if status.error == "full":
        text = QCoreApplication.translate(
            "Backup",
            "Backup failed: the backup disk is full. Sales are safe on this till. Last backup: {0}",
        )
        return text.format(when), True
    if status.error is not None:
        text = QCoreApplication.translate(
            "Backup", "Backup failed. Sales are safe on this till. Last backup: {0}"
        )
        return text.format(when), True
    return QCoreApplication.translate("Backup", "Database backed up at {0}").format(when), False


def _local(moment: datetime) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


class BackupWorker(QObject):
    sig_status = Signal(str, bool)  # the message, and whether it is an error

    def __init__(self, backups: BackupService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backups = backups
        self.runner = BackgroundRunner(self)
        self.busy = False
        self.stopped = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.run_if_due)

    def start(self, first_check_ms: int = 60_000) -> None:
        QTimer.singleShot(first_check_ms, self, self.run_if_due)
        self.timer.start(CHECK_EVERY_MS)

    def stop(self) -> None:
        """For good: a copy in flight finishes (SQLite's backup steps are short)."""
        self.stopped = True
        self.timer.stop()
        self.runner.shutdown()

    def run_if_due(self) -> None:
        if self.busy or self.stopped:
            return
        self.busy = True
        self.runner.submit(self.backups.run_if_due, self._done, self._failed)

    def _done(self, status: BackupStatus) -> None:
        self.busy = False
        if self.stopped or not status.enabled:
            return
        if status.ran or status.error is not None:  # quiet while nothing happened
            self.sig_status.emit(*backup_message(status))

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        log.error("backup crashed: %r", exc)
        if not self.stopped:
            self.sig_status.emit(*backup_message(BackupStatus(enabled=True, error="failed")))
