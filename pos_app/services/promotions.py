"""The promotions of this store: the book the cart prices with, the active and
upcoming ones the screens list, and a manager's store-only promotion.

Which promotions are this till's: those whose stores name its store, or name no
store (every store), whatever their origin (the central server's, pulled by the
sync, or one set up here). Only `active` ones are priced; `paused` and `ended`
ones are kept (a return of an older sale re-prices with the definitions the
sale itself kept, `sale_promotions`). The book (`PromoBook`) is built once per
promotion set and store, and rebuilt only after `reload()` (a pull that changed
promotions, a manager's change here).

A stored definition that no longer parses (a till older than the server's
format) is left out with a logged, coded reason, never a crash.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.promo_codec import promotion_from_dict, promotion_to_dict
from pos_app.core.promo_engine import PromoBook
from pos_app.core.promotions import SHOWROOM_TZ, Promotion
from pos_app.options import StoreSettings, TerminalSettings
from pos_app.persistence.promotions_repo import (
    PromotionsRepository,
    StoredPromotion,
    StoreRecord,
)
from pos_app.services.approvals import (
    Approval,
    ApprovalAction,
    ApprovalRequest,
    ManagerApproval,
    NoStaffRolesYet,
    ask,
)

log = logging.getLogger("pos_app.promotions")

__all__ = ["Promotion", "PromotionsService"]


class PromotionsService:
    def __init__(
        self,
        repo: PromotionsRepository,
        store: Callable[[], StoreSettings],
        terminal: Callable[[], TerminalSettings],
        approval: ManagerApproval | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.repo = repo
        self._store = store
        self._terminal = terminal
        self.approval = approval or NoStaffRolesYet()
        self.clock = clock
        self._lock = threading.Lock()  # a pull reloads on the sync thread
        self._cached: tuple[str, tuple[Promotion, ...], PromoBook] | None = None

    # --- what the cart prices with --------------------------------------------------

    def book(self) -> PromoBook:
        """The active promotions of this store, indexed once per set (every scan reads it)."""
        return self._current()[2]

    def reload(self) -> None:
        """The stored promotions changed: the next `book()` reads them again."""
        with self._lock:
            self._cached = None

    # --- what the screens list ------------------------------------------------------

    def active(self) -> list[Promotion]:
        """Active promotions whose window holds now (by rank); a members-only or
        event one still needs its resident or event at the sale."""
        now = self.clock()
        return [p for p in self._current()[1] if p.window.contains(now)]

    def upcoming(self) -> list[Promotion]:
        """Active promotions whose window does not hold now but will: a later date,
        another weekday (周三会员日 on a Thursday) or later hours (by rank)."""
        now = self.clock()
        today = now.astimezone(SHOWROOM_TZ).date()
        return [
            p
            for p in self._current()[1]
            if not p.window.contains(now)
            and (p.window.end_date is None or p.window.end_date >= today)
        ]

    # --- a manager's store-only promotion -----------------------------------------

    def create_local(self, data: Mapping[str, Any]) -> Promotion:
        """Set up a promotion for this store only, from its wire form (validated by
        `promotion_from_dict`: PROMO_INVALID names a bad field; an id already on the
        till is refused, field "id"). A manager's PIN is asked (PROMO_NOT_APPROVED).
        Its record for the central server is written with it (the approver's staff id)."""
        promo = promotion_from_dict(dict(data))
        if self.repo.exists(promo.promo_id):
            raise PosError(ErrorCode.PROMO_INVALID, field="id")
        approval = self._approve(promo.promo_id, "create")
        self.repo.save(
            definition=promotion_to_dict(promo),
            stores=[self._store().code],
            status="active",
            origin="local",
            created_by=approval.approved_by or self._terminal().cashier_name,
            at=self.clock(),
            record=self._record(approval),
        )
        log.info("local promotion %s set up (approved by %r)", promo.promo_id, approval.approver_id)
        self.reload()
        return promo

    def set_status(self, promo_id: str, status: str) -> None:
        """Pause, end or resume (`active`) a promotion of this till, with a manager's PIN;
        a store-only one's change also goes to the central server."""
        if status not in ("active", "paused", "ended"):
            raise PosError(ErrorCode.PROMO_INVALID, field="status")
        if not self.repo.exists(promo_id):
            raise PosError(ErrorCode.PROMO_NOT_FOUND, promo_id=promo_id)
        approval = self._approve(promo_id, status)
        self.repo.set_status(promo_id, status, self.clock(), self._record(approval))
        self.reload()

    def approval_request(self, promo_id: str, change: str) -> ApprovalRequest:
        """What a manager approves: setting up (`create`) or changing the status of
        a promotion (the confirmation asks the PIN for it, as for a refund)."""
        terminal = self._terminal()
        return ApprovalRequest(
            ApprovalAction.PROMOTION,
            0,
            requested_by=terminal.cashier_name,
            reference=promo_id,
            store_code=self._store().code,
            terminal_code=terminal.code,
            details={"change": change},
            at=self.clock(),
        )

    def _approve(self, promo_id: str, change: str) -> Approval:
        approval = ask(self.approval, self.approval_request(promo_id, change))
        if approval is None:
            raise PosError(ErrorCode.PROMO_NOT_APPROVED, promo_id=promo_id)
        return approval

    def _record(self, approval: Approval) -> StoreRecord:
        return StoreRecord(approval.approver_id, self._store().code, self._terminal().code)

    # --- internals ----------------------------------------------------------------

    def _current(self) -> tuple[str, tuple[Promotion, ...], PromoBook]:
        store = self._store().code
        with self._lock:
            cached = self._cached
            if cached is None or cached[0] != store:
                promos = tuple(_parsed(s) for s in self.repo.all() if _priced_here(s, store))
                usable = tuple(sorted((p for p in promos if p is not None), key=lambda p: p.rank))
                cached = self._cached = (store, usable, PromoBook(usable))
            return cached


def _priced_here(stored: StoredPromotion, store: str) -> bool:
    return stored.status == "active" and (not stored.stores or store in stored.stores)


def _parsed(stored: StoredPromotion) -> Promotion | None:
    try:
        return promotion_from_dict(stored.definition)
    except PosError as exc:
        log.warning("promotion %s left out: %s %s", stored.promo_id, exc.code.value, exc.params)
        return None
