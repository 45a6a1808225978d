"""The push pump (sync.client.pump): a drain against a real SyncSession and a real
HTTP server on 127.0.0.1 answering canned results, the 413 halving, the check
that every pushed item got exactly one answer, and the backoff's sequence and cap."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import pytest

from sync.client.pump import Backoff, DrainReport, drain
from sync.client.session import SyncError, SyncSession
from sync.protocol.push import ItemResult, ItemStatus, OutboxItem
from tests.unit.sync_client.canned_server import Answer, CannedServer, results, too_large


def iid(n: int) -> str:
    return str(uuid.UUID(int=n))


class MemoryOutbox:
    """The OutboxStore port over a list: what the pump marked, refused and counted."""

    def __init__(self, count: int) -> None:
        self.items = [
            OutboxItem(
                item_id=uuid.UUID(int=n),
                kind="sample",
                aggregate_id=iid(1000 + n),
                seq=n,
                created_at=datetime(2026, 11, 27, 4, n, tzinfo=UTC),
                payload={"n": n},
            )
            for n in range(1, count + 1)
        ]
        self.sent: dict[str, ItemStatus] = {}
        self.rejected: dict[str, str | None] = {}
        self.failures: dict[str, list[str]] = {}

    def pending(self, limit: int) -> list[OutboxItem]:
        done = self.sent.keys() | self.rejected.keys()
        return [i for i in self.items if str(i.item_id) not in done][:limit]

    def record_results(self, results: Sequence[ItemResult]) -> None:
        for r in results:
            if r.status is ItemStatus.REJECTED:
                self.rejected[str(r.item_id)] = r.reason
            else:
                self.sent[str(r.item_id)] = r.status

    def record_failure(self, item_ids: Sequence[str], error: str) -> None:
        for item_id in item_ids:
            self.failures.setdefault(item_id, []).append(error)


def answering(statuses: dict[str, str]) -> Callable[[list[dict[str, Any]]], Answer]:
    """Answer each pushed item with its status in `statuses`, accepted otherwise."""

    def push(items: list[dict[str, Any]]) -> Answer:
        pairs = [(i["item_id"], statuses.get(i["item_id"], "accepted")) for i in items]
        body = results(*pairs)
        for result in body["results"]:
            if result["status"] == "rejected":
                result["reason"] = "unknown_sku"
        return 200, body

    return push


@pytest.fixture
def serve() -> Iterator[Callable[..., tuple[CannedServer, SyncSession]]]:
    opened: list[tuple[CannedServer, SyncSession]] = []

    def start(**answers: Any) -> tuple[CannedServer, SyncSession]:
        server = CannedServer(**answers).__enter__()
        opened.append((server, SyncSession(server.url, "token")))
        return opened[-1]

    yield start
    for server, session in opened:
        session.close()
        server.__exit__()


def test_accepted_and_duplicate_are_sent_and_rejected_kept_with_its_reason(serve) -> None:
    server, session = serve(push=answering({iid(2): "duplicate", iid(3): "rejected"}))
    store = MemoryOutbox(3)
    report = drain(store, session)
    assert report == DrainReport(accepted=1, duplicate=1, rejected=1, batches=1)
    assert store.sent == {iid(1): ItemStatus.ACCEPTED, iid(2): ItemStatus.DUPLICATE}
    assert store.rejected == {iid(3): "unknown_sku"}
    assert server.pushes == [[iid(1), iid(2), iid(3)]]
    assert store.failures == {}


def test_drain_pushes_in_outbox_order_in_batches_until_nothing_is_pending(serve) -> None:
    server, session = serve(push=answering({}))
    store = MemoryOutbox(5)
    assert drain(store, session, batch=2) == DrainReport(accepted=5, batches=3)
    assert server.pushes == [[iid(1), iid(2)], [iid(3), iid(4)], [iid(5)]]
    assert store.pending(10) == []


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(lambda ids: results((ids[0], "accepted")), id="one-unanswered"),
        pytest.param(
            lambda ids: results((ids[0], "accepted"), (iid(99), "accepted")), id="not-pushed"
        ),
        pytest.param(
            lambda ids: results((ids[0], "accepted"), (ids[0], "duplicate")), id="one-twice"
        ),
        pytest.param(
            lambda ids: results((ids[0], "accepted"), (ids[1], "accepted"), (iid(99), "accepted")),
            id="one-extra",
        ),
        pytest.param(lambda ids: results(), id="none"),
    ],
)
def test_an_answer_that_is_not_one_per_pushed_item_is_bad_response_and_marks_nothing(
    serve, answer: Callable[[list[str]], dict[str, Any]]
) -> None:
    server, session = serve(push=lambda items: (200, answer([i["item_id"] for i in items])))
    store = MemoryOutbox(2)
    with pytest.raises(SyncError) as info:
        drain(store, session)
    assert (info.value.code, info.value.retryable) == ("bad_response", True)
    assert store.sent == {} and store.rejected == {}
    assert store.failures == {iid(1): ["bad_response"], iid(2): ["bad_response"]}
    assert [i.item_id for i in store.pending(10)] == [uuid.UUID(int=1), uuid.UUID(int=2)]
    assert len(server.pushes) == 1  # the drain stops: the next attempt is the backoff's


def test_answers_in_another_order_still_mark_each_item_by_its_id(serve) -> None:
    server, session = serve(
        push=lambda items: (200, results((iid(2), "duplicate"), (iid(1), "accepted")))
    )
    store = MemoryOutbox(2)
    assert drain(store, session) == DrainReport(accepted=1, duplicate=1, batches=1)
    assert store.sent == {iid(1): ItemStatus.ACCEPTED, iid(2): ItemStatus.DUPLICATE}
    assert server.pushes == [[iid(1), iid(2)]]


def test_a_batch_too_large_for_the_server_is_sent_again_in_halves(serve) -> None:
    def push(items: list[dict[str, Any]]) -> Answer:
        return too_large() if len(items) > 2 else answering({})(items)

    server, session = serve(push=push)
    store = MemoryOutbox(5)
    assert drain(store, session) == DrainReport(accepted=5, batches=3)
    assert server.pushes == [
        [iid(1), iid(2), iid(3), iid(4), iid(5)],
        [iid(1), iid(2)],
        [iid(3), iid(4)],
        [iid(5)],
    ]
    assert store.failures == {} and store.rejected == {}


def test_a_single_item_over_the_limit_is_refused_and_the_items_behind_it_flow(serve) -> None:
    def push(items: list[dict[str, Any]]) -> Answer:
        return too_large() if any(i["item_id"] == iid(2) for i in items) else answering({})(items)

    server, session = serve(push=push)
    store = MemoryOutbox(3)
    assert drain(store, session) == DrainReport(accepted=2, rejected=1, batches=2)
    assert server.pushes == [[iid(1), iid(2), iid(3)], [iid(1)], [iid(2)], [iid(3)]]
    assert store.rejected == {iid(2): "payload_too_large"}
    assert store.sent == {iid(1): ItemStatus.ACCEPTED, iid(3): ItemStatus.ACCEPTED}


def test_a_server_error_stops_the_drain_and_counts_a_failure_on_the_batch(serve) -> None:
    server, session = serve(push=lambda items: (503, {"detail": "down"}))
    store = MemoryOutbox(2)
    with pytest.raises(SyncError) as info:
        drain(store, session)
    assert (info.value.code, info.value.status) == ("server_error", 503)
    assert store.failures == {iid(1): ["server_error"], iid(2): ["server_error"]}
    assert store.sent == {} and store.rejected == {}
    assert server.pushes == [[iid(1), iid(2)]]


# --- backoff ---------------------------------------------------------------------------


def test_backoff_doubles_from_the_base_with_the_jitter_applied() -> None:
    backoff = Backoff(rng=lambda: 0.5)  # the delay is 3/4 of its ceiling
    delays = [backoff.failure() for _ in range(10)]
    assert delays == [1.5, 3.0, 6.0, 12.0, 24.0, 48.0, 96.0, 192.0, 225.0, 225.0]


def test_backoff_jitter_spans_half_to_all_of_the_ceiling() -> None:
    assert Backoff(base=4.0, rng=lambda: 0.0).failure() == 2.0
    assert Backoff(base=4.0, rng=lambda: 1.0).failure() == 4.0


def test_backoff_never_waits_longer_than_its_cap() -> None:
    backoff = Backoff(base=2.0, cap=300.0, rng=lambda: 1.0)
    delays = [backoff.failure() for _ in range(40)]  # a long outage
    assert max(delays) == 300.0
    assert delays[8:] == [300.0] * 32
    assert Backoff(base=1.0, cap=5.0, rng=lambda: 1.0).failure() == 1.0
    small = Backoff(base=1.0, cap=5.0, rng=lambda: 1.0)
    assert [small.failure() for _ in range(5)] == [1.0, 2.0, 4.0, 5.0, 5.0]


def test_a_success_starts_the_backoff_again_from_the_base() -> None:
    backoff = Backoff(rng=lambda: 1.0)
    assert [backoff.failure() for _ in range(6)] == [2.0, 4.0, 8.0, 16.0, 32.0, 64.0]
    backoff.success()
    assert backoff.failures == 0
    assert [backoff.failure() for _ in range(2)] == [2.0, 4.0]
