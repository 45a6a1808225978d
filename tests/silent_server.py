"""A real HTTP server on 127.0.0.1 that accepts connections and never answers:
what a hung central server or a dead link behind a proxy looks like to the till."""

from __future__ import annotations

import socket
import threading


class SilentServer:
    """Accepts every connection, reads the request, never answers."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.accepted = 0
        self.request_seen = threading.Event()
        self._held: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:  # closed
                return
            self.accepted += 1
            self._held.append(conn)
            conn.recv(65536)
            self.request_seen.set()

    def close(self) -> None:
        self.listener.close()
        for conn in self._held:
            conn.close()
