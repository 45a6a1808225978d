"""Limits against abuse and malformed requests: the request body limit (413, in-process and on
the live server), the enrollment attempt buckets, hostile headers and unreadable bodies."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.devtools import ServerProcess
from sync.server.rate_limit import AttemptLimiter
from tests.sync.server.helpers import TEA, Till, enroll, sale_payload

LIMIT = 64 * 1024  # the smallest the setting allows
TOO_LARGE = {"code": "payload_too_large", "message": f"request body over {LIMIT} bytes"}


@pytest.fixture
def small_client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=db_url, max_body_bytes=LIMIT))) as c:
        yield c


def _push_body(n_items: int) -> bytes:
    items = [{"item_id": f"00000000-0000-4000-8000-{i:012d}", "kind": "sale",
              "aggregate_id": "x", "seq": i + 1, "created_at": "2026-11-20T10:30:00Z",
              "payload": sale_payload([(TEA, 1)])} for i in range(n_items)]  # fmt: skip
    return json.dumps({"protocol": 1, "items": items}).encode()


def test_a_body_over_the_limit_is_refused_before_any_route(small_client: TestClient) -> None:
    body = _push_body(200)
    assert len(body) > LIMIT
    # no token: had the route or its dependencies run, the answer would be 401
    declared = small_client.post("/api/v1/push", content=body,
                                 headers={"Content-Type": "application/json"})  # fmt: skip
    assert (declared.status_code, declared.json()) == (413, TOO_LARGE)
    chunked = small_client.post(
        "/api/v1/push",
        content=iter([body[i : i + 8192] for i in range(0, len(body), 8192)]),
        headers={"Content-Type": "application/json"},
    )
    assert "content-length" not in chunked.request.headers  # sent chunked
    assert (chunked.status_code, chunked.json()) == (413, TOO_LARGE)


def test_a_body_at_the_limit_passes(small_client: TestClient, db_url: str) -> None:
    from sync.server.devtools import enrollment_code

    till = enroll(small_client, enrollment_code(db_url))
    item = till.next_item("sale", sale_payload([(TEA, 1)]))
    body = json.dumps({"protocol": 1, "items": [item]})
    padded = body + " " * (LIMIT - len(body.encode()))  # JSON allows trailing blanks
    response = small_client.post("/api/v1/push", content=padded, headers=till.headers |
                                 {"Content-Type": "application/json"})  # fmt: skip
    assert response.status_code == 200, response.text
    over = small_client.post("/api/v1/push", content=padded + " ", headers=till.headers |
                             {"Content-Type": "application/json"})  # fmt: skip
    assert over.status_code == 413


def _read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed after {data!r}"
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    while len(rest) < int(headers["content-length"]):
        rest += sock.recv(65536)
    return int(lines[0].split()[1]), headers, rest


@pytest.fixture
def small_server(sqlite_demo_url: Callable[[], str], tmp_path: Path) -> Iterator[ServerProcess]:
    env = {"YC_CENTRAL_MAX_BODY_BYTES": str(LIMIT)}
    with ServerProcess(sqlite_demo_url(), log_path=tmp_path / "server.log", env=env) as server:
        yield server


def test_the_live_server_answers_413_without_reading_the_body(
    small_server: ServerProcess,
) -> None:
    port = small_server.port
    # a declared 50 MiB: the answer comes before a byte of the body is sent
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"POST /api/v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                     b"\r\nContent-Length: 52428800\r\n\r\n")  # fmt: skip
        started = time.monotonic()
        status, headers, body = _read_response(sock)
        assert time.monotonic() - started < 2.0
    assert (status, json.loads(body)) == (413, TOO_LARGE)
    assert headers["connection"] == "close"
    # chunked, no length: refused once the count passes the limit, the rest never read
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"POST /api/v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                     b"\r\nTransfer-Encoding: chunked\r\n\r\n")  # fmt: skip
        chunk = b"%x\r\n%s\r\n" % (16384, b" " * 16384)
        for _ in range(LIMIT // 16384 + 1):
            sock.sendall(chunk)
        status, _, body = _read_response(sock)
    assert (status, json.loads(body)) == (413, TOO_LARGE)


def test_the_live_server_with_a_real_client(small_server: ServerProcess) -> None:
    import requests

    body = _push_body(200)
    declared = requests.post(f"{small_server.api}/push", data=body, timeout=10,
                             headers={"Content-Type": "application/json"})  # fmt: skip
    assert (declared.status_code, declared.json()) == (413, TOO_LARGE)
    chunks = (b" " * 16384 for _ in range(100))  # 1.6 MiB, no length: sent chunked
    chunked = requests.post(f"{small_server.api}/push", data=chunks, timeout=10,
                            headers={"Content-Type": "application/json"})  # fmt: skip
    assert chunked.request.headers["Transfer-Encoding"] == "chunked"
    assert (chunked.status_code, chunked.json()) == (413, TOO_LARGE)
    till = enroll(requests.Session(), small_server.enrollment_code(), base=small_server.api)
    assert till.push_ok([till.next_item("sale", sale_payload([(TEA, 1)]))])[0]["status"] == (
        "accepted"
    )


def test_the_enrollment_buckets_per_address_and_in_all() -> None:
    now = [0.0]

    def limiter(max_addresses: int = 100) -> AttemptLimiter:
        return AttemptLimiter(
            per_address_burst=2,
            per_address_per_minute=6,  # one token every 10 s
            global_burst=3,
            global_per_minute=60,  # one every second
            max_addresses=max_addresses,
            clock=lambda: now[0],
        )

    one = limiter()
    assert [one.check("a") for _ in range(3)] == [0, 0, 10]
    now[0] = 10.0
    assert one.check("a") == 0  # refilled; the global bucket is full again, less this one
    assert [one.check("b"), one.check("c")] == [0, 0]  # the global bucket is now empty
    assert one.check("d") == 1  # wait a second, and d's own token is given back…
    now[0] = 11.0
    assert [one.check("d"), one.check("d")] == [0, 1]  # d passes, then waits on all again
    forgetful = limiter(max_addresses=1)
    now[0] = 100.0
    assert [forgetful.check("a"), forgetful.check("a"), forgetful.check("a")] == [0, 0, 10]
    assert forgetful.check("b") == 0  # a, the least recently seen, is forgotten…
    now[0] = 102.0
    assert forgetful.check("a") == 0  # …and starts afresh


def test_tills_are_not_rate_limited_outside_enrollment(till: Till) -> None:
    assert all(till.get("/changes", params={"limit": 1}).status_code == 200 for _ in range(30))


@pytest.mark.parametrize(
    ("authorization", "expected"),
    [
        (b"Bearer \xff\xfe", "unknown token"),  # not UTF-8 (headers are latin-1 on the wire)
        (b"Bearer \xed\xa0\x80", "unknown token"),  # a lone surrogate's CESU-8 bytes
        (b"\x80", "missing bearer token"),
        (b"Bearer " + b"a" * 6000, "unknown token"),
    ],
)
def test_hostile_authorization_headers_answer_401(
    small_server: ServerProcess, authorization: bytes, expected: str
) -> None:
    with socket.create_connection(("127.0.0.1", small_server.port), timeout=5) as sock:
        sock.sendall(b"GET /api/v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: "
                     + authorization + b"\r\n\r\n")  # fmt: skip
        status, _, body = _read_response(sock)
    assert (status, json.loads(body)) == (401, {"code": "bad_token", "message": expected})


def test_a_nul_in_a_header_is_not_http_and_never_reaches_the_app(
    small_server: ServerProcess,
) -> None:
    with socket.create_connection(("127.0.0.1", small_server.port), timeout=5) as sock:
        sock.sendall(
            b"GET /api/v1/changes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\x00b\r\n\r\n"
        )
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    assert data.startswith(b"HTTP/1.1 400 ")  # uvicorn's own refusal of a malformed request
    assert small_server.healthy()


def test_malformed_bodies_answer_a_coded_4xx(till: Till) -> None:
    def post(body: bytes, content_type: str = "application/json") -> tuple[int, dict[str, str]]:
        headers = till.headers | {"Content-Type": content_type}
        response = till.http.post("/api/v1/claims", content=body, headers=headers)
        return response.status_code, response.json()

    assert post(b'{"claim_code": "x"') == (
        422, {"code": "invalid_request", "message": "body: not valid JSON (at character 18)"}
    )  # fmt: skip
    assert post(b"\xff\xfe{}")[1]["code"] == "invalid_request"  # not UTF-8
    surrogate = post(b'{"claim_code": "\\ud800", "member_code": "YCM1.x"}')
    assert surrogate[0] == 422 and surrogate[1]["message"].startswith("body.claim_code:")
    nul = post(b'{"claim_code": "YCC1.\\u0000", "member_code": "YCM1.x"}')
    assert nul == (422, {"code": "invalid_request",
                         "message": "body.claim_code: Value error, text may not contain a NUL "
                                    "character"})  # fmt: skip
    assert post(b"claim_code=x", "application/x-www-form-urlencoded")[0] == 422
    unreadable = {"code": "invalid_request", "message": "There was an error parsing the body"}
    assert post(b"9" * 5000) == (400, unreadable)  # a number too long to read
    extra_key = post(b'{"\\ud800": 1, "claim_code": "a", "member_code": "b"}')
    assert extra_key[0] == 422 and extra_key[1]["code"] == "invalid_request"
