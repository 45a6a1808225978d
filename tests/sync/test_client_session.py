"""The till's HTTP session against misbehaving HTTP servers on 127.0.0.1, and
the rule that keeps plain http:// on this machine."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sync.client.session import (
    SyncError,
    SyncSession,
    Transport,
    check_server_url,
    transport_of,
)


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


# --- the URL rule: plain http only to this machine, unless enrollment allowed it ---


@pytest.mark.parametrize(
    ("url", "transport"),
    [
        ("https://central.example.com", Transport.ENCRYPTED),
        ("https://192.0.2.10:8443/base", Transport.ENCRYPTED),
        ("HTTPS://CENTRAL.EXAMPLE.COM", Transport.ENCRYPTED),
        ("https://localhost.evil.com", Transport.ENCRYPTED),  # https: fine wherever it goes
        ("http://127.0.0.1:8700", Transport.LOOPBACK),
        ("http://127.1.2.3", Transport.LOOPBACK),  # all of 127.0.0.0/8
        ("http://127.255.255.254:1", Transport.LOOPBACK),
        ("http://[::1]:8700", Transport.LOOPBACK),
        ("http://localhost:8700", Transport.LOOPBACK),
        ("HTTP://LOCALHOST", Transport.LOOPBACK),
        ("HTTP://127.0.0.1", Transport.LOOPBACK),
        ("http://localhost.evil.com", Transport.PLAIN),
        ("http://127.0.0.1.evil.com", Transport.PLAIN),
        ("http://127.0.0.1@evil.com", Transport.PLAIN),  # userinfo, the host is evil.com
        ("http://127.1", Transport.PLAIN),  # shorthand some resolvers expand: not trusted
        ("http://2130706433", Transport.PLAIN),
        ("http://128.0.0.1", Transport.PLAIN),
        ("http://[::2]", Transport.PLAIN),
        ("http://[::ffff:127.0.0.1]", Transport.PLAIN),
        ("http://192.168.1.20:8000", Transport.PLAIN),
        ("HTTP://central.example.com", Transport.PLAIN),
    ],
)
def test_transport_of_a_server_url(url, transport):
    assert transport_of(url) is transport


@pytest.mark.parametrize(
    "url", ["ftp://central.example.com", "central.example.com", "https://", "http://:80", "",
            "https://host:notaport", "file:///etc/passwd"],
)  # fmt: skip
def test_a_malformed_server_url_is_refused(url):
    with pytest.raises(SyncError) as info:
        check_server_url(url, allow_insecure_http=True)
    assert (info.value.code, info.value.retryable) == ("bad_url", False)


@pytest.mark.parametrize("url", ["http://192.168.1.20:8000", "HTTP://central.example.com",
                                 "http://localhost.evil.com"])  # fmt: skip
def test_plain_http_elsewhere_is_refused_unless_allowed(url):
    with pytest.raises(SyncError) as info:
        check_server_url(url)
    assert (info.value.code, info.value.retryable) == ("insecure_http", False)
    assert check_server_url(url, allow_insecure_http=True) is Transport.PLAIN
    # the session refuses it before anything could be sent
    with pytest.raises(SyncError) as info:
        SyncSession(url, "token")
    assert info.value.code == "insecure_http"


@pytest.mark.parametrize("url", ["http://127.1.2.3:9", "http://[::1]:9", "http://localhost:9",
                                 "https://192.0.2.10"])  # fmt: skip
def test_loopback_and_https_need_no_permission(url):
    SyncSession(url, "token").close()


def test_a_redirect_is_not_followed():
    """An https server redirecting to http:// elsewhere must not receive a second request."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(307)
            self.send_header("Location", "/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    session = SyncSession(f"http://127.0.0.1:{server.server_address[1]}", "token")
    try:
        with pytest.raises(SyncError) as info:
            session.changes("", 10)
        assert (info.value.code, info.value.retryable, info.value.status) == (
            "redirect",
            False,
            307,
        )
        assert not session.healthy()
        assert hits == ["/api/v1/changes?cursor=&limit=10", "/healthz"]
    finally:
        session.close()
        server.shutdown()


def test_plain_http_to_this_machine_never_goes_through_a_proxy(monkeypatch):
    """Loopback http is allowed because it stays here: an HTTP_PROXY must not carry it."""
    proxied: list[str] = []

    class ProxyHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            proxied.append(self.path)
            self.send_response(502)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    proxy = ThreadingHTTPServer(("127.0.0.1", 0), ProxyHandler)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    server = serve(200, b'{"ok": true}', "application/json")
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{proxy.server_address[1]}")
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    session = SyncSession(f"http://127.0.0.1:{server.server_address[1]}", "token")
    try:
        assert session.healthy()
        assert proxied == []
    finally:
        session.close()
        server.shutdown()
        proxy.shutdown()
