"""A fault-injecting HTTP/1.1 forwarder on 127.0.0.1, for the sync fault tests.

It forwards request by request (keep-alive, Content-Length or chunked bodies),
so it knows which request is a push, and can, for a push only:

* cut: forward the whole request to the server, read the server's whole
  answer (so the server has committed the batch), pass on only the first
  bytes of that answer and close the connection — the till sees a dropped
  connection although the server stored everything;
* hold: keep the server's answer back until `release()` (the test kills the
  till meanwhile), signalling `held`;
* delay: wait a little before passing the answer on (a slow link, which
  widens the window in which a random SIGKILL lands mid-push).

Every socket has a timeout and `stop()` closes them all, so no thread of the
proxy can outlive a test.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

PUSH_PREFIX = b"POST /api/v1/push "
IO_TIMEOUT = 60.0  # a socket idle longer than this is dropped
HOLD_MAX = 60.0  # a held answer is dropped after this even without release()


class _Closed(Exception):
    """The peer closed the connection (cleanly between messages, or not)."""


class _Reader:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buf = b""

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise _Closed
        self.buf += chunk

    def until(self, marker: bytes, limit: int = 1 << 20) -> bytes:
        while marker not in self.buf:
            if len(self.buf) > limit:
                raise _Closed
            self._fill()
        end = self.buf.index(marker) + len(marker)
        data, self.buf = self.buf[:end], self.buf[end:]
        return data

    def exact(self, n: int) -> bytes:
        while len(self.buf) < n:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def rest(self) -> bytes:
        """Everything until the peer closes (a close-delimited body)."""
        with contextlib.suppress(_Closed):
            while True:
                self._fill()
        data, self.buf = self.buf, b""
        return data


def _headers(head: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in head.split(b"\r\n")[1:]:
        name, sep, value = line.partition(b":")
        if sep:
            out[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
    return out


def _read_message(reader: _Reader, *, request: bool) -> tuple[bytes, bytes, dict[str, str]]:
    head = reader.until(b"\r\n\r\n")
    headers = _headers(head)
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = b""
        while True:
            size_line = reader.until(b"\r\n")
            body += size_line
            size = int(size_line.split(b";")[0].strip(), 16)
            if size == 0:
                body += reader.until(b"\r\n")  # no trailers from our peers: the final CRLF
                break
            body += reader.exact(size + 2)
    elif "content-length" in headers:
        body = reader.exact(int(headers["content-length"]))
    elif request:
        body = b""
    else:
        body = reader.rest()
        headers["connection"] = "close"
    return head, body, headers


@dataclass(frozen=True, slots=True)
class Cut:
    """Where to cut an answer: `in_head` bytes into it, or half-way into its body."""

    in_head: int | None = None

    def at(self, head: bytes, body: bytes) -> int:
        if self.in_head is not None:
            return min(self.in_head, len(head) - 1)
        return len(head) + max(1, len(body) // 2)


class FaultProxy:
    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1") -> None:
        self.upstream = (upstream_host, upstream_port)
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._listener: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._sockets: set[socket.socket] = set()
        self._cuts: list[Cut] = []
        self._hold = False
        self._release = threading.Event()
        self.delay_s = 0.0
        self.held = threading.Event()  # set while a push answer is held back
        self.push_seen = threading.Event()  # set when a push request arrives (clear to re-arm)
        self.push_requests = 0  # push requests received from the till
        self.pushes = 0  # push answers received from the server
        self.push_answers = 0  # push answers passed on whole to the till
        self.cuts_done = 0
        self.errors: list[str] = []  # unexpected proxy-side failures, for the test's message
        self.port = 0

    # --- lifecycle ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(32)
        listener.settimeout(0.2)
        self._listener = listener
        self.port = listener.getsockname()[1]
        self._spawn(self._accept_loop)
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._release.set()
        with self._lock:
            sockets = list(self._sockets)
        for s in sockets:
            _close(s)
        if self._listener is not None:
            _close(self._listener)
        for t in list(self._threads):
            t.join(5)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # --- faults ------------------------------------------------------------------------

    def cut_next_pushes(self, *cuts: Cut) -> None:
        """The next len(cuts) push answers are cut as given, one each."""
        with self._lock:
            self._cuts.extend(cuts)

    def hold_pushes(self) -> None:
        """Hold every push answer back (after the server committed) until release()."""
        with self._lock:
            self._release.clear()
            self.held.clear()
            self._hold = True

    def release(self) -> None:
        """Stop holding; held answers go on (to a client that may be dead by now)."""
        with self._lock:
            self._hold = False
        self._release.set()

    def pushes_in_flight_since(self, requests: int, answers: int) -> int:
        """Pushes received since the counters were (requests, answers) and not yet answered."""
        with self._lock:
            return (self.push_requests - requests) - (self.push_answers - answers)

    def healthy(self) -> None:
        """Forward everything faithfully from now on."""
        with self._lock:
            self._cuts.clear()
            self.delay_s = 0.0
        self.release()

    # --- plumbing ----------------------------------------------------------------------

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()

    def _track(self, sock: socket.socket) -> None:
        sock.settimeout(IO_TIMEOUT)
        with self._lock:
            self._sockets.add(sock)

    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._track(client)
            self._spawn(self._serve, client)

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        try:
            upstream = socket.create_connection(self.upstream, timeout=5)
            self._track(upstream)
            from_client, from_server = _Reader(client), _Reader(upstream)
            while not self._stopped.is_set():
                try:
                    head, body, req_headers = _read_message(from_client, request=True)
                except _Closed:
                    return
                is_push = head.startswith(PUSH_PREFIX)
                if is_push:
                    with self._lock:
                        self.push_requests += 1
                    self.push_seen.set()
                upstream.sendall(head + body)
                r_head, r_body, r_headers = _read_message(from_server, request=False)
                answer = r_head + r_body
                if is_push:
                    with self._lock:
                        self.pushes += 1
                        cut = self._cuts.pop(0) if self._cuts else None
                        hold, delay = self._hold, self.delay_s
                    if cut is not None:
                        client.sendall(answer[: cut.at(r_head, r_body)])
                        with self._lock:
                            self.cuts_done += 1
                        return  # both sockets closed below: the till sees a dropped link
                    if hold:
                        self.held.set()
                        self._release.wait(HOLD_MAX)
                        if self._stopped.is_set():
                            return
                    if delay:
                        self._stopped.wait(delay)
                client.sendall(answer)
                if is_push:
                    with self._lock:
                        self.push_answers += 1
                closing = (
                    "close"
                    in (req_headers.get("connection", "") + r_headers.get("connection", "")).lower()
                )
                if closing:
                    return
        except (_Closed, OSError) as exc:
            # a killed till, a stopped server, or stop(): all expected in these tests
            if not self._stopped.is_set() and not isinstance(
                exc, _Closed | ConnectionError | TimeoutError
            ):
                self.errors.append(repr(exc))
        finally:
            for s in (client, upstream):
                if s is not None:
                    _close(s)
                    with self._lock:
                        self._sockets.discard(s)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
