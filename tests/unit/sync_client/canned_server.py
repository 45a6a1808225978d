"""A tiny real HTTP server on 127.0.0.1 that answers the sync API from a script:
the unit tests of the sync client drive a real SyncSession (requests, JSON,
status codes) against it, with no mock of the HTTP layer.

    with CannedServer(push=lambda items: (200, {...})) as server:
        session = SyncSession(server.url, "token")

`push(items)` gets the JSON items of each POST /api/v1/push and returns
(status, JSON body); `changes(cursor, limit)` does the same for GET
/api/v1/changes. `server.pushes` records every pushed batch (its item ids).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sync.protocol import API_PREFIX

Answer = tuple[int, Any]
NOW = datetime(2026, 11, 27, 4, 0, tzinfo=UTC).isoformat()


def results(*pairs: tuple[str, str], **extra: Any) -> dict[str, Any]:
    """A push answer: (item_id, status) pairs, in that order."""
    return {
        "results": [{"item_id": iid, "status": status, **extra} for iid, status in pairs],
        "server_time": NOW,
    }


def too_large() -> Answer:
    return 413, {"detail": {"code": "payload_too_large", "message": "body over the limit"}}


def _refuse(*_: object) -> Answer:
    return 404, {"detail": {"code": "not_found", "message": ""}}


class CannedServer:
    def __init__(
        self,
        *,
        push: Callable[[list[dict[str, Any]]], Answer] = _refuse,
        changes: Callable[[str, int], Answer] = _refuse,
    ) -> None:
        self.pushes: list[list[str]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if self.path != f"{API_PREFIX}/push":
                    return self._send(*_refuse())
                owner.pushes.append([item["item_id"] for item in body["items"]])
                self._send(*push(body["items"]))

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path != f"{API_PREFIX}/changes":
                    return self._send(*_refuse())
                query = parse_qs(parts.query)
                self._send(*changes(query.get("cursor", [""])[0], int(query["limit"][0])))

            def _send(self, status: int, payload: Any) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass  # quiet: the tests assert on what the server saw

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> CannedServer:
        serve = self._server.serve_forever
        threading.Thread(target=serve, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
