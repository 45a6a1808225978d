"""Managing promotions on the central server (sync/server/promotions.py, the API of
sync/server/api/promotions.py): create, schedule, pause, resume, end, list; every
change reaches the tills as change kind "promotion"; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pos_app.core.promo_codec import promotion_from_dict
from sync.protocol.changes import PromotionData
from sync.server import promotions as promos
from sync.server.changelog import ChangeLog
from sync.server.db import Database
from sync.server.models.promotions import PromotionStatusChange
from tests.sync.server.helpers import Till
from tests.sync.server.promo_helpers import TEA10, bearer, create, ops_token


def _promotion_changes(till: Till) -> dict[str, dict[str, Any]]:
    changes = till.get("/changes").json()["changes"]
    return {c["key"]: c["data"] for c in changes if c["kind"] == "promotion"}


def test_a_created_promotion_reaches_the_tills_with_its_stores_and_status(
    client: TestClient, db: Database, till: Till
) -> None:
    token = ops_token(db)
    made = create(client, token, TEA10, stores=["S002", "S001"], budget_fen=50000)
    assert made.status_code == 200, made.text
    body = made.json()
    assert (body["id"], body["status"], body["stores"]) == ("P_TEA9", "active", ["S001", "S002"])
    assert (body["budget_fen"], body["given_fen"], body["kind"]) == (50000, 0, "percent_off")
    data = _promotion_changes(till)["P_TEA9"]
    PromotionData.model_validate(data)  # the documented model of the change
    assert data["stores"] == ["S001", "S002"] and data["status"] == "active"
    # the definition, exactly as the codec writes it, with the cap given apart
    assert data["budget_fen"] == 50000 and data["percent_bps"] == 1000
    assert data["scope"] == {"categories": ["tea"], "skus": []}
    assert "price_fen" not in data  # only the kind's own parameters
    # what a till does with it: the codec reads back the very promotion that was created
    definition = {k: v for k, v in data.items() if k not in ("stores", "status")}
    assert promotion_from_dict(definition) == promotion_from_dict({**TEA10, "budget_fen": 50000})
    assert body["definition"] == definition  # the API shows the very same keys


def test_pause_resume_end_each_emit_a_change_and_end_is_final(
    client: TestClient, db: Database, till: Till
) -> None:
    token = ops_token(db)
    assert create(client, token, TEA10).status_code == 200

    def move(action: str) -> Any:
        return client.post(f"/api/v1/promotions/P_TEA9/{action}", headers=bearer(token))

    assert move("pause").json()["status"] == "paused"
    assert _promotion_changes(till)["P_TEA9"]["status"] == "paused"
    assert move("pause").json()["status"] == "paused"  # again: nothing changes
    assert move("resume").json()["status"] == "active"
    assert _promotion_changes(till)["P_TEA9"]["status"] == "active"
    assert move("end").json()["status"] == "ended"
    assert _promotion_changes(till)["P_TEA9"]["status"] == "ended"
    for action in ("resume", "pause"):
        refused = move(action)
        assert (refused.status_code, refused.json()["code"]) == (409, "promotion_state")
    window = {"window": {"start_date": "2026-12-01"}}
    late = client.post("/api/v1/promotions/P_TEA9/schedule", json=window, headers=bearer(token))
    assert (late.status_code, late.json()["code"]) == (409, "promotion_state")
    with db.read() as session:
        history = session.scalars(
            select(PromotionStatusChange.status).order_by(PromotionStatusChange.id)
        ).all()
    assert history == ["active", "paused", "active", "ended"]


def test_schedule_replaces_the_window_and_the_tills_hear_of_it(
    client: TestClient, db: Database, till: Till
) -> None:
    token = ops_token(db)
    create(client, token, TEA10)
    window = {"start_date": "2026-12-01", "end_date": "2026-12-07", "weekdays": [3],
              "hours": ["10:00", "22:00"]}  # fmt: skip
    done = client.post(
        "/api/v1/promotions/P_TEA9/schedule", json={"window": window}, headers=bearer(token)
    )
    assert done.status_code == 200 and done.json()["definition"]["window"] == window
    assert _promotion_changes(till)["P_TEA9"]["window"] == window
    bad = client.post(
        "/api/v1/promotions/P_TEA9/schedule",
        json={"window": {"start_date": "2026-12-07", "end_date": "2026-12-01"}},
        headers=bearer(token),
    )
    assert (bad.status_code, bad.json()["code"]) == (422, "promotion_invalid")
    assert "end_date" in bad.json()["message"]


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        # refused by the request's schema (strict: a true is no number)
        ({"percent_bps": 0}, "invalid_request", "percent_bps"),
        ({"percent_bps": True}, "invalid_request", "percent_bps"),
        ({"kind": "half_price"}, "invalid_request", "kind"),
        ({"id": ""}, "invalid_request", "id"),
        ({"name": "茶\ud800"}, "invalid_request", "name"),  # no UTF-8 for a lone surrogate
        ({"scope": {"categories": ["tea\x00"], "skus": []}}, "invalid_request", "categories"),
        # then by the till's own codec
        ({"price_fen": 100}, "promotion_invalid", "price_fen"),  # not a parameter of its kind
        ({"price_fen": None}, "promotion_invalid", "price_fen"),  # not even as a null
        ({"window": {"start_date": "2026-13-01"}}, "promotion_invalid", "start_date"),
        ({"window": {"hours": ["22:00", "10:00"]}}, "promotion_invalid", "hours"),
    ],
)
def test_a_bad_definition_is_refused_naming_its_field(
    client: TestClient, db: Database, change: dict[str, Any], code: str, field: str
) -> None:
    refused = create(client, ops_token(db), {**TEA10, **change})
    assert (refused.status_code, refused.json()["code"]) == (422, code)
    assert field in refused.json()["message"]
    listed = client.get("/api/v1/promotions", headers=bearer(ops_token(db))).json()
    assert listed == []


def test_a_taken_id_an_unknown_store_and_an_unknown_id_are_refused(
    client: TestClient, db: Database
) -> None:
    token = ops_token(db)
    assert create(client, token, TEA10).status_code == 200
    again = create(client, token, {**TEA10, "name": "另一个"})
    assert (again.status_code, again.json()["code"]) == (409, "promotion_exists")
    nowhere = create(client, token, {**TEA10, "id": "X"}, stores=["S777"])
    assert (nowhere.status_code, nowhere.json()["code"]) == (422, "promotion_invalid")
    missing = client.post("/api/v1/promotions/NOPE/pause", headers=bearer(token))
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    negative = create(client, token, {**TEA10, "id": "Y"}, budget_fen=-1)
    assert negative.status_code == 422


def test_a_store_manager_lists_its_stores_promotions_and_no_others(
    client: TestClient, db: Database
) -> None:
    from sync.server import tokens
    from sync.server.tokens import Role

    token = ops_token(db)
    create(client, token, TEA10, stores=["S001"])
    create(client, token, {**TEA10, "id": "ALL"})
    create(client, token, {**TEA10, "id": "ONLY2"}, stores=["S002"])
    with db.write() as session:
        s001 = tokens.issue(
            session, role=Role.STORE_MANAGER, store="S001", now=datetime.now(UTC)
        ).token
    own = client.get("/api/v1/stores/S001/promotions", headers=bearer(s001))
    assert [p["id"] for p in own.json()] == ["ALL", "P_TEA9"]
    other = client.get("/api/v1/stores/S002/promotions", headers=bearer(s001))
    assert (other.status_code, other.json()["code"]) == (403, "wrong_store")
    everything = client.get("/api/v1/promotions", headers=bearer(token)).json()
    assert [p["id"] for p in everything] == ["ALL", "ONLY2", "P_TEA9"]
    of_s002 = client.get("/api/v1/promotions?store=S002", headers=bearer(token)).json()
    assert [p["id"] for p in of_s002] == ["ALL", "ONLY2"]


def test_the_change_is_written_in_the_same_transaction_as_the_promotion(db: Database) -> None:
    """A refused create leaves neither the promotion nor a change behind."""
    changes = ChangeLog()
    now = datetime.now(UTC)
    with pytest.raises(promos.PromotionError) as caught, db.write() as session:
        promos.create(
            session, definition=TEA10, stores=["S404"], budget_fen=None, now=now,
            changes=changes,
        )  # fmt: skip
    assert (caught.value.code, caught.value.field) == ("invalid", "stores")
    assert len(changes) == 0
    with db.read() as session:
        assert promos.list_promotions(session) == []


def test_the_documented_example_is_a_promotion_a_till_reads() -> None:
    path = Path(__file__).resolve().parents[3] / "docs" / "examples" / "change-promotion.json"
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    PromotionData.model_validate(data)
    promo = promotion_from_dict({k: v for k, v in data.items() if k not in ("stores", "status")})
    assert (promo.promo_id, promo.budget_fen, len(promo.tiers)) == ("T200", 500000, 2)
