"""What the push modules share: the batch being applied, and how an item is refused.

The batch also reads, once and only when an item needs it, what the checks
of a sale need: the till's enrollment, the membership keys, the catalog's
history of the SKUs sold, and the trust settings (`Policy`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, NoReturn

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_app.core.membership import public_key_from_text
from sync.protocol.changes import NoticeData
from sync.protocol.codes import ItemFlag, RejectReason
from sync.protocol.push import OutboxItem
from sync.server import catalog_history
from sync.server.catalog_history import Version
from sync.server.changelog import ChangeLog
from sync.server.config import Settings
from sync.server.crud import TerminalCtx, insert_ignore
from sync.server.models.orders import IdConflict, PointsFlag
from sync.server.models.partners import ContractVersion
from sync.server.models.terminals import MembershipKey, Terminal


class Reject(Exception):
    """The item is refused with a reason code; its savepoint rolls back.

    `field` and `detail` name a figure the server recomputed and found wrong (as
    `invalid_payload` names the field that failed validation).
    """

    def __init__(
        self, reason: RejectReason, field: str | None = None, detail: str | None = None
    ) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.field = field
        self.detail = detail


class Duplicate(Exception):
    """The sale or refund is already stored (under another item id: a till restore)."""


@dataclass(frozen=True, slots=True)
class Policy:
    """The trust settings a push applies (see `config.Settings` for each one's reason)."""

    clock_skew: timedelta
    catalog_grace: timedelta
    member_code_window: timedelta
    rounding_cash_only: bool = True
    open_price_limit_fen: int = 20_000

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Policy:
        s = settings or Settings()
        return cls(
            timedelta(seconds=s.sale_clock_skew_s),
            timedelta(days=s.catalog_grace_days),
            timedelta(seconds=s.member_code_sale_window_s),
            s.rounding_cash_only,
            s.open_price_limit_fen,
        )


class BatchChangeLog(ChangeLog):
    """The batch's change log, which also stores the id conflicts its items ran into.

    A conflicting item is rejected and its savepoint rolls back, so what must
    outlive it (the conflict row, the notice to the first till) waits here
    and is written with the batch's other changes, at its end.
    """

    def __init__(self) -> None:
        super().__init__()
        self.conflicts: list[dict[str, Any]] = []

    def flush(self, session: Session, *, now: datetime | None = None) -> int:
        for values in self.conflicts:
            insert_ignore(session, IdConflict, values, ["record_kind", "record_id", "terminal_id"])
        self.conflicts.clear()
        return super().flush(session, now=now)


@dataclass
class Batch:
    """One push request's transaction and what it gathers until the end."""

    session: Session
    terminal: TerminalCtx
    now: datetime
    categories: dict[str, bool]
    versions: list[ContractVersion]
    changes: ChangeLog = field(default_factory=BatchChangeLog)
    #: resident id → (property company, revoked at), or None if unknown; read once a batch
    residents: dict[str, tuple[str, datetime | None] | None] = field(default_factory=dict)
    #: points per resident, applied to the cached balances once, in sorted order
    deltas: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    policy: Policy = field(default_factory=Policy.from_settings)
    _enrolled: datetime | None = None
    _keys: dict[str, Ed25519PublicKey] | None = None
    _history: dict[str, list[Version]] = field(default_factory=dict)
    #: what a check reads once a batch (promo_check: the promotions, their stores and history)
    cache: dict[str, Any] = field(default_factory=dict)

    def enrolled_since(self) -> datetime:
        """When this till position first enrolled with its key (a re-enrolled till keeps
        its key and its outbox, so its first enrollment bounds its sales)."""
        if self._enrolled is None:
            t = self.terminal
            first = self.session.scalar(
                select(func.min(Terminal.enrolled_at)).where(
                    Terminal.key_id == t.key_id,
                    Terminal.store_code == t.store_code,
                    Terminal.terminal_code == t.terminal_code,
                )
            )
            own = self.session.get(Terminal, t.id)
            self._enrolled = first or (own.enrolled_at if own else self.now)
        return self._enrolled

    def member_keys(self) -> dict[str, Ed25519PublicKey]:
        """The membership keys this server trusts now (retired ones are left out)."""
        if self._keys is None:
            rows = self.session.execute(
                select(MembershipKey.key_id, MembershipKey.public_key).where(
                    MembershipKey.retired_at.is_(None)
                )
            )
            self._keys = {kid: public_key_from_text(text) for kid, text in rows}
        return self._keys

    def history(self, skus: Iterable[str]) -> dict[str, list[Version]]:
        """The catalog history of these SKUs, read once a batch."""
        missing = {s for s in skus if s not in self._history}
        if missing:
            found = catalog_history.history(self.session, missing)
            for sku in missing:
                self._history[sku] = found.get(sku, [])
        return self._history


def conflict(
    batch: Batch,
    item: OutboxItem,
    record_kind: Literal["sale", "refund"],
    record_id: str,
    owner: str,
) -> NoReturn:
    """Record an id conflict and tell the till that holds the record; the item is refused."""
    changes = batch.changes
    if isinstance(changes, BatchChangeLog):
        changes.conflicts.append(
            {
                "record_kind": record_kind,
                "record_id": record_id,
                "owner_terminal_id": owner,
                "terminal_id": batch.terminal.id,
                "item_id": str(item.item_id),
                "created_at": batch.now,
            }
        )
    notice = NoticeData(
        code="id_conflict", record_kind=record_kind, record_id=record_id, at=batch.now
    )
    changes.upsert(
        "notice",
        f"id_conflict:{record_kind}:{record_id}:{batch.terminal.id}",
        notice,
        terminal_id=owner,
    )
    raise Reject(RejectReason.ID_CONFLICT)


def same_position(batch: Batch, terminal_id: str) -> bool:
    """Whether a stored record's terminal is this till position (a re-enrolled till is)."""
    if terminal_id == batch.terminal.id:
        return True
    other = batch.session.get(Terminal, terminal_id)
    t = batch.terminal
    return other is not None and (other.store_code, other.terminal_code) == (
        t.store_code,
        t.terminal_code,
    )


def flag(
    batch: Batch,
    item: OutboxItem,
    source_kind: str,
    source_id: str,
    terminal_points: int,
    server_points: int,
    detail: dict[str, object],
) -> None:
    insert_ignore(
        batch.session,
        PointsFlag,
        {
            "terminal_id": batch.terminal.id,
            "item_id": str(item.item_id),
            "source_kind": source_kind,
            "source_id": source_id,
            "flag": ItemFlag.POINTS_MISMATCH.value,
            "terminal_points": terminal_points,
            "server_points": server_points,
            "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True),
            "created_at": batch.now,
        },
        ["source_kind", "source_id", "flag"],
    )
