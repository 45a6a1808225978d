"""Hostile text in the server's fields, on SQLite and PostgreSQL: SQL-looking text,
control characters, RTL marks and 10 kB strings in a pushed sale and in the
scoped routes' paths and queries. Each is stored exactly and read back the same,
or refused with a coded 4xx (or a rejected item naming the field); never a 5xx,
never a dropped table or a lost sale."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.server import tokens
from sync.server.db import Database
from sync.server.tokens import Role
from tests.sync.server.helpers import TEA, Till, sale_payload

HOSTILE = ["'; DROP TABLE orders; --", "\" OR 1=1 --", "Robert'); DELETE FROM residents;--",
           "\x00", "\x1b@", "\u202e", "\u200f", "\ufeff", "\\", "%", "_", "😀", "𠮷", "\t",
           "\x7f", "\ud800", "null", "{}", "<script>"]  # fmt: skip
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(max_size=5)), min_size=1, max_size=5
).map("".join)
_sequence = itertools.count(1)
SINCE = (datetime.now(UTC) - timedelta(days=3)).isoformat().replace("+00:00", "Z")
UNTIL = (datetime.now(UTC) + timedelta(days=1)).isoformat().replace("+00:00", "Z")


def _ops(db: Database) -> dict[str, str]:
    with db.write() as session:
        token = tokens.issue(session, role=Role.OPERATIONS, now=datetime.now(UTC)).token
    return {"Authorization": f"Bearer {token}"}


def _orders(client: TestClient, ops: dict[str, str]) -> dict[str, str]:
    response = client.get(
        f"/api/v1/stores/S001/orders?since={SINCE}&until={UNTIL}&limit=1000", headers=ops
    )
    assert response.status_code == 200, response.text
    return {o["sale_id"]: o["receipt_no"] for o in response.json()}


def test_hostile_text_in_a_sale_is_kept_exactly_or_the_item_refused(
    client: TestClient, till: Till, db: Database
) -> None:
    ops = _ops(db)

    @settings(max_examples=30, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(text=hostile_text)
    def one(text: str) -> None:
        sale = sale_payload([(TEA, 1)], sequence=next(_sequence))
        sale["receipt_no"], sale["cashier"] = text[:40], text[:64]
        before = _orders(client, ops)
        # json.dumps escapes a lone surrogate as \ud800, as a till's JSON encoder would
        body = json.dumps({"protocol": 1, "items": [till.next_item("sale", sale)]})
        response = client.post(
            "/api/v1/push",
            content=body.encode(),
            headers={**till.headers, "Content-Type": "application/json"},
        )
        assert response.status_code == 200, response.text
        (result,) = response.json()["results"]
        after = _orders(client, ops)
        sent = text[:64]  # the cashier's field holds the most of it
        if "\x00" not in sent and not any("\ud800" <= c <= "\udfff" for c in sent):
            assert result["status"] == "accepted", result
            assert after == {**before, sale["sale_id"]: text[:40]}  # exactly as sent
        else:
            assert result["status"] == "rejected" and result["reason"] == "invalid_payload"
            assert after == before

    one()


def test_a_ten_kilobyte_field_is_refused_and_nothing_is_lost(
    client: TestClient, till: Till, db: Database
) -> None:
    ops = _ops(db)
    good = sale_payload([(TEA, 1)], sequence=900)
    big = sale_payload([(TEA, 1)], sequence=901)
    big["cashier"] = "x" * 10_240
    results = till.push_ok([till.next_item("sale", good), till.next_item("sale", big)])
    assert [r["status"] for r in results] == ["accepted", "rejected"]
    assert "cashier" in results[1]["field"]
    assert good["sale_id"] in _orders(client, ops)


def test_hostile_paths_and_queries_of_the_scoped_routes_are_refused_cleanly(
    client: TestClient, db: Database
) -> None:
    ops = _ops(db)
    with db.write() as session:
        p001 = tokens.issue(session, role=Role.PROPERTY_COMPANY, now=datetime.now(UTC),
                            company="P001").token  # fmt: skip
    company = {"Authorization": f"Bearer {p001}"}
    for text in [*HOSTILE, "x" * 10_240, "P001' OR '1'='1", "P001%00", "../P900"]:
        path = quote(text.encode("utf-8", "surrogatepass"), safe="")
        for url in (f"/api/v1/companies/{path}/residents", f"/api/v1/stores/{path}/orders"
                    f"?since={SINCE}&until={UNTIL}",
                    f"/api/v1/companies/P001/settlement?since={path}&until={UNTIL}",
                    f"/api/v1/companies/P001/redemptions?limit={path}"):  # fmt: skip
            for headers in (ops, company):
                response = client.get(url, headers=headers)
                assert 400 <= response.status_code < 500, (url, response.status_code)
                assert set(response.json()) == {"code", "message"}
    # the data is all still there
    listed = client.get("/api/v1/companies/P001/residents", headers=company)
    assert listed.status_code == 200 and len(listed.json()) > 0
