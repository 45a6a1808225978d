"""The "event" change kind pulled from the central server: kept (and replaced),
a deleted one kept as cancelled, a bad one skipped with its coded reason while
the rest of the page and the cursor apply."""

from __future__ import annotations

from pathlib import Path

from pos_app.core.events import EventStatus
from pos_app.persistence.db import open_database
from pos_app.persistence.events_repo import EventsRepository
from pos_app.persistence.sync_repo import SyncStateRepository
from sync.protocol.changes import Change
from tests.unit.core.test_events import wire


def change(seq: int, key: str, data: dict[str, object] | None, op: str = "upsert") -> Change:
    return Change(seq=seq, kind="event", op=op, key=key, data=data)


def test_events_from_the_feed_are_kept_and_cancelled(data_dir: Path) -> None:
    engine = open_database(data_dir)
    sync, repo = SyncStateRepository(engine), EventsRepository(engine)
    sync.apply([change(1, "EV-TEA-1128", wire())], "1")
    stored = repo.get("EV-TEA-1128")
    assert stored is not None and stored.origin == "server" and sync.events_changed
    assert stored.event.products[1].sample_cost_fen == 6
    sync.start_pull()
    sync.apply([change(2, "EV-TEA-1128", wire(status="closed"))], "2")
    stored = repo.get("EV-TEA-1128")
    assert stored is not None and stored.event.status is EventStatus.CLOSED
    sync.apply([change(3, "EV-TEA-1128", None, op="delete")], "3")
    stored = repo.get("EV-TEA-1128")
    assert stored is not None and stored.event.status is EventStatus.CANCELLED
    assert sync.cursor() == "3"
    engine.dispose()


def test_a_bad_event_is_skipped_with_its_reason_and_the_page_goes_on(data_dir: Path) -> None:
    engine = open_database(data_dir)
    sync, repo = SyncStateRepository(engine), EventsRepository(engine)
    sync.apply(
        [
            change(1, "EV-BAD", wire(event_id="EV-BAD", sample_budget_fen=-5)),
            change(2, "EV-OTHER", wire()),  # its key is not its id
            change(3, "EV-2", wire(event_id="EV-2")),
        ],
        "3",
    )
    assert sync.events_skipped == {
        "EV-BAD": "event_invalid:sample_budget_fen",
        "EV-OTHER": "event_invalid:event_id",
    }
    assert [s.event.event_id for s in repo.all()] == ["EV-2"]
    assert sync.cursor() == "3"
    engine.dispose()
