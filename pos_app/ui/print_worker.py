"""Drives the print queue off the GUI thread.

`PrintService.process_pending` blocks for up to the printer timeout, so it runs
on the background runner's thread; results come back through signals, handled
in the GUI thread. A single-shot QTimer schedules the next pass: right away
after `kick()` (a sale was just queued), at the retry time the service gives
after a failure (exponential backoff), and every few seconds when idle so the
status bar stays current (and a settings change is noticed).
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from pos_app.services.printing import PrinterStatus, PrintRun, PrintService
from pos_app.ui.workers import BackgroundRunner

log = logging.getLogger("pos_app.printer")

# Idle, the queue only changes through kick(): look rarely. (Every pass costs a
# few Qt calls and signals, which PySide6 6.12 on CPython 3.11 leaks references
# with; see tests/gui/test_camera_pipeline.py.)
IDLE_MS = 30_000
MIN_RETRY_MS = 200
MAX_WAIT_MS = 60_000


class PrintWorker(QObject):
    sig_run_finished = Signal(object)  # PrintRun
    sig_status_changed = Signal(object)  # PrinterStatus
    sig_run_failed = Signal(object)  # the exception of a pass that broke (e.g. storage)

    def __init__(
        self,
        service: PrintService,
        parent: QObject | None = None,
        *,
        runner: BackgroundRunner | None = None,
        idle_ms: int = IDLE_MS,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.idle_ms = idle_ms
        self._own_runner = runner is None
        self._runner = runner or BackgroundRunner(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run)
        self._running = False
        self._again = False  # a kick arrived during a pass: run once more after it
        self._force = False
        self._stopped = False

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        self._stopped = False
        self.kick()

    def kick(self) -> None:
        """Try the queue now (call it right after enqueue_sale or reprint)."""
        if self._stopped:
            return
        if self._running:
            self._again = True
        else:
            self._timer.start(0)

    def retry_now(self) -> None:
        """Ignore the backoff once (the cashier clicked the printer status)."""
        self._force = True
        self.kick()

    def stop(self) -> None:
        """Stop scheduling; waits for a pass in flight (at most the printer timeout)."""
        self._stopped = True
        self._timer.stop()
        if self._own_runner:
            self._runner.shutdown()

    def next_run_in_ms(self) -> int:
        """-1 when nothing is scheduled (tests, diagnostics)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def _run(self) -> None:
        if self._stopped or self._running:
            return
        self._running, self._again = True, False
        force, self._force = self._force, False
        service = self.service

        def work() -> tuple[PrintRun, PrinterStatus]:
            return service.process_pending(force=force), service.status()

        self._runner.submit(work, self._on_done, self._on_failed)

    def _on_done(self, result: tuple[PrintRun, PrinterStatus]) -> None:
        self._running = False
        run, status = result
        self.sig_run_finished.emit(run)
        self.sig_status_changed.emit(status)
        self._schedule(run)

    def _on_failed(self, error: BaseException) -> None:
        self._running = False
        log.error("print pass failed: %s", error)
        self.sig_run_failed.emit(error)
        self._schedule(None)

    def _schedule(self, run: PrintRun | None) -> None:
        if self._stopped:
            return
        if self._again:
            delay = 0
        elif run is not None and run.retry_at is not None:
            wait = (run.retry_at - self._now()).total_seconds() * 1000
            delay = int(max(MIN_RETRY_MS, min(MAX_WAIT_MS, wait)))
        elif run is not None and run.printed and run.pending and run.error is None:
            delay = 0  # a long queue is read in batches: go on with the next one
        else:
            delay = self.idle_ms
        self._timer.start(delay)

    def _now(self) -> datetime:
        return self.service.clock()
