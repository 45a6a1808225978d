""" "A till runs on this data directory": an OS lock on `till.lock`, held while it runs.

The lock is the operating system's (flock on POSIX, msvcrt.locking on Windows):
it goes when the process ends, even on a crash or a power cut, so a stale file
never blocks anything. `restore` refuses while another process holds it.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

from pos_app.private_files import open_private

LOCK_FILE = "till.lock"


class AlreadyRunning(Exception):
    """Another process holds this data directory's run lock."""


class RunLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> RunLock:
        fd = open_private(self.path, os.O_RDWR)
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise AlreadyRunning(f"a till is running on {self.path.parent}") from exc
        self._fd = fd
        return self

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            _unlock(fd)
            os.close(fd)

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _exc: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.release()


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined,unused-ignore]

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
