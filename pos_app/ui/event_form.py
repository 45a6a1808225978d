"""A manager's tasting event as typed into the event editor, turned into the core's
`Event` and the wire definitions of its event prices.

No Qt: the editor reads its fields into an `EventForm` and calls `build_event`.
Dates and hours are typed in showroom time (Asia/Shanghai) and stored aware in UTC;
amounts are yuan as typed ('1.5', '¥1.50'), parsed exactly to 分 by the till's one
money parser. Anything that does not parse is refused as the core refuses a bad
event, `PosError(EVENT_INVALID, field=<field>)`, so the editor points at one field
whatever went wrong.

An event price is an ordinary promotion of the promotions engine, built exactly as
the central server builds one (`sync/server/events.py` `_event_prices`): a special
price for that featured product at this event only (its `event_id`), id
`<event_id>-P<n>` in the order of the products, name `<event name> 活动价`; it is
checked here by the core's own promotion codec before anything is saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.events import Event, EventProduct, EventStatus, SampleUnit
from pos_app.core.money import Money
from pos_app.core.promo_codec import promotion_from_dict, promotion_to_dict
from pos_app.ui.promo_form import words
from pos_app.ui.text import SHANGHAI

DEFAULT_TAGS = ("口感", "价格", "包装")
DEFAULT_HOURS = 4  # a table in the courtyard for an afternoon
_TIME_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$", re.ASCII)


def _bad(name: str) -> PosError:
    return PosError(ErrorCode.EVENT_INVALID, field=name)


@dataclass
class ProductRow:
    """One featured product as typed: what one sample unit costs, its unit, and the
    event price ('' for none: the shelf price then)."""

    sku: str
    sample_cost: str = ""
    sample_unit: SampleUnit = SampleUnit.PIECE
    event_price: str = ""


@dataclass
class EventForm:
    event_id: str
    store_code: str
    name: str = ""
    place: str = ""
    start_date: str = ""
    start_time: str = ""
    end_date: str = ""
    end_time: str = ""
    budget: str = ""
    tags: str = " ".join(DEFAULT_TAGS)
    promoters: list[str] = field(default_factory=list)
    products: list[ProductRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class BuiltEvent:
    event: Event
    prices: tuple[dict[str, Any], ...]  # the event prices' wire definitions, checked


def default_hours(now: datetime) -> tuple[str, str, str, str]:
    """Start this hour (showroom time) and end `DEFAULT_HOURS` later: an event set up at
    the table can start at once. (start date, start time, end date, end time)"""
    start = now.astimezone(SHANGHAI).replace(minute=0, second=0, microsecond=0)
    end = start + timedelta(hours=DEFAULT_HOURS)
    return f"{start:%Y-%m-%d}", f"{start:%H:%M}", f"{end:%Y-%m-%d}", f"{end:%H:%M}"


def moment(day: str, hour: str, name: str) -> datetime:
    """A showroom date and time as an aware UTC datetime; EVENT_INVALID(`name`) otherwise."""
    try:
        on = date.fromisoformat(day.strip())
    except ValueError:
        raise _bad(name) from None
    match = _TIME_RE.match(hour)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise _bad(name)
    local = datetime.combine(on, time(int(match.group(1)), int(match.group(2))), SHANGHAI)
    return local.astimezone(UTC)


def fen(text: str, name: str) -> int:
    try:
        value = Money.parse(text).fen
    except PosError:
        raise _bad(name) from None
    if value < 0:
        raise _bad(name)
    return value


def price_definition(event: Event, n: int, sku: str, price_fen: int) -> dict[str, Any]:
    """The `n`th event price (1-based), as the server builds it; checked by the codec."""
    data = {
        "id": f"{event.event_id}-P{n}",
        "name": f"{event.name[:90]} 活动价",
        "kind": "special_price",
        "price_fen": price_fen,
        "event_id": event.event_id,
        "scope": {"categories": [], "skus": [sku]},
    }
    try:
        return promotion_to_dict(promotion_from_dict(data))
    except PosError:
        raise _bad("products.event_price") from None


def build_event(form: EventForm) -> BuiltEvent:
    """The event the form describes and its event prices; EVENT_INVALID names the
    first field at fault, in the form's order (the core's own checks after the form's)."""
    if not form.name.strip():
        raise _bad("name")
    starts_at = moment(form.start_date, form.start_time, "starts_at")
    ends_at = moment(form.end_date, form.end_time, "ends_at")
    if ends_at <= starts_at:  # in the form's order: before the products below
        raise _bad("ends_at")
    if not form.products:
        raise _bad("products")
    products = []
    for row in form.products:
        cost = fen(row.sample_cost, "products.sample_cost_fen") if row.sample_cost.strip() else 0
        products.append(EventProduct(row.sku, cost, row.sample_unit))
    budget = fen(form.budget, "sample_budget_fen") if form.budget.strip() else 0
    event = Event(
        event_id=form.event_id,
        name=form.name.strip(),
        store_code=form.store_code,
        community_code=None,  # the store's own community (the server resolves it)
        place=form.place.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        promoters=tuple(form.promoters),
        products=tuple(products),
        sample_budget_fen=budget,
        feedback_tags=tuple(words(form.tags)),
        status=EventStatus.PLANNED,
    )
    prices: list[dict[str, Any]] = []
    for row in form.products:
        if row.event_price.strip():
            price = fen(row.event_price, "products.event_price")
            prices.append(price_definition(event, len(prices) + 1, row.sku, price))
    return BuiltEvent(event, tuple(prices))
