"""Shared fixtures: a real SQLite data directory, the demo catalog, offscreen Qt."""

from __future__ import annotations

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
