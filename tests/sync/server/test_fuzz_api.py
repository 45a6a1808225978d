"""Property-based fuzzing of every route, driven by the app's own OpenAPI document.

For each operation hypothesis builds requests from the declared schemas: path
and query parameters, JSON bodies and the bearer token. At any node of a
schema it may put a hostile value instead (a lone surrogate, a NUL, 2^63, a
wrong type, a huge string), or send bytes that are not JSON or not UTF-8, or
use values the demo database knows (residents, bills, a real claim code and a
real membership code) so that requests reach deep into the routes. Every
answer must be below 500 except 503, a status the operation declares, and
every 4xx an ErrorBody with a known code.

Pushes are generated from the envelope's schema; what a push item's payload
must hold is the push schema's business (and its own tests').
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_app.core.demo_data import demo_code
from sync.protocol.codes import ErrorCode
from sync.protocol.service import ErrorBody
from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.devtools import enrollment_code
from tests.sync.server.helpers import TEA, Till, enroll, sale_payload

#: Requests per operation and back-end; YC_FUZZ_EXAMPLES=2000 for a long hunt.
EXAMPLES_PER_OPERATION = int(os.environ.get("YC_FUZZ_EXAMPLES", "60"))
KNOWN_CODES = {c.value for c in ErrorCode}
#: Strings and numbers that broke servers like this one before.
HOSTILE_TEXT = ["", "\x00", "\ud800", "a\udfffb", "R0001\x00", "x" * 5000, "１２", "-1", "1e3",
                "null", "../../etc/passwd", "' OR 1=1 --", "\u202e", "😀" * 50]  # fmt: skip
RAW_BODIES = [b"", b"{", b"\xff\xfe{}", b'{"a":"\xed\xa0\x80"}', b"[" * 5000, b"9" * 5000,
              b"{}{}", b"NaN", b'{"a":1,"a":2}']  # fmt: skip
BAD_AUTH = ["", "Bearer ", "Bearer yct1_nope", "Basic eDp5", "Bearer \x7f", "Bearer a b"]
OTHER_TYPES = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
               "application/json; charset=latin-1", ""]  # fmt: skip
HOSTILE_NUMBERS = [0, -1, 2**31, 2**53, 2**53 + 1, 2**63 - 1, 2**63, 2**64, -(2**63) - 1,
                   10**30, 1.5, -0.0, 1e308]  # fmt: skip


def _hostile() -> st.SearchStrategy[Any]:
    scalar = st.one_of(
        st.sampled_from(HOSTILE_TEXT), st.sampled_from(HOSTILE_NUMBERS), st.none(), st.booleans()
    )
    return st.one_of(
        scalar,
        st.lists(scalar, max_size=3),
        st.dictionaries(st.text(max_size=5), scalar, max_size=3),
    )


class SchemaStrategies:
    """JSON Schema (as FastAPI writes it) → hypothesis strategies, with hostile detours."""

    def __init__(self, document: dict[str, Any], known: list[str]) -> None:
        self.components = document["components"]["schemas"]
        self.known = known

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = self.components[schema["$ref"].rsplit("/", 1)[1]]
        return schema

    def value(self, schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
        conforming = self._conforming(self.resolve(schema), depth)
        # a hostile value at one node in eight (drawn by number: one_of favours its first branch)
        return st.integers(0, 7).flatmap(lambda i: _hostile() if i == 7 else conforming)

    def _conforming(self, schema: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
        for key in ("anyOf", "oneOf", "allOf"):
            if key in schema:
                return st.one_of([self.value(s, depth) for s in schema[key]])
        if "const" in schema:
            return st.just(schema["const"])
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        kind = schema.get("type")
        if kind == "string":
            return self._string(schema)
        if kind == "integer":
            low, high = schema.get("minimum"), schema.get("maximum")
            edges = [int(v) + d for v in (low, high) if v is not None for d in (-1, 0, 1)]
            bounded = st.integers(
                None if low is None else int(low), None if high is None else int(high)
            )
            return st.one_of(bounded, st.sampled_from(edges or [0]))
        if kind == "number":
            return st.floats(allow_nan=False)
        if kind == "boolean":
            return st.booleans()
        if kind == "null":
            return st.none()
        if kind == "array":
            if depth > 3:
                return st.just([])
            items = self.value(schema.get("items", {}), depth + 1)
            return st.lists(items, min_size=schema.get("minItems", 0), max_size=3)
        if kind == "object" or "properties" in schema:
            return self._object(schema, depth)
        return _hostile()  # an untyped schema: anything

    def _string(self, schema: dict[str, Any]) -> st.SearchStrategy[str]:
        fmt = schema.get("format")
        if fmt == "uuid":
            return st.uuids().map(str)
        if fmt == "date-time":
            return st.datetimes(timezones=st.just(UTC)).map(lambda d: d.isoformat())
        low, high = schema.get("minLength", 0), schema.get("maxLength", 60)
        edges = ["x" * n for n in (low - 1, low, high, high + 1) if n >= 0]
        plain = st.one_of(
            st.text(min_size=low, max_size=min(high, 60)), st.sampled_from(self.known)
        )
        # a NUL or a lone surrogate inside an otherwise good value, where a database would choke
        poisoned = st.tuples(
            plain, st.sampled_from(["\x00", "\ud800", "\udfff"]), st.integers(0, 60)
        )
        return st.one_of(
            plain,
            plain,
            st.sampled_from(edges),
            poisoned.map(lambda t: t[0][: t[2]] + t[1] + t[0][t[2] :]),
        )

    def _object(self, schema: dict[str, Any], depth: int) -> st.SearchStrategy[dict[str, Any]]:
        if depth > 3:
            return st.just({})
        properties = schema.get("properties", {})
        required = set(schema.get("required", ()))
        fields = {
            name: self.value(sub, depth + 1) for name, sub in properties.items() if name in required
        }
        optional = {
            name: self.value(sub, depth + 1)
            for name, sub in properties.items()
            if name not in required
        }
        extra = schema.get("additionalProperties")
        base = st.fixed_dictionaries(fields, optional=optional)
        if isinstance(extra, dict) or extra is True:
            values = self.value(extra if isinstance(extra, dict) else {}, depth + 1)
            more = st.dictionaries(st.text(max_size=8), values, max_size=3)
            base = st.tuples(base, more).map(lambda pair: {**pair[1], **pair[0]})
        # sometimes a field too few or one too many
        return st.tuples(base, st.integers(0, 9)).map(_maybe_bend)


def _maybe_bend(drawn: tuple[dict[str, Any], int]) -> dict[str, Any]:
    """Now and then a field too few or one too many."""
    value, dice = drawn
    if dice == 8:
        return dict(list(value.items())[1:])
    if dice == 9:
        return {**value, "unexpected": 1}
    return value


@pytest.fixture
def world(db_url: str) -> tuple[TestClient, Till, list[str]]:
    """The app (enrollment limits raised for the fuzzer) with a till and some known values."""
    roomy = Settings(database_url=db_url, enroll_burst_per_address=10_000,
                     enroll_burst_global=10_000)  # fmt: skip
    client = TestClient(create_app(roomy), raise_server_exceptions=False)
    client.__enter__()
    till = enroll(client, enrollment_code(db_url))
    sale = sale_payload([(TEA, 1)], when=datetime.now(UTC) - timedelta(hours=1))
    assert till.push_ok([till.next_item("sale", sale)])[0]["status"] == "accepted"
    cursor = till.get("/changes").json()["next_cursor"]
    known = ["R0001", "R0901", "R0004", "B-R0001-2026-10", "B-R0901-2026-10", "S001", "T01",
             cursor, str(int(cursor) + 1), "0", till.claim_code(sale), demo_code("R0001"),
             demo_code("R0005"), enrollment_code(db_url, terminal="T77"),
             till.enrolled["terminal_id"], str(uuid.uuid4())]  # fmt: skip
    yield client, till, known  # type: ignore[misc]
    client.__exit__(None, None, None)


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def _request(
    draw: Any, gen: SchemaStrategies, path: str, operation: dict[str, Any], token: str
) -> dict[str, Any]:
    query: list[str] = []
    for p in operation.get("parameters", []):
        value = draw(gen.value(p["schema"]))
        text = value if isinstance(value, str) else json.dumps(value)
        raw = quote(text.encode("utf-8", "surrogatepass"), safe="")  # a lone surrogate: CESU
        if p["in"] == "path":
            path = path.replace("{" + p["name"] + "}", raw or "%20")
        elif p["in"] == "query" and draw(st.booleans()):
            query.append(f"{p['name']}={raw}")
    headers = {"Authorization": f"Bearer {token}"}
    if draw(st.integers(0, 7)) == 7:  # one request in eight with a bad or no token
        headers["Authorization"] = draw(st.sampled_from(BAD_AUTH))
    content: bytes | None = None
    body = operation.get("requestBody")
    if body is not None:
        if "application/json" not in body["content"]:  # a file as it is (bills: CSV or XLSX)
            content = draw(st.sampled_from([*RAW_BODIES, "房号,账期\n1-1-101,2026-10".encode()]))
            headers["Content-Type"] = draw(st.sampled_from(sorted(body["content"])))
        else:
            schema = body["content"]["application/json"]["schema"]
            content = json.dumps(draw(gen.value(schema))).encode()  # \ud800: a lone surrogate
            if draw(st.integers(0, 7)) == 7:  # not JSON at all, or not UTF-8
                content = draw(st.sampled_from(RAW_BODIES))
            headers["Content-Type"] = "application/json"
        if draw(st.integers(0, 7)) == 7:
            headers["Content-Type"] = draw(st.sampled_from(OTHER_TYPES))
    url = f"{path}?{'&'.join(query)}" if query else path
    return {"url": url, "headers": headers, "content": content}


def test_no_input_gets_a_5xx(world: tuple[TestClient, Till, list[str]]) -> None:
    client, till, known = world
    document = client.get("/openapi.json").json()
    gen = SchemaStrategies(document, known)
    operations = _operations(document)
    assert {(m, p) for m, p, _ in operations} >= {
        ("POST", "/api/v1/push"), ("GET", "/api/v1/changes"), ("POST", "/api/v1/claims"),
        ("POST", "/api/v1/redemptions"), ("POST", "/api/v1/enroll"),
        ("GET", "/api/v1/residents/{resident_id}"),
    }  # fmt: skip
    seen: set[tuple[str, str, int]] = set()
    for method, path, operation in operations:
        _fuzz(client, gen, till.token, method, path, operation, seen)
    # the fuzzer reached past validation: refusals of the routes themselves, and successes
    statuses = {s for _, _, s in seen}
    assert {200, 400, 401, 404, 422} <= statuses, sorted(seen)


def _fuzz(
    client: TestClient,
    gen: SchemaStrategies,
    token: str,
    method: str,
    path: str,
    operation: dict[str, Any],
    seen: set[tuple[str, str, int]],
) -> None:
    """One operation, EXAMPLES_PER_OPERATION requests; every answer checked."""
    declared = {int(s) for s in operation["responses"]}
    requests = st.composite(lambda draw: _request(draw, gen, path, operation, token))()

    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(requests)
    def one(request: dict[str, Any]) -> None:
        response = client.request(method, **request)
        seen.add((method, path, response.status_code))
        note = f"{method} {request!r:.600} → {response.status_code} {response.text[:300]}"
        assert response.status_code < 500 or response.status_code == 503, note
        assert response.status_code in declared, note
        if response.status_code >= 400:
            error = ErrorBody.model_validate_json(response.content)
            assert error.code in KNOWN_CODES, note

    one()


#: Schemas whose `payload` may be any object: the push item contents (their own schemas and
#: tests are the push intake's); sample and feedback are refused unsupported_kind in v1.
FREE_PAYLOADS = {"OutboxItem", "UnsupportedItem"}


#: every refusal is an ErrorBody; a refused bill or payment file is one with its bad rows too
ERROR_BODIES = [{"$ref": f"#/components/schemas/{n}"} for n in ("ErrorBody", "ImportRejected")]


def test_every_payload_has_a_real_schema_and_every_refusal_an_error_body() -> None:
    document = create_app(Settings(database_url="sqlite://")).openapi()
    schemas = document["components"]["schemas"]
    bare: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            untyped = not ({"type", "$ref", "anyOf", "oneOf", "allOf", "const", "enum"} & set(node))
            loose = node.get("type") == "object" and "properties" not in node and (
                node.get("additionalProperties") in (None, True, {}))  # fmt: skip
            if (untyped or loose) and where.split("/")[0] not in FREE_PAYLOADS:
                bare.append(where)
            for key, value in node.items():
                if key in ("properties", "$defs"):
                    for name, sub in value.items():
                        walk(sub, f"{where}/{name}")
                elif key in ("items", "additionalProperties") or key in ("anyOf", "oneOf"):
                    for i, sub in enumerate(value if isinstance(value, list) else [value]):
                        walk(sub, f"{where}/{key}{i}")

    for name, schema in schemas.items():
        walk(schema, name)
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for status, answer in operation["responses"].items():
                content = answer["content"]["application/json"]["schema"]
                walk(content, f"{method} {path} {status}")
                if status != "200":
                    assert content in ERROR_BODIES, (path, status)
            body = operation.get("requestBody")
            if body and "application/json" in body["content"]:  # not a file sent as it is
                walk(body["content"]["application/json"]["schema"], f"{method} {path} body")
    assert bare == []
