"""Runs sync in the background on a timer: every `interval_s` when things go
well, with exponential backoff and jitter after failures. Never on the GUI
thread; the status comes back through `sig_status`."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from pos_app.services.sync import Backoff, SyncService, SyncStatus
from pos_app.ui.workers import BackgroundRunner

log = logging.getLogger("pos_app.sync")


class SyncWorker(QObject):
    sig_status = Signal(object)  # SyncStatus

    def __init__(
        self, sync: SyncService, *, interval_s: float = 30.0, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.sync = sync
        self.interval_ms = int(interval_s * 1000)
        self.backoff = Backoff()
        self.runner = BackgroundRunner(self)
        self.busy = False
        self.stopped = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.run_now)

    def start(self, delay_ms: int = 1000) -> None:
        self.timer.start(delay_ms)

    def stop(self) -> None:
        """For good: a sync in flight is cancelled (its HTTP call fails at once
        rather than after its 30 s timeout), then its thread is joined."""
        self.stopped = True
        self.timer.stop()
        self.sync.cancel()
        self.runner.shutdown()

    def run_now(self) -> None:
        """Sync as soon as possible (after a sale, or when the cashier asks)."""
        if self.busy or self.stopped:
            return
        self.busy = True
        self.timer.stop()
        self.runner.submit(self.sync.sync_once, self._done, self._failed)

    def _done(self, status: SyncStatus) -> None:
        self.busy = False
        if self.stopped:  # delivered after stop(): schedule nothing more
            return
        if status.error is None:
            self.backoff.success()
            self.timer.start(self.interval_ms)
        else:
            self.timer.start(int(self.backoff.failure() * 1000))
        self.sig_status.emit(status)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        if self.stopped:
            return
        log.error("sync crashed: %r", exc)
        self.timer.start(int(self.backoff.failure() * 1000))
        self.sig_status.emit(self.sync.status())
