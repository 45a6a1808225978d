"""Start the GUI: application, translations, scanner filter, main window."""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from pos_app.app import AppContext, build_context
from pos_app.ui.backup_worker import BackupWorker
from pos_app.ui.customer_display import show_on_second_screen
from pos_app.ui.main_window import MainWindow
from pos_app.ui.messages import error_text
from pos_app.ui.scanner import ScannerInputFilter
from pos_app.ui.sync_worker import SyncWorker
from pos_app.ui.training_banner import TrainingSwitch, mark_display, mark_window
from pos_app.ui.translators import install_translators

log = logging.getLogger("pos_app.ui")

__all__ = ["TillWindows", "create_window", "install_translators", "run_gui"]


def create_window(app: QApplication, context: AppContext) -> MainWindow:
    settings = context.settings
    scanner = ScannerInputFilter(
        max_interval_ms=settings.scanner.max_key_interval_ms,
        min_length=settings.scanner.min_length,
        parent=app,
    )
    app.installEventFilter(scanner)
    window = MainWindow(context, scanner)
    window.held_orders.restore_unfinished()
    return window


def run_gui(
    data_dir: Path,
    *,
    demo: bool,
    language: str | None,
    with_server: bool = False,
    server_port: int = 8700,
) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Yuancang POS")
    context = build_context(data_dir, demo=demo, demo_promotions=demo)
    server = None
    if with_server:
        from pos_app.demo_stack import start_demo_server

        try:
            server = start_demo_server(context, server_port)
        except Exception:  # the till works offline: start it anyway
            log.exception("demo central server did not start; the till runs offline")
    install_translators(app, language or context.settings.ui.language)
    till = TillWindows(app, data_dir)
    till.open(context)
    # SIGTERM (a shutdown, `timeout`, a service manager) closes the till as its
    # window's close button does: the same close path stops the camera, the
    # printer, the sync (cancelled mid-call) and the background work; then the
    # event loop ends and the demo server stops below. Python sees the signal
    # at the next tick of the window's clock timer.
    signal.signal(signal.SIGTERM, lambda *_: _close(app, till.window))
    log.info("till ready on %s", data_dir)
    try:
        return app.exec()
    finally:
        till.close()
        if server is not None:
            server.stop()
            log.info("demo central server stopped")
        log.info("till stopped")


class TillWindows:
    """The till's one window: the real till, or a training session in its place.

    Training mode (services.training) runs on its own context and database; the
    switch opens the other mode's window first, then closes the current one with
    its context, so the application never has no window.
    """

    def __init__(self, app: QApplication, data_dir: Path) -> None:
        self.app = app
        self.data_dir = data_dir
        self.window: MainWindow
        self.context: AppContext
        self.backup_worker: BackupWorker | None = None

    def open(self, context: AppContext) -> MainWindow:
        window = create_window(self.app, context)
        if context.training:
            mark_window(window)
        TrainingSwitch(window, self.switch)
        window.show()
        if context.secrets_problem is not None:  # the till sells on; it cannot sync
            window.show_message(error_text(context.secrets_problem), error=True)
        window.customer_display = show_on_second_screen(window)
        if context.training and window.customer_display is not None:
            mark_display(window.customer_display)
        if context.settings.camera.enabled:
            window.camera.start()
        context.printing.purge(keep_days=30)
        window.printing.start()
        if not context.training:  # a training session has nothing to sync, nor anywhere
            sync_worker = SyncWorker(context.sync, parent=window)
            window.sync_worker = sync_worker
            sync_worker.sig_status.connect(window.on_sync_sig_status)
            window.sig_sale_completed.connect(lambda _sale: sync_worker.run_now())
            sync_worker.start()
        if context.backup is not None and not context.training:
            # the daily copy to backup.directory; a line in the status bar when it runs
            self.backup_worker = BackupWorker(context.backup, parent=window)
            self.backup_worker.sig_status.connect(window.show_message)
            self.backup_worker.start()
        # The search index of a big catalog takes ~0.5 s: build it while the
        # cashier looks at the window; scanning barcodes does not need it.
        window.runner.submit(
            context.catalog.index,
            lambda index: log.info("search index ready: %d products", len(index)),
            lambda exc: log.error("search index failed: %s", exc),
        )
        self.window, self.context = window, context
        return window

    def switch(self, training: bool) -> None:
        """Into training mode (a fresh practice database) or back to the real till."""
        old_window, old_context = self.window, self.context
        old_backup, self.backup_worker = self.backup_worker, None
        try:
            context = build_context(self.data_dir, training=training)
        except Exception:  # a full disk, a damaged copy: the current till goes on as it was
            log.exception("could not switch %s training mode", "into" if training else "out of")
            old_window.show_message(
                QCoreApplication.translate("Training", "Training mode could not be switched."),
                error=True,
            )
            return
        self.open(context)
        if old_backup is not None:
            old_backup.stop()
        if old_window.scanner is not None:
            self.app.removeEventFilter(old_window.scanner)
        old_window.close()  # shuts its camera, printer, sync and workers down
        old_window.deleteLater()
        old_context.close()
        log.info("till switched %s training mode", "into" if training else "out of")

    def close(self) -> None:
        self.window.shutdown()  # already done when the window closed; here for app.quit()
        if self.backup_worker is not None:
            self.backup_worker.stop()
        self.context.close()


def _close(app: QApplication, window: MainWindow) -> None:
    log.info("SIGTERM: closing the till")
    window.close()
    app.quit()  # even if another top-level window (a dialog) is still open
