"""Owner-only files and directories for the till's data: the database and its
WAL, the logs, the keys and the credential hold sales, residents' ids and
secrets, so nobody else on the showroom PC may read them.

Files are created 0600 and directories 0700 from the start (the mode is given
to `open`/`mkdir`, never fixed afterwards, so no byte is ever readable by
others); files left looser by an older version or a copy are tightened when
the till starts. Only the owner's bits are kept: a read-only file stays
read-only.

On Windows, POSIX modes mean little (only the read-only bit): the data
directory's ACL, under the user's profile, is what protects it there.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger("pos_app.persistence")

FILE_MODE = 0o600
DIR_MODE = 0o700
_OTHERS = stat.S_IRWXG | stat.S_IRWXO


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) 0700; tighten it if it already exists.

    Only `path` itself is made private: a parent such as the user's data
    folder is not the till's to change.
    """
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    tighten(path)
    return path


def tighten(path: Path) -> bool:
    """Drop group and other permissions of an existing file or directory.

    Returns True when the mode had to change. A symlink is left alone (chmod
    would follow it out of the data directory)."""
    try:
        st = path.lstat()
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(st.st_mode) or not st.st_mode & _OTHERS:
        return False
    os.chmod(path, stat.S_IMODE(st.st_mode) & ~_OTHERS)
    log.info("tightened the permissions of %s", path.name)
    return True


def create_private_file(path: Path) -> bool:
    """Create an empty 0600 file if none exists; tighten an existing one.

    Returns True when the file was created. The file is made before anyone
    writes to it (SQLite, for one, then creates its -wal and -shm files with
    the same mode as the database)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        tighten(path)
        return False
    os.close(fd)
    return True


def open_private(path: Path, flags: int) -> int:
    """`os.open` that creates the file 0600 and, if it already existed looser
    (O_CREAT keeps an old file's mode), tightens it before anything is written."""
    fd = os.open(path, flags | os.O_CREAT, FILE_MODE)
    try:
        mode = stat.S_IMODE(os.fstat(fd).st_mode)
        if mode & _OTHERS and hasattr(os, "fchmod"):
            os.fchmod(fd, mode & ~_OTHERS)
    except OSError:
        os.close(fd)
        raise
    return fd
