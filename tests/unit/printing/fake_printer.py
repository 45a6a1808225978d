"""A receipt printer on 127.0.0.1 for tests: a threaded TCP server that keeps
every job it receives, or misbehaves on purpose.

Modes:
* ``ok``: reads each connection to its end and stores the bytes as one job.
* ``drop``: accepts, reads a few bytes, then closes (a printer that resets mid-job).
* ``silent``: accepts and never reads (a printer out of paper or hung).

The misbehaving modes have a receive buffer as small as the OS allows, like a
real printer's few kilobytes: a job larger than that cannot be taken whole, so
the sender sees the reset or blocks. (A job that fits a printer's buffer is
accepted by its TCP stack whatever the printer does next; that is TCP.)

``refusing_port()`` gives a port where nothing listens (connection refused).
"""

from __future__ import annotations

import socket
import threading
import time

SMALL_BUFFER = 1024  # the OS rounds it up to its minimum (Linux: 2304)


class FakePrinter:
    def __init__(self, mode: str = "ok", *, drop_after: int = 16) -> None:
        if mode not in ("ok", "drop", "silent"):
            raise ValueError(mode)
        self.mode = mode
        self.drop_after = drop_after
        # one slot per accepted connection, in accept order, filled when it is read to
        # its end: a job a later connection finished first never jumps the queue
        self._slots: list[bytes | None] = []
        self.connections = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._held: list[socket.socket] = []
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if mode != "ok":
            # inherited by accepted sockets; must be set before listen()
            self._server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, SMALL_BUFFER)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(8)
        self._server.settimeout(0.05)
        self.port = self._server.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, name="fake-printer", daemon=True)

    @property
    def jobs(self) -> list[bytes]:
        """The jobs read to their end, in the order their connections were accepted."""
        with self._lock:
            return [job for job in self._slots if job is not None]

    @property
    def url(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def __enter__(self) -> FakePrinter:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for conn in self._held:
            conn.close()
        self._server.close()

    def wait_for_jobs(self, count: int, timeout: float = 5.0) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            jobs = self.jobs
            if len(jobs) >= count:
                return jobs
            time.sleep(0.01)
        return self.jobs

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except (TimeoutError, OSError):
                continue
            with self._lock:
                self.connections += 1
                slot = len(self._slots)
                self._slots.append(None)
            threading.Thread(target=self._handle, args=(conn, slot), daemon=True).start()

    def _handle(self, conn: socket.socket, slot: int) -> None:
        if self.mode == "silent":
            self._held.append(conn)  # never read; closed when the test ends
            return
        conn.settimeout(5)
        received = bytearray()
        try:
            while True:
                chunk = conn.recv(self.drop_after if self.mode == "drop" else 65536)
                if not chunk:
                    break
                received += chunk
                if self.mode == "drop":
                    # close with unread data pending: the kernel answers with a reset
                    conn.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                    )
                    break
        except OSError:
            pass
        finally:
            conn.close()
        if self.mode == "ok":
            with self._lock:
                self._slots[slot] = bytes(received)


def refusing_port() -> int:
    """A local port nothing listens on: connecting is refused at once."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port
