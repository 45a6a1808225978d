"""Closing the till while a sync hangs on a silent server: the close path stops
every worker and cancels the HTTP call instead of waiting out its 30 s timeout;
and SIGTERM to a real till process ends it through that same close path."""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from pos_app.app import AppContext
from pos_app.log import LOG_FILE
from pos_app.persistence import credentials
from pos_app.ui.launch import create_window
from pos_app.ui.sync_worker import SyncWorker
from tests.silent_server import SilentServer

CLOSED = "till shut down: camera, printer, sync and background work stopped"


@pytest.fixture
def silent() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


def test_closing_cancels_a_hung_sync_and_stops_every_worker(
    qtbot, qapp: QApplication, context: AppContext, silent: SilentServer, caplog
) -> None:
    credentials.save(context.data_dir, credentials.Credential(silent.url, "token", "T-1"))
    window = create_window(qapp, context)
    qtbot.addWidget(window)
    worker = SyncWorker(context.sync, parent=window)
    window.sync_worker = window_worker = worker
    window.printing.start()
    worker.run_now()
    try:
        assert silent.request_seen.wait(10), "the sync never reached the server"
        assert worker.busy
        caplog.set_level(logging.INFO, logger="pos_app.ui")
        started = time.monotonic()
        window.close()
        elapsed = time.monotonic() - started
    finally:
        qapp.removeEventFilter(window.scanner)
    assert elapsed < 2.0  # the read timeout is 30 s
    assert window.shut_down and window_worker.stopped
    assert context.sync.last_error == "cancelled"  # the call in flight was cancelled
    assert not window.printing.worker.running and window.printing.worker.next_run_in_ms() == -1
    assert [r.getMessage() for r in caplog.records if r.name == "pos_app.ui"] == [CLOSED]
    # stopped for good: the late result schedules nothing, and run_now() returns
    # before the runner (shut down: it would raise) is asked for anything
    qtbot.waitUntil(lambda: not worker.busy)
    assert not worker.timer.isActive()
    worker.run_now()
    assert not worker.busy and silent.accepted == 1


@pytest.mark.slow
def test_sigterm_ends_a_real_till_through_the_close_path(tmp_path: Path) -> None:
    """The demo till with its own central server: SIGTERM closes the window
    (workers stopped), stops the server, exits 0."""
    data_dir = tmp_path / "till"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with socket.socket() as probe:  # a free port: 8700 may be another demo's
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    till = subprocess.Popen(
        [sys.executable, "-m", "pos_app", "--data-dir", str(data_dir), "--demo", "--lang", "en",
         "--with-server", "--server-port", str(free)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    log_file = data_dir / LOG_FILE
    try:
        deadline = time.monotonic() + 120
        while "till ready on" not in _text(log_file):
            assert till.poll() is None, till.stdout.read().decode() if till.stdout else ""
            assert time.monotonic() < deadline, "the till did not start"
            time.sleep(0.2)
        enrolled = re.search(r"demo till enrolled at (http://\S+)", _text(log_file))
        assert enrolled, "the demo server did not start"
        port = int(enrolled.group(1).rsplit(":", 1)[1])
        assert port == free
        till.send_signal(signal.SIGTERM)
        code = till.wait(timeout=30)
    finally:
        if till.poll() is None:
            till.kill()
            till.wait()
    assert code == 0
    lines = _text(log_file).splitlines()
    steps = ["SIGTERM: closing the till", CLOSED, "demo central server stopped", "till stopped"]
    at = [[i for i, line in enumerate(lines) if line.endswith(step)] for step in steps]
    assert [len(found) for found in at] == [1, 1, 1, 1]
    assert [found[0] for found in at] == sorted(found[0] for found in at)  # in that order
    with pytest.raises(ConnectionRefusedError):  # the server is gone with the till
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""
