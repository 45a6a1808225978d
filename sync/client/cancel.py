"""Cancelling an HTTP call in flight from another thread.

requests has no cancel: a call blocked reading a silent server waits out its
read timeout (30 s), and closing the `requests.Session` only closes the idle
connections of its pool, not the one in use. So the session mounts a
`CancellableAdapter`, whose connections register themselves with a
`CancelSwitch` once connected; `CancelSwitch.cancel()` shuts their sockets
down, which wakes a blocked `recv` at once (the call then fails as a dropped
connection), and refuses every later connection.

A connect in progress (no socket yet) is not interrupted: it ends within the
session's connect timeout, then sees the switch and gives up.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import weakref
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class CancelSwitch:
    """Thread-safe: `cancel()` from any thread, once and for good."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancelled = False
        self._connections: weakref.WeakSet[HTTPConnection] = weakref.WeakSet()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            connections = list(self._connections)
        for connection in connections:
            _shut(connection)

    def check(self) -> None:
        if self._cancelled:
            raise ConnectionAbortedError("the HTTP session was cancelled")

    def track(self, connection: HTTPConnection) -> None:
        """A connection just connected: remember it, or shut it if cancel() came first."""
        with self._lock:
            if not self._cancelled:
                self._connections.add(connection)
                return
        _shut(connection)
        self.check()


class CancellableAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections `switch` can shut down."""

    def __init__(self, switch: CancelSwitch, **kwargs: Any) -> None:
        self.switch = switch
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _pools(self.switch)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if hasattr(manager, "pool_classes_by_scheme"):  # a SOCKS manager keeps its own
            manager.pool_classes_by_scheme = _pools(self.switch)
        return manager


def _pools(switch: CancelSwitch) -> dict[str, type[HTTPConnectionPool]]:
    class Connection(HTTPConnection):
        def connect(self) -> None:
            switch.check()
            super().connect()
            switch.track(self)

    class SecureConnection(HTTPSConnection):
        def connect(self) -> None:
            switch.check()
            super().connect()
            switch.track(self)

    class Pool(HTTPConnectionPool):
        ConnectionCls = Connection

    class SecurePool(HTTPSConnectionPool):
        ConnectionCls = SecureConnection

    return {"http": Pool, "https": SecurePool}


def _shut(connection: HTTPConnection) -> None:
    sock = getattr(connection, "sock", None)
    if sock is None:
        return
    # the plain socket's shutdown, also under TLS: SSLSocket.shutdown would
    # drop its SSL object under the thread still reading through it. An OSError:
    # its own thread closed it meanwhile.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
