"""Store-only promotions and events set up at a till (store_promotion, store_event;
sync/server/push_store.py), on SQLite and PostgreSQL: accepted only as far as the
server can check (the store, the approving manager, the definition, the id), the
promotion's budget capped, its revisions applied in order whatever order they come
in, its moment the record's trusted time; then announced like a central one."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from sync.server import staff as staff_admin
from sync.server.changelog import ChangeLog
from sync.server.db import Database
from sync.server.models.changes import Change
from sync.server.models.events import Event, EventSample
from sync.server.models.orders import Order
from sync.server.models.promotions import Promotion, PromotionStatusChange, PromotionVersion
from sync.server.models.terminals import Terminal
from tests.sync.server.event_helpers import CASHIER, MANAGER, TEA_SKU, make_event, sample
from tests.sync.server.event_helpers import record_item as event_item
from tests.sync.server.helpers import R0001, TEA, WATER, Till, sale_payload
from tests.sync.server.promo_helpers import TEA10, bearer, create, ops_token, promoted
from tests.sync.server.store_helpers import STORE_TEA, store_event, store_item, store_promotion

PROMO_ID = STORE_TEA["id"]
CAP = 200_000  # the server's default cap on a store promotion's budget (¥2,000)


def _one(till: Till, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    return till.push_ok([store_item(till, kind, payload)])[0]


def _refused(till: Till, kind: str, payload: dict[str, Any]) -> tuple[str, str | None]:
    result = _one(till, kind, payload)
    assert result["status"] == "rejected", result
    return result["reason"], result["field"]


def _promotion(db: Database, promo_id: str = PROMO_ID) -> Promotion | None:
    with db.read() as session:
        row = session.get(Promotion, promo_id)
        if row is not None:
            session.expunge(row)
        return row


def _history(db: Database, promo_id: str = PROMO_ID) -> list[tuple[str, str]]:
    with db.read() as session:
        rows = session.scalars(
            select(PromotionStatusChange)
            .where(PromotionStatusChange.promotion_id == promo_id)
            .order_by(PromotionStatusChange.id)
        )
        return [(r.status, r.reason) for r in rows]


def _announced(db: Database, key: str, kind: str = "promotion") -> dict[str, Any] | None:
    with db.read() as session:
        row = session.scalars(select(Change).where(Change.kind == kind, Change.key == key)).first()
        return None if row is None or row.data is None else json.loads(row.data)


def _add_staff(db: Database, store: str, role: str, staff_id: str) -> None:
    now = datetime.now(UTC)
    with db.write() as session:
        changes = ChangeLog()
        staff_admin.add_staff(
            session, store_code=store, name=f"员工{staff_id[-2:]}", role=role, pin="1470",
            now=now, changes=changes, staff_id=staff_id,
        )  # fmt: skip
        changes.flush(session, now=now)


# --- a promotion -----------------------------------------------------------------------


def test_a_store_promotion_is_stored_capped_announced_and_explains_the_sales_after_it(
    till: Till, db: Database
) -> None:
    promo = store_promotion()
    sale = promoted(sale_payload([(TEA, 1), (WATER, 1)], member=R0001), {1: [(PROMO_ID, 2560)]})
    early = promoted(sale_payload([(TEA, 1)]), {1: [(PROMO_ID, 2560)]})
    # in one push: a sale the server gets before the promotion (not explained by it), the
    # promotion, then the sale it priced (the till's outbox order)
    results = till.push_ok([till.next_item("sale", early),
                            store_item(till, "store_promotion", promo),
                            till.next_item("sale", sale)])  # fmt: skip
    assert [(r["status"], r["flags"]) for r in results] == [
        ("accepted", ["promotion_unexplained"]),
        ("accepted", ["promotion_budget_capped"]),
        ("accepted", []),
    ]
    results = results[1:]
    row = _promotion(db)
    assert row is not None
    assert (row.origin, row.store_code, row.approver, row.revision, row.status) == (
        "store", "S001", MANAGER, 1, "active")  # fmt: skip
    assert (row.budget_fen, row.claimed_budget_fen, row.budget_capped) == (CAP, None, True)
    assert json.loads(row.definition)["budget_fen"] == CAP
    announced = _announced(db, PROMO_ID)
    assert announced is not None
    assert (announced["stores"], announced["status"], announced["budget_fen"]) == (
        ["S001"], "active", CAP)  # fmt: skip
    # points on the net: (12800 − 2560 + 200) × 10% × 30%
    assert results[1]["flags"] == []
    with db.read() as session:
        order = session.get(Order, sale["sale_id"])
        assert (
            order is not None and order.points_server == (12800 - 2560 + 200) * 3000 // 10000 // 10
        )
        assert session.get(Promotion, PROMO_ID).given_fen == 2560  # type: ignore[union-attr]


def test_a_sale_made_before_the_promotion_existed_is_not_explained_by_it(
    till: Till, db: Database
) -> None:
    with db.write() as session:  # the till has sold here for days
        session.execute(update(Terminal).values(enrolled_at=datetime.now(UTC) - timedelta(days=3)))
    now = datetime.now(UTC).replace(microsecond=0)
    assert _one(till, "store_promotion", store_promotion(at=now))["status"] == "accepted"
    early = promoted(sale_payload([(TEA, 1)], when=now - timedelta(hours=2)),
                     {1: [(PROMO_ID, 2560)]})  # fmt: skip
    later = promoted(sale_payload([(TEA, 1)], when=now + timedelta(seconds=1)),
                     {1: [(PROMO_ID, 2560)]})  # fmt: skip
    results = till.push_ok([till.next_item("sale", early), till.next_item("sale", later)])
    assert [r["flags"] for r in results] == [["promotion_unexplained"], []]


def test_the_promotions_moment_is_the_records_trusted_time(till: Till, db: Database) -> None:
    future = datetime.now(UTC) + timedelta(days=3)  # a till clock days ahead
    before = datetime.now(UTC)
    assert _one(till, "store_promotion", store_promotion(at=future))["status"] == "accepted"
    with db.read() as session:
        since = session.scalars(select(PromotionVersion.since)).one()
    assert before - timedelta(seconds=1) <= since <= datetime.now(UTC)  # the receipt, at most


@pytest.mark.parametrize(
    ("budget", "stored", "flags"),
    [(None, CAP, ["promotion_budget_capped"]), (CAP + 1, CAP, ["promotion_budget_capped"]),
     (CAP, CAP, []), (5000, 5000, [])],
)  # fmt: skip
def test_a_store_promotions_budget_is_capped_by_the_server(
    till: Till, db: Database, budget: int | None, stored: int, flags: list[str]
) -> None:
    definition = {**STORE_TEA, **({} if budget is None else {"budget_fen": budget})}
    assert _one(till, "store_promotion", store_promotion(definition))["flags"] == flags
    row = _promotion(db)
    assert row is not None
    assert (row.budget_fen, row.claimed_budget_fen, row.budget_capped) == (
        stored,
        budget,
        bool(flags),
    )


def test_the_cap_is_a_server_setting(
    monkeypatch: pytest.MonkeyPatch, till: Till, db: Database
) -> None:
    monkeypatch.setenv("YC_CENTRAL_STORE_PROMOTION_MAX_BUDGET_FEN", "3000")
    definition = {**STORE_TEA, "budget_fen": 5000}
    assert _one(till, "store_promotion", store_promotion(definition))["flags"] == [
        "promotion_budget_capped"
    ]
    row = _promotion(db)
    assert row is not None and (row.budget_fen, row.claimed_budget_fen) == (3000, 5000)


def test_a_spent_budget_pauses_a_store_promotion(till: Till, db: Database) -> None:
    definition = {**STORE_TEA, "budget_fen": 3000}
    assert _one(till, "store_promotion", store_promotion(definition))["status"] == "accepted"
    sales = [promoted(sale_payload([(TEA, 1)]), {1: [(PROMO_ID, 2560)]}) for _ in range(2)]
    results = till.push_ok([till.next_item("sale", s) for s in sales])
    assert [r["flags"] for r in results] == [[], ["promotion_over_budget"]]
    assert _promotion(db).status == "paused"  # type: ignore[union-attr]


def test_revisions_apply_in_order_and_an_older_one_is_a_no_op(till: Till, db: Database) -> None:
    assert _one(till, "store_promotion", store_promotion())["status"] == "accepted"
    again = _one(till, "store_promotion", store_promotion())  # revision 1 again, a new item
    assert (again["status"], again["reason"]) == ("duplicate", None)
    assert (
        _one(till, "store_promotion", store_promotion(status="paused", revision=2))["status"]
        == "accepted"
    )
    assert (
        _one(till, "store_promotion", store_promotion(status="active", revision=1))["status"]
        == "duplicate"
    )
    assert (
        _one(till, "store_promotion", store_promotion(status="active", revision=3))["status"]
        == "accepted"
    )
    row = _promotion(db)
    assert row is not None and (row.status, row.revision) == ("active", 3)
    assert _history(db) == [("active", "create"), ("paused", "store:pause"),
                            ("active", "store:resume")]  # fmt: skip
    assert _announced(db, PROMO_ID)["status"] == "active"  # type: ignore[index]


def test_out_of_order_revisions_keep_the_newest(till: Till, db: Database) -> None:
    # revision 1 was lost (or refused): revision 3 comes first, then 2
    results = till.push_ok([
        store_item(till, "store_promotion", store_promotion(status="ended", revision=3)),
        store_item(till, "store_promotion", store_promotion(status="paused", revision=2)),
    ])  # fmt: skip
    assert [r["status"] for r in results] == ["accepted", "duplicate"]
    row = _promotion(db)
    assert row is not None and (row.status, row.revision) == ("ended", 3)
    assert _history(db) == [("active", "create"), ("ended", "store:end")]


def test_an_ended_store_promotion_never_comes_back(till: Till, db: Database) -> None:
    _one(till, "store_promotion", store_promotion(status="ended", revision=2))
    with db.read() as session:
        before = session.scalar(select(func.max(Change.seq)))
    assert _refused(till, "store_promotion", store_promotion(revision=3)) == (
        "promotion_state", None)  # fmt: skip
    row = _promotion(db)
    assert row is not None and (row.status, row.revision) == ("ended", 2)
    with db.read() as session:  # the till that asked is told the server's status again
        change = session.scalars(select(Change).where(Change.key == PROMO_ID)).one()
    assert change.seq > (before or 0) and json.loads(change.data or "")["status"] == "ended"


def test_operations_still_pause_and_end_a_store_promotion(
    client: TestClient, till: Till, db: Database
) -> None:
    _one(till, "store_promotion", store_promotion())
    headers = bearer(ops_token(db))
    assert client.post(f"/api/v1/promotions/{PROMO_ID}/pause", headers=headers).status_code == 200
    assert client.post(f"/api/v1/promotions/{PROMO_ID}/end", headers=headers).status_code == 200
    assert _promotion(db).status == "ended"  # type: ignore[union-attr]
    # the till, not knowing yet, pauses it: refused, the server's ended stands
    assert _refused(till, "store_promotion", store_promotion(status="paused", revision=2))[0] == (
        "promotion_state"
    )


def test_a_record_of_another_store_or_till_is_wrong_terminal(till: Till) -> None:
    assert _refused(till, "store_promotion", store_promotion(store="S002")) == (
        "wrong_terminal", None)  # fmt: skip
    assert _refused(till, "store_promotion", store_promotion(terminal="T09"))[0] == "wrong_terminal"
    assert _refused(till, "store_event", store_event(store_code="S002"))[0] == "wrong_terminal"


def test_the_approver_must_be_an_active_manager_of_the_store(till: Till, db: Database) -> None:
    _add_staff(db, "S002", "manager", "s002-manager-01")
    _add_staff(db, "S001", "manager", "s001-manager-02")
    with db.write() as session:
        changes = ChangeLog()
        staff_admin.disable_staff(
            session, store_code="S001", staff_id="s001-manager-02", now=datetime.now(UTC),
            changes=changes,
        )  # fmt: skip
        changes.flush(session)
    for approver in ("no-such-person", "", "s002-manager-01", "s001-manager-02"):
        assert _refused(till, "store_promotion", store_promotion(approver=approver)) == (
            "approver_unknown", None), approver  # fmt: skip
    assert _refused(till, "store_promotion", store_promotion(approver=CASHIER))[0] == (
        "not_a_manager"
    )
    assert _refused(till, "store_event", store_event(manager=CASHIER))[0] == "not_a_manager"
    assert _promotion(db) is None


def test_a_central_promotion_or_another_stores_is_never_taken_over(
    client: TestClient, new_till: Callable[..., Till], till: Till, db: Database
) -> None:
    create(client, ops_token(db), TEA10, stores=["S001"])
    hijack = store_promotion({**STORE_TEA, "id": TEA10["id"]}, status="ended", revision=9)
    assert _refused(till, "store_promotion", hijack) == ("id_taken", None)
    assert _promotion(db, TEA10["id"]).status == "active"  # type: ignore[union-attr]
    _add_staff(db, "S002", "manager", "s002-manager-01")
    other = new_till("S002", "T01")
    theirs = store_promotion(approver="s002-manager-01", store="S002")
    assert _one(other, "store_promotion", theirs)["status"] == "accepted"
    assert _refused(till, "store_promotion", store_promotion(status="paused", revision=2))[0] == (
        "id_taken"
    )
    assert _promotion(db).store_code == "S002"  # type: ignore[union-attr]


def test_an_invalid_definition_is_refused_naming_the_field(till: Till, db: Database) -> None:
    no_percent = {k: v for k, v in STORE_TEA.items() if k != "percent_bps"}
    assert _refused(till, "store_promotion", store_promotion(no_percent)) == (
        "promotion_invalid", "payload.promotion.percent_bps")  # fmt: skip
    make_event(db, "EV-S002", store_code="S002", promoters=[])
    elsewhere = {**STORE_TEA, "event_id": "EV-S002"}
    assert _refused(till, "store_promotion", store_promotion(elsewhere)) == (
        "promotion_invalid", "payload.promotion.event_id")  # fmt: skip
    assert _promotion(db) is None


# --- an event ---------------------------------------------------------------------------


def test_a_store_event_is_stored_announced_and_takes_its_records(till: Till, db: Database) -> None:
    event = store_event()
    early = sample(TEA_SKU, 1, event_id="EV-LOCAL-1")
    taste = sample(TEA_SKU, 2, event_id="EV-LOCAL-1")
    # a record the server gets before its event is unknown; after it, it is the event's
    results = till.push_ok([event_item(till, "event_sample", early),
                            store_item(till, "store_event", event),
                            event_item(till, "event_sample", taste)])  # fmt: skip
    assert [(r["status"], r["reason"]) for r in results] == [
        ("rejected", "event_unknown"), ("accepted", None), ("accepted", None)]  # fmt: skip
    with db.read() as session:
        row = session.get(Event, "EV-LOCAL-1")
        assert row is not None
        assert (row.origin, row.created_by, row.store_code, row.community_code, row.status) == (
            "store", MANAGER, "S001", "C001", "planned")  # fmt: skip
        assert session.scalars(select(EventSample.cost_fen)).all() == [300]
    announced = _announced(db, "EV-LOCAL-1", "event")
    assert announced is not None and announced["products"] == event["event"]["products"]
    assert _one(till, "store_event", store_event())["status"] == "duplicate"


def test_a_central_event_is_never_taken_over(till: Till, db: Database) -> None:
    make_event(db, "EV-TEA-1")
    assert _refused(till, "store_event", store_event("EV-TEA-1", name="改名")) == (
        "id_taken", None)  # fmt: skip
    with db.read() as session:
        assert session.get(Event, "EV-TEA-1").name == "恩施玉露品鉴会"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"products": [{"sku": "NOT-IN-CATALOG", "sample_cost_fen": 1, "sample_unit": "piece"}]},
      "payload.event.products.sku"),
     ({"promoters": ["no-such-promoter"]}, "payload.event.promoters"),
     ({"status": "closed"}, "payload.event.status"),
     ({"community_code": "C999"}, "payload.event.community_code")],
)  # fmt: skip
def test_an_invalid_store_event_is_refused_naming_the_field(
    till: Till, db: Database, overrides: dict[str, Any], field: str
) -> None:
    assert _refused(till, "store_event", store_event(**overrides)) == ("event_invalid", field)
    with db.read() as session:
        assert session.get(Event, "EV-LOCAL-1") is None
