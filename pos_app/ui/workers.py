"""Run blocking work (imports, later printing and sync) off the GUI thread.

Results come back through a signal of a relay object that lives in the GUI
thread, so the callbacks always run there and may touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Relay(QObject):
    sig_finished = Signal(object, object)  # result, exception


class BackgroundRunner(QObject):
    def __init__(self, parent: QObject | None = None, workers: int = 1) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pos-bg")
        self._relays: set[_Relay] = set()

    def submit(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
    ) -> Future[None]:
        relay = _Relay()
        self._relays.add(relay)

        def deliver(result: Any, error: BaseException | None) -> None:
            self._relays.discard(relay)
            if error is None:
                on_done(result)
            else:
                on_failed(error)

        relay.sig_finished.connect(deliver)

        def run() -> None:
            try:
                result = work()
            except Exception as exc:  # delivered to the GUI thread, never lost
                relay.sig_finished.emit(None, exc)
            else:
                relay.sig_finished.emit(result, None)

        return self._pool.submit(run)

    def shutdown(self) -> None:
        """Work not started yet is dropped; the work running is waited for (its
        owner cancels it first when it can, e.g. SyncService.cancel)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
