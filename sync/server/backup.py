"""`yuancang-central backup FILE` / `restore FILE` for a SQLite central database.

The backup is SQLite's online backup API: a consistent copy while the server
keeps serving (WAL readers and the copy never block each other for long).
A PostgreSQL server is backed up with its own tools (`pg_dump -Fc`, restored
with `pg_restore`): docs/security.md, "Backups". Neither kind of backup holds
the personal-data key or the signing key: they are files of their own, kept
and backed up apart, or the residents' sealed data cannot be read back.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

#: tables any central database has (revision 0001 on)
_CENTRAL_TABLES = frozenset({"alembic_version", "residents", "orders", "terminals", "changes"})


class BackupRefused(Exception):
    """The database is not SQLite, or the file is not a central database."""


@dataclass(frozen=True, slots=True)
class CentralBackupInfo:
    revision: str
    residents: int
    orders: int


def sqlite_path(database_url: str) -> Path:
    if not database_url.startswith("sqlite:///") or database_url == "sqlite:///:memory:":
        raise BackupRefused(
            "only a SQLite database is backed up by this command; for PostgreSQL use "
            "pg_dump -Fc (docs/security.md, Backups)"
        )
    return Path(database_url.removeprefix("sqlite:///"))


def backup(database_url: str, target: Path) -> CentralBackupInfo:
    source = sqlite_path(database_url)
    if target.exists():
        raise BackupRefused(f"{target} exists: choose a new file")
    part = target.with_name(target.name + ".part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # it holds ledgers
    os.close(fd)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(part)
            try:
                src.backup(dst, pages=1024)
            finally:
                dst.close()
        finally:
            src.close()
        with part.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return inspect(target)


def inspect(path: Path) -> CentralBackupInfo:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if not tables >= _CENTRAL_TABLES:
                raise BackupRefused(f"{path} is not a central database")
            if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise BackupRefused(f"{path} is damaged (integrity check failed)")
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            residents = conn.execute("SELECT count(*) FROM residents").fetchone()[0]
            orders = conn.execute("SELECT count(*) FROM orders").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupRefused(f"{path} is not a central database ({exc})") from exc
    return CentralBackupInfo(str(revision[0]) if revision else "", int(residents), int(orders))


def restore(database_url: str, backup_file: Path, *, now: datetime | None = None) -> Path | None:
    """Put the backup in place (the server must be stopped); the replaced database is
    kept beside it under a dated name, and its path returned."""
    target = sqlite_path(database_url)
    inspect(backup_file)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    kept = None
    if target.exists():
        conn = sqlite3.connect(target)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # its last commits into the file
        finally:
            conn.close()
        kept = target.with_name(f"{target.name}.before-restore-{stamp}")
        os.replace(target, kept)
    for suffix in ("-wal", "-shm", "-journal"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    part = target.with_name(target.name + ".restoring")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with backup_file.open("rb") as src, os.fdopen(fd, "wb") as dst:
        shutil.copyfileobj(src, dst)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(part, target)
    return kept
