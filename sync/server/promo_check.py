"""A pushed sale's promotions, re-priced by the server with its own definitions.

A till names, on each line, the promotions it applied and what each saved
there. None of it is believed: when any line names a promotion, the server
prices the sale again with `pos_app.core.promo_engine.price()` over the
promotions IT holds for the sale's store that were active at the sale's trusted
moment (or within the catalog grace before it: a till offline for days learns of
a pause late, as of a price change; or within the allowed clock skew after it: a
till's clock may run a little slow), with the member it verified and the
sale's event. Each promotion is taken as it was defined at the trusted moment
(a window moved later does not re-judge the sale), and its window (dates,
weekdays, hours) is judged by the engine at that moment itself. As on the till,
a line whose discount is more than its promotions' savings carries a cashier's
hand discount: it takes no promotion and counts towards none (so any saving it
names is unexplained). Then, per line:

* a saving the server gives too (the same promotion, at least as much) is
  *explained*; a saving the server does not give, or gives less of, or savings
  adding up to more than the line's discount, are *unexplained*: the line is
  flagged `promotion_unexplained` and listed for review, and earns nothing
  (as any line nothing explains);
* the line's net for points is the server's (gross − the manual part of the
  discount − the server's savings), never more than what the till says was paid.

What each promotion gave is the explained part (per line, the smaller of the
till's and the server's saving). It is added to the promotion's running total
under a row lock; a sale that takes a promotion past its budget is accepted (the
customer has paid) but flagged `promotion_over_budget`, and the promotion is
paused, a change the tills pull.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update

from pos_app.core.catalog import Unit
from pos_app.core.money import Money
from pos_app.core.promo_codec import promotion_from_dict
from pos_app.core.promo_engine import PromoBook, price
from pos_app.core.promotions import PromoContext, PromoLine
from pos_app.core.promotions import Promotion as PromoDef
from sync.protocol.codes import ItemFlag
from sync.protocol.payloads import SaleLine, SalePayload
from sync.protocol.push import OutboxItem
from sync.server.crud import insert_ignore
from sync.server.line_check import gross_fen
from sync.server.models.promotions import (
    Promotion,
    PromotionStatusChange,
    PromotionStore,
    PromotionUse,
    PromotionVersion,
)
from sync.server.promotions import Action, Status, change_status
from sync.server.push_common import Batch
from sync.server.review import add_review


@dataclass
class PromoVerdict:
    """The server's re-pricing of one sale's promotions."""

    #: line_no → what the till claimed and what the server gives, for a line it cannot explain
    unexplained: dict[int, dict[str, object]] = field(default_factory=dict)
    #: line_no → the line's net by the server's promotions (before the 抹零 share)
    nets: dict[int, int] = field(default_factory=dict)
    #: promotion id → (explained saving, claimed saving) over the sale
    uses: dict[str, tuple[int, int]] = field(default_factory=dict)


def claims_promotions(sale: SalePayload) -> bool:
    return any(ln.promotions for ln in sale.lines if not ln.voided)


#: one promotion as a batch holds it: its definitions (from when, oldest first), its
#: stores (empty: every store) and its status history (time, status), oldest first
_Held = tuple[list[tuple[datetime, PromoDef]], frozenset[str], list[tuple[datetime, str]]]


def _held(batch: Batch) -> list[_Held]:
    """Every promotion with its stores and history, read once a batch (a batch of 500
    promoted sales reads them once, not 500 times): statuses as the batch began. A pause
    the batch itself makes (a budget spent) applies from the next push; the batch's
    later sales past the cap are flagged all the same (the running total is per sale)."""
    held: list[_Held] | None = batch.cache.get("promotions")
    if held is not None:
        return held
    session = batch.session
    stores: dict[str, set[str]] = defaultdict(set)
    for pid, code in session.execute(
        select(PromotionStore.promotion_id, PromotionStore.store_code)
    ):
        stores[pid].add(code)
    history: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
    changes = select(PromotionStatusChange).order_by(
        PromotionStatusChange.at, PromotionStatusChange.id
    )
    for change in session.scalars(changes):
        history[change.promotion_id].append((change.at, change.status))
    versions: dict[str, list[tuple[datetime, PromoDef]]] = defaultdict(list)
    rows = select(PromotionVersion).order_by(PromotionVersion.since, PromotionVersion.id)
    for version in session.scalars(rows):
        definition = promotion_from_dict(json.loads(version.definition))
        versions[version.promotion_id].append((version.since, definition))
    held = [
        (versions[pid], frozenset(stores[pid]), history[pid])
        for pid in session.scalars(select(Promotion.id))
        if versions[pid]
    ]
    batch.cache["promotions"] = held
    return held


def in_force(
    batch: Batch, store_code: str, when: datetime, grace: timedelta, *, moment: datetime
) -> list[PromoDef]:
    """The server's promotions for `store_code` that were active at some moment of
    [when − grace, when], each as it was defined at `moment` (the sale's)."""
    return [
        _version_at(versions, moment)
        for versions, stores, history in _held(batch)
        if (not stores or store_code in stores) and _active_between(history, when - grace, when)
    ]


def _version_at(versions: list[tuple[datetime, PromoDef]], moment: datetime) -> PromoDef:
    """The definition in force at `moment`; the first one for a moment just before the
    promotion was created (a slow till clock, within the skew)."""
    found = versions[0][1]
    for since, definition in versions:
        if since > moment:
            break
        found = definition
    return found


def _active_between(history: list[tuple[datetime, str]], start: datetime, end: datetime) -> bool:
    status = None  # before its creation it did not exist
    for at, new in history:
        if at > end:
            break
        if at <= start:
            status = new
        elif new == Status.ACTIVE:
            return True
    return status == Status.ACTIVE


def reprice(
    batch: Batch,
    sale: SalePayload,
    live: Sequence[SaleLine],
    categories: dict[int, str],
    *,
    when: datetime,
    member: bool,
) -> PromoVerdict:
    """Price the sale's live lines with the server's promotions and judge each claim.

    `categories`: line_no → the server's category of the line (the till's label is
    not believed)."""
    policy = batch.policy
    # a till's clock may run a little slow (the skew the sale's time is allowed): a
    # promotion created just before the sale still explains it
    store = batch.terminal.store_code
    book = PromoBook(
        in_force(batch, store, when + policy.clock_skew, policy.catalog_grace, moment=when)
    )
    lines = [
        PromoLine(
            line_no=ln.line_no,
            sku=ln.sku,
            category=categories.get(ln.line_no, ln.category),
            unit_price=Money(ln.unit_price),
            quantity=ln.quantity,
            unit=Unit.KG if ln.unit == "kg" else Unit.PIECE,
            points_eligible=ln.points_eligible,
            fixed_amount=None if ln.fixed_amount is None else Money(ln.fixed_amount),
        )
        for ln in live
        # as on the till: a line the cashier discounted by hand (its discount more than
        # its promotions' savings) takes no promotion, counts towards no tier, completes
        # no group
        if ln.discount <= sum(p.saving_fen for p in ln.promotions)
    ]
    result = price(lines, book, PromoContext(moment=when, member=member, event_id=sale.event_id))
    server_of = {r.line_no: {a.promo_id: a.saving.fen for a in r.applied} for r in result.lines}
    known = {p.promo_id for p in book.promotions}
    verdict = PromoVerdict()
    uses: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for ln in live:
        server = server_of.get(ln.line_no, {})
        claimed: dict[str, int] = defaultdict(int)
        for p in ln.promotions:
            claimed[p.id] += p.saving_fen
        repeated = len(claimed) != len(ln.promotions)
        claimed_total = sum(claimed.values())
        if (
            repeated
            or claimed_total > ln.discount
            or any(saving > server.get(pid, 0) for pid, saving in claimed.items())
        ):
            verdict.unexplained[ln.line_no] = {"claimed": dict(claimed), "server": server}
        manual = max(ln.discount - claimed_total, 0)
        verdict.nets[ln.line_no] = gross_fen(ln) - manual - sum(server.values())
        for pid in claimed.keys() | server.keys():
            if pid in known:
                uses[pid][0] += min(claimed.get(pid, 0), server.get(pid, 0))
                uses[pid][1] += claimed.get(pid, 0)
    verdict.uses = {pid: (explained, claim) for pid, (explained, claim) in uses.items()}
    return verdict


def record_uses(
    batch: Batch, item: OutboxItem, sale: SalePayload, verdict: PromoVerdict
) -> list[str]:
    """Store what each promotion gave on this (stored) sale, add it to the promotions'
    running totals, and act on a budget gone past: the flags it raises."""
    over: dict[str, tuple[int, int]] = {}
    # a fixed order of row locks: two pushes never wait on each other in a cycle
    for pid in sorted(verdict.uses):
        explained, claimed = verdict.uses[pid]
        if not (explained or claimed):
            continue
        insert_ignore(
            batch.session,
            PromotionUse,
            {
                "sale_id": sale.sale_id,
                "promotion_id": pid,
                "store_code": batch.terminal.store_code,
                "created_at": sale.created_at,
                "saving_fen": explained,
                "claimed_fen": claimed,
            },
            ["sale_id", "promotion_id"],
        )
        if not explained:
            continue
        # one UPDATE adds and reads back: concurrent pushes each see their own total
        given, budget = batch.session.execute(
            update(Promotion)
            .where(Promotion.id == pid)
            .values(given_fen=Promotion.given_fen + explained)
            .returning(Promotion.given_fen, Promotion.budget_fen)
        ).one()
        if budget is None or given < budget:
            continue
        row = batch.session.get(Promotion, pid)
        assert row is not None
        batch.session.refresh(row)
        if row.status == Status.ACTIVE:
            # the cap is reached: no till should give it any more
            change_status(
                batch.session,
                promo_id=pid,
                action=Action.PAUSE,
                now=batch.now,
                changes=batch.changes,
                reason="budget",
            )
        if given > budget:
            over[pid] = (given, budget)
    if not over:
        return []
    add_review(
        batch,
        item,
        kind="promo",
        source_id=sale.sale_id,
        line_no=0,
        code=ItemFlag.PROMOTION_OVER_BUDGET.value,
        resident_id=None,
        points=0,
        detail={pid: {"given_fen": g, "budget_fen": b} for pid, (g, b) in over.items()},
    )
    return [ItemFlag.PROMOTION_OVER_BUDGET.value]
