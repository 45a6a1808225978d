"""The change feed: a till reads past the kinds a newer server added."""

from __future__ import annotations

from sync.protocol.changes import ChangesResponse


def test_a_change_of_a_kind_added_later_is_readable_by_this_till() -> None:
    page = {
        "changes": [
            {"seq": 1, "kind": "product", "op": "delete", "key": "YC-1", "data": None},
            {"seq": 2, "kind": "promotion", "op": "upsert", "key": "P1", "data": {"x": 1}},
        ],
        "next_cursor": "2",
        "more": False,
        "server_time": "2026-11-27T04:00:00Z",
    }
    kinds = [c.kind for c in ChangesResponse.model_validate(page).changes]
    assert kinds == ["product", "promotion"]
