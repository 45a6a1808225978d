"""POST /push: one transaction per batch, per-item results, de-duplication in the database."""

from __future__ import annotations

import copy
import uuid

from sqlalchemy import func, select

from sync.protocol.changes import NoticeData
from sync.server.db import Database
from sync.server.models.orders import IdConflict, Order, ReceivedItem, Refund
from sync.server.models.residents import LedgerEntry
from tests.sync.server.helpers import (
    R0001,
    RICE,
    TEA,
    WATER,
    Till,
    item,
    random_sales,
    refund_payload,
    sale_payload,
)


def _count(db: Database, model: type, *where: object) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)))


def test_the_same_batch_twice_is_stored_once(till: Till, db: Database) -> None:
    sales = random_sales(12)
    items = [till.next_item("sale", s) for s in sales]
    first = till.push_ok(items)
    assert [r["status"] for r in first] == ["accepted"] * 12
    assert [r["item_id"] for r in first] == [i["item_id"] for i in items]  # request order
    again = till.push_ok(items)
    assert [r["status"] for r in again] == ["duplicate"] * 12
    assert _count(db, Order) == 12
    assert _count(db, ReceivedItem) == 12
    earning = sum(1 for s in sales if s["member"] and s["points"] > 0)
    assert earning >= 2
    assert _count(db, LedgerEntry, LedgerEntry.source_kind == "sale") == earning


def test_half_a_batch_then_the_whole_batch_counts_each_once(till: Till, db: Database) -> None:
    items = [till.next_item("sale", s) for s in random_sales(10)]
    till.push_ok(items[:5])  # the response was lost: the till retries everything
    statuses = [r["status"] for r in till.push_ok(items)]
    assert statuses == ["duplicate"] * 5 + ["accepted"] * 5
    assert _count(db, Order) == 10


def test_a_restored_till_resending_a_sale_under_a_new_item_id_is_a_duplicate(
    till: Till, db: Database
) -> None:
    sale = sale_payload([(TEA, 1)], member=R0001)
    till.push_ok([till.next_item("sale", sale)])
    result = till.push_ok([till.next_item("sale", sale)])[0]  # new item id, same sale id
    assert result["status"] == "duplicate"
    assert _count(db, Order) == 1
    assert _count(db, LedgerEntry, LedgerEntry.source_kind == "sale") == 1


def test_duplicates_inside_one_batch(till: Till, db: Database) -> None:
    sale = till.next_item("sale", sale_payload([(WATER, 2)]))
    results = till.push_ok([sale, copy.deepcopy(sale)])
    assert [r["status"] for r in results] == ["accepted", "duplicate"]
    assert _count(db, Order) == 1


def test_rejected_items_are_kept_and_do_not_block_the_batch(till: Till, db: Database) -> None:
    good = sale_payload([(RICE, 1)])
    broken = sale_payload([(TEA, 1)])
    del broken["lines"][0]["unit_price"]  # fails SalePayload validation
    other_till = sale_payload([(TEA, 1)], terminal="T09")
    orphan = refund_payload(
        sale_payload([(TEA, 1)]), [(1, 1, 12800)], eligible_fen=12800, points_clawback=0
    )
    items = [
        till.next_item("sale", broken),
        till.next_item("sale", good),
        till.next_item("sale", other_till),
        till.next_item("refund", orphan),
        till.next_item("feedback", {"text": "好喝"}),
    ]
    results = till.push_ok(items)
    assert [(r["status"], r["reason"]) for r in results] == [
        ("rejected", "invalid_payload"),
        ("accepted", None),
        ("rejected", "wrong_terminal"),
        ("rejected", "sale_unknown"),
        ("rejected", "unsupported_kind"),
    ]
    assert _count(db, Order) == 1
    with db.read() as session:
        kept = {r.item_id: r for r in session.scalars(select(ReceivedItem))}
    assert kept[items[0]["item_id"]].status == "rejected"
    assert kept[items[0]["item_id"]].reason == "invalid_payload"
    assert "unit_price" not in kept[items[0]["item_id"]].payload  # stored as received


def test_a_rejected_refund_succeeds_once_its_sale_arrives(till: Till, db: Database) -> None:
    sale = sale_payload([(TEA, 2)], member=R0001)
    refund = refund_payload(sale, [(1, 1, 12800)], eligible_fen=12800, points_clawback=384)
    sale_item, refund_item = till.next_item("sale", sale), till.next_item("refund", refund)
    assert till.push_ok([refund_item])[0]["reason"] == "sale_unknown"
    results = till.push_ok([sale_item, refund_item])
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    assert till.push_ok([refund_item])[0]["status"] == "duplicate"
    with db.read() as session:
        row = session.scalars(
            select(ReceivedItem).where(ReceivedItem.item_id == refund_item["item_id"])
        ).one()
        assert (row.status, row.attempts) == ("accepted", 2)
    assert _count(db, Refund) == 1


def test_a_refund_beyond_the_sale_is_rejected(till: Till, db: Database) -> None:
    sale = sale_payload([(TEA, 1)], member=R0001)
    too_much = refund_payload(sale, [(1, 2, 25600)], eligible_fen=25600, points_clawback=0)
    no_line = refund_payload(sale, [(7, 1, 100)], eligible_fen=100, points_clawback=0)
    results = till.push_ok(
        [
            till.next_item("sale", sale),
            till.next_item("refund", too_much),
            till.next_item("refund", no_line),
        ]
    )
    assert [r["reason"] for r in results] == [None, "refund_exceeds_sale", "refund_line_unknown"]
    assert _count(db, Refund) == 0


def test_aggregate_and_item_id_checks(till: Till, new_till, db: Database) -> None:  # type: ignore[no-untyped-def]
    sale = sale_payload([(WATER, 1)])
    wrong = item("sale", sale, 1)
    wrong["aggregate_id"] = str(uuid.uuid4())
    assert till.push_ok([wrong])[0]["reason"] == "aggregate_mismatch"
    mine = till.next_item("sale", sale)
    till.push_ok([mine])
    other = new_till(terminal="T02")
    stolen = dict(mine, payload=sale_payload([(WATER, 1)], terminal="T02"))
    stolen["aggregate_id"] = stolen["payload"]["sale_id"]
    result = other.push_ok([stolen])[0]
    assert (result["status"], result["reason"]) == ("rejected", "item_id_conflict")
    with db.read() as session:
        row = session.scalars(
            select(ReceivedItem).where(ReceivedItem.item_id == mine["item_id"])
        ).one()
        assert row.status == "accepted"  # the first terminal's row is untouched


def test_batch_limits_and_protocol_version(till: Till) -> None:
    items = [till.next_item("sale", s) for s in random_sales(2)]
    response = till.post("/push", {"protocol": 2, "items": items})
    assert response.status_code == 400 and response.json()["code"] == "unsupported_protocol"
    assert till.post("/push", {"protocol": 1, "items": []}).status_code == 422
    too_many = [items[0]] * 501
    assert till.post("/push", {"protocol": 1, "items": too_many}).status_code == 422


def test_absurd_amounts_are_rejected_not_crashing(till: Till) -> None:
    price = sale_payload([(TEA, 1)])
    price["lines"][0]["unit_price"] = 10**30
    total = sale_payload([(TEA, 1)])
    total["total_fen"] = 10**30
    results = till.push_ok([till.next_item("sale", price), till.next_item("sale", total)])
    # refused by the payload's bounds, each naming the field that breaks them
    assert [(r["status"], r["reason"], r["field"]) for r in results] == [
        ("rejected", "invalid_payload", "payload.lines.0.unit_price"),
        ("rejected", "invalid_payload", "payload.total_fen"),
    ]


# --- ids stored for another till position ----------------------------------------------------


def _notices(till: Till) -> list[dict[str, object]]:
    changes = till.get("/changes", params={"cursor": "", "limit": 5000}).json()["changes"]
    return [c for c in changes if c["kind"] == "notice"]


def test_a_sale_id_of_another_till_is_a_conflict_both_hear_of(  # type: ignore[no-untyped-def]
    till: Till, new_till, db: Database
) -> None:
    first = sale_payload([(TEA, 1)], member=R0001)
    till.push_ok([till.next_item("sale", first)])
    other = new_till(terminal="T02")
    second = dict(sale_payload([(WATER, 1)], terminal="T02"), sale_id=first["sale_id"])
    result = other.push_ok([other.next_item("sale", second)])[0]
    assert (result["status"], result["reason"]) == ("rejected", "id_conflict")
    with db.read() as session:
        [conflict] = session.scalars(select(IdConflict)).all()
        assert (conflict.record_kind, conflict.record_id) == ("sale", first["sale_id"])
        assert (conflict.owner_terminal_id, conflict.terminal_id) == (
            till.enrolled["terminal_id"],
            other.enrolled["terminal_id"],
        )
        order = session.get(Order, first["sale_id"])
        assert order is not None and order.terminal_id == till.enrolled["terminal_id"]
    [notice] = _notices(till)  # the first till hears of it; nobody else does
    assert {k: v for k, v in notice["data"].items() if k != "at"} == {  # type: ignore[union-attr]
        "code": "id_conflict", "record_kind": "sale", "record_id": first["sale_id"]
    }  # fmt: skip
    assert NoticeData.model_validate(notice["data"]).at.tzinfo is not None
    assert _notices(other) == [] and _notices(new_till(store="S002")) == []
    # pushed again, still a conflict, never a duplicate; recorded once
    again = other.push_ok([other.next_item("sale", second)])[0]
    assert again["reason"] == "id_conflict"
    assert _count(db, IdConflict) == 1


def test_a_re_enrolled_till_resending_its_sale_gets_a_duplicate(  # type: ignore[no-untyped-def]
    till: Till, new_till, db: Database
) -> None:
    sale = sale_payload([(TEA, 1)], member=R0001)
    till.push_ok([till.next_item("sale", sale)])
    replaced = new_till(terminal="T01")  # a new PC at the same till position
    assert replaced.push_ok([replaced.next_item("sale", sale)])[0]["status"] == "duplicate"
    assert _count(db, IdConflict) == 0


def test_a_refund_id_of_another_till_is_a_conflict(  # type: ignore[no-untyped-def]
    till: Till, new_till, db: Database
) -> None:
    sale = sale_payload([(TEA, 2)])
    refund = refund_payload(sale, [(1, 1, 12800)], eligible_fen=12800, points_clawback=0)
    till.push_ok([till.next_item("sale", sale), till.next_item("refund", refund)])
    other = new_till(terminal="T02")
    same_id = refund_payload(sale, [(1, 1, 12800)], eligible_fen=12800, points_clawback=0)
    same_id["refund_id"] = refund["refund_id"]
    result = other.push_ok([other.next_item("refund", same_id)])[0]
    assert (result["status"], result["reason"]) == ("rejected", "id_conflict")
    assert [n["data"]["record_kind"] for n in _notices(till)] == ["refund"]  # type: ignore[index]
    with db.read() as session:
        stored = session.get(Refund, refund["refund_id"])
        assert stored is not None and stored.terminal_id == till.enrolled["terminal_id"]


# --- refund figures ------------------------------------------------------------------------------


def test_a_refunds_total_and_payments_are_the_servers(till: Till, db: Database) -> None:
    sale = sale_payload([(TEA, 2)])
    nothing = refund_payload(sale, [(1, 1, 0)], eligible_fen=0, points_clawback=0)
    nothing["total_fen"] = 999_999_999  # the till's figure: its lines add up to 0
    paid_too_much = refund_payload(
        sale, [(1, 1, 12800)], eligible_fen=12800, points_clawback=0, number=2
    )
    paid_too_much["payments"][0]["amount_fen"] = 20000
    results = till.push_ok(
        [till.next_item("sale", sale)]
        + [till.next_item("refund", r) for r in (nothing, paid_too_much)]
    )
    assert [(r["status"], r["flags"]) for r in results] == [
        ("accepted", []),
        ("accepted", ["refund_total_mismatch"]),
        ("accepted", ["refund_payments_mismatch"]),
    ]
    with db.read() as session:
        stored = [session.get(Refund, r["refund_id"]) for r in (nothing, paid_too_much)]
        assert [
            (r.total_fen, r.total_terminal, r.payments_fen, r.payments_terminal)
            for r in stored
            if r
        ] == [(0, 999_999_999, 0, 0), (12800, 12800, 12800, 20000)]
