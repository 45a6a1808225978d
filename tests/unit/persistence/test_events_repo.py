"""Tasting events on a real SQLite file: each record written once per id with its
outbox item (the agreed wire payload) in one transaction, samples hash-chained,
every record append-only, and the records read back for the report."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError

from pos_app.core.chain import Break, Problem
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.event_report import FeedbackRec, LeadRec, SampleRec, TallyRec
from pos_app.core.events import EventStatus, event_from_dict
from pos_app.persistence.chain_repo import check
from pos_app.persistence.db import open_database
from pos_app.persistence.events_reader import EventsReader
from pos_app.persistence.events_repo import EventsRepository, RecordHead, cancel_event
from tests.unit.core.test_events import wire

AT = datetime(2026, 11, 28, 2, 30, tzinfo=UTC)
SID = "5b0e6a8c-7d7f-4b8e-9a3c-2f1d0e9c8b7a"


@pytest.fixture
def engine(data_dir: Path) -> Iterator[Engine]:
    engine = open_database(data_dir)
    yield engine
    engine.dispose()


def head(minutes: int = 0) -> RecordHead:
    return RecordHead(
        "EV-TEA-1128", "demo-promoter-zhao", "T01", "S001", AT + timedelta(minutes=minutes)
    )


def outbox(engine: Engine) -> list[tuple[str, str, dict[str, object]]]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT kind, aggregate_id, payload FROM outbox ORDER BY id"))
        return [(k, a, json.loads(p)) for k, a, p in rows]


def test_a_sample_is_written_once_with_its_outbox_item_and_chained(engine: Engine) -> None:
    repo = EventsRepository(engine)
    for _ in range(2):  # the second is a retry of the same tap: nothing more is written
        repo.record_sample(SID, head(), sku="YC-TEA-0001", quantity=2, unit="piece", cost_fen=300)
    assert outbox(engine) == [
        (
            "event_sample",
            SID,
            {
                "sample_id": SID,
                "event_id": "EV-TEA-1128",
                "terminal_code": "T01",
                "store_code": "S001",
                "at": "2026-11-28T02:30:00+00:00",
                "promoter": "demo-promoter-zhao",
                "sku": "YC-TEA-0001",
                "quantity": 2,
                "unit": "piece",
                "cost_fen": 300,
            },
        )
    ]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT reason FROM event_samples")).scalar_one() == "试吃"
        links = conn.execute(text("SELECT kind, record_id FROM chain_links")).all()
    assert [tuple(r) for r in links] == [("event_sample", SID)]
    assert check(engine) == (None, 1)


def test_feedback_tally_and_lead_payloads(engine: Engine) -> None:
    repo = EventsRepository(engine)
    assert repo.record_feedback(
        "f1", head(1), sku=None, rating=4, tags=("口感", "价格"), note="好喝",
        resident_id="R0001", consent=True,
    )  # fmt: skip
    assert repo.record_tally("t1", head(2), count=6)
    assert repo.record_lead("l1", head(3), resident_id="R0003", consent=True)
    assert not repo.record_tally("t1", head(2), count=6)
    common = {"event_id": "EV-TEA-1128", "terminal_code": "T01", "store_code": "S001",
              "promoter": "demo-promoter-zhao"}  # fmt: skip
    assert outbox(engine) == [
        ("event_feedback", "f1", {**common, "feedback_id": "f1", "at": "2026-11-28T02:31:00+00:00",
         "sku": None, "rating": 4, "tags": ["口感", "价格"], "note": "好喝",
         "resident_id": "R0001", "consent": True}),
        ("event_visitors", "t1", {**common, "tally_id": "t1", "at": "2026-11-28T02:32:00+00:00",
         "count": 6}),
        ("event_lead", "l1", {**common, "lead_id": "l1", "at": "2026-11-28T02:33:00+00:00",
         "resident_id": "R0003", "consent": True}),
    ]  # fmt: skip
    reader = EventsReader(engine)
    assert reader.feedback("EV-TEA-1128") == [
        FeedbackRec(None, 4, ("口感", "价格"), "R0001", AT + timedelta(minutes=1))
    ]
    assert reader.tallies("EV-TEA-1128") == [TallyRec(6, AT + timedelta(minutes=2))]
    assert reader.leads("EV-TEA-1128") == [LeadRec("R0003", AT + timedelta(minutes=3))]
    assert reader.tallies("OTHER") == []


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE event_samples SET cost_fen = 0",
        "DELETE FROM event_samples",
        "UPDATE event_feedback SET rating = 5",
        "DELETE FROM event_visitors",
        "UPDATE event_leads SET resident_id = 'R9'",
    ],
)
def test_records_are_append_only(engine: Engine, sql: str) -> None:
    repo = EventsRepository(engine)
    repo.record_sample(SID, head(), sku="A", quantity=1, unit="piece", cost_fen=100)
    repo.record_feedback("f1", head(), sku="A", rating=3, tags=(), note="", resident_id=None,
                         consent=False)  # fmt: skip
    repo.record_tally("t1", head(), count=1)
    repo.record_lead("l1", head(), resident_id="R1", consent=True)
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
        conn.execute(text(sql))


def test_an_edited_sample_cost_is_named_by_the_chain_check(engine: Engine) -> None:
    EventsRepository(engine).record_sample(
        SID, head(), sku="A", quantity=1, unit="piece", cost_fen=100
    )
    with engine.begin() as conn:  # the trigger dropped, as a forger would
        conn.execute(text("DROP TRIGGER event_samples_no_update"))
        conn.execute(text("UPDATE event_samples SET cost_fen = 10"))
    assert check(engine) == (Break(Problem.EDITED, "event_sample", SID, 1), 1)


def test_the_database_refuses_a_resident_without_consent_and_a_tally_out_of_range(
    engine: Engine,
) -> None:
    repo = EventsRepository(engine)
    with pytest.raises(PosError) as refused:
        repo.record_feedback("f1", head(), sku=None, rating=3, tags=(), note="",
                             resident_id="R1", consent=False)  # fmt: skip
    assert refused.value.code is ErrorCode.INTERNAL  # a bug upstream: the service checks
    with pytest.raises(PosError):
        repo.record_tally("t1", head(), count=501)
    assert outbox(engine) == []  # nothing half-written


def test_events_are_kept_replaced_and_cancelled(engine: Engine) -> None:
    repo = EventsRepository(engine)
    event = event_from_dict(wire())
    repo.save_event(event, origin="server", created_by="", at=AT)
    repo.save_event(event_from_dict(wire(name="恩施玉露试饮(改)")), origin="server",
                    created_by="", at=AT)  # fmt: skip
    stored = repo.get("EV-TEA-1128")
    assert stored is not None and stored.event.name == "恩施玉露试饮(改)"
    with engine.begin() as conn:
        assert cancel_event(conn, "EV-TEA-1128", AT)
        assert not cancel_event(conn, "NONE", AT)
    stored = repo.get("EV-TEA-1128")
    assert stored is not None and stored.event.status is EventStatus.CANCELLED
    assert [s.event.event_id for s in repo.all()] == ["EV-TEA-1128"]


def test_samples_and_their_cost_read_back(engine: Engine) -> None:
    repo, reader = EventsRepository(engine), EventsReader(engine)
    assert reader.sample_cost_fen("EV-TEA-1128") == 0
    repo.record_sample("s1", head(), sku="A", quantity=1, unit="piece", cost_fen=150)
    repo.record_sample("s2", head(5), sku="B", quantity=15, unit="g", cost_fen=90)
    assert reader.sample_cost_fen("EV-TEA-1128") == 240
    assert reader.samples("EV-TEA-1128") == [
        SampleRec("A", 1, "piece", 150, AT),
        SampleRec("B", 15, "g", 90, AT + timedelta(minutes=5)),
    ]
    assert check(engine) == (None, 2)
