"""Shared fixtures: a real SQLite data directory, the demo catalog, offscreen Qt."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# every context a test builds (here or in a child process) opens a shift with a
# ¥0.00 float when none is open, so existing tests can sell (pos_app.app); the
# shift tests that need no open shift delete it (monkeypatch.delenv)
os.environ.setdefault("YUANCANG_TEST_OPEN_SHIFT", "1")

if TYPE_CHECKING:
    # the till is imported by its fixtures only: the server's tests run in an
    # environment without it (tests/packaging/test_central_only.py)
    from pos_app.app import AppContext


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/tests/gui/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session", autouse=True)
def central_personal_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One personal-data key file for every central server of the run, outside any
    database directory as in production: the demo templates (copied per test) and
    the servers started in subprocesses read it through the environment."""
    from sync.server.personal_data import new_keys, write_key_file

    path = tmp_path_factory.mktemp("central-keys") / "personal.key"
    write_key_file(path, new_keys())
    before = os.environ.get("YC_CENTRAL_PERSONAL_KEY_FILE")
    os.environ["YC_CENTRAL_PERSONAL_KEY_FILE"] = str(path)
    yield path
    if before is None:
        os.environ.pop("YC_CENTRAL_PERSONAL_KEY_FILE", None)
    else:
        os.environ["YC_CENTRAL_PERSONAL_KEY_FILE"] = before


@pytest.fixture(scope="session", autouse=True)
def till_key_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test touches the real OS keyring or the user's config directory: keyring's
    fail backend (the till then seals with a key file) in a directory of the run.
    Tests of the keyring path set a backend of their own (keyring.set_keyring)."""
    path = tmp_path_factory.mktemp("till-keys")
    saved = {k: os.environ.get(k) for k in ("YC_POS_KEY_DIR", "PYTHON_KEYRING_BACKEND")}
    os.environ["YC_POS_KEY_DIR"] = str(path)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    yield path
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def pos_logging() -> Iterator[logging.Logger]:
    """The till's "pos_app" logger as it was after the test: a test that runs
    `main()` or `setup_logging` in-process (a log file, a level) leaves no handler
    or level behind for the tests after it."""
    logger = logging.getLogger("pos_app")
    handlers, level = list(logger.handlers), logger.level
    for handler in handlers:
        logger.removeHandler(handler)
    yield logger
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    for handler in handlers:
        logger.addHandler(handler)
    logger.setLevel(level)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def context(data_dir: Path) -> Iterator[AppContext]:
    """An app context on a fresh database holding the demo catalog."""
    from pos_app.app import build_context

    ctx = build_context(data_dir, demo=True)
    yield ctx
    ctx.close()


@pytest.fixture
def empty_context(data_dir: Path) -> Iterator[AppContext]:
    from pos_app.app import build_context

    ctx = build_context(data_dir, demo=False)
    yield ctx
    ctx.close()
