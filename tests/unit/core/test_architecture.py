"""The domain core stays pure: no Qt, no database, no network client."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pos_app.core

FORBIDDEN = ("PySide6", "sqlalchemy", "requests")
CORE_DIR = Path(pos_app.core.__file__).parent
PROJECT_ROOT = CORE_DIR.parent.parent


def core_modules() -> list[str]:
    return sorted(f"pos_app.core.{m.name}" for m in pkgutil.iter_modules([str(CORE_DIR)]))


def test_core_modules_are_all_listed() -> None:
    modules = core_modules()
    for name in (
        "money",
        "barcodes",
        "catalog",
        "cart",
        "tender",
        "sale",
        "search",
        "pinyin",
        "catalog_csv",
        "errors",
    ):
        assert f"pos_app.core.{name}" in modules


def test_core_imports_no_qt_database_or_network() -> None:
    script = (
        "import importlib, json, sys\n"
        f"modules = {core_modules()!r}\n"
        "for name in modules:\n"
        "    importlib.import_module(name)\n"
        f"forbidden = {FORBIDDEN!r}\n"
        "loaded = sorted(k for k in sys.modules if k.split('.')[0] in forbidden)\n"
        "imported = [m for m in modules if m in sys.modules]\n"
        "print(json.dumps({'imported': imported, 'loaded': loaded}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["imported"] == core_modules()
    assert report["loaded"] == []


def test_core_imports_no_other_project_package() -> None:
    script = (
        "import importlib, json, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(k for k in sys.modules\n"
        "    if k.split('.')[0] in ('pos_app', 'sync') and not k.startswith('pos_app.core')\n"
        "    and k != 'pos_app')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_static_types_of_the_core_and_the_protocol():
    """mypy --strict on pos_app/core and sync/protocol (pyproject's [tool.mypy])."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent))
    if mypy is None:
        import pytest

        pytest.skip("mypy not installed in this environment")
    result = subprocess.run([mypy], cwd=root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
