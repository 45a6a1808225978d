"""Fixtures for the print queue: a controllable clock, the print service on the
test context's database, fake printers, and sales rung up the real way."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from pos_app.app import AppContext
from pos_app.core.money import Money
from pos_app.core.sale import Sale
from pos_app.persistence.print_jobs_repo import PrintJobsRepository
from pos_app.persistence.sale_reader import SaleReader
from pos_app.services.printing import PrintService
from tests.unit.printing.fake_printer import FakePrinter

WATER = "6975321000012"  # 硒泉水 550ml, ¥2.00
RICE = "6921445000018"  # 五常大米 稻花香2号 5kg, ¥89.90


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_service(context: AppContext, clock: Clock) -> PrintService:
    return PrintService(
        jobs=PrintJobsRepository(context.engine),
        sales=SaleReader(context.engine),
        printer=lambda: context.settings.printer,
        store=lambda: context.settings.store,
        terminal=lambda: context.settings.terminal,
        clock=clock,
    )


@pytest.fixture
def service(context: AppContext, clock: Clock) -> PrintService:
    context.settings.set("printer.profile", "generic80")
    context.settings.set("printer.timeout_s", 1.0)
    return make_service(context, clock)


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    with FakePrinter("ok") as fake:
        yield fake


def ring_up(context: AppContext, *codes: str, cash: int = 100_000) -> Sale:
    """Scan, pay cash, complete: the sale is committed when this returns."""
    for code in codes or (WATER,):
        context.checkout.scan(code)
    tender = context.checkout.start_tender()
    tender.add_cash(Money(cash))
    return context.checkout.complete(tender)
