"""The outbox repository (the sync client's OutboxStore) on a real SQLite file:
which answers mark an item sent, what a refusal keeps for the manager, the
pending order, requeueing, the counts and the failure counter."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select

from pos_app.persistence.db import open_database
from pos_app.persistence.outbox_repo import OUTBOX, OutboxCounts, OutboxRepository
from pos_app.persistence.sync_repo import SyncStateRepository
from sync.protocol.changes import Change
from sync.protocol.push import ItemResult, ItemStatus

CREATED = datetime(2026, 11, 27, 4, 0, tzinfo=UTC)


def iid(n: int) -> str:
    return str(uuid.UUID(int=n))


@pytest.fixture
def engine(data_dir: Path) -> Iterator[Engine]:
    engine = open_database(data_dir)
    yield engine
    engine.dispose()


@pytest.fixture
def outbox(engine: Engine) -> OutboxRepository:
    """Four items, as a sale or refund commit writes them (ids 1…4 in outbox order)."""
    with engine.begin() as conn:
        conn.execute(
            insert(OUTBOX),
            [
                {
                    "item_id": iid(n),
                    "kind": "sale" if n % 2 else "refund",
                    "aggregate_id": iid(100 + n),
                    "payload": json.dumps({"n": n, "名": "大米"}, ensure_ascii=False),
                    "created_at": CREATED + timedelta(minutes=n),
                    "attempts": 0,
                }
                for n in (1, 2, 3, 4)
            ],
        )
    return OutboxRepository(engine)


def answer(n: int, status: ItemStatus, **extra: object) -> ItemResult:
    return ItemResult(item_id=uuid.UUID(int=n), status=status, **extra)  # type: ignore[arg-type]


def pending_ids(outbox: OutboxRepository) -> list[str]:
    return [str(item.item_id) for item in outbox.pending(100)]


def row(engine: Engine, n: int) -> dict[str, object]:
    with engine.connect() as conn:
        return dict(conn.execute(select(OUTBOX).where(OUTBOX.c.item_id == iid(n))).one()._mapping)


def test_pending_is_oldest_first_with_its_payload_and_honours_the_limit(outbox) -> None:
    first, second = outbox.pending(2)
    assert (first.item_id, first.kind, first.aggregate_id, first.seq) == (
        uuid.UUID(int=1),
        "sale",
        iid(101),
        1,
    )
    assert first.payload == {"n": 1, "名": "大米"}
    assert first.created_at == CREATED + timedelta(minutes=1)
    assert (second.item_id, second.kind, second.seq) == (uuid.UUID(int=2), "refund", 2)
    assert pending_ids(outbox) == [iid(1), iid(2), iid(3), iid(4)]


def test_an_accepted_item_is_sent_and_leaves_the_pending_list(outbox, engine) -> None:
    before = datetime.now(UTC)
    outbox.record_results([answer(1, ItemStatus.ACCEPTED, flags=["points_mismatch"])])
    assert pending_ids(outbox) == [iid(2), iid(3), iid(4)]
    sent = row(engine, 1)
    assert sent["sent_at"] is not None and before <= sent["sent_at"] <= datetime.now(UTC)
    assert (sent["flags"], sent["rejected_reason"]) == ("points_mismatch", None)


def test_a_duplicate_answer_marks_the_item_sent_so_it_is_never_pushed_again(outbox, engine):
    # the server already holds it (an answer lost on the way back): resending it for ever
    # would keep the till's outbox growing and the status bar saying "not synced"
    outbox.record_results([answer(2, ItemStatus.DUPLICATE)])
    assert pending_ids(outbox) == [iid(1), iid(3), iid(4)]
    assert row(engine, 2)["sent_at"] is not None
    assert row(engine, 2)["rejected_reason"] is None
    assert outbox.counts().pending == 3


def test_a_rejected_item_is_kept_with_its_reason_and_field_and_not_pushed_again(outbox):
    outbox.record_results(
        [
            answer(3, ItemStatus.REJECTED, reason="invalid_payload", field="payload.lines.0.sku"),
            answer(4, ItemStatus.REJECTED),  # no reason given: still refused, never dropped
        ]
    )
    assert pending_ids(outbox) == [iid(1), iid(2)]
    refused = outbox.rejected()
    assert [(r["item_id"], r["rejected_reason"], r["sent_at"]) for r in refused] == [
        (iid(3), "invalid_payload:payload.lines.0.sku", None),
        (iid(4), "rejected", None),
    ]


def test_one_answer_of_each_kind_in_one_call(outbox, engine) -> None:
    outbox.record_results(
        [
            answer(1, ItemStatus.ACCEPTED),
            answer(2, ItemStatus.DUPLICATE),
            answer(3, ItemStatus.REJECTED, reason="unknown_sale"),
        ]
    )
    assert pending_ids(outbox) == [iid(4)]
    assert [row(engine, n)["sent_at"] is not None for n in (1, 2, 3, 4)] == [
        True,
        True,
        False,
        False,
    ]


def test_requeue_sends_a_refused_item_again_in_its_place(outbox) -> None:
    outbox.record_results([answer(2, ItemStatus.REJECTED, reason="unknown_sale")])
    assert pending_ids(outbox) == [iid(1), iid(3), iid(4)]
    outbox.requeue([iid(2)])
    assert pending_ids(outbox) == [iid(1), iid(2), iid(3), iid(4)]
    assert outbox.rejected() == []


def test_counts_pending_refused_last_sent_and_notices(outbox, engine) -> None:
    assert outbox.counts() == OutboxCounts(pending=4, rejected=0, last_sent_at=None, notices=0)
    before = datetime.now(UTC)
    outbox.record_results(
        [answer(1, ItemStatus.ACCEPTED), answer(4, ItemStatus.REJECTED, reason="x")]
    )
    SyncStateRepository(engine).apply(
        [
            Change(
                seq=1,
                kind="notice",
                op="upsert",
                key="id_conflict:sale:" + iid(101),
                data={
                    "code": "id_conflict",
                    "record_kind": "sale",
                    "record_id": iid(101),
                    "at": "2026-11-27T04:00:00Z",
                },
            )
        ],
        "1",
    )
    counts = outbox.counts()
    assert (counts.pending, counts.rejected, counts.notices) == (2, 1, 1)
    assert counts.last_sent_at is not None
    assert counts.last_sent_at.tzinfo is not None and before <= counts.last_sent_at


def test_a_failed_attempt_is_counted_with_its_error_and_the_item_stays_pending(outbox, engine):
    outbox.record_failure([iid(1), iid(2)], "offline")
    outbox.record_failure([iid(1)], "server_error " + "x" * 300)
    first, second = row(engine, 1), row(engine, 2)
    assert (first["attempts"], first["last_error"]) == (2, ("server_error " + "x" * 300)[:200])
    assert (second["attempts"], second["last_error"]) == (1, "offline")
    assert (row(engine, 3)["attempts"], row(engine, 3)["last_error"]) == (0, None)
    assert pending_ids(outbox) == [iid(1), iid(2), iid(3), iid(4)]


def test_an_item_of_a_kind_the_protocol_cannot_carry_waits_without_blocking(
    engine: Engine, outbox: OutboxRepository
) -> None:
    with engine.begin() as conn:
        conn.execute(
            insert(OUTBOX).values(
                item_id=iid(9), kind="future_kind", aggregate_id=iid(109), payload="{}",
                created_at=CREATED, attempts=0,
            )
        )  # fmt: skip
    assert pending_ids(outbox) == [iid(1), iid(2), iid(3), iid(4)]
    assert outbox.counts().pending == 5  # still waiting, never dropped
