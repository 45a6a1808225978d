"""Promotions on the central server: create, schedule, pause, resume, end and list
them, each with its budget cap and the stores it applies to; every change reaches
the tills as a change of kind "promotion" (the definition, its stores, its status).

A definition is validated by the till's own codec (`pos_app.core.promo_codec`), so
the server never stores one a till would refuse. A promotion's life is
active ⇄ paused → ended; an ended one is kept (returns of older sales re-price
with it) and never comes back. Each status change is kept with its time, so that
a sale is judged by the status at its own moment (`status_at`). The command line
(`yuancang-central promotions`) and the API (sync/server/api/promotions.py) call
these functions alone.

A store manager may also set up a promotion for their own store at a till
(`sync/server/push_store.py`): it is created here too, with its `StoreOrigin`,
and managed like any other afterwards (operations may pause or end it).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.core.errors import PosError
from pos_app.core.promo_codec import promotion_from_dict, promotion_to_dict
from pos_app.core.promotions import Promotion as PromoDef
from sync.protocol.changes import PromotionData
from sync.server.changelog import ChangeLog
from sync.server.models.partners import Store
from sync.server.models.promotions import (
    Promotion,
    PromotionStatusChange,
    PromotionStore,
    PromotionVersion,
)

MAX_STORES = 1000


class Status(enum.StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


class Action(enum.StrEnum):
    PAUSE = "pause"
    RESUME = "resume"
    END = "end"


#: action → (statuses it may start from, the status it leads to)
_MOVES: dict[Action, tuple[frozenset[Status], Status]] = {
    Action.PAUSE: (frozenset({Status.ACTIVE}), Status.PAUSED),
    Action.RESUME: (frozenset({Status.PAUSED}), Status.ACTIVE),
    Action.END: (frozenset({Status.ACTIVE, Status.PAUSED}), Status.ENDED),
}


class PromotionError(Exception):
    """A refused management request: `code` says what (invalid, not_found, exists,
    state), `field` which part of the definition when it is invalid."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.field = code, message, field


@dataclass(frozen=True, slots=True)
class PromotionView:
    """A promotion as the API and the command line show it."""

    id: str
    name: str
    kind: str
    status: str
    stores: list[str]
    budget_fen: int | None
    given_fen: int
    definition: dict[str, Any]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class StoreOrigin:
    """Where a store promotion comes from: its store, the manager (staff id) who approved
    it at a till, the till's revision, the budget the till asked for (and whether the
    server's cap replaced it), and the trusted moment it took effect (`since`)."""

    store_code: str
    approver: str
    revision: int
    claimed_budget_fen: int | None
    budget_capped: bool
    since: datetime


def parse_definition(data: Any, *, budget_fen: int | None = None) -> PromoDef:
    """The promotion `data` describes (its budget replaced by `budget_fen` when given)."""
    if budget_fen is not None and isinstance(data, Mapping):
        data = {**data, "budget_fen": budget_fen}
    try:
        return promotion_from_dict(data)
    except PosError as exc:
        field = str(exc.params.get("field", "promotion"))
        raise PromotionError("invalid", f"the promotion's {field} is not valid", field) from None


def create(
    session: Session,
    *,
    definition: Any,
    stores: Sequence[str],
    budget_fen: int | None,
    now: datetime,
    changes: ChangeLog,
    origin: StoreOrigin | None = None,
) -> PromotionView:
    """A new active promotion for `stores` (none: every store); `origin`: a store's,
    in force from its own trusted moment (so no sale before it is explained by it)."""
    promo = parse_definition(definition, budget_fen=budget_fen)
    codes = _check_stores(session, stores)
    if session.get(Promotion, promo.promo_id) is not None:
        raise PromotionError("exists", f"a promotion {promo.promo_id} exists already")
    row = Promotion(
        id=promo.promo_id,
        definition=_canonical(promo),
        status=Status.ACTIVE.value,
        budget_fen=promo.budget_fen,
        given_fen=0,
        created_at=now,
        updated_at=now,
    )
    if origin is not None:
        row.origin, row.store_code, row.approver = "store", origin.store_code, origin.approver
        row.revision = origin.revision
        row.claimed_budget_fen, row.budget_capped = origin.claimed_budget_fen, origin.budget_capped
    since = now if origin is None else origin.since
    session.add(row)
    session.flush()
    session.add_all(PromotionStore(promotion_id=row.id, store_code=c) for c in codes)
    session.add(PromotionVersion(promotion_id=row.id, definition=row.definition, since=since))
    _record(session, row, Status.ACTIVE, since, "create")
    return _emit(session, row, changes)


def schedule(
    session: Session, *, promo_id: str, window: Any, now: datetime, changes: ChangeLog
) -> PromotionView:
    """Give the promotion a new window (dates, weekdays, hours); an ended one keeps its own."""
    row = _get(session, promo_id, lock=True)
    if row.status == Status.ENDED:
        raise PromotionError("state", f"promotion {promo_id} has ended")
    data = json.loads(row.definition)
    promo = parse_definition({**data, "window": window})
    row.definition = _canonical(promo)
    row.updated_at = now
    # the old window still explains the sales made under it
    session.add(PromotionVersion(promotion_id=row.id, definition=row.definition, since=now))
    return _emit(session, row, changes)


def change_status(
    session: Session,
    *,
    promo_id: str,
    action: Action,
    now: datetime,
    changes: ChangeLog,
    reason: str | None = None,
    at: datetime | None = None,
) -> PromotionView:
    """Pause, resume or end. Asking for the status it already has changes nothing; a
    move its status does not allow (resume an ended one, resume one whose budget is
    spent) is refused with code "state". `at`: when it took effect (default `now`:
    a till's change takes effect at its own trusted moment)."""
    row = _get(session, promo_id, lock=True)
    starts, target = _MOVES[action]
    if row.status == target:
        return _view(session, row)
    if Status(row.status) not in starts:
        raise PromotionError("state", f"promotion {promo_id} is {row.status}: cannot {action}")
    if action is Action.RESUME and row.budget_fen is not None and row.given_fen >= row.budget_fen:
        raise PromotionError("state", f"promotion {promo_id} has spent its budget")
    row.status = target.value
    row.updated_at = now
    _record(session, row, target, at or now, reason or action.value)
    return _emit(session, row, changes)


def list_promotions(session: Session, *, store_code: str | None = None) -> list[PromotionView]:
    """Every promotion, or those that apply to `store_code` (its own and the all-store ones)."""
    rows = list(session.scalars(select(Promotion).order_by(Promotion.id)))
    # every promotion's stores in one query, not one per promotion
    stores: dict[str, list[str]] = {row.id: [] for row in rows}
    for pid, code in session.execute(
        select(PromotionStore.promotion_id, PromotionStore.store_code).order_by(
            PromotionStore.store_code
        )
    ):
        stores[pid].append(code)
    views = [_view(session, row, stores[row.id]) for row in rows]
    if store_code is None:
        return views
    return [v for v in views if not v.stores or store_code in v.stores]


def announce(session: Session, row: Promotion, changes: ChangeLog) -> PromotionView:
    """Send the promotion as it stands to the tills again (a till's refused change)."""
    return _emit(session, row, changes)


def _emit(session: Session, row: Promotion, changes: ChangeLog) -> PromotionView:
    view = _view(session, row)
    # exactly promotion_to_dict's keys (a till reads them back with promotion_from_dict,
    # which refuses a parameter of another kind, even a null one) plus stores and status
    data = {**view.definition, "stores": view.stores, "status": view.status}
    PromotionData.model_validate(data)  # the documented form, checked on the way out
    changes.upsert("promotion", row.id, data)
    return view


def _record(session: Session, row: Promotion, status: Status, now: datetime, reason: str) -> None:
    session.add(
        PromotionStatusChange(promotion_id=row.id, status=status.value, at=now, reason=reason)
    )


def _get(session: Session, promo_id: str, *, lock: bool = False) -> Promotion:
    stmt = select(Promotion).where(Promotion.id == promo_id)
    # FOR NO KEY UPDATE: a concurrent push holds KEY SHARE on the row (its promotion_uses
    # row's foreign key) while it waits for our lock; FOR UPDATE would wait for it: deadlock
    locked = stmt.with_for_update(key_share=True)
    row = session.scalars(locked if lock else stmt).one_or_none()
    if row is None:
        raise PromotionError("not_found", f"no promotion {promo_id}")
    return row


def _check_stores(session: Session, stores: Sequence[str]) -> list[str]:
    codes = sorted(set(stores))
    if len(codes) > MAX_STORES:
        raise PromotionError("invalid", "too many stores", "stores")
    known = (
        set(session.scalars(select(Store.code).where(Store.code.in_(codes)))) if codes else set()
    )
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise PromotionError("invalid", f"unknown store {unknown[0]}", "stores")
    return codes


def _canonical(promo: PromoDef) -> str:
    return json.dumps(promotion_to_dict(promo), ensure_ascii=False, sort_keys=True)


def _view(session: Session, row: Promotion, stores: list[str] | None = None) -> PromotionView:
    if stores is None:
        stores = sorted(
            session.scalars(
                select(PromotionStore.store_code).where(PromotionStore.promotion_id == row.id)
            )
        )
    definition = json.loads(row.definition)
    return PromotionView(
        id=row.id,
        name=definition["name"],
        kind=definition["kind"],
        status=row.status,
        stores=stores,
        budget_fen=row.budget_fen,
        given_fen=row.given_fen,
        definition=definition,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
