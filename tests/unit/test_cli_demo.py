"""`yuancang-pos` as a real process: no display, the demo server's port taken,
`--demo --reset` (fresh demo data, never a non-demo directory), `make demo PORT=`."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pos_app.persistence.db import DB_FILENAME
from pos_app.startup_checks import DEMO_MARKER

ROOT = Path(__file__).resolve().parents[2]


def env_without_display(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    return {**env, "PYTHONIOENCODING": "utf-8", **extra}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_without_a_display_one_sentence_and_exit_2(tmp_path: Path):
    result = run(["--data-dir", str(tmp_path / "d")], env_without_display())
    assert result.returncode == 2, result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("No display: start the till")
    assert "xcb" not in result.stdout + result.stderr  # Qt never got to try


def test_a_display_nobody_answers_on_is_said_too(tmp_path: Path):
    result = run(["--data-dir", str(tmp_path / "d")], env_without_display(DISPLAY=":9871"))
    assert result.returncode == 2, result.stderr
    assert "No X server answers on DISPLAY=:9871" in result.stdout
    assert "Reinstalling" not in result.stdout + result.stderr


def test_the_demo_server_port_taken_is_said_and_nothing_is_enrolled(tmp_path: Path):
    data = tmp_path / "demo"
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(
            ["--demo", "--with-server", "--server-port", str(port), "--data-dir", str(data)],
            env_without_display(QT_QPA_PLATFORM="offscreen"),
        )
    assert result.returncode == 2, result.stderr
    assert f"Port {port} is already in use" in result.stdout
    assert f"make demo PORT={port + 11}" in result.stdout
    assert not data.exists()  # no till started, no terminal enrolled


def test_reset_needs_demo(tmp_path: Path):
    result = run(["--reset", "--data-dir", str(tmp_path)], env_without_display())
    assert result.returncode == 2 and "add --demo" in result.stdout


def test_reset_refuses_a_directory_that_is_not_the_demos(tmp_path: Path):
    till = tmp_path / "till"
    till.mkdir()
    (till / DB_FILENAME).write_text("a real till's sales")
    result = run(["--demo", "--reset", "--data-dir", str(till)], env_without_display())
    assert result.returncode == 2
    assert "is not a demo data directory; nothing was deleted" in result.stdout
    assert (till / DB_FILENAME).read_text() == "a real till's sales"


def start_till(args: list[str], data: Path, deleted: Path | None = None) -> subprocess.Popen[str]:
    """The till offscreen until it is ready, then closed as a shutdown closes it.
    `deleted`: a file the reset deletes (with the old log), awaited first."""
    log = data / "logs" / "pos.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_app", *args, "--data-dir", str(data)],
        cwd=ROOT,
        env=env_without_display(QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        reset_done = deleted is None or not deleted.exists()
        if reset_done and log.exists() and "till ready" in log.read_text(encoding="utf-8"):
            break
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    return proc


@pytest.mark.slow
def test_demo_reset_starts_from_fresh_demo_data(tmp_path: Path):
    data = tmp_path / "demo"
    first = start_till(["--demo"], data)
    assert first.returncode == 0, first.stderr.read() if first.stderr else ""
    assert (data / DEMO_MARKER).is_file() and (data / DB_FILENAME).is_file()
    leftover = data / "yesterday.txt"
    leftover.write_text("yesterday's demo")
    second = start_till(["--demo", "--reset"], data, deleted=leftover)
    out = second.stdout.read() if second.stdout else ""
    assert second.returncode == 0
    assert f"Resetting the demo: deleting {data}" in out
    assert not leftover.exists()
    assert (data / DB_FILENAME).is_file() and (data / DEMO_MARKER).is_file()


def test_make_demo_takes_the_port():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    result = subprocess.run(
        ["make", "-n", "-f", "-", "demo", "PORT=8711"],
        input=makefile,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ".venv/bin/yuancang-pos --demo --with-server --server-port 8711" in result.stdout
