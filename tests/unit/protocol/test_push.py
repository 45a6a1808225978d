"""The push envelope: lenient items for the server, typed items for the schema."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from sync.protocol.payloads import RefundPayload, SalePayload
from sync.protocol.push import (
    MAX_BATCH,
    ItemResult,
    ItemStatus,
    OutboxItem,
    PushItem,
    PushRequest,
    RefundItem,
    SaleItem,
    UnsupportedItem,
)


def _till_item(payload: dict[str, object]) -> OutboxItem:
    return OutboxItem(
        item_id=uuid.UUID("0b6f2f7c-8a53-4d1e-9f3a-6c2e1d0a9b41"),
        kind="sale",
        aggregate_id="5f0c2a8e-3d4b-4c61-9a7e-0b1d2c3e4f50",
        seq=7,
        created_at=datetime(2026, 11, 20, 2, 30, tzinfo=UTC),
        payload=payload,
    )


def test_a_tills_request_serialises_its_items_as_plain_json() -> None:
    request = PushRequest(items=[_till_item({"anything": ["the server", "judges it"]})])
    assert json.loads(request.model_dump_json()) == {
        "protocol": 1,
        "items": [
            {
                "item_id": "0b6f2f7c-8a53-4d1e-9f3a-6c2e1d0a9b41",
                "kind": "sale",
                "aggregate_id": "5f0c2a8e-3d4b-4c61-9a7e-0b1d2c3e4f50",
                "seq": 7,
                "created_at": "2026-11-20T02:30:00Z",
                "payload": {"anything": ["the server", "judges it"]},
            }
        ],
    }


def test_the_envelope_takes_any_objects_and_only_objects() -> None:
    assert PushRequest.model_validate({"items": [{}, {"seq": 2**70}]}).items[1] == {"seq": 2**70}
    bad_bodies: list[dict[str, Any]] = [
        {"items": []}, {"items": [1]}, {"items": [[]]}, {"items": [{}] * (MAX_BATCH + 1)},
    ]  # fmt: skip
    for bad in bad_bodies:
        with pytest.raises(ValidationError):
            PushRequest.model_validate(bad)


def test_the_schema_shows_each_kind_with_its_payload() -> None:
    schema = PushRequest.model_json_schema()
    union = schema["properties"]["items"]["items"]
    assert union["discriminator"]["propertyName"] == "kind"
    assert set(union["discriminator"]["mapping"]) == {
        "sale",
        "refund",
        "shift",
        "sample",
        "feedback",
        # a tasting event's records (sync/protocol/event_payloads.py)
        "event_sample",
        "event_feedback",
        "event_visitors",
        "event_lead",
        # what a manager set up at the till (sync/protocol/store_payloads.py)
        "store_promotion",
        "store_event",
    }
    defs = schema["$defs"]
    assert defs["SaleItem"]["properties"]["payload"] == {"$ref": "#/$defs/SalePayload"}
    assert defs["RefundItem"]["properties"]["payload"] == {"$ref": "#/$defs/RefundPayload"}
    assert defs["UnsupportedItem"]["properties"]["payload"]["maxProperties"] == 64


def test_a_push_item_parses_its_payload_by_kind() -> None:
    adapter = TypeAdapter(PushItem)
    base = {"item_id": str(uuid.uuid4()), "aggregate_id": "x", "seq": 1,
            "created_at": "2026-11-20T10:30:00+08:00"}  # fmt: skip
    sample = adapter.validate_python(base | {"kind": "sample", "payload": {"sku": "A"}})
    assert isinstance(sample, UnsupportedItem)
    with pytest.raises(ValidationError) as info:
        adapter.validate_python(base | {"kind": "refund", "payload": {"sku": "A"}})
    assert info.value.errors()[0]["loc"][:2] == ("refund", "payload")
    assert RefundItem.model_fields["payload"].annotation is RefundPayload
    assert SaleItem.model_fields["payload"].annotation is SalePayload


def test_an_item_result_may_lack_an_id_and_names_its_field_within_bounds() -> None:
    result = ItemResult(item_id=None, status=ItemStatus.REJECTED, reason="invalid_payload",
                        field="item_id", detail="a UUID is required")  # fmt: skip
    assert result.model_dump()["item_id"] is None
    with pytest.raises(ValidationError):
        ItemResult(item_id=None, status=ItemStatus.REJECTED, field="x" * 129)
    with pytest.raises(ValidationError):
        ItemResult(item_id=None, status=ItemStatus.REJECTED, detail="\x00")
