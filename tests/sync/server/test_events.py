"""Tasting events managed on the central server, on SQLite and PostgreSQL: created,
started, closed and cancelled through the API (operations any store's, a store
manager their own) and the command line; each refusal coded; each change sent to the
tills as an "event" change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from sync.server import tokens
from sync.server.__main__ import main
from sync.server.db import Database
from sync.server.models.changes import Change
from sync.server.tokens import Role
from tests.sync.server.event_helpers import (
    CASHIER,
    NOW,
    PROMOTER,
    TEA_SKU,
    event_data,
    make_event,
    ops_headers,
    record_item,
    sample,
    visitors,
)
from tests.sync.server.helpers import Till


def _manager(db: Database, store: str) -> dict[str, str]:
    with db.write() as session:
        token = tokens.issue(session, role=Role.STORE_MANAGER, now=NOW, store=store).token
    return {"Authorization": f"Bearer {token}"}


def _feed(db: Database) -> list[tuple[str, str]]:
    """(key, status) of every event change in the log."""
    with db.read() as session:
        rows = session.scalars(select(Change).where(Change.kind == "event").order_by(Change.seq))
        return [(c.key, json.loads(c.data or "{}")["status"]) for c in rows]


def test_operations_create_start_and_close_an_event_the_tills_follow(
    client: TestClient, db: Database
) -> None:
    ops = ops_headers(db)
    made = client.post("/api/v1/events", json=event_data(), headers=ops)
    assert made.status_code == 200, made.text
    body = made.json()
    assert (body["event_id"], body["status"], body["community_code"]) == (
        "EV-TEA-1", "planned", "C001")  # fmt: skip
    assert body["promoters"] == [PROMOTER] and body["products"][0]["sku"] == TEA_SKU
    assert _feed(db) == [("EV-TEA-1", "planned")]
    for action, status in (("start", "running"), ("close", "closed")):
        moved = client.post(f"/api/v1/events/EV-TEA-1/{action}", headers=ops)
        assert (moved.status_code, moved.json()["status"]) == (200, status)
    assert _feed(db) == [("EV-TEA-1", "closed")]  # compacted: the latest state
    again = client.post("/api/v1/events/EV-TEA-1/cancel", headers=ops)
    assert (again.status_code, again.json()["code"]) == (409, "event_state")
    listed = client.get("/api/v1/events", params={"store": "S001"}, headers=ops).json()
    assert [(e["event_id"], e["status"]) for e in listed] == [("EV-TEA-1", "closed")]
    assert client.get("/api/v1/events", params={"store": "S002"}, headers=ops).json() == []


INVALID = [
    ("unknown store", {"store_code": "S777"}, "store_code"),
    ("ends before it starts", {"ends_at": "2026-01-01T00:00:00Z"}, "ends_at"),
    ("a product not in the catalog",
     {"products": [{"sku": "YC-NONE", "sample_cost_fen": 1, "sample_unit": "piece"}]},
     "products.sku"),
    ("a product twice",
     {"products": [{"sku": TEA_SKU, "sample_cost_fen": 1, "sample_unit": "piece"}] * 2},
     "products"),
    ("a cashier as promoter", {"promoters": [CASHIER]}, "promoters"),
    ("another store's promoter", {"store_code": "S002"}, "promoters"),
    ("a tag twice", {"feedback_tags": ["口感", "口感"]}, "feedback_tags"),
    ("thirteen tags", {"feedback_tags": [f"t{i}" for i in range(13)]}, "feedback_tags"),
    ("a sample unit of kg",
     {"products": [{"sku": TEA_SKU, "sample_cost_fen": 1, "sample_unit": "kg"}]},
     "products.0.sample_unit"),
    ("an unknown community", {"community_code": "C777"}, "community_code"),
    ("a closed new event", {"status": "closed"}, "status"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "field"), [i[1:] for i in INVALID], ids=[i[0] for i in INVALID])
def test_an_event_that_cannot_be_is_refused(
    client: TestClient, db: Database, change: dict[str, Any], field: str
) -> None:
    response = client.post("/api/v1/events", json=event_data() | change, headers=ops_headers(db))
    assert response.status_code == 422, response.text
    assert response.json()["code"] in ("event_invalid", "invalid_request")
    assert field.split(".")[0] in response.json()["message"]
    assert _feed(db) == []


def test_an_event_id_is_taken_once(client: TestClient, db: Database) -> None:
    ops = ops_headers(db)
    assert client.post("/api/v1/events", json=event_data(), headers=ops).status_code == 200
    twice = client.post("/api/v1/events", json=event_data(), headers=ops)
    assert (twice.status_code, twice.json()["code"]) == (409, "event_exists")


def test_a_store_manager_runs_their_own_stores_events_only(
    client: TestClient, db: Database
) -> None:
    s001, s002 = _manager(db, "S001"), _manager(db, "S002")
    own = client.post("/api/v1/stores/S001/events", json=event_data(), headers=s001)
    assert own.status_code == 200, own.text
    other = client.post(
        "/api/v1/stores/S001/events", json=event_data("EV-X", store_code="S002"), headers=s001
    )
    assert (other.status_code, other.json()["code"]) == (403, "wrong_store")
    assert [e["event_id"] for e in client.get(
        "/api/v1/stores/S001/events", headers=s001).json()] == ["EV-TEA-1"]  # fmt: skip
    # S002's manager cannot reach S001's event through their own store's path
    for path in ("events/EV-TEA-1/report", "events/EV-TEA-1/close"):
        method = client.get if path.endswith("report") else client.post
        gone = method(f"/api/v1/stores/S002/{path}", headers=s002)
        assert (gone.status_code, gone.json()["code"]) == (404, "not_found")
    closed = client.post("/api/v1/stores/S001/events/EV-TEA-1/close", headers=s001)
    assert (closed.status_code, closed.json()["status"]) == (200, "closed")


def test_the_command_line_creates_lists_reports_compares_and_closes(
    db_url: str, db: Database, till: Till, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "event.json"
    file.write_text(json.dumps(event_data(), ensure_ascii=False), encoding="utf-8")
    assert main(["events", "create", "--db", db_url, "--file", str(file)]) == 0
    assert "create: EV-TEA-1 planned 恩施玉露品鉴会" in capsys.readouterr().out
    assert main(["events", "create", "--db", db_url, "--file", str(file)]) == 1
    assert "exists already" in capsys.readouterr().err
    results = till.push_ok([
        record_item(till, "event_visitors", visitors(8)),
        record_item(till, "event_sample", sample(TEA_SKU, 2)),
    ])  # fmt: skip
    assert {r["status"] for r in results} == {"accepted"}
    assert main(["events", "list", "--db", db_url, "--store", "S001"]) == 0
    assert capsys.readouterr().out.startswith("EV-TEA-1\tplanned\tS001\t")
    assert main(["events", "report", "EV-TEA-1", "--db", db_url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "visitors\t8" in out and "tastings\t1" in out  # one sample of two pieces
    assert "sample cost\t3.00 / 200.00" in out
    assert any(line.startswith(f"{TEA_SKU}\t1\t2\t3.00\t0\t0.00") for line in out)
    assert main(["events", "compare", "--db", db_url, "--by", "community"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[1] == "C001\t1\t8\t0\t0.00%\t0.00\t0.00\t-"
    assert main(["events", "close", "EV-TEA-1", "--db", db_url]) == 0
    assert _feed(db) == [("EV-TEA-1", "closed")]
    assert main(["events", "report", "EV-NONE", "--db", db_url]) == 1
    assert "no event" in capsys.readouterr().err


def test_a_started_event_comes_from_the_file_as_running(db: Database) -> None:
    view = make_event(db, status="running")
    assert view.data.status == "running" and _feed(db) == [("EV-TEA-1", "running")]


def test_an_events_prices_are_promotions_of_that_event_only(
    client: TestClient, db: Database, till: Till
) -> None:
    from sync.server import promotions as promos
    from tests.sync.server.event_helpers import event_sale
    from tests.sync.server.helpers import TEA, sale_payload
    from tests.sync.server.promo_helpers import promoted

    body = event_data() | {"prices": [{"sku": TEA_SKU, "price_fen": 9900}]}
    made = client.post("/api/v1/events", json=body, headers=ops_headers(db))
    assert made.status_code == 200, made.text
    with db.read() as session:
        [promo] = [p for p in promos.list_promotions(session) if p.id == "EV-TEA-1-P1"]
    assert (promo.kind, promo.stores, promo.status) == ("special_price", ["S001"], "active")
    assert (promo.definition["event_id"], promo.definition["price_fen"]) == ("EV-TEA-1", 9900)
    assert promo.definition["scope"] == {"categories": [], "skus": [TEA_SKU]}
    # a sale at the event, at the event price: explained, credited to the event
    sale = event_sale(promoted(sale_payload([(TEA, 1)]), {1: [("EV-TEA-1-P1", 12800 - 9900)]}))
    result = till.push_ok([till.next_item("sale", sale)])[0]
    assert (result["status"], result["flags"]) == ("accepted", [])
    # the same price without the event is not the server's
    counter = promoted(sale_payload([(TEA, 1)]), {1: [("EV-TEA-1-P1", 2900)]})
    assert till.push_ok([till.next_item("sale", counter)])[0]["flags"] == ["promotion_unexplained"]
    # a price of a product the event does not feature: refused, nothing created
    wrong = event_data("EV-2") | {"prices": [{"sku": "YC-GRN-0001", "price_fen": 100}]}
    refused = client.post("/api/v1/events", json=wrong, headers=ops_headers(db))
    assert (refused.status_code, refused.json()["code"]) == (422, "event_invalid")
    assert "prices" in refused.json()["message"]
    assert [
        e["event_id"] for e in client.get("/api/v1/events", headers=ops_headers(db)).json()
    ] == ["EV-TEA-1"]
