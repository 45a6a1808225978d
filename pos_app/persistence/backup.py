"""Copies of the till's database to a second place, and bringing one back.

`take_backup` uses SQLite's online backup API (`sqlite3.Connection.backup`):
a consistent snapshot while the till keeps selling, pages copied in steps so a
sale waits at most one step. The copy is written as `*.part`, synced, then
renamed, so a full disk or a pulled USB stick leaves no half file that looks
like a backup; the till's own database is only ever read. The newest `keep`
generations are kept, older ones deleted after a new one is complete.

`inspect` says whether a file is a till database and from when its newest
record is; `restore` replaces the data directory's database by a backup while
no till runs there (`run_lock`), keeping the replaced one beside it.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pos_app.private_files import open_private

log = logging.getLogger("pos_app.backup")

PREFIX = "yuancang-pos-"
SUFFIX = ".db"
_STAMP = "%Y%m%dT%H%M%SZ"
_PAGES_PER_STEP = 256  # ~1 MiB a step with 4 KiB pages: a sale never waits long
#: tables every till database of any revision has (revision 0001 on)
_TILL_TABLES = frozenset({"alembic_version", "sales", "sale_lines", "outbox", "settings"})


class BackupError(Exception):
    """A backup could not be made or read; `reason` is "missing", "full" or "failed"."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    revision: str
    sales: int
    newest_sale: datetime | None  # UTC
    unsent: int  # outbox records not yet acknowledged by the server when it was taken


def backup_name(taken_at: datetime) -> str:
    return f"{PREFIX}{taken_at.astimezone(UTC).strftime(_STAMP)}{SUFFIX}"


def taken_at(path: Path) -> datetime | None:
    """When a backup was taken, from its name; None for another file."""
    name = path.name
    if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
        return None
    try:
        return datetime.strptime(name[len(PREFIX) : -len(SUFFIX)], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def generations(directory: Path) -> list[Path]:
    """The complete backups in `directory`, newest first."""
    if not directory.is_dir():
        return []
    found = [p for p in directory.iterdir() if p.is_file() and taken_at(p) is not None]
    return sorted(found, key=lambda p: p.name, reverse=True)


def take_backup(source: Path, directory: Path, *, now: datetime, keep: int) -> Path:
    """One new generation of `source` in `directory`; the oldest beyond `keep` deleted."""
    if not directory.is_dir():
        raise BackupError("missing", f"{directory} is not there (a removed USB stick?)")
    target = directory / backup_name(now)
    part = target.with_name(target.name + ".part")
    try:
        os.close(open_private(part, os.O_WRONLY | os.O_TRUNC))  # 0600: it holds sales
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(part)
            try:
                src.backup(dst, pages=_PAGES_PER_STEP)
            finally:
                dst.close()
        finally:
            src.close()
        with part.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(part, target)
    except (OSError, sqlite3.Error) as exc:
        part.unlink(missing_ok=True)
        raise _classified(exc, directory) from exc
    for old in generations(directory)[max(keep, 1) :]:
        old.unlink(missing_ok=True)
    log.info("database backed up to %s", target)
    return target


def _classified(exc: BaseException, directory: Path) -> BackupError:
    text = str(exc)
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return BackupError("full", f"{directory} is full")
    if "full" in text.lower():  # SQLITE_FULL: "database or disk is full"
        return BackupError("full", f"{directory} is full")
    if not directory.is_dir():
        return BackupError("missing", f"{directory} is not there (a removed USB stick?)")
    return BackupError("failed", text)


def inspect(path: Path) -> BackupInfo:
    """What a file holds, if it is a till database; BackupError("failed", why) if not."""
    if not path.is_file():
        raise BackupError("missing", f"{path} does not exist")
    with path.open("rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise BackupError("failed", f"{path} is not an SQLite database")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise BackupError("failed", f"{path} is damaged (integrity check failed)")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if not tables >= _TILL_TABLES:
                raise BackupError("failed", f"{path} is not a till database")
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            sales, newest = conn.execute("SELECT count(*), max(created_at) FROM sales").fetchone()
            unsent = conn.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError("failed", f"{path} cannot be read: {exc}") from exc
    return BackupInfo(
        path=path,
        revision=str(revision[0]) if revision else "",
        sales=int(sales),
        newest_sale=datetime.fromisoformat(newest) if newest else None,
        unsent=int(unsent[0]),
    )


def restore(backup: Path, database: Path, *, now: datetime) -> Path | None:
    """Put `backup` in place of `database` (the till must not be running: the caller
    holds its run lock). The replaced database, if any, is kept renamed beside it;
    its path is returned."""
    inspect(backup)
    kept = None
    if database.exists():
        kept = database.with_name(f"{database.name}.before-restore-{now.strftime(_STAMP)}")
        # its WAL holds its newest commits: fold it in before the file is moved
        conn = sqlite3.connect(database)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        os.replace(database, kept)
    for suffix in ("-wal", "-shm", "-journal"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    part = database.with_name(database.name + ".restoring")
    os.close(open_private(part, os.O_WRONLY | os.O_TRUNC))
    with backup.open("rb") as src, part.open("wb") as dst:
        shutil.copyfileobj(src, dst)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(part, database)
    return kept
