"""Logging to a rotating file in the data directory, one named logger per area.

Never log personal data or secrets: log ids and codes, not names or phones.
The file handler masks what slips through anyway (`pos_app.core.redact`:
phone numbers, tokens, codes, long secrets) before a line is written.
The logs still tell who sold what and when, so they are the owner's alone:
the directory is 0700 and every log file, the rotated ones too, is created
0600 before its first line is written.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
from pathlib import Path

from pos_app.core import redact
from pos_app.private_files import open_private, private_dir, tighten

LOG_FILE = Path("logs") / "pos.log"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A RotatingFileHandler whose files are created 0600.

    `_open` is the one place the standard handler creates a file, at start and
    after each rollover (the older files are renamed, keeping their mode)."""

    def _open(self) -> io.TextIOWrapper:  # type: ignore[type-arg,unused-ignore]
        flags = os.O_WRONLY | (os.O_APPEND if "a" in self.mode else os.O_TRUNC)
        fd = open_private(Path(self.baseFilename), flags)
        stream = os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)
        assert isinstance(stream, io.TextIOWrapper)  # text mode: the handler writes str
        return stream


def log_handler(data_dir: Path) -> PrivateRotatingFileHandler:
    """The till's log file handler, after tightening logs a looser version left."""
    log_dir = private_dir(data_dir / LOG_FILE.parent)
    for old in log_dir.glob(LOG_FILE.name + "*"):
        tighten(old)
    handler = PrivateRotatingFileHandler(
        data_dir / LOG_FILE, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return redact.install(handler)


def setup_logging(data_dir: Path, level: int = logging.INFO) -> None:
    root = logging.getLogger("pos_app")
    root.setLevel(level)
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        root.addHandler(log_handler(data_dir))
