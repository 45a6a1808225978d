"""The background runner: work runs off the GUI thread, its result comes back on
the GUI thread, and shutting down drops the work not started yet."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication

from pos_app.ui.workers import BackgroundRunner


def test_work_runs_off_the_gui_thread_and_reports_on_it(qtbot, qapp: QApplication) -> None:
    runner = BackgroundRunner()
    ran_on: list[int] = []
    delivered_on: list[int] = []
    results: list[object] = []

    def work() -> str:
        ran_on.append(threading.get_ident())
        return "done"

    def done(result: object) -> None:
        delivered_on.append(threading.get_ident())
        results.append(result)

    try:
        runner.submit(work, done, lambda exc: results.append(exc))
        qtbot.waitUntil(lambda: results != [])
    finally:
        runner.shutdown()
    assert results == ["done"]
    assert ran_on != [threading.get_ident()] and len(ran_on) == 1
    assert delivered_on == [threading.get_ident()]


def test_shutdown_drops_queued_work_and_waits_for_the_running_one(qtbot) -> None:
    runner = BackgroundRunner()
    release = threading.Event()
    started = threading.Event()
    ran: list[str] = []

    def slow() -> None:
        started.set()
        release.wait(5)
        ran.append("slow")

    runner.submit(slow, lambda _r: None, lambda _e: None)
    runner.submit(lambda: ran.append("queued"), lambda _r: None, lambda _e: None)
    assert started.wait(5)
    threading.Timer(0.2, release.set).start()
    runner.shutdown()
    assert ran == ["slow"]  # the running work finished; the queued one never started
