"""A real, in-memory implementation of `EventPort` for the event screens'
tests and screenshots: it keeps the raw records (samples, feedback, tallies,
leads, paid sales) in lists and computes the report from them, as the till's
`EventsService` does from its tables. No mocks: the screens drive it exactly
as they drive the real one, and the tests read its records back.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
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
from pos_app.ui.text import SHANGHAI

START = datetime(2026, 5, 16, 2, 0, tzinfo=UTC)  # 10:00 in the showroom

EVENT = EventInfo(
    event_id="EV-2026-05-16",
    name="恩施玉露 品鉴会",
    place="金桂园 社区广场",
    starts_at=START,
    ends_at=START + timedelta(hours=8),
    feedback_tags=("口感好", "太贵", "包装好", "想再买", "偏淡"),
    promoter="促销员小赵",
)
PRODUCTS = [
    EventProduct("TEA-YL", "恩施玉露 特级 礼盒 250g", Money(39800), Money(35800), "g", Money(160)),
    EventProduct("TEA-LC", "利川红 工夫红茶 200g", Money(16800), Money(14800), "g", Money(84)),
    EventProduct("TEA-TC", "来凤藤茶 罐装 100g", Money(6800), Money(6800), "piece", Money(500)),
    EventProduct("WATER", "硒泉水 550ml", Money(200), Money(150), "piece", Money(150)),
    EventProduct("DUCK", "毛嘴卤鸭脖 散称", Money(5800), Money(4800), "g", Money(6), True),
]


@dataclass
class Sold:
    sku: str
    quantity: int
    amount: Money
    at: datetime


@dataclass
class MemoryEvent:
    event_info: EventInfo = EVENT
    items: list[EventProduct] = field(default_factory=lambda: list(PRODUCTS))
    sample_budget: Money = field(default_factory=lambda: Money(10000))
    warn_bps: int = 8000  # the warning at 80% of the budget
    clock: Callable[[], datetime] = lambda: START + timedelta(hours=1)
    current: ResidentView | None = None
    cart: list[SaleLine] = field(default_factory=list)
    samples: list[tuple[str, int, Money, datetime]] = field(default_factory=list)
    feedback: list[tuple[FeedbackEntry, str | None]] = field(default_factory=list)
    tallies: list[tuple[int, datetime]] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    sales: list[tuple[str | None, list[Sold]]] = field(default_factory=list)  # (resident, lines)
    printed: int = 0
    fail_next: ErrorCode | None = None  # the next act is refused with this code

    def _check(self) -> None:
        code, self.fail_next = self.fail_next, None
        if code is not None:
            raise PosError(code)

    def product(self, sku: str) -> EventProduct:
        return next(p for p in self.items if p.sku == sku)

    def event(self) -> EventInfo:
        return self.event_info

    def products(self) -> list[EventProduct]:
        return list(self.items)

    def sale(self) -> RunningSale:
        return RunningSale(tuple(self.cart), Money(sum(line.amount.fen for line in self.cart)))

    def add_to_sale(self, sku: str, quantity: int) -> RunningSale:
        self._check()
        product = self.product(sku)
        if product.sold_by_weight:
            amount = product.event_price.scale(quantity, 1000)
        else:
            amount = product.event_price * quantity
        same = [n for n, ln in enumerate(self.cart) if ln.name == product.name]
        if same and not product.sold_by_weight:  # a second tap adds to the line
            old = self.cart[same[0]]
            self.cart[same[0]] = SaleLine(
                old.line_no, old.name, old.quantity + quantity, old.amount + amount
            )
        else:
            number = max((ln.line_no for ln in self.cart), default=0) + 1
            self.cart.append(SaleLine(number, product.name, quantity, amount))
        return self.sale()

    def remove_from_sale(self, line_no: int) -> RunningSale:
        self.cart = [line for line in self.cart if line.line_no != line_no]
        return self.sale()

    def pay(self) -> None:
        """What the checkout's tender flow does once paid: the cart becomes a sale."""
        by_name = {p.name: p.sku for p in self.items}
        lines = [Sold(by_name[ln.name], ln.quantity, ln.amount, self.clock()) for ln in self.cart]
        self.sales.append((None if self.current is None else self.current.resident_id, lines))
        self.cart = []
        self.current = None

    def resident(self) -> ResidentView | None:
        return self.current

    def budget(self) -> BudgetState:
        spent = Money(sum(cost.fen for _, _, cost, _ in self.samples))
        limit = self.sample_budget.fen
        return BudgetState(
            spent,
            self.sample_budget,
            spent.fen * 10000 >= limit * self.warn_bps,
            spent.fen >= limit,
        )

    def record_sample(self, sku: str, quantity: int) -> BudgetState:
        self._check()
        cost = self.product(sku).sample_cost * quantity
        self.samples.append((sku, quantity, cost, self.clock()))
        return self.budget()

    def record_feedback(self, entry: FeedbackEntry) -> None:
        self._check()
        linked = self.current.resident_id if entry.consent and self.current else None
        self.feedback.append((entry, linked))

    def visitors(self) -> int:
        return sum(count for count, _ in self.tallies)

    def add_visitors(self, count: int) -> int:
        self._check()
        self.tallies.append((count, self.clock()))
        return self.visitors()

    def record_lead(self, resident_id: str, consent: bool) -> None:
        self._check()
        assert consent
        self.leads.append(resident_id)

    def report(self) -> EventReportView:
        buyers = len(self.sales)
        visitors, samples = self.visitors(), len(self.samples)
        figures = []
        for p in self.items:
            sold = [s for _, lines in self.sales for s in lines if s.sku == p.sku]
            ratings = [e.rating for e, _ in self.feedback if e.sku == p.sku]
            tags: dict[str, int] = {}
            for entry, _ in self.feedback:
                if entry.sku == p.sku:
                    for tag in entry.tags:
                        tags[tag] = tags.get(tag, 0) + 1
            figures.append(
                ProductFigures(
                    p.sku,
                    p.name,
                    sum(q for sku, q, _, _ in self.samples if sku == p.sku),
                    p.sample_unit,
                    Money(sum(c.fen for sku, _, c, _ in self.samples if sku == p.sku)),
                    sum(s.quantity for s in sold),
                    Money(sum(s.amount.fen for s in sold)),
                    len(ratings),
                    sum(ratings) / len(ratings) if ratings else None,
                    tags,
                )
            )
        hours: dict[int, list[int]] = {}
        for count, at in self.tallies:
            hours.setdefault(at.astimezone(SHANGHAI).hour, [0, 0, 0])[0] += count
        for _, lines in self.sales:
            for s in lines:
                row = hours.setdefault(s.at.astimezone(SHANGHAI).hour, [0, 0, 0])
                row[1] += s.quantity
                row[2] += s.amount.fen
        residents = {r for r, _ in self.sales if r is not None} | set(self.leads)
        return EventReportView(
            event=self.event_info,
            visitors=visitors,
            samples=samples,
            sample_cost=self.budget().spent,
            buyers=buyers,
            conversion_per_visitor=buyers / visitors if visitors else None,
            conversion_per_sample=buyers / samples if samples else None,
            revenue=Money(sum(s.amount.fen for _, lines in self.sales for s in lines)),
            new_residents=len(residents),
            leads=len(self.leads),
            products=tuple(figures),
            hours=tuple(HourFigures(h, v[0], v[1], Money(v[2])) for h, v in sorted(hours.items())),
        )

    def print_report(self) -> None:
        self._check()
        self.printed += 1

    def export_csv(self, path: Path) -> None:
        self._check()
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["sku", "units_sold", "sales_fen"])
            for p in self.report().products:
                writer.writerow([p.sku, p.units_sold, p.revenue.fen])

    def export_xlsx(self, path: Path) -> None:
        from openpyxl import Workbook

        self._check()
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["sku", "units_sold", "sales_fen"])
        for p in self.report().products:
            sheet.append([p.sku, p.units_sold, p.revenue.fen])
        book.save(path)
