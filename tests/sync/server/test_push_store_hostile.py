"""Hostile store records (store_promotion, store_event; sync/server/push_store.py), on
SQLite and PostgreSQL: whatever JSON replaces a field, the answer is per item, never a
5xx, and a refused record leaves no promotion, event or change behind."""

from __future__ import annotations

import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from sync.server.db import Database
from sync.server.models.changes import Change
from sync.server.models.events import Event
from sync.server.models.promotions import Promotion
from tests.sync.server.helpers import Till
from tests.sync.server.store_helpers import STORE_TEA, store_event, store_item, store_promotion

_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                  max_size=4),
    max_leaves=12,
)  # fmt: skip
_FIELDS = ["id", "name", "kind", "percent_bps", "budget_fen", "scope", "window", "tiers", "bundle",
           "event_id", "priority", "price_fen"]  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    where=st.sampled_from(["promotion", "event", "status", "revision", "approver", "at"]),
    field=st.sampled_from(_FIELDS),
    value=_json,
)
def test_a_hostile_store_record_is_never_a_5xx_and_never_stored(
    till: Till, db: Database, where: str, field: str, value: Any
) -> None:
    kind = "store_event" if where == "event" else "store_promotion"
    unique = uuid.uuid4().hex[:10].upper()  # the database lives across the examples
    payload = (
        store_event(f"EV-H{unique}")
        if kind == "store_event"
        else store_promotion({**STORE_TEA, "id": f"LOCAL-H{unique}"})
    )
    if where == "promotion":
        payload["promotion"][field] = value
    elif where == "event":
        payload["event"][field if field in payload["event"] else "name"] = value
    else:
        payload[where] = value
    before = _stored(db)
    response = till.push([store_item(till, kind, payload)])
    assert response.status_code == 200, response.text
    if response.json()["results"][0]["status"] == "rejected":
        assert _stored(db) == before


def _stored(db: Database) -> tuple[int, int, int]:
    """Promotions, events and changes announced: what an accepted record adds to."""
    with db.read() as session:
        return (
            int(session.scalar(select(func.count()).select_from(Promotion)) or 0),
            int(session.scalar(select(func.count()).select_from(Event)) or 0),
            int(session.scalar(select(func.count()).select_from(Change)) or 0),
        )
