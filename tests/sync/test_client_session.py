"""The till's HTTP session against misbehaving HTTP servers on 127.0.0.1."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sync.client.session import SyncError, SyncSession


def serve(status: int, body: bytes, content_type: str):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.parametrize(
    ("status", "body", "ctype", "code", "retryable"),
    [
        (413, b"<html>too large</html>", "text/html", "http_413", False),  # a proxy in front
        (429, b"slow down", "text/plain", "http_429", True),
        (502, b"<html>bad gateway</html>", "text/html", "server_error", True),
        (200, b"not json", "text/plain", "bad_response", True),
        (403, b'{"detail": {"code": "terminal_revoked", "message": ""}}', "application/json",
         "terminal_revoked", False),
    ],
)  # fmt: skip
def test_errors_are_coded_and_say_whether_a_retry_helps(status, body, ctype, code, retryable):
    server = serve(status, body, ctype)
    session = SyncSession(f"http://127.0.0.1:{server.server_address[1]}", "token")
    try:
        with pytest.raises(SyncError) as info:
            session.changes("", 10)
        assert (info.value.code, info.value.retryable) == (code, retryable)
    finally:
        session.close()
        server.shutdown()


def test_nothing_listening_is_offline_and_retryable():
    session = SyncSession("http://127.0.0.1:9", "token", timeout=(1.0, 1.0))
    with pytest.raises(SyncError) as info:
        session.changes("", 10)
    assert info.value.code == "offline" and info.value.retryable
