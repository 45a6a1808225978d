"""Builders for the store-record tests: a store-only promotion or tasting event as a
till's outbox writes it (kinds store_promotion and store_event, the agreed wire form),
approved by the demo manager of store S001 unless told otherwise."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from tests.sync.server.event_helpers import MANAGER, event_data
from tests.sync.server.helpers import Till

#: 店长特惠: 20% off the tea category, set up at the till
STORE_TEA: dict[str, Any] = {
    "id": "LOCAL-TEA20",
    "name": "店长特惠 茶叶8折",
    "kind": "percent_off",
    "percent_bps": 2000,
    "scope": {"categories": ["tea"], "skus": []},
}


def store_promotion(
    definition: dict[str, Any] | None = None,
    *,
    status: str = "active",
    revision: int = 1,
    approver: str = MANAGER,
    at: datetime | None = None,
    store: str = "S001",
    terminal: str = "T01",
) -> dict[str, Any]:
    return {
        "record_id": str(uuid.uuid4()),
        "store_code": store,
        "terminal_code": terminal,
        "at": (at or datetime.now(UTC)).isoformat(),
        "promotion": dict(STORE_TEA if definition is None else definition),
        "status": status,
        "revision": revision,
        "approver": approver,
    }


def store_event(
    event_id: str = "EV-LOCAL-1",
    *,
    manager: str = MANAGER,
    at: datetime | None = None,
    store: str = "S001",
    terminal: str = "T01",
    **overrides: Any,
) -> dict[str, Any]:
    """The event of event_helpers.event_data, set up at the till (all its fields given,
    as the till's event_to_dict writes them)."""
    event = {"community_code": None, "status": "planned", **event_data(event_id, **overrides)}
    return {
        "record_id": str(uuid.uuid4()),
        "store_code": store,
        "terminal_code": terminal,
        "at": (at or datetime.now(UTC)).isoformat(),
        "event": event,
        "manager": manager,
    }


def store_item(till: Till, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The outbox item of a store record: aggregate_id is the record's own id."""
    till.seq += 1
    return {
        "item_id": str(uuid.uuid4()),
        "kind": kind,
        "aggregate_id": payload["record_id"],
        "seq": till.seq,
        "created_at": payload["at"],
        "payload": payload,
    }
