"""Pushed records of a tasting event (event_sample, event_feedback, event_visitors,
event_lead), on SQLite and PostgreSQL: accepted and stored once by their own id (a
re-push is a duplicate), every field checked against the server's records (refused
with a coded reason, or stored and flagged), and sales credited to their event."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from pos_app.core.events import event_from_dict
from sync.server import events as ev
from sync.server.changelog import ChangeLog
from sync.server.db import Database
from sync.server.models.events import (
    EventFeedback,
    EventFeedbackTag,
    EventLead,
    EventSale,
    EventSample,
    EventVisitors,
)
from tests.sync.server.event_helpers import (
    CASHIER,
    MANAGER,
    NOW,
    PROMOTER,
    TEA_SKU,
    WATER_SKU,
    event_data,
    event_sale,
    feedback,
    lead,
    make_event,
    record_item,
    sample,
    visitors,
)
from tests.sync.server.helpers import R0001, TEA, WATER, Till, sale_payload


@pytest.fixture
def event(db: Database) -> str:
    return make_event(db).data.event_id


def _count(db: Database, model: type[Any]) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_each_kind_is_stored_once_and_a_repush_is_a_duplicate(
    till: Till, db: Database, event: str
) -> None:
    records = [
        ("event_sample", sample(TEA_SKU, 2)),
        ("event_sample", sample(WATER_SKU, 30, unit="g")),
        ("event_feedback", feedback(4, ["口感", "价格"], resident_id="R0001", consent=True,
                                    note=" 回甘好 ")),
        ("event_visitors", visitors(5)),
        ("event_lead", lead("R0002")),
    ]  # fmt: skip
    items = [record_item(till, kind, payload) for kind, payload in records]
    results = till.push_ok(items)
    assert [(r["status"], r["reason"], r["flags"]) for r in results] == [("accepted", None, [])] * 5
    with db.read() as session:
        samples = session.scalars(select(EventSample).order_by(EventSample.quantity)).all()
        assert [(s.sku, s.quantity, s.unit, s.cost_fen, s.cost_terminal, s.reason)
                for s in samples] == [(TEA_SKU, 2, "piece", 300, 300, "试吃"),
                                      (WATER_SKU, 30, "g", 30, 30, "试吃")]  # fmt: skip
        note = session.scalars(select(EventFeedback)).one()
        assert (note.sku, note.rating, note.note, note.resident_id, note.consent) == (
            TEA_SKU, 4, "回甘好", "R0001", True)  # fmt: skip
        tags = session.scalars(select(EventFeedbackTag.tag).order_by(EventFeedbackTag.tag))
        assert sorted(tags) == sorted(["口感", "价格"])
        assert session.scalars(select(EventVisitors.count)).all() == [5]
        assert session.scalars(select(EventLead.resident_id)).all() == ["R0002"]
    # the same items again, then the same records under new item ids: nothing more
    assert {r["status"] for r in till.push_ok(items)} == {"duplicate"}
    again = [record_item(till, kind, payload) for kind, payload in records]
    assert {r["status"] for r in till.push_ok(again)} == {"duplicate"}
    assert (_count(db, EventSample), _count(db, EventFeedback), _count(db, EventFeedbackTag),
            _count(db, EventVisitors), _count(db, EventLead)) == (2, 1, 2, 1, 1)  # fmt: skip


def test_another_till_position_pushing_the_same_record_id_is_refused(
    till: Till, new_till: Any, event: str
) -> None:
    record = visitors(2)
    assert till.push_ok([record_item(till, "event_visitors", record)])[0]["status"] == "accepted"
    other = new_till("S001", "T02")
    moved = record | {"terminal_code": "T02"}
    result = other.push_ok([record_item(other, "event_visitors", moved)])[0]
    assert (result["status"], result["reason"]) == ("rejected", "id_conflict")


def test_the_server_stores_its_own_sample_cost_and_flags_the_tills(
    till: Till, db: Database, event: str
) -> None:
    wrong = sample(TEA_SKU, 3, cost_fen=100)  # the event says ¥1.50 a piece: 450
    result = till.push_ok([record_item(till, "event_sample", wrong)])[0]
    assert (result["status"], result["flags"]) == ("accepted", ["sample_cost_mismatch"])
    with db.read() as session:
        row = session.get(EventSample, wrong["sample_id"])
        assert row is not None and (row.cost_fen, row.cost_terminal) == (450, 100)


def _other_store_event(db: Database) -> None:
    make_event(db, "EV-S002", store_code="S002", promoters=[])


REFUSALS = [
    ("unknown event", "event_visitors", visitors(event_id="EV-NONE"), "event_unknown", None),
    ("another store's event", "event_visitors", visitors(event_id="EV-S002"),
     "event_unknown", None),
    ("unknown promoter", "event_visitors", visitors(promoter="nobody"), "promoter_unknown", None),
    ("before the event", "event_sample", sample(at=NOW - timedelta(hours=4)),
     "event_time_out_of_bounds", None),
    ("after the event", "event_visitors", visitors(at=NOW + timedelta(hours=2, minutes=16)),
     "event_time_out_of_bounds", None),
    ("in the future", "event_visitors", visitors(at=NOW + timedelta(hours=1)),
     "event_time_out_of_bounds", None),
    ("a product not at the event", "event_sample", sample("YC-GRN-0001"),
     "event_record_invalid", "payload.sku"),
    ("another unit", "event_sample", sample(WATER_SKU, 30, unit="piece"),
     "event_record_invalid", "payload.unit"),
    ("feedback on another product", "event_feedback", feedback(sku="YC-GRN-0001"),
     "event_record_invalid", "payload.sku"),
    ("a tag not on the form", "event_feedback", feedback(tags=["颜值"]),
     "event_record_invalid", "payload.tags"),
    ("a tag twice", "event_feedback", feedback(tags=["口感", "口感"]),
     "event_record_invalid", "payload.tags"),
    ("a resident without consent", "event_feedback", feedback(resident_id="R0001"),
     "event_record_invalid", "payload.consent"),
    ("an unknown resident", "event_feedback", feedback(resident_id="R9999", consent=True),
     "event_record_invalid", "payload.resident_id"),
    ("a lead without consent", "event_lead", lead(consent=False),
     "event_record_invalid", "payload.consent"),
    ("a lead of nobody known", "event_lead", lead("R9999"),
     "event_record_invalid", "payload.resident_id"),
    ("a tally of 501", "event_visitors", visitors(501), "invalid_payload", "payload.count"),
    ("a rating of 6", "event_feedback", feedback(6), "invalid_payload", "payload.rating"),
    ("a sample of 0", "event_sample", sample(quantity=0), "invalid_payload", "payload.quantity"),
    ("a note of 201", "event_feedback", feedback(note="好" * 201),
     "invalid_payload", "payload.note"),
    ("another till", "event_visitors", visitors(terminal="T09"), "wrong_terminal", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "payload", "reason", "field"),
    [r[1:] for r in REFUSALS],
    ids=[r[0] for r in REFUSALS],
)
def test_what_cannot_be_is_refused_with_its_reason(
    till: Till,
    db: Database,
    event: str,
    kind: str,
    payload: dict[str, Any],
    reason: str,
    field: str | None,
) -> None:
    _other_store_event(db)
    result = till.push_ok([record_item(till, kind, payload)])[0]
    assert (result["status"], result["reason"], result["field"]) == ("rejected", reason, field)
    assert sum(_count(db, m) for m in (EventSample, EventFeedback, EventVisitors, EventLead)) == 0


def test_an_item_whose_aggregate_is_not_its_record_is_refused(till: Till, event: str) -> None:
    item = record_item(till, "event_visitors", visitors())
    item["aggregate_id"] = "not-the-tally"
    assert till.push_ok([item])[0]["reason"] == "aggregate_mismatch"


def test_a_promoter_off_the_list_and_a_cancelled_event_are_flagged(
    till: Till, db: Database, event: str
) -> None:
    by_cashier = till.push_ok([record_item(till, "event_visitors", visitors(promoter=CASHIER))])
    by_manager = till.push_ok([record_item(till, "event_visitors", visitors(promoter=MANAGER))])
    assert by_cashier[0]["flags"] == ["promoter_not_listed"]
    assert (by_manager[0]["status"], by_manager[0]["flags"]) == ("accepted", [])
    with db.write() as session:
        ev.change_status(
            session, event_id=event, action=ev.Action.CANCEL, now=NOW, changes=ChangeLog()
        )
    late = till.push_ok([record_item(till, "event_visitors", visitors(promoter=PROMOTER))])[0]
    assert (late["status"], late["flags"]) == ("accepted", ["event_cancelled"])


def test_the_old_kinds_stay_unsupported_and_the_new_ones_never_are(till: Till, event: str) -> None:
    old = {"item_id": "0b7f4b8e-9f7e-4c52-8f8a-3a5cbbb0d1a1", "kind": "sample",
           "aggregate_id": "x", "seq": 1, "created_at": NOW.isoformat(), "payload": {}}  # fmt: skip
    till.seq = 1
    new = [
        record_item(till, "event_sample", sample()),
        record_item(till, "event_feedback", feedback()),
        record_item(till, "event_visitors", visitors()),
        record_item(till, "event_lead", lead()),
    ]
    results = till.push_ok([old, *new])
    assert results[0]["reason"] == "unsupported_kind"
    assert [r["status"] for r in results[1:]] == ["accepted"] * 4


def test_an_event_sale_is_credited_to_its_event_when_the_server_agrees(
    till: Till, db: Database, event: str
) -> None:
    make_event(db, "EV-LATER", starts_at=(NOW + timedelta(days=1)).isoformat(),
               ends_at=(NOW + timedelta(days=1, hours=3)).isoformat())  # fmt: skip
    at = NOW - timedelta(minutes=20)
    member_sale = event_sale(sale_payload([(TEA, 1)], member=R0001, when=at))
    anonymous = event_sale(sale_payload([(WATER, 3)], when=at, sequence=2))
    unknown = event_sale(sale_payload([(WATER, 1)], when=at, sequence=3), "EV-NONE")
    not_yet = event_sale(sale_payload([(WATER, 1)], when=at, sequence=4), "EV-LATER")
    by_cashier = event_sale(sale_payload([(WATER, 2)], when=at, sequence=5)) | {
        "cashier": "收银员小王"
    }
    sales = [member_sale, anonymous, unknown, not_yet, by_cashier]
    results = till.push_ok([till.next_item("sale", s) for s in sales])
    assert [r["status"] for r in results] == ["accepted"] * 5
    assert ["event_unattributed" in r["flags"] for r in results] == [
        False, False, True, True, False]  # fmt: skip
    assert "promoter_not_listed" in results[4]["flags"]
    assert "promoter_not_listed" not in results[0]["flags"]
    with db.read() as session:
        rows = session.execute(
            select(EventSale.sale_id, EventSale.event_id, EventSale.promoter, EventSale.member_id)
        ).all()
    assert sorted(rows) == sorted([
        (member_sale["sale_id"], event, PROMOTER, "R0001"),
        (anonymous["sale_id"], event, PROMOTER, None),
        (by_cashier["sale_id"], event, CASHIER, None),
    ])  # fmt: skip


def test_the_event_reaches_the_tills_of_its_store_as_an_event_change(
    till: Till, db: Database, event: str
) -> None:
    changes = till.get("/changes", params={"cursor": "0"}).json()["changes"]
    mine = [c for c in changes if c["kind"] == "event"]
    assert [(c["key"], c["op"]) for c in mine] == [(event, "upsert")]
    data = mine[0]["data"]
    # the till reads it with its own reader, exactly (an unknown key or type is refused)
    read = event_from_dict(data)
    assert (read.event_id, read.community_code, read.status.value) == (event, "C001", "planned")
    assert [(p.sku, p.sample_cost_fen, p.sample_unit.value) for p in read.products] == [
        (TEA_SKU, 150, "piece"), (WATER_SKU, 1, "g")]  # fmt: skip
    expected = event_data() | {"community_code": "C001", "status": "planned"}
    for key in ("starts_at", "ends_at"):
        assert data.pop(key).replace("Z", "+00:00") == expected.pop(key)
    assert data == expected
