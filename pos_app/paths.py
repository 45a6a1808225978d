"""Where things live: the bundled resources and the terminal's data directory."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DEMO_CATALOG = RESOURCES / "demo" / "catalog.csv"
TRANSLATIONS = RESOURCES / "translations"


def default_data_dir(demo: bool = False) -> Path:
    base = user_data_path("yuancang-pos", "Yuancang")
    return base / "demo" if demo else base
