"""The central server installs and runs without the till.

A virtualenv holding only `pip install -e '.[central]'` and the test tools is built
once per pyproject.toml (cached under .venv-central/, keyed by its hash and the
Python version, reused until either changes). In it, no till library imports,
`yuancang-central init --demo` works, and the server's own tests pass
(tests/sync/server, on SQLite and, when its binaries are there, PostgreSQL).
pip is the one `python -m venv` brings, reading the machine's own pip
configuration: PyPI on a fresh machine, a local mirror where one is configured.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".venv-central"
#: distributions of the till (import names): none may be importable server-side
#: (numpy may: shapely, the server's geofences, is built on it)
TILL_ONLY = ("PySide6", "escpos", "pyzbar", "zxingcpp", "PIL")
#: what the server's tests need beyond the server: taken from pyproject's own
#: extras, so their version bounds live in one place
TEST_TOOLS = {"dev": ("pytest", "hypothesis", "httpx2"), "till": ("requests",)}
#: the server's entry points and what they import at start
SERVER_MODULES = ("sync.server.__main__", "sync.server.app", "sync.server.seed")
#: the till's own packages the server must never load
TILL_PACKAGES = ("pos_app.services", "pos_app.persistence", "pos_app.ui", "pos_app.demo")


def _requirements() -> list[str]:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    wanted = []
    for extra, names in TEST_TOOLS.items():
        for spec in extras[extra]:
            if re.match(r"[A-Za-z0-9_.-]+", spec).group(0) in names:  # type: ignore[union-attr]
                wanted.append(spec)
    assert len(wanted) == sum(len(n) for n in TEST_TOOLS.values()), wanted
    return wanted


def _env() -> dict[str, str]:
    # the venv's own site-packages and the checkout (pytest's rootdir), nothing of ours
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def _run(cmd: list[str], *, timeout: float, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="module")
def central_python() -> Path:
    """The server-only environment's python, built on first use, then reused."""
    key = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    key.update(sys.version.encode())
    venv = CACHE / key.hexdigest()[:16]
    python = venv / "bin" / "python"
    stamp = venv / ".complete"
    if stamp.exists():
        return python
    if CACHE.exists():
        shutil.rmtree(CACHE)  # an older pyproject's environment, or a half-built one
    created = _run([sys.executable, "-m", "venv", str(venv)], timeout=300)
    assert created.returncode == 0, created.stderr
    installed = _run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
         "-e", ".[central]", *_requirements()],
        timeout=1200,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr
    stamp.write_text("\n".join(_requirements()) + "\n", encoding="utf-8")
    return python


def test_no_till_library_is_installed(central_python: Path) -> None:
    script = (
        "import importlib, json\n"
        "found = []\n"
        f"for name in {TILL_ONLY!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ImportError:\n"
        "        continue\n"
        "    found.append(name)\n"
        "print(json.dumps(found))\n"
    )
    result = _run([str(central_python), "-c", script], timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_the_server_loads_none_of_the_tills_own_modules(central_python: Path) -> None:
    script = (
        "import importlib, json, sys\n"
        f"for name in {SERVER_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        f"till = {TILL_PACKAGES!r}\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(till))))\n"
    )
    result = _run([str(central_python), "-c", script], timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_init_demo_runs_from_the_installed_command(central_python: Path, tmp_path: Path) -> None:
    command = str(central_python.parent / "yuancang-central")
    url = f"sqlite:///{tmp_path / 'central.db'}"
    result = _run([command, "init", "--db", url, "--demo"], timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "demo data loaded: P001 (C001, C002), P900 (C900), stores S001 S002 S900" in (
        result.stdout
    )


def test_the_servers_tests_pass_there(central_python: Path) -> None:
    result = _run(
        [str(central_python), "-m", "pytest", "tests/sync/server", "-q", "-p", "no:cacheprovider",
         # pyproject's pytest-qt options mean nothing here: the till is not installed
         "-W", "ignore::pytest.PytestConfigWarning"],
        timeout=1800,
    )  # fmt: skip
    tail = "\n".join(result.stdout.splitlines()[-30:])
    assert result.returncode == 0, tail + result.stderr[-3000:]
    assert re.search(r"\b\d+ passed\b", tail), tail
    assert " failed" not in tail and " error" not in tail, tail
