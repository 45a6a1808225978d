"""Drain the outbox in batches and pull changes, with backoff between failures.

Exactly once on the server comes from the server (each item's UUID is unique
there); this side only guarantees at-least-once: an item is marked sent only
after the server's answer for it, so a crash or a cut connection resends it.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass

from sync.client.ports import ChangeSink, OutboxStore
from sync.client.session import SyncError, SyncSession
from sync.protocol.push import ItemResult, ItemStatus, OutboxItem

log = logging.getLogger("pos_app.sync")

PULL_PAGE = 2000


@dataclass
class DrainReport:
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    batches: int = 0


def drain(
    store: OutboxStore, session: SyncSession, *, batch: int = 200, max_batches: int = 1000
) -> DrainReport:
    """Push until nothing is pending. A SyncError stops the drain and propagates.

    A batch the server finds too large (413 payload_too_large: its body limit) is
    sent again in halves; a single item over the limit can never go through, so it
    is set aside as refused (kept for the manager) and the items behind it flow.
    An answer that does not answer exactly the items pushed is `bad_response`.
    """
    report = DrainReport()
    size = batch
    for _ in range(max_batches):
        items = store.pending(size)
        if not items:
            break
        try:
            response = session.push(items)
            _check_answers(items, response.results)
        except SyncError as exc:
            if exc.status == 413 and len(items) > 1:
                size = max(1, len(items) // 2)
                log.warning("push of %d items too large for the server: halving", len(items))
                continue
            if exc.status == 413:
                log.warning("item %s is larger than the server accepts", items[0].item_id)
                refused = ItemResult(
                    item_id=items[0].item_id, status=ItemStatus.REJECTED, reason=exc.code
                )
                store.record_results([refused])
                report.rejected += 1
                continue
            store.record_failure([str(i.item_id) for i in items], exc.code)
            raise
        store.record_results(response.results)
        report.batches += 1
        for result in response.results:
            if result.status is ItemStatus.ACCEPTED:
                report.accepted += 1
            elif result.status is ItemStatus.DUPLICATE:
                report.duplicate += 1
            else:
                report.rejected += 1
                log.warning("item %s rejected: %s", result.item_id, result.reason)
    return report


def _check_answers(items: list[OutboxItem], results: list[ItemResult]) -> None:
    """Every pushed item answered once, and nothing else answered: an answer that skips an
    item would leave it pending with no reason given, and one naming an item not pushed
    would mark a row the server never saw. Either way nothing is marked."""
    pushed = [item.item_id for item in items]
    answered = [result.item_id for result in results]
    if len(answered) != len(pushed) or set(answered) != set(pushed):
        missing = len(set(pushed) - set(answered))
        extra = len(set(answered) - set(pushed))
        raise SyncError(
            "bad_response",
            f"{len(answered)} answers to {len(pushed)} items "
            f"({missing} unanswered, {extra} not pushed)",
            retryable=True,
        )


def pull(
    sink: ChangeSink, session: SyncSession, *, page: int = PULL_PAGE, max_pages: int = 10_000
) -> int:
    """Apply every change since the stored cursor; returns how many were applied."""
    applied = 0
    for _ in range(max_pages):
        response = session.changes(sink.cursor(), page)
        sink.apply(response.changes, response.next_cursor)
        applied += len(response.changes)
        if not response.more:
            break
    return applied


class Backoff:
    """Exponential backoff with full jitter: many tills coming back after an
    outage do not all knock at the same second."""

    def __init__(
        self, base: float = 2.0, cap: float = 300.0, rng: Callable[[], float] = random.random
    ):
        self.base, self.cap, self.rng = base, cap, rng
        self.failures = 0

    def success(self) -> None:
        self.failures = 0

    def failure(self) -> float:
        """Seconds to wait before the next attempt."""
        self.failures += 1
        ceiling = min(self.cap, self.base * 2 ** (self.failures - 1))
        return ceiling * (0.5 + self.rng() / 2)
