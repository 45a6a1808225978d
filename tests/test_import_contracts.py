"""The layer rules of pyproject's [tool.importlinter], checked by `lint-imports`:
the core stays pure, the UI goes through the services, the services never reach
up into the UI, and the central server never loads the till."""

from __future__ import annotations

import ast
import os
import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import pos_app

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = {
    "core-pure",
    "ui-through-services",
    "services-below-ui",
    "server-without-till",
}


def lint_imports(root: Path, *contract: str) -> subprocess.CompletedProcess[str]:
    # installed next to the interpreter running the suite, like pytest itself
    exe = Path(sys.executable).parent / "lint-imports"
    assert exe.exists(), f"{exe} missing: install the dev extra (import-linter)"
    env = dict(os.environ, PYTHONPATH=str(root))
    options = [f"--contract={c}" for c in contract]
    return subprocess.run(
        [str(exe), "--no-cache", "--no-logo", *options, str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]  # type: ignore[no-any-return]


def test_the_contracts_are_the_layer_rules() -> None:
    assert {str(c["id"]) for c in contracts()} == CONTRACTS


@pytest.mark.parametrize("contract", sorted(CONTRACTS))
def test_the_contract_is_kept(contract: str) -> None:
    result = lint_imports(ROOT, contract)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_the_core_contract_names_every_other_part_of_the_project() -> None:
    # a package added later must join the list, or the core could import it unseen
    [core] = [c for c in contracts() if c["id"] == "core-pure"]
    others = {
        f"pos_app.{m.name}" for m in pkgutil.iter_modules(pos_app.__path__) if m.name != "core"
    }
    assert set(core["forbidden_modules"]) == others | {"sync"}  # type: ignore[arg-type]


def test_a_leak_of_the_ui_into_persistence_breaks_its_contract(tmp_path: Path) -> None:
    # the same tree with one leak added, as the issue found them
    ignore = shutil.ignore_patterns("__pycache__")
    for package in ("pos_app", "sync"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    menus = tmp_path / "pos_app" / "ui" / "menus.py"
    menus.write_text(
        menus.read_text(encoding="utf-8")
        + "\nfrom pos_app.persistence.outbox_repo import OutboxRepository  # noqa\n",
        encoding="utf-8",
    )
    result = lint_imports(tmp_path, "ui-through-services")
    assert result.returncode == 1, result.stdout[-4000:]
    assert "pos_app.ui.menus -> pos_app.persistence.outbox_repo" in result.stdout
    assert "services BROKEN" in result.stdout


# What import-linter cannot see: a repository reached through a service's
# attribute (the way `context.members.repo` once was) needs no import at all.
REPOSITORY_ATTRIBUTES = {"repo", "outbox", "jobs", "held", "engine", "sales"}


def repository_reaches(package: Path) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in REPOSITORY_ATTRIBUTES:
                found.append(f"{path.relative_to(package.parent)}:{node.lineno} .{node.attr}")
    return found


def test_the_ui_reaches_no_repository_through_an_attribute() -> None:
    assert repository_reaches(ROOT / "pos_app" / "ui") == []


def test_a_repository_reached_through_an_attribute_is_found(tmp_path: Path) -> None:
    ui = tmp_path / "pos_app" / "ui"
    ui.mkdir(parents=True)
    (ui / "leak.py").write_text(
        "def balance(context):\n    return context.members.repo.resident('R1')\n",
        encoding="utf-8",
    )
    assert repository_reaches(ui) == ["ui/leak.py:2 .repo"]
