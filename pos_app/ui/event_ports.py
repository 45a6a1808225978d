"""What the event-mode screens (活动模式) need from the till, as one Protocol.

The screens (`ui/event_mode.py`, the feedback and report dialogs) are built
against `EventPort` and the plain frozen dataclasses here, never against the
services directly: the composition root adapts the till's `EventsService` and
`CheckoutService` to it. Every method is one promoter's act and returns what
the screen shows next; a refused act raises `PosError` (a coded error the
screen translates), and nothing is recorded.

Money is `Money` (integer 分); quantities are integers (pieces, or grams when
a product's unit is "g"); times are aware datetimes (UTC in storage, shown in
Asia/Shanghai).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal, Protocol

from pos_app.core.money import Money

SampleUnit = Literal["piece", "g"]


@dataclass(frozen=True, slots=True)
class EventInfo:
    event_id: str
    name: str
    place: str
    starts_at: datetime  # aware
    ends_at: datetime  # aware
    feedback_tags: tuple[str, ...]  # the event's feedback form (≤ 12 tags)
    promoter: str  # the signed-in promoter's display name


@dataclass(frozen=True, slots=True)
class EventProduct:
    """A featured product: its tile sells at the event price and gives samples."""

    sku: str
    name: str
    price: Money  # the shelf price, shown struck through when the event price is lower
    event_price: Money  # what the event's promotion charges (= price without one)
    sample_unit: SampleUnit  # a sample is counted in pieces or weighed in grams
    sample_cost: Money  # per piece, or per gram for "g" samples (the event's product list)
    sold_by_weight: bool = False  # sold by the gram (event price per kg): a tap asks the weight


@dataclass(frozen=True, slots=True)
class SaleLine:
    line_no: int
    name: str
    quantity: int
    amount: Money  # what the line charges, event price applied


@dataclass(frozen=True, slots=True)
class RunningSale:
    lines: tuple[SaleLine, ...] = ()
    total: Money = field(default_factory=Money.zero)


@dataclass(frozen=True, slots=True)
class ResidentView:
    """The resident identified by their QR on this sale (the name arrives masked)."""

    resident_id: str
    masked_name: str


@dataclass(frozen=True, slots=True)
class BudgetState:
    spent: Money  # the samples' cost so far
    budget: Money  # the event's sample budget
    warning: bool  # near the budget (the core's threshold)
    over: bool  # at or beyond it


@dataclass(frozen=True, slots=True)
class FeedbackEntry:
    """A taster's feedback; linked to the identified resident only with `consent`."""

    sku: str | None  # the product it is about, or None for the event as a whole
    rating: int  # 1..5 stars
    tags: tuple[str, ...]
    note: str  # ≤ 200 characters, may be empty
    consent: bool


@dataclass(frozen=True, slots=True)
class ProductFigures:
    sku: str
    name: str
    samples: int  # pieces, or grams for "g"
    sample_unit: SampleUnit
    sample_cost: Money
    units_sold: int
    revenue: Money  # what the event's sales took
    ratings: int  # how many ratings
    average_rating: float | None  # None without ratings (display only, never money)
    tags: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HourFigures:
    hour: int  # the hour of the day in Asia/Shanghai (10 = 10:00–10:59)
    visitors: int
    units_sold: int
    revenue: Money  # what the event's sales took


@dataclass(frozen=True, slots=True)
class EventReportView:
    event: EventInfo
    visitors: int
    samples: int  # sample records given out
    sample_cost: Money
    buyers: int
    conversion_per_visitor: float | None  # buyers ÷ visitors; None with no visitors
    conversion_per_sample: float | None  # buyers ÷ samples; None with no samples
    revenue: Money  # what the event's sales took
    new_residents: int
    leads: int
    products: tuple[ProductFigures, ...]
    hours: tuple[HourFigures, ...]


class EventPort(Protocol):
    """The till as the event screens see it (see the module docstring)."""

    def event(self) -> EventInfo: ...
    def products(self) -> list[EventProduct]: ...

    # the running sale: the checkout's cart, with the event's prices
    def sale(self) -> RunningSale: ...
    def add_to_sale(self, sku: str, quantity: int) -> RunningSale: ...  # pieces, or grams
    def remove_from_sale(self, line_no: int) -> RunningSale: ...
    def resident(self) -> ResidentView | None: ...

    # samples (a stock movement with the reason 试吃, never a sale)
    def budget(self) -> BudgetState: ...
    def record_sample(self, sku: str, quantity: int) -> BudgetState: ...

    def record_feedback(self, entry: FeedbackEntry) -> None: ...

    # visitors and leads
    def visitors(self) -> int: ...
    def add_visitors(self, count: int) -> int: ...  # returns the new total
    def record_lead(self, resident_id: str, consent: bool) -> None: ...

    # the report
    def report(self) -> EventReportView: ...
    def print_report(self) -> None: ...
    def export_csv(self, path: Path) -> None: ...
    def export_xlsx(self, path: Path) -> None: ...
