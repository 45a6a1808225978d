"""The one category list: its points rule, and the till's first migration holding the same."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pos_app
from pos_app.core.categories import DEFAULT_CATEGORIES

MIGRATION_0001 = (
    Path(pos_app.__file__).parent
    / "persistence"
    / "migrations"
    / "versions"
    / "0001_initial_schema.py"
)


def test_only_lottery_and_deposits_earn_no_points() -> None:
    assert [c.code for c in DEFAULT_CATEGORIES if not c.points_eligible] == ["lottery", "deposit"]
    assert len({c.code for c in DEFAULT_CATEGORIES}) == len(DEFAULT_CATEGORIES) == 15
    assert DEFAULT_CATEGORIES[0].code == "water" and DEFAULT_CATEGORIES[0].name == "饮用水"


def test_the_tills_first_migration_holds_the_same_list_in_the_same_order() -> None:
    # the migration keeps a frozen copy (history must not move); this keeps it the one list
    spec = importlib.util.spec_from_file_location("migration_0001", MIGRATION_0001)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    frozen = [tuple(row) for row in module.DEFAULT_CATEGORIES]
    assert frozen == [(c.code, c.name, c.points_eligible) for c in DEFAULT_CATEGORIES]
