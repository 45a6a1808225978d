"""Property-based fuzzing of the online shop's order and refund bodies: near-valid orders
(real and fake SKUs, prices a little off, totals right or wrong, points anywhere on earth
in either system, extreme numbers and times) with hostile values at any node. Never a
5xx; every refusal an ErrorBody with a known code; an accepted order's figures are the
server's own (its total the sum of its lines, its points never above the formula)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.protocol.codes import ErrorCode
from sync.protocol.service import ErrorBody
from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.db import Database
from sync.server.tokens import Role
from tests.sync.server.online_helpers import (
    IN_HOLED,
    IN_NOTCH,
    IN_OVERLAP,
    LOTTERY,
    RICE,
    TEA,
    WATER,
    add_fenced_communities,
    bearer,
    issue,
    order_body,
)

EXAMPLES = int(os.environ.get("YC_FUZZ_EXAMPLES", "120"))
KNOWN_CODES = {c.value for c in ErrorCode}
HOSTILE = st.sampled_from(
    ["", "\x00", "\ud800", "x" * 5000, -1, 2**63, 2**64, 1e308, float("nan"), float("inf"),
     None, True, [], {}, "2026-13-01T00:00:00Z", "1999-12-31T23:59:59Z", "2026-11-27T10:00:00"]
)  # fmt: skip
SKUS = [TEA, WATER, RICE, LOTTERY] * 3 + [("YC-FAKE-0001", 100, True), ("", 0, False)]


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """The value, or one time in thirty a hostile one (a body has a dozen nodes)."""
    return st.integers(0, 29).flatmap(lambda i: HOSTILE if i == 29 else strategy)


def _line() -> st.SearchStrategy[dict[str, Any]]:
    return st.tuples(
        st.sampled_from(SKUS),
        st.integers(1, 5),
        st.sampled_from([0] * 12 + [1, -1, 10, 100_000]),  # price nudge
        st.sampled_from([0] * 6 + [50, 10**9]),
    ).map(
        lambda t: {
            "line_no": 1,
            "sku": t[0][0],
            "quantity": t[1],
            "unit_price_fen": t[0][1] + t[2],
            "discount_fen": t[3],
        }
    )


@st.composite
def bodies(draw: st.DrawFn) -> dict[str, Any]:
    place = draw(st.sampled_from([IN_HOLED, IN_OVERLAP, IN_NOTCH, (0.0, 0.0), (179.9, -89.9)]))
    crs = draw(st.sampled_from(["wgs84", "gcj02"]))
    body = order_body([(TEA, 1)], point=place, crs=crs, resident=None)
    lines = draw(st.lists(_line(), min_size=1, max_size=4))
    for n, line in enumerate(lines, start=1):
        line["line_no"] = n
    body["lines"] = lines
    body["total_fen"] = sum(
        ln["unit_price_fen"] * ln["quantity"] - ln["discount_fen"] for ln in lines
    ) + draw(st.sampled_from([0] * 8 + [1, -10]))
    body["resident_id"] = draw(st.sampled_from(["R0001", "R0901", "R7777", None]))
    body["created_at"] = (
        datetime.now(UTC)
        - timedelta(seconds=draw(st.one_of(st.integers(60, 30 * 86400), st.integers(-7200, 10**9))))
    ).isoformat()
    body["order_id"] = draw(st.sampled_from(["WX-1", "WX-2", "WX-3"]))  # repeats and conflicts
    # one node hostile, now and then
    for key in list(body):
        body[key] = draw(_maybe(st.just(body[key])))
    if isinstance(body.get("delivery"), dict) and body["delivery"]:  # not a hostile {}
        for key in ("lon", "lat", "crs"):
            body["delivery"][key] = draw(_maybe(st.just(body["delivery"][key])))
    if isinstance(body.get("lines"), list) and body["lines"]:  # not a hostile []
        first = body["lines"][0]
        for key in list(first):
            first[key] = draw(_maybe(st.just(first[key])))
    if draw(st.integers(0, 19)) == 0:
        body["unexpected"] = 1
    return body


@pytest.fixture
def world(db_url: str, db: Database) -> Any:
    add_fenced_communities(db)
    client = TestClient(create_app(Settings(database_url=db_url)), raise_server_exceptions=False)
    client.__enter__()
    yield client, bearer(issue(db, Role.ONLINE_SHOP))
    client.__exit__(None, None, None)


def _check(response: Any, note: str) -> None:
    assert response.status_code < 500, note
    assert response.status_code in {200, 404, 409, 422}, note
    if response.status_code >= 400:
        assert ErrorBody.model_validate_json(response.content).code in KNOWN_CODES, note


def test_no_order_or_refund_body_gets_a_5xx(world: Any) -> None:
    client, shop = world
    seen: set[int] = set()

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(bodies(), st.booleans())
    def one(body: dict[str, Any], refund: bool) -> None:
        content = json.dumps(body)  # NaN and Infinity as JSON would never carry them
        headers = {**shop, "Content-Type": "application/json"}
        response = client.post("/api/v1/online/orders", content=content, headers=headers)
        note = f"{content[:600]} → {response.status_code} {response.text[:300]}"
        seen.add(response.status_code)
        _check(response, note)
        if response.status_code == 200:
            got = response.json()
            assert got["total_fen"] == sum(ln["net_fen"] for ln in got["lines"]), note
            assert got["eligible_fen"] <= got["total_fen"], note
            assert got["points"] <= got["eligible_fen"] // 10, note  # share ≤ 12 %, points ≤ 50 %
        if refund and isinstance(body.get("lines"), list):
            lines = [
                {"line_no": ln.get("line_no"), "quantity": 1, "amount_fen": 100}
                for ln in body["lines"]
                if isinstance(ln, dict)
            ]
            refund_body = {
                "refund_id": f"RF-{len(seen)}",
                "created_at": datetime.now(UTC).isoformat(),
                "lines": lines,
                "total_fen": 100 * len(lines),
            }
            order_id = body.get("order_id")
            if order_id not in ("WX-1", "WX-2", "WX-3"):
                order_id = "WX-1"
            answer = client.post(
                f"/api/v1/online/orders/{order_id}/refunds",
                content=json.dumps(refund_body),
                headers=headers,
            )
            _check(answer, f"refund {refund_body} → {answer.status_code} {answer.text[:300]}")

    one()
    assert {200, 422} <= seen, sorted(seen)  # the fuzzer reached past validation
