"""Shared fixtures: a real SQLite data directory, the demo catalog, offscreen Qt."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pos_app.app import AppContext, build_context


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
    ctx = build_context(data_dir, demo=True)
    yield ctx
    ctx.close()


@pytest.fixture
def empty_context(data_dir: Path) -> Iterator[AppContext]:
    ctx = build_context(data_dir, demo=False)
    yield ctx
    ctx.close()
