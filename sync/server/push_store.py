"""Pushed store-only promotions and tasting events (`store_promotion`, `store_event`):
what a store manager set up at a till, believed only as far as the server can check.

Refused with a coded reason (nothing stored but the received item):
* a record of another till, or about another store (`wrong_terminal`); its
  aggregate_id is not its record_id (`aggregate_mismatch`);
* an approver who is not an active staff member of this store on the server
  (`approver_unknown`), or who is not a manager there (`not_a_manager`);
* an id a central promotion or event has, or another store's (`id_taken`): a till
  never alters what operations set up, nor another store's;
* a definition or event the server's own management would refuse
  (`promotion_invalid`, `event_invalid`, field and detail say which; a promotion's
  `event_id` must be an event of this store);
* a status its life does not allow (`promotion_state`): an ended promotion never
  comes back, one whose budget is spent never resumes. The server's own status is
  then sent to the tills again, so the till that asked learns it.

Bounded: a store promotion always has a budget, at most the server's
`store_promotion_max_budget_fen`; a missing or larger one is capped at it (kept
beside the till's own figure, and the item flagged `promotion_budget_capped`).
Versioned: a promotion's record carries the till's revision; one no newer than the
revision applied is a no-op (answered `duplicate`); a newer one applies its status
through the same state machine as operations. Only the first record's definition
is read: a later one changes the status alone. Its moment (the creation, a status
change) is the record's trusted time: the till's clock, kept between the till's
enrollment (less the allowed skew) and the receipt, so a sale made before the
promotion existed is not explained by it.

Accepted ones are stored with their origin ("store") and announced down the change
feed like a central one, so the store's other tills get them; operations may pause
or end them like any other.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from sync.protocol.codes import ItemFlag, RejectReason
from sync.protocol.push import OutboxItem
from sync.protocol.store_payloads import STORE_PAYLOADS, StoreEventPayload, StorePromotionPayload
from sync.server import events as ev
from sync.server import promotions as promos
from sync.server.config import Settings
from sync.server.models.events import Event
from sync.server.models.partners import StaffMember
from sync.server.models.promotions import Promotion
from sync.server.push_common import Batch, Duplicate, Reject

#: (the status it has, the status a till asks for) → the move that gets there
_MOVES = {
    ("active", "paused"): promos.Action.PAUSE,
    ("paused", "active"): promos.Action.RESUME,
    ("active", "ended"): promos.Action.END,
    ("paused", "ended"): promos.Action.END,
}


def apply_store_record(batch: Batch, item: OutboxItem, payload_text: str) -> list[str]:
    """Check and apply one store record; its flags."""
    record = STORE_PAYLOADS[item.kind].model_validate(item.payload)
    if item.aggregate_id != record.record_id:
        raise Reject(RejectReason.AGGREGATE_MISMATCH)
    t = batch.terminal
    if (record.store_code, record.terminal_code) != (t.store_code, t.terminal_code):
        raise Reject(RejectReason.WRONG_TERMINAL)
    if isinstance(record, StorePromotionPayload):
        _check_manager(batch, record.approver)
        return _promotion(batch, record, item.payload["promotion"])
    assert isinstance(record, StoreEventPayload)
    if record.event.store_code != t.store_code:
        raise Reject(RejectReason.WRONG_TERMINAL)
    _check_manager(batch, record.manager)
    return _event(batch, record, item.payload["event"])


def _check_manager(batch: Batch, staff_id: str) -> None:
    staff = batch.session.get(StaffMember, staff_id) if staff_id else None
    if staff is None or staff.store_code != batch.terminal.store_code or not staff.active:
        raise Reject(RejectReason.APPROVER_UNKNOWN)
    if staff.role != "manager":
        raise Reject(RejectReason.NOT_A_MANAGER)


def trusted_time(batch: Batch, at: datetime) -> datetime:
    """The record's time as the server believes it: not before the till position
    enrolled (less the skew), not after the push arrived (as a sale's)."""
    lower = batch.enrolled_since() - batch.policy.clock_skew
    return min(max(at, lower), batch.now)


def _max_budget(batch: Batch) -> int:
    cap: int | None = batch.cache.get("store_promotion_cap")
    if cap is None:
        cap = batch.cache["store_promotion_cap"] = Settings().store_promotion_max_budget_fen
    return cap


# --- a promotion ------------------------------------------------------------------------


def _promotion(batch: Batch, record: StorePromotionPayload, raw: dict[str, Any]) -> list[str]:
    session, store = batch.session, batch.terminal.store_code
    row = session.scalars(
        # FOR NO KEY UPDATE, as operations take it (sync/server/promotions.py says why)
        select(Promotion).where(Promotion.id == record.promotion.id).with_for_update(key_share=True)
    ).one_or_none()
    if row is not None and (row.origin != "store" or row.store_code != store):
        raise Reject(RejectReason.ID_TAKEN)
    if row is not None and record.revision <= row.revision:
        raise Duplicate  # an older or the same state: what the server holds is newer
    at = trusted_time(batch, record.at)
    flags: list[str] = []
    if row is None:
        flags = _create(batch, record, raw, at)
        row = session.get(Promotion, record.promotion.id)
        assert row is not None
    _move(batch, row, record.status, at)
    row.revision, row.approver = record.revision, record.approver
    batch.cache.pop("promotions", None)  # this batch's later sales are judged with it
    return flags


def _create(
    batch: Batch, record: StorePromotionPayload, raw: dict[str, Any], at: datetime
) -> list[str]:
    """Store the promotion of the first record the server sees of it (active)."""
    cap = _max_budget(batch)
    claimed = raw.get("budget_fen")
    claimed = claimed if type(claimed) is int else None
    capped = claimed is None or claimed > cap
    store = batch.terminal.store_code
    try:
        promo = promos.parse_definition(raw, budget_fen=cap if capped else claimed)
        if promo.event_id is not None:
            event = batch.session.get(Event, promo.event_id)
            if event is None or event.store_code != store:
                raise promos.PromotionError("invalid", "not an event of this store", "event_id")
        origin = promos.StoreOrigin(store, record.approver, record.revision, claimed, capped, at)
        promos.create(
            batch.session, definition=raw, stores=[store], budget_fen=cap if capped else claimed,
            now=batch.now, changes=batch.changes, origin=origin,
        )  # fmt: skip
    except promos.PromotionError as exc:
        raise Reject(
            RejectReason.PROMOTION_INVALID, f"payload.promotion.{exc.field}", exc.message[:200]
        ) from None
    return [ItemFlag.PROMOTION_BUDGET_CAPPED.value] if capped else []


def _move(batch: Batch, row: Promotion, target: str, at: datetime) -> None:
    """Take the promotion to the status the till asks for, as operations would."""
    if row.status == target:
        return
    action = _MOVES.get((row.status, target))
    try:
        if action is None:
            raise promos.PromotionError("state", f"promotion {row.id} is {row.status}")
        promos.change_status(
            batch.session, promo_id=row.id, action=action, now=batch.now,
            changes=batch.changes, reason=f"store:{action.value}", at=at,
        )  # fmt: skip
    except promos.PromotionError:
        # the till believes another status: it pulls the server's own again (this
        # change outlives the item's rolled-back savepoint: it states what is stored)
        promos.announce(batch.session, row, batch.changes)
        raise Reject(RejectReason.PROMOTION_STATE) from None


# --- an event ---------------------------------------------------------------------------


def _event(batch: Batch, record: StoreEventPayload, raw: dict[str, Any]) -> list[str]:
    event_id = record.event.event_id
    existing = batch.session.get(Event, event_id)
    if existing is not None:
        if existing.origin == "store" and existing.store_code == batch.terminal.store_code:
            raise Duplicate  # set up once: another record of it changes nothing
        raise Reject(RejectReason.ID_TAKEN)
    try:
        ev.create(
            batch.session, data=raw, now=batch.now, changes=batch.changes,
            created_by=record.manager,
        )  # fmt: skip
    except ev.EventError as exc:
        raise Reject(
            RejectReason.EVENT_INVALID, f"payload.event.{exc.field}", exc.message[:200]
        ) from None
    batch.cache.get("events", {}).pop(event_id, None)  # its records in this batch find it
    return []
