"""POST /push with hostile items: each bad item is rejected alone, naming its field, never a 5xx.

Runs on SQLite and PostgreSQL (the `till` fixture's database). Bodies are sent
as raw JSON text, so lone surrogates travel as `\\ud800` escapes exactly as an
attacker's client would send them.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, func, select

from sync.server import ingest
from sync.server.db import WRITE_OPTION, Database
from sync.server.models.orders import Order, ReceivedItem, Refund
from tests.sync.server.helpers import (
    R0001,
    RICE,
    TEA,
    WATER,
    Till,
    item,
    refund_payload,
    sale_payload,
)

Mutate = Callable[[dict[str, Any]], None]


def _post_raw(till: Till, body: Any) -> Any:
    """The body as JSON text with ASCII escapes: a lone surrogate stays `\\ud800`."""
    return till.http.post(
        f"{till.base}/push",
        content=json.dumps(body, ensure_ascii=True),
        headers=till.headers | {"Content-Type": "application/json"},
    )


def _results(till: Till, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    response = _post_raw(till, {"protocol": 1, "items": items})
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    assert len(results) == len(items)
    return results


def _count(db: Database, model: type, *where: object) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)))


def _set(path: str, value: Any) -> Mutate:
    def mutate(it: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = it
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        target[last] = value

    return mutate


def _many_lines(it: dict[str, Any]) -> None:
    it["payload"]["lines"] = [dict(it["payload"]["lines"][0], line_no=n) for n in range(1, 502)]


def _surrogate_key(it: dict[str, Any]) -> None:
    it["payload"]["\ud800"] = 1


def _nul_key(it: dict[str, Any]) -> None:
    it["payload"]["x\x00"] = 1


_Y9999 = "9999-12-31T23:00:00-05:00"  # 10000-01-01 04:00 in UTC
_Y0001 = "0001-01-01T00:00:00+05:00"  # year 0 in UTC
_MEMBER_NUL = {"resident_id": "R\x00", "community_id": "C001", "property_company_id": "P001"}

# each: the mutation, and the field the answer names
REPRODUCTIONS = [
    pytest.param(_set("payload.lines.0.name", "茶\ud800"), "payload.lines.0.name", id="surrogate"),
    pytest.param(_set("payload.receipt_no", "\udfff"), "payload.receipt_no", id="low-surrogate"),
    pytest.param(_set("payload.cashier", "c\x0001"), "payload.cashier", id="NUL"),
    pytest.param(_set("payload.member", _MEMBER_NUL), "payload.member.resident_id", id="NUL-id"),
    pytest.param(_set("seq", 2**63), "seq", id="seq-2^63"),
    pytest.param(_set("seq", 2**64 + 1), "seq", id="seq-2^64+1"),
    pytest.param(_set("payload.lines.0.unit_price", 2**63), "payload.lines.0.unit_price",
                 id="price-2^63"),
    pytest.param(_set("payload.points", 2**63), "payload.points", id="points-2^63"),
    pytest.param(_set("created_at", _Y9999), "created_at", id="item-time-9999"),
    pytest.param(_set("payload.created_at", _Y0001), "payload.created_at", id="sale-time-0001"),
    pytest.param(_set("payload.contract.effective_from", _Y9999),
                 "payload.contract.effective_from", id="contract-time-9999"),
    pytest.param(_set("payload.lines.0.sku", "S" * 65), "payload.lines.0.sku", id="long-sku"),
    pytest.param(_set("aggregate_id", "a" * 37), "aggregate_id", id="long-aggregate"),
    pytest.param(_many_lines, "payload.lines", id="501-lines"),
    pytest.param(_set("kind", "gift"), "kind", id="unknown-kind"),
    pytest.param(_set("payload.lines.0.quantity", 100_000), "payload.lines.0.quantity",
                 id="100kg"),
    pytest.param(_surrogate_key, "payload", id="surrogate-key"),
    pytest.param(_nul_key, "payload.x\\u0000", id="NUL-key"),
    pytest.param(_set("payload", [1, 2]), "payload", id="payload-list"),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "field"), REPRODUCTIONS)
def test_a_bad_item_is_rejected_alone_naming_its_field(
    till: Till, db: Database, mutate: Mutate, field: str
) -> None:
    first = till.next_item("sale", sale_payload([(TEA, 1)], sequence=1))
    bad = till.next_item("sale", sale_payload([(RICE, 1)], member=R0001, sequence=2))
    last = till.next_item("sale", sale_payload([(WATER, 2)], sequence=3))
    mutate(bad)
    results = _results(till, [first, bad, last])
    assert [r["status"] for r in results] == ["accepted", "rejected", "accepted"]
    assert (results[1]["item_id"], results[1]["reason"]) == (bad["item_id"], "invalid_payload")
    assert results[1]["field"] == field
    assert results[1]["detail"]
    assert (results[0]["field"], results[0]["detail"]) == (None, None)
    assert _count(db, Order) == 2
    with db.read() as session:
        row = session.scalars(
            select(ReceivedItem).where(ReceivedItem.item_id == bad["item_id"])
        ).one()
    assert (row.status, row.reason) == ("rejected", "invalid_payload")
    assert row.payload.isascii()  # kept for the manager, escaped: no surrogate, no NUL


def test_a_refund_total_of_2_pow_63_is_rejected_alone(till: Till, db: Database) -> None:
    sale = sale_payload([(TEA, 2)])
    good = refund_payload(sale, [(1, 1, 12800)], eligible_fen=12800, points_clawback=0)
    bad = refund_payload(sale, [(1, 1, 12800)], eligible_fen=12800, points_clawback=0, number=2)
    bad["total_fen"] = 2**63
    items = [till.next_item(k, p) for k, p in (("sale", sale), ("refund", bad), ("refund", good))]
    results = _results(till, items)
    assert [(r["status"], r["field"]) for r in results] == [
        ("accepted", None),
        ("rejected", "payload.total_fen"),
        ("accepted", None),
    ]
    assert _count(db, Refund) == 1


def test_an_item_without_a_readable_id_is_answered_in_its_place(till: Till, db: Database) -> None:
    good = till.next_item("sale", sale_payload([(TEA, 1)]))
    no_id = till.next_item("sale", sale_payload([(RICE, 1)]))
    no_id["item_id"] = "not-a-uuid\ud800"
    results = _results(till, [no_id, good])
    assert results[0] == {
        "item_id": None,
        "status": "rejected",
        "reason": "invalid_payload",
        "flags": [],
        "field": "item_id",
        "detail": results[0]["detail"],
    }
    assert results[1]["status"] == "accepted"
    assert _count(db, ReceivedItem) == 1  # nothing could identify the bad item again


def test_an_invalid_resend_of_an_accepted_item_stays_a_duplicate(till: Till, db: Database) -> None:
    sent = till.next_item("sale", sale_payload([(TEA, 1)]))
    assert _results(till, [sent])[0]["status"] == "accepted"
    broken = copy.deepcopy(sent)
    broken["payload"]["cashier"] = "\x00"
    assert _results(till, [broken])[0]["status"] == "duplicate"
    with db.read() as session:
        row = session.scalars(select(ReceivedItem)).one()
    assert (row.status, row.reason) == ("accepted", None)


def test_a_rejected_item_fixed_and_pushed_again_is_accepted(till: Till, db: Database) -> None:
    sale = till.next_item("sale", sale_payload([(TEA, 1)]))
    broken = copy.deepcopy(sale)
    broken["seq"] = 2**63
    assert _results(till, [broken])[0]["field"] == "seq"
    with db.read() as session:
        row = session.scalars(select(ReceivedItem)).one()
    assert (row.status, row.seq) == ("rejected", 0)  # a stand-in the column can hold
    assert _results(till, [sale])[0]["status"] == "accepted"
    with db.read() as session:
        row = session.scalars(select(ReceivedItem)).one()
    assert (row.status, row.attempts, row.seq) == ("accepted", 2, sale["seq"])


@pytest.mark.parametrize(
    "body",
    [
        [],
        "items",
        {"protocol": 1},
        {"protocol": 1, "items": {}},
        {"protocol": 1, "items": []},
        {"protocol": 1, "items": [1]},
        {"protocol": 1, "items": [["a"]]},
        {"protocol": 2**63, "items": [{}]},
    ],
    ids=repr,
)
def test_only_a_bad_envelope_fails_the_whole_request(till: Till, body: Any) -> None:
    response = _post_raw(till, body)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "invalid_request"


def test_the_batch_limit_is_501_objects(till: Till) -> None:
    one = till.next_item("sale", sale_payload([(TEA, 1)]))
    assert _post_raw(till, {"protocol": 1, "items": [one] * 501}).status_code == 422
    results = _results(till, [{}] * 499 + [one])
    assert [r["field"] for r in results[:2]] == ["item_id", "item_id"]
    assert results[-1]["status"] == "accepted"


def test_a_batch_is_committed_in_chunks_in_seq_order(
    till: Till, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "CHUNK_WEIGHT", 4)  # two one-line sales per transaction
    sales = [sale_payload([(WATER, 1)], sequence=n) for n in range(1, 6)]
    refund = refund_payload(sales[0], [(1, 1, 200)], eligible_fen=200, points_clawback=0)
    items = [till.next_item("sale", s) for s in sales] + [till.next_item("refund", refund)]
    commits: list[int] = []
    engine = till.http.app.state.db.engine

    def listener(conn: Any) -> None:
        if conn.get_execution_options().get(WRITE_OPTION):  # not the token check's read
            commits.append(1)

    event.listen(engine, "commit", listener)
    try:
        # the refund first in the request, last by seq: it still finds its sale
        results = _results(till, items[::-1])
    finally:
        event.remove(engine, "commit", listener)
    assert [r["status"] for r in results] == ["accepted"] * 6
    assert [r["item_id"] for r in results] == [i["item_id"] for i in items[::-1]]
    assert len(commits) == 3  # weights 2,2 | 2,2 | 2,2(refund: one line)
    assert _count(db, Order) == 5 and _count(db, Refund) == 1


def test_openapi_shows_each_item_kind_with_its_payload(till: Till) -> None:
    spec = till.http.get("/openapi.json").json()
    body = spec["paths"]["/api/v1/push"]["post"]["requestBody"]["content"]["application/json"]
    request = spec["components"]["schemas"][body["schema"]["$ref"].rsplit("/", 1)[1]]
    items = request["properties"]["items"]
    assert (items["minItems"], items["maxItems"]) == (1, 500)
    union = items["items"]
    assert union["discriminator"]["propertyName"] == "kind"
    mapping = union["discriminator"]["mapping"]
    assert set(mapping) == {
        "sale", "refund", "shift", "event_sample", "event_feedback", "event_visitors",
        "event_lead", "store_promotion", "store_event", "sample", "feedback",
    }  # fmt: skip
    schemas = spec["components"]["schemas"]
    for kind, payload in (("event_sample", "EventSamplePayload"),
                          ("event_lead", "EventLeadPayload"),
                          ("store_promotion", "StorePromotionPayload"),
                          ("store_event", "StoreEventPayload")):  # fmt: skip
        record = schemas[mapping[kind].rsplit("/", 1)[1]]
        assert record["properties"]["payload"] == {"$ref": f"#/components/schemas/{payload}"}
    shift = schemas[mapping["shift"].rsplit("/", 1)[1]]
    assert shift["properties"]["payload"] == {"$ref": "#/components/schemas/ShiftPayload"}
    sale = schemas[mapping["sale"].rsplit("/", 1)[1]]
    refund = schemas[mapping["refund"].rsplit("/", 1)[1]]
    assert sale["properties"]["payload"] == {"$ref": "#/components/schemas/SalePayload"}
    assert refund["properties"]["payload"] == {"$ref": "#/components/schemas/RefundPayload"}
    line = schemas["SaleLine"]["properties"]
    assert (line["quantity"]["minimum"], line["quantity"]["maximum"]) == (1, 99_999)
    result = schemas["ItemResult"]["properties"]
    assert {"field", "detail"} <= set(result)


# --- property: whatever replaces a field, the answer is per item and never a 5xx ---------

_hostile_text = st.text(
    alphabet=st.characters() | st.sampled_from("\x00\ud800\udfff\ud83d"), max_size=80
)
_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.sampled_from([2**63, 2**63 - 1, -(2**63) - 1, 2**53, 0, -1])
    | st.floats(allow_nan=False, allow_infinity=False)
    | _hostile_text
    | st.sampled_from(["9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+05:00", "kg", "sale"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_hostile_text, inner, max_size=4),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, (*prefix, i))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> None:
    for part in path[:-1]:
        value = value[part]
    value[path[-1]] = new


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), new=_json)
def test_any_field_replaced_by_any_json_gets_a_per_item_answer(
    till: Till, data: st.DataObject, new: Any
) -> None:
    bad = item("sale", sale_payload([(TEA, 1), (RICE, 2)], sequence=1), 1)
    path = data.draw(st.sampled_from(_paths(bad)), label="path")
    _replace(bad, path, new)
    good = item("sale", sale_payload([(WATER, 1)], sequence=2), 2, item_id=str(uuid.uuid4()))
    results = _results(till, [bad, good])
    assert results[1]["status"] == "accepted"
    assert results[0]["status"] in {"accepted", "rejected", "duplicate"}
    if results[0]["reason"] == "invalid_payload":
        assert isinstance(results[0]["field"], str) and results[0]["field"].isascii()


def test_fields_in_range_whose_product_is_not_is_amount_out_of_range(till: Till) -> None:
    sale = sale_payload([(TEA, 1)])
    sale["lines"][0].update(unit_price=9_999_999_999, quantity=2)  # each at its ceiling
    result = _results(till, [till.next_item("sale", sale)])[0]
    assert (result["status"], result["reason"], result["field"]) == (
        "rejected",
        "amount_out_of_range",
        None,
    )
