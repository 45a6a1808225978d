"""A promotion's results: the orders that got it, the discount it gave, and the
sales uplift of its products against the period just before, of the same length.

- *period*: from the promotion's start (its window's first day, in showroom time,
  or its creation less the allowed clock skew if later: the push explains a sale
  a slow till clock dates that much before the creation) to its end (the day
  after its window's last day, the moment it ended, or now, whichever comes
  first); a caller may name another;
- *orders* and *discount*: from what the push recorded per sale (`promotion_uses`):
  the discount the server explains, and the tills' claim beside it;
- *uplift*: what the promoted products (its SKUs and categories, a bundle's SKUs,
  every product when its scope is everything) sold for in its stores during the
  period, against the previous period of the same length; `uplift_bps` is the
  change in basis points, floored (None when nothing sold before).

Plain aggregates (SUM, COUNT) over indexed columns: the same SQL on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, false, func, or_, select, true
from sqlalchemy.orm import Session

from pos_app.core.promotions import SHOWROOM_TZ
from sync.server.models.promotions import (
    OrderLine,
    Promotion,
    PromotionStatusChange,
    PromotionStore,
    PromotionUse,
)
from sync.server.promotions import PromotionError, Status


@dataclass(frozen=True, slots=True)
class PromotionReport:
    promotion_id: str
    name: str
    status: str
    since: datetime
    until: datetime
    orders: int
    discount_fen: int  # explained by the server
    claimed_fen: int  # what the tills said they gave
    budget_fen: int | None
    given_fen: int  # the running total the budget is held against (all time)
    sales_fen: int  # the promoted products, in its stores, during the period
    previous_since: datetime
    previous_sales_fen: int  # the same, in the period of the same length just before
    uplift_fen: int
    uplift_bps: int | None


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), SHOWROOM_TZ).astimezone(UTC)


def period(
    session: Session, row: Promotion, now: datetime, skew: timedelta = timedelta(0)
) -> tuple[datetime, datetime]:
    """The promotion's own period (see the module's docstring)."""
    window = json.loads(row.definition)["window"]
    since = row.created_at - skew
    if window["start_date"]:
        since = max(since, _midnight(date.fromisoformat(window["start_date"])))
    until = now
    if window["end_date"]:
        until = min(until, _midnight(date.fromisoformat(window["end_date"]) + timedelta(days=1)))
    if row.status == Status.ENDED:
        ended = session.scalar(
            select(func.max(PromotionStatusChange.at)).where(
                PromotionStatusChange.promotion_id == row.id,
                PromotionStatusChange.status == Status.ENDED.value,
            )
        )
        if ended is not None:
            until = min(until, ended)
    return since, max(until, since)


def report(
    session: Session,
    *,
    promo_id: str,
    now: datetime,
    since: datetime | None = None,
    until: datetime | None = None,
    skew: timedelta = timedelta(0),
) -> PromotionReport:
    row = session.get(Promotion, promo_id)
    if row is None:
        raise PromotionError("not_found", f"no promotion {promo_id}")
    own_since, own_until = period(session, row, now, skew)
    since = since or own_since
    until = until or own_until
    if until < since:
        raise PromotionError("invalid", "the period ends before it starts", "until")
    definition = json.loads(row.definition)
    uses = session.execute(
        select(
            func.count().filter(PromotionUse.saving_fen > 0),
            func.coalesce(func.sum(PromotionUse.saving_fen), 0),
            func.coalesce(func.sum(PromotionUse.claimed_fen), 0),
        ).where(
            PromotionUse.promotion_id == promo_id,
            PromotionUse.created_at >= since,
            PromotionUse.created_at < until,
        )
    ).one()
    products = _products(definition)
    stores = list(
        session.scalars(
            select(PromotionStore.store_code).where(PromotionStore.promotion_id == promo_id)
        )
    )
    in_stores = OrderLine.store_code.in_(stores) if stores else true()
    previous_since = since - (until - since)

    def sales(start: datetime, end: datetime) -> int:
        stmt = select(func.coalesce(func.sum(OrderLine.amount_fen), 0)).where(
            OrderLine.created_at >= start, OrderLine.created_at < end, products, in_stores
        )
        return int(session.scalar(stmt) or 0)

    during, before = sales(since, until), sales(previous_since, since)
    return PromotionReport(
        promotion_id=row.id,
        name=definition["name"],
        status=row.status,
        since=since,
        until=until,
        orders=int(uses[0]),
        discount_fen=int(uses[1]),
        claimed_fen=int(uses[2]),
        budget_fen=row.budget_fen,
        given_fen=row.given_fen,
        sales_fen=during,
        previous_since=previous_since,
        previous_sales_fen=before,
        uplift_fen=during - before,
        uplift_bps=None if before == 0 else (during - before) * 10_000 // before,
    )


def _products(definition: dict[str, object]) -> ColumnElement[bool]:
    """The lines of the promotion's products, as a condition on `order_lines`."""
    if definition["kind"] == "bundle":
        skus = [part["sku"] for part in definition["bundle"]]  # type: ignore[attr-defined]
        return OrderLine.sku.in_(skus)
    scope = definition["scope"]
    skus, categories = scope["skus"], scope["categories"]  # type: ignore[index]
    if not skus and not categories:
        return true()
    return or_(
        OrderLine.sku.in_(skus) if skus else false(),
        OrderLine.category.in_(categories) if categories else false(),
    )


def _hundredths(value: int) -> str:
    """An integer of hundredths (fen, basis points) as text with two decimals, no float."""
    whole, part = divmod(abs(value), 100)
    return f"{'-' if value < 0 else ''}{whole}.{part:02d}"


def format_report(r: PromotionReport) -> str:
    """The report as plain text for the command line (amounts in yuan)."""

    def yuan(fen: int | None) -> str:
        return "-" if fen is None else _hundredths(fen)

    uplift = "-" if r.uplift_bps is None else f"{_hundredths(r.uplift_bps)}%"
    return "\n".join(
        [
            f"{r.promotion_id}  {r.name}  ({r.status})",
            f"period          {r.since:%Y-%m-%d %H:%M} – {r.until:%Y-%m-%d %H:%M} UTC",
            f"orders          {r.orders}",
            f"discount        {yuan(r.discount_fen)}  (tills claimed {yuan(r.claimed_fen)})",
            f"budget          {yuan(r.given_fen)} given of {yuan(r.budget_fen)}",
            f"sales           {yuan(r.sales_fen)}",
            f"previous period {yuan(r.previous_sales_fen)}  "
            f"(from {r.previous_since:%Y-%m-%d %H:%M} UTC)",
            f"uplift          {yuan(r.uplift_fen)}  {uplift}",
        ]
    )
