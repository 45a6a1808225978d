"""The real `EventPort` (`ui/event_ports.py`): event mode's screens over the
till's services, as `docs/event-mode.md` specifies.

- the event, its samples, feedback, tallies and leads: `EventsService`, on the
  event that `start()` made the active one;
- the running sale and the resident: the checkout's own cart (the sale event
  mode pays through the counter's tender window), so scans, residents' QR codes
  and payment behave exactly as at the counter;
- a tile's event price: what the promotions engine charges ONE piece (one kg
  of a weighed product) under the event's own promotions (those carrying its
  `event_id`), at the event; the shelf price when it has none;
- the report: `EventReportsService`, turned into the screen's plain view (per
  product in the event's order, per hour of the day in showroom time);
  printing only queues the receipt (the print worker prints it off the GUI
  thread).

A refusal saying the event is no longer running (the server closed it, its
hours are over) is handed to `on_ended` too, so that the window leaves event
mode; the screen still shows the error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from pos_app.core.catalog import Product
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.event_report import GENERAL, SHOWROOM_TZ, EventReport
from pos_app.core.events import Budget, BudgetLevel, Event
from pos_app.core.events import EventProduct as EventItem
from pos_app.core.money import Money
from pos_app.core.promo_engine import PromoBook, price
from pos_app.core.promotions import PromoContext, PromoLine
from pos_app.receipts.document import ReceiptData
from pos_app.services.catalog import CatalogService
from pos_app.services.checkout import CheckoutService
from pos_app.services.event_reports import EventReportsService
from pos_app.services.events import EventsService
from pos_app.ui.event_ports import (
    BudgetState,
    EventInfo,
    EventProduct,
    EventReportView,
    FeedbackEntry,
    HourFigures,
    ProductFigures,
    ResidentView,
    RunningSale,
    SaleLine,
)

log = logging.getLogger("pos_app.events")

T = TypeVar("T")

BPS = 10_000
GRAMS_PER_KG = 1000


def event_price(product: Product, event_id: str, book: PromoBook, at: datetime) -> Money:
    """What one piece (one kg when sold by weight) of `product` costs at the event:
    the engine's net under the event's own promotions only, the shelf price without
    them (a store-wide 满减 is not a tile's price: it depends on the whole sale)."""
    own = [p for p in book.promotions if p.event_id == event_id]
    if not own:
        return product.price
    line = PromoLine(
        line_no=1,
        sku=product.sku,
        category=product.category,
        unit_price=product.price,
        quantity=GRAMS_PER_KG if product.weighed else 1,
        unit=product.unit,
        points_eligible=product.points_eligible,
    )
    result = price([line], PromoBook(own), PromoContext(at, member=False, event_id=event_id))
    return result.lines[0].net


class TillEventPort:
    """`EventPort` over the till's services, for the event `event_id` (started)."""

    def __init__(
        self,
        event_id: str,
        *,
        events: EventsService,
        reports: EventReportsService,
        checkout: CheckoutService,
        catalog: CatalogService,
        promotions: Callable[[], PromoBook] | None,
        promoter: Callable[[], str],
        print_receipt: Callable[[ReceiptData], bool],
        on_sale_changed: Callable[[], None] = lambda: None,
        on_ended: Callable[[PosError], None] = lambda _error: None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.event_id = event_id
        self._events = events
        self._reports = reports
        self._checkout = checkout
        self._catalog = catalog
        self._promotions = promotions
        self._promoter = promoter
        #: queues the receipt for the print worker; False when no printer is set
        self._print_receipt = print_receipt
        self._on_sale_changed = on_sale_changed  # the counter's views follow the cart
        self._on_ended = on_ended
        self._clock = clock
        self._products: list[EventProduct] | None = None
        # this till's tally: only its own taps add to it (the report counts the same)
        self._visitors: int | None = None

    # --- the event ----------------------------------------------------------------

    def _event(self) -> Event:
        return self._events.event(self.event_id)

    def event(self) -> EventInfo:
        event = self._event()
        return EventInfo(
            event_id=event.event_id,
            name=event.name,
            place=event.place,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            feedback_tags=event.feedback_tags,
            promoter=self._promoter(),
        )

    def products(self) -> list[EventProduct]:
        """The event's products in its order, at their event prices (computed once:
        the screen builds its tiles once)."""
        if self._products is None:
            event = self._event()
            book = PromoBook(()) if self._promotions is None else self._promotions()
            at = self._clock()
            self._products = []
            for item in event.products:
                product = self._catalog.by_sku(item.sku)
                if product is None or not product.active:
                    # a tile could not sell it: the event's list is ahead of the catalog
                    log.warning("event %s: product %s not sold here", self.event_id, item.sku)
                    continue
                self._products.append(self._view(item, product, book, at))
        return list(self._products)

    def _view(
        self, item: EventItem, product: Product, book: PromoBook, at: datetime
    ) -> EventProduct:
        return EventProduct(
            sku=product.sku,
            name=product.name,
            price=product.price,
            event_price=event_price(product, self.event_id, book, at),
            sample_unit="g" if item.sample_unit.value == "g" else "piece",
            sample_cost=Money(item.sample_cost_fen),
            sold_by_weight=product.weighed,
        )

    # --- the running sale: the checkout's cart ---------------------------------------

    def sale(self) -> RunningSale:
        cart = self._checkout.cart
        lines = tuple(
            SaleLine(line.line_no, line.name, line.quantity, line.amount)
            for line in cart.active_lines
        )
        return RunningSale(lines, cart.totals().total)

    def add_to_sale(self, sku: str, quantity: int) -> RunningSale:
        product = self._catalog.by_sku(sku)
        if product is None or product.id is None:
            raise PosError(ErrorCode.SCAN_UNKNOWN_PRODUCT, scanned=sku)
        if product.weighed:
            self._checkout.add_weighed_by_id(product.id, quantity)
        else:
            self._checkout.add(product, quantity)
        self._on_sale_changed()
        return self.sale()

    def remove_from_sale(self, line_no: int) -> RunningSale:
        self._checkout.void(line_no)  # kept in the record, flagged, as at the counter
        self._on_sale_changed()
        return self.sale()

    def resident(self) -> ResidentView | None:
        view = self._checkout.member
        if view is None:
            return None
        member = view.member
        name = member.masked_name or (view.resident.masked_name if view.resident else "")
        return ResidentView(member.resident_id, name or member.resident_id)

    # --- samples ------------------------------------------------------------------

    def budget(self) -> BudgetState:
        return _budget_state(self._guard(self._events.budget))

    def record_sample(self, sku: str, quantity: int) -> BudgetState:
        given = self._guard(lambda: self._events.record_sample(sku, quantity))
        return _budget_state(given.budget)

    def record_feedback(self, entry: FeedbackEntry) -> None:
        resident = self.resident()
        linked = entry.consent and resident is not None
        self._guard(
            lambda: self._events.record_feedback(
                rating=entry.rating,
                tags=entry.tags,
                sku=entry.sku,
                note=entry.note,
                resident_id=resident.resident_id if linked and resident else None,
                consent=linked,
            )
        )

    # --- visitors and leads -------------------------------------------------------

    def visitors(self) -> int:
        if self._visitors is None:
            self._visitors = self._reports.report(self.event_id).visitors
        return self._visitors

    def add_visitors(self, count: int) -> int:
        self._visitors = self._guard(lambda: self._events.record_visitors(count))
        return self._visitors

    def record_lead(self, resident_id: str, consent: bool) -> None:
        self._guard(lambda: self._events.record_lead(resident_id, consent))

    # --- the report ---------------------------------------------------------------

    def report(self) -> EventReportView:
        return report_view(
            self._reports.report(self.event_id),
            self.event(),
            self._event(),
            self._catalog,
        )

    def print_report(self) -> None:
        if not self._print_receipt(self._reports.receipt(self.event_id)):
            raise PosError(ErrorCode.PRINTER_NOT_SET)

    def export_csv(self, path: Path) -> None:
        self._reports.export_csv(self.event_id, path)

    def export_xlsx(self, path: Path) -> None:
        self._reports.export_xlsx(self.event_id, path)

    # --- helpers ------------------------------------------------------------------

    def _guard(self, act: Callable[[], T]) -> T:
        try:
            return act()
        except PosError as error:
            if error.code is ErrorCode.EVENT_NOT_RUNNING:
                self._on_ended(error)
            raise


def _budget_state(budget: Budget) -> BudgetState:
    level = budget.level
    return BudgetState(
        spent=Money(budget.spent_fen),
        budget=Money(budget.budget_fen),
        warning=level is not BudgetLevel.OK,
        over=level is BudgetLevel.OVER,
    )


def _ratio(bps: int | None) -> float | None:
    return None if bps is None else bps / BPS  # display only: the figure is the bps


def report_view(
    report: EventReport, info: EventInfo, event: Event, catalog: CatalogService
) -> EventReportView:
    """The core's report as the report dialog shows it: the event's products first
    (in its order, even those nothing happened to), then anything else sold at it,
    then feedback about the whole event; hours summed by hour of the day."""
    featured = {item.sku: item for item in event.products}
    figures = {p.sku: p for p in report.products}
    order = [item.sku for item in event.products]
    order += sorted(sku for sku in figures if sku not in featured and sku != GENERAL)
    if GENERAL in figures:
        order.append(GENERAL)
    products = []
    for sku in order:
        p = figures.get(sku)
        item = featured.get(sku)
        if sku == GENERAL:
            name = QCoreApplication.translate("EventAdapter", "The whole event")
        else:
            product = catalog.by_sku(sku)
            name = sku if product is None else product.name
        products.append(
            ProductFigures(
                sku=sku,
                name=name,
                samples=0 if p is None else p.sample_quantity,
                sample_unit="g" if item is not None and item.sample_unit.value == "g" else "piece",
                sample_cost=Money(0 if p is None else p.sample_cost_fen),
                units_sold=0 if p is None else p.units,
                revenue=Money(0 if p is None else p.sales_fen),
                ratings=0 if p is None else p.feedback_count,
                average_rating=None if p is None else p.average_rating,
                tags={} if p is None else dict(p.tags),
            )
        )
    hours: dict[int, list[int]] = {}
    for h in report.hours:
        row = hours.setdefault(h.hour.astimezone(SHOWROOM_TZ).hour, [0, 0, 0])
        row[0] += h.visitors
        row[1] += h.units
        row[2] += h.sales_fen
    return EventReportView(
        event=info,
        visitors=report.visitors,
        samples=report.tastings,
        sample_cost=Money(report.sample_cost_fen),
        buyers=report.buyers,
        conversion_per_visitor=_ratio(report.buyers_per_visitor_bps),
        conversion_per_sample=_ratio(report.buyers_per_tasting_bps),
        revenue=Money(report.sales_fen),
        new_residents=report.new_residents,
        leads=report.leads,
        products=tuple(products),
        hours=tuple(
            HourFigures(hour, v[0], v[1], Money(v[2])) for hour, v in sorted(hours.items())
        ),
    )
