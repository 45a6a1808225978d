"""What the sync client needs from the till's storage, as small protocols."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from sync.protocol.changes import Change
from sync.protocol.push import ItemResult, OutboxItem


class OutboxStore(Protocol):
    def pending(self, limit: int) -> list[OutboxItem]:
        """The oldest items not yet accepted, in outbox order (rejected ones excluded)."""

    def record_results(self, results: Sequence[ItemResult]) -> None:
        """Mark accepted/duplicate as sent and rejected as rejected, in one transaction."""

    def record_failure(self, item_ids: Sequence[str], error: str) -> None:
        """Count a failed attempt (network, server error) on these items."""


class ChangeSink(Protocol):
    def cursor(self) -> str: ...

    def apply(self, changes: Sequence[Change], next_cursor: str) -> None:
        """Apply one page and store its cursor in the same transaction."""
