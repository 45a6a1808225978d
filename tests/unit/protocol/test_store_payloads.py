"""The wire form of a store-only promotion and event set up at a till: every field
bounded, nothing undeclared, the definition and event strict as their change kinds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from sync.protocol.push import PushItem, StoreEventItem, StorePromotionItem
from sync.protocol.store_payloads import (
    MAX_REVISION,
    STORE_PAYLOADS,
    StoreEventPayload,
    StorePromotionPayload,
)

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"


def _example(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"push-{kind}.json").read_text("utf-8"))
    return data


def _promotion(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = _example("store_promotion")["payload"]
    return payload | changes


def _event(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = _example("store_event")["payload"]
    return payload | changes


def _field(call: Any) -> tuple[Any, ...]:
    with pytest.raises(ValidationError) as info:
        call()
    return tuple(info.value.errors()[0]["loc"])


def test_the_examples_parse_as_their_kinds() -> None:
    adapter = TypeAdapter(PushItem)
    promo = adapter.validate_python(_example("store_promotion"))
    event = adapter.validate_python(_example("store_event"))
    assert isinstance(promo, StorePromotionItem) and isinstance(event, StoreEventItem)
    assert (promo.payload.revision, promo.payload.approver) == (1, "demo-manager-li")
    assert event.payload.event.products[0].sample_unit == "g"
    assert STORE_PAYLOADS["store_promotion"] is StorePromotionPayload
    assert STORE_PAYLOADS["store_event"] is StoreEventPayload


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        ({"revision": 0}, ("revision",)),
        ({"revision": MAX_REVISION + 1}, ("revision",)),
        ({"revision": "2"}, ("revision",)),
        ({"status": "deleted"}, ("status",)),
        ({"approver": "x" * 37}, ("approver",)),
        ({"record_id": "short"}, ("record_id",)),
        ({"store_code": "S" * 17}, ("store_code",)),
        ({"at": "2026-11-28T01:30:00"}, ("at",)),  # no zone
        ({"at": "2100-01-01T00:00:00Z"}, ("at",)),
        ({"approver": "a\x00b"}, ("approver",)),
        ({"origin": "store"}, ("origin",)),  # an undeclared field
    ],
)
def test_a_store_promotion_is_bounded(changes: dict[str, Any], loc: tuple[Any, ...]) -> None:
    assert _field(lambda: StorePromotionPayload.model_validate(_promotion(**changes))) == loc


def test_a_store_promotions_definition_is_strict() -> None:
    base = _promotion()["promotion"]
    for bad, loc in (
        ({**base, "stores": ["S002"]}, ("promotion", "stores")),  # the server decides them
        ({**base, "budget_fen": "500"}, ("promotion", "budget_fen")),
        ({**base, "budget_fen": -1}, ("promotion", "budget_fen")),
        ({**base, "kind": "free_money"}, ("promotion", "kind")),
    ):
        assert (
            _field(lambda b=bad: StorePromotionPayload.model_validate(_promotion(promotion=b)))[:2]
            == loc
        )


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        ({"manager": "m" * 37}, ("manager",)),
        ({"terminal_code": "T" * 17}, ("terminal_code",)),
        ({"prices": []}, ("prices",)),
    ],
)
def test_a_store_event_is_bounded(changes: dict[str, Any], loc: tuple[Any, ...]) -> None:
    assert _field(lambda: StoreEventPayload.model_validate(_event(**changes))) == loc


def test_a_store_events_event_is_its_change_kinds_form() -> None:
    event = _event()["event"]
    for bad, loc in (
        ({**event, "prices": [{"sku": "A", "price_fen": 1}]}, ("event", "prices")),
        ({**event, "status": "open"}, ("event", "status")),
        ({**event, "sample_budget_fen": 10**10}, ("event", "sample_budget_fen")),
        ({**event, "promoters": ["p"] * 51}, ("event", "promoters")),
    ):
        assert _field(lambda b=bad: StoreEventPayload.model_validate(_event(event=b)))[:2] == loc
