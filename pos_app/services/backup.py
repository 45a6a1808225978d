"""Daily backups of the till's database to the configured second place (`backup.*`).

`run_if_due` is what the background timer calls: nothing when no folder is set,
nothing when the newest copy in the folder is younger than the interval, else a
new generation (pos_app.persistence.backup). It never raises: a full disk or a
removed USB stick comes back as a coded status for the status bar and a log
line, and the till's own database is untouched either way. It runs on a worker
thread, never the GUI thread: SQLite's backup copies pages in steps, so a sale
being written waits at most one step.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pos_app.config import Settings
from pos_app.persistence import backup
from pos_app.persistence.db import DB_FILENAME

log = logging.getLogger("pos_app.backup")


@dataclass(frozen=True, slots=True)
class BackupStatus:
    """What the status bar says. `error`: None, "missing", "full" or "failed"."""

    enabled: bool
    last_at: datetime | None = None  # the newest complete copy in the folder (UTC)
    last_path: Path | None = None
    error: str | None = None
    detail: str = ""
    ran: bool = False  # this call made a new copy


class BackupService:
    def __init__(
        self,
        data_dir: Path,
        settings: Settings,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.settings = settings
        self.clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.Lock()  # a timer tick and "back up now" never overlap
        self._last_error: tuple[str, str] | None = None

    def status(self) -> BackupStatus:
        folder = self.settings.backup.directory.strip()
        if not folder:
            return BackupStatus(enabled=False)
        newest = self._newest(folder)
        error, detail = self._last_error or (None, "")
        return BackupStatus(
            enabled=True,
            last_at=backup.taken_at(newest) if newest else None,
            last_path=newest,
            error=error,
            detail=detail,
        )

    def run_if_due(self) -> BackupStatus:
        current = self.status()
        if not current.enabled:
            return current
        interval = timedelta(hours=self.settings.backup.interval_hours)
        if current.last_at is not None and self.clock() - current.last_at < interval:
            return current
        return self.run_now()

    def run_now(self) -> BackupStatus:
        opts = self.settings.backup
        folder = opts.directory.strip()
        if not folder:
            return BackupStatus(enabled=False)
        with self._lock:
            now = self.clock()
            try:
                path = backup.take_backup(
                    self.data_dir / DB_FILENAME, Path(folder), now=now, keep=opts.generations
                )
            except backup.BackupError as exc:
                self._last_error = (exc.reason, exc.detail)
                log.warning("backup failed (%s): %s", exc.reason, exc.detail)
                last = self._newest(folder)
                return BackupStatus(
                    enabled=True,
                    last_at=backup.taken_at(last) if last else None,
                    last_path=last,
                    error=exc.reason,
                    detail=exc.detail,
                )
            self._last_error = None
        return BackupStatus(enabled=True, last_at=now, last_path=path, ran=True)

    @staticmethod
    def _newest(folder: str) -> Path | None:
        found = backup.generations(Path(folder))
        return found[0] if found else None
