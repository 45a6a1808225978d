"""Where things live: the bundled resources and the terminal's data directory.

The data directory is private to the till's user (0700, files 0600): see
`pos_app.private_files` for why and how.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

from pos_app.core.demo_data import DEMO_CATALOG, RESOURCES
from pos_app.private_files import private_dir, tighten

__all__ = ["DEMO_CATALOG", "RESOURCES", "TRANSLATIONS"]  # one definition of resources/: core's
TRANSLATIONS = RESOURCES / "translations"
#: Subdirectories of the data directory whose every file is the till's secret
#: or personal data (the demo's `central/` belongs to the demo server).
PRIVATE_SUBDIRS = ("keys", "logs")


def default_data_dir(demo: bool = False) -> Path:
    base = user_data_path("yuancang-pos", "Yuancang")
    return base / "demo" if demo else base


def prepare_data_dir(data_dir: Path) -> Path:
    """Create the data directory and keys/ and logs/ 0700 (before any module
    makes them with its own default), and tighten what an older version or a
    copy left readable by others: the directories and the files under keys/
    and logs/. Runs at every start. The database tightens its own files
    (`open_database`): other files next to it are not the till's to judge."""
    private_dir(data_dir)
    for name in PRIVATE_SUBDIRS:
        directory = private_dir(data_dir / name)
        for entry in directory.iterdir():
            if entry.is_file() and not entry.is_symlink():
                tighten(entry)
    return data_dir
