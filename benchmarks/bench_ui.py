"""Scan to line rendered, in the real main window on Qt's offscreen platform.

The caller must set ``QT_QPA_PLATFORM=offscreen`` before PySide6 is first
imported (run.py does it on its first lines). Each sample covers
`MainWindow.process_scan` (classify, barcode lookup, cart autosave commit,
model reset, totals, status bar), a synchronous repaint of the cart viewport
and one `processEvents()` pass for whatever else was queued.
"""

from __future__ import annotations

import random
import sys
from time import perf_counter_ns
from typing import Any

from bench_stats import NS_PER_MS, percentiles

from pos_app.app import AppContext


def _quiet_qt(mode: Any, context: Any, message: str) -> None:
    """Drop the offscreen plugin's 'does not support propagateSizeHints()' noise."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def application() -> Any:
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    qInstallMessageHandler(_quiet_qt)
    app = QApplication.instance()
    return app if app is not None else QApplication(["yuancang-bench"])


def time_scans(
    context: AppContext,
    barcodes: list[str],
    rng: random.Random,
    count: int,
    clear_every: int = 20,
    warmup: int = 20,
) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication

    from pos_app.ui.launch import create_window

    app = application()
    window = create_window(app, context)
    window.show()
    QApplication.processEvents()
    viewport = window.cart_view.viewport()

    def clear() -> None:
        window.checkout.clear()
        window.refresh_cart()
        QApplication.processEvents()

    def one(code: str) -> float:
        t0 = perf_counter_ns()
        window.process_scan(code)
        viewport.repaint()
        QApplication.processEvents()
        return (perf_counter_ns() - t0) / NS_PER_MS

    try:
        clear()
        for code in rng.choices(barcodes, k=warmup):
            one(code)
        samples: list[float] = []
        refused = 0
        for i, code in enumerate(rng.choices(barcodes, k=count)):
            if i % clear_every == 0:
                clear()
            before = window.checkout.cart.totals().item_count
            samples.append(one(code))
            refused += window.checkout.cart.totals().item_count != before + 1
        clear()
        size = window.size()
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    if refused:
        raise RuntimeError(f"{refused} scans did not add an item to the cart")
    return {
        "ms": percentiles(samples),
        "count": count,
        "clear_every": clear_every,
        "window": f"{size.width()}x{size.height()}",
    }
