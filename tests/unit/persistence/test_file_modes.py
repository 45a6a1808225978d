"""The till's data files are the owner's alone: created 0600 (directories
0700) whatever the umask, before any byte is written, the database's -wal and
-shm and rotated logs included; files an older version left looser are
tightened at start. Real files, real SQLite, real log rotation, a real CLI
process; the umask is 0 so nothing passes by the umask's grace."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from pos_app.log import LOG_FILE, log_handler
from pos_app.paths import prepare_data_dir
from pos_app.persistence import credentials
from pos_app.persistence.db import DB_FILENAME, open_database, writer
from pos_app.persistence.terminal_key import KEY_FILE, load_or_create
from pos_app.private_files import create_private_file, open_private, tighten

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
ROOT = Path(__file__).resolve().parents[3]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """umask 0: a file made without an explicit mode would come out 0666."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    return tmp_path / "till"  # not created yet: the till makes it


def test_a_new_database_and_its_wal_and_shm_are_private(fresh: Path) -> None:
    engine = open_database(fresh)
    try:
        with writer(engine).begin() as conn:  # a write: SQLite creates -wal and -shm
            conn.execute(text("CREATE TABLE probe (x INTEGER)"))
            conn.execute(text("INSERT INTO probe VALUES (1)"))
        db = fresh / DB_FILENAME
        wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
        assert wal.exists() and shm.exists() and wal.stat().st_size > 0
        assert (mode(fresh), mode(db), mode(wal), mode(shm)) == (0o700, 0o600, 0o600, 0o600)
        assert (mode(fresh / "keys"), mode(fresh / "logs")) == (0o700, 0o700)
    finally:
        engine.dispose()


def test_loose_files_of_an_older_version_are_tightened_at_start(fresh: Path) -> None:
    fresh.mkdir(mode=0o755)
    raw = sqlite3.connect(fresh / DB_FILENAME)  # umask 0: 0644 at best, here 0666
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("CREATE TABLE probe (x INTEGER)")
    raw.execute("INSERT INTO probe VALUES (1)")
    raw.commit()
    wal = fresh / f"{DB_FILENAME}-wal"
    keys, logs = fresh / "keys", fresh / "logs"
    for directory in (keys, logs):
        directory.mkdir(mode=0o755)
    loose = [fresh / DB_FILENAME, wal, keys / "credential.json", logs / "pos.log",
             logs / "pos.log.3"]  # fmt: skip
    for path in loose[2:]:
        path.write_text("x")
    for path in loose:
        path.chmod(0o644)
    stranger = fresh / "notes.txt"  # not the till's: a data dir given by hand may hold others
    stranger.write_text("x")
    stranger.chmod(0o644)
    readonly = keys / "old.pem"
    readonly.write_text("x")
    readonly.chmod(0o444)
    try:  # the WAL lives while a connection is open
        open_database(fresh).dispose()
        assert [oct(mode(p)) for p in loose] == [oct(0o600)] * len(loose)
    finally:
        raw.close()
    assert (mode(fresh), mode(keys), mode(logs)) == (0o700, 0o700, 0o700)
    assert mode(readonly) == 0o400  # only others' bits go: read-only stays read-only
    assert mode(stranger) == 0o644


def test_the_database_is_tightened_when_the_till_opens_it(fresh: Path) -> None:
    fresh.mkdir(mode=0o777)
    sqlite3.connect(fresh / DB_FILENAME).close()
    (fresh / DB_FILENAME).chmod(0o666)
    open_database(fresh).dispose()
    assert (mode(fresh), mode(fresh / DB_FILENAME)) == (0o700, 0o600)


def test_logs_are_private_through_rotation(fresh: Path) -> None:
    fresh.mkdir()
    handler = log_handler(fresh)
    handler.maxBytes = 400  # rotate after a few lines
    logger = logging.getLogger("pos_app.test_file_modes")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for n in range(40):
            logger.warning("line %d of the rotation test", n)
    finally:
        logger.removeHandler(handler)
        handler.close()
    log_dir = fresh / LOG_FILE.parent
    files = sorted(p.name for p in log_dir.iterdir())
    assert files == ["pos.log", "pos.log.1", "pos.log.2", "pos.log.3", "pos.log.4", "pos.log.5"]
    assert {p.name: oct(mode(p)) for p in log_dir.iterdir()} == {f: oct(0o600) for f in files}
    assert mode(log_dir) == 0o700


def test_an_existing_loose_log_is_tightened_before_the_next_line(fresh: Path) -> None:
    (fresh / "logs").mkdir(parents=True)
    old = fresh / LOG_FILE
    old.write_text("older version\n")
    old.chmod(0o644)
    handler = log_handler(fresh)
    handler.close()
    assert mode(old) == 0o600


def test_credential_and_terminal_key_are_private(fresh: Path) -> None:
    prepare_data_dir(fresh)
    # a leftover temporary file keeps its loose mode under O_CREAT: it must be fixed
    leftover = fresh / credentials.CREDENTIAL_FILE.with_suffix(".tmp")
    leftover.write_text("{}")
    leftover.chmod(0o666)
    credentials.save(fresh, credentials.Credential("https://c.example", "secret", "T-1"))
    load_or_create(fresh)
    cred, key = fresh / credentials.CREDENTIAL_FILE, fresh / KEY_FILE
    assert (mode(cred), mode(key), mode(cred.parent)) == (0o600, 0o600, 0o700)
    assert credentials.load(fresh) == credentials.Credential("https://c.example", "secret", "T-1")


def test_credential_save_makes_its_own_directory_private(fresh: Path) -> None:
    credentials.save(fresh, credentials.Credential("https://c.example", "secret", "T-1"))
    assert (mode(fresh / "keys"), mode(fresh / credentials.CREDENTIAL_FILE)) == (0o700, 0o600)


def test_helpers(tmp_path: Path) -> None:
    made = tmp_path / "a"
    assert create_private_file(made) and mode(made) == 0o600
    made.chmod(0o640)
    assert not create_private_file(made) and mode(made) == 0o600
    assert not tighten(tmp_path / "absent")
    target = tmp_path / "target"
    target.write_text("x")
    target.chmod(0o644)
    (tmp_path / "link").symlink_to(target)
    assert not tighten(tmp_path / "link") and mode(target) == 0o644  # never follows a link
    fd = open_private(target, os.O_WRONLY)
    os.close(fd)
    assert mode(target) == 0o600


def test_the_cli_leaves_only_private_files(fresh: Path) -> None:
    """A real `yuancang-pos sync` on a new data directory (umask 0 inherited)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "pos_app", "--data-dir", str(fresh), "sync"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    found = {str(p.relative_to(fresh)): oct(mode(p)) for p in [fresh, *fresh.rglob("*")]}
    # -wal and -shm go when the last connection closes; while they live they are 0600
    # (checked above); anything else of pos.db's must be too
    extra = {name: found.pop(name) for name in list(found) if name.startswith("pos.db-")}
    assert set(extra.values()) <= {oct(0o600)}
    assert found == {
        ".": oct(0o700),
        "keys": oct(0o700),
        "keys/secret-box.json": oct(0o600),
        "keys/terminal_ed25519.sealed": oct(0o600),
        "logs": oct(0o700),
        "logs/pos.log": oct(0o600),
        "pos.db": oct(0o600),
    }
