"""The real EventPort over the till's real services (a SQLite file, the demo
catalog, the demo event and its promotion): event prices by the engine, the
checkout's cart as the running sale, feedback linked only with consent and a
resident, the budget's warning, the end of the event handed on, printing with
no printer refused, and the report's hours summed by hour of the day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from pos_app.app import AppContext, build_context
from pos_app.core.catalog import Product
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.event_report import EventReport, HourFigures
from pos_app.core.money import Money
from pos_app.core.promo_codec import promotion_from_dict
from pos_app.core.promo_engine import PromoBook
from pos_app.demo import demo_code
from pos_app.receipts.document import ReceiptData
from pos_app.ui.event_adapter import TillEventPort, event_price, report_view
from pos_app.ui.event_ports import FeedbackEntry

EVENT = "EV-DEMO-TEA"
TEA, WATER, DUCK = "YC-TEA-0001", "YC-WAT-0001", "YC-DEL-0015"


@pytest.fixture
def till(data_dir: Path) -> Iterator[AppContext]:
    context = build_context(data_dir, demo=True, demo_promotions=True)
    assert context.staff is not None and context.events is not None
    context.staff.sign_in("demo-promoter-zhao", "3690")
    context.events.start(EVENT)
    yield context
    context.close()


def port_of(till: AppContext, **kw: Any) -> TillEventPort:
    assert till.events is not None and till.event_reports is not None
    assert till.promotions is not None
    args: dict[str, Any] = {
        "events": till.events,
        "reports": till.event_reports,
        "checkout": till.checkout,
        "catalog": till.catalog,
        "promotions": till.promotions.book,
        "promoter": till.cashier_name,
        "print_receipt": lambda _data: False,
    }
    return TillEventPort(EVENT, **(args | kw))


def test_event_prices_come_from_the_events_own_promotions(till: AppContext) -> None:
    port = port_of(till)
    prices = {p.sku: (p.price.fen, p.event_price.fen, p.sold_by_weight) for p in port.products()}
    assert prices == {
        TEA: (39800, 35820, False),  # DEMO-EVENT-TEA, 9折
        "YC-TEA-0007": (11800, 10620, False),
        WATER: (200, 200, False),  # no event price: the shelf price (not 第二件半价)
        DUCK: (5800, 5220, True),  # per kg
    }
    assert [(p.sku, p.sample_unit, p.sample_cost.fen) for p in port.products()][:1] == [
        (TEA, "g", 160)
    ]
    assert port.event().promoter == "促销员小赵"


def test_another_events_promotion_is_not_this_events_price() -> None:
    tea = Product(sku="T", name="茶", category="tea", price=Money(10000))
    other = promotion_from_dict(
        {"id": "X", "name": "x", "kind": "special_price", "price_fen": 5000, "event_id": "OTHER",
         "scope": {"categories": [], "skus": ["T"]}}
    )  # fmt: skip
    mine = promotion_from_dict(
        {"id": "M", "name": "m", "kind": "special_price", "price_fen": 8000, "event_id": EVENT,
         "scope": {"categories": [], "skus": ["T"]}}
    )  # fmt: skip
    now = datetime.now(UTC)
    assert event_price(tea, EVENT, PromoBook([other]), now) == Money(10000)
    assert event_price(tea, EVENT, PromoBook([other, mine]), now) == Money(8000)


def test_the_running_sale_is_the_checkouts_cart(till: AppContext) -> None:
    changed: list[int] = []
    port = port_of(till, on_sale_changed=lambda: changed.append(1))
    sale = port.add_to_sale(DUCK, 500)  # grams at the event's price per kg
    assert [(ln.name, ln.quantity, ln.amount.fen) for ln in sale.lines] == [
        ("毛嘴卤鸭脖 散称", 500, 2610)
    ]
    assert till.checkout.cart.active_lines[0].quantity == 500 and changed == [1]
    port.add_to_sale(WATER, 2)
    sale = port.remove_from_sale(sale.lines[0].line_no)
    assert [ln.name for ln in sale.lines] == ["硒泉水 550ml"] and sale.total.fen == 300
    with pytest.raises(PosError) as refused:
        port.add_to_sale("NO-SUCH", 1)
    assert refused.value.code is ErrorCode.SCAN_UNKNOWN_PRODUCT
    assert port.resident() is None
    till.checkout.scan(demo_code("R0001"))
    resident = port.resident()
    assert resident is not None and (resident.resident_id, resident.masked_name) == (
        "R0001",
        "张*明",
    )


def stored_feedback(till: AppContext) -> list[tuple[object, ...]]:
    with till.engine.connect() as conn:
        rows = conn.execute(text("SELECT sku, rating, resident_id, consent FROM event_feedback"))
        return [tuple(r) for r in rows]


def test_feedback_is_linked_only_with_a_resident_and_consent(till: AppContext) -> None:
    port = port_of(till)
    port.record_feedback(FeedbackEntry(TEA, 5, ("口感",), "", consent=True))  # nobody identified
    till.checkout.scan(demo_code("R0001"))
    port.record_feedback(FeedbackEntry(None, 3, (), "", consent=False))
    port.record_feedback(FeedbackEntry(TEA, 4, ("包装",), "好", consent=True))
    assert stored_feedback(till) == [
        (TEA, 5, None, 0),
        (None, 3, None, 0),
        (TEA, 4, "R0001", 1),
    ]


def test_budget_warns_near_and_over_and_visitors_count(till: AppContext) -> None:
    port = port_of(till)
    assert port.budget().spent.fen == 0 and not port.budget().warning
    state = port.record_sample(TEA, 100)  # 100 g × 1.60 = ¥160 of ¥200: 80 %
    assert (state.spent.fen, state.warning, state.over) == (16000, True, False)
    state = port.record_sample(DUCK, 800)  # + ¥40
    assert (state.spent.fen, state.warning, state.over) == (20000, True, True)
    assert port.visitors() == 0
    assert port.add_visitors(3) == 3 and port.add_visitors(1) == 4
    assert port_of(till).visitors() == 4  # read back from the records


def test_a_closed_event_ends_event_mode(till: AppContext) -> None:
    ended: list[ErrorCode] = []
    port = port_of(till, on_ended=lambda e: ended.append(e.code))
    assert till.events is not None
    event = till.events.event(EVENT)
    from dataclasses import replace

    from pos_app.core.events import EventStatus

    closed = replace(event, status=EventStatus.CLOSED)
    till.events.repo.save_event(closed, origin="server", created_by="", at=datetime.now(UTC))
    with pytest.raises(PosError) as refused:
        port.add_visitors(1)
    assert refused.value.code is ErrorCode.EVENT_NOT_RUNNING
    assert ended == [ErrorCode.EVENT_NOT_RUNNING]
    assert till.events.active is None  # the checkout's prices again


def test_printing_queues_the_report_or_says_there_is_no_printer(till: AppContext) -> None:
    with pytest.raises(PosError) as refused:
        port_of(till).print_report()
    assert refused.value.code is ErrorCode.PRINTER_NOT_SET
    queued: list[ReceiptData] = []

    def queue(data: ReceiptData) -> bool:
        queued.append(data)
        return True

    port = port_of(till, print_receipt=queue)
    port.add_visitors(2)
    port.print_report()
    assert [d.number for d in queued] == [EVENT]
    assert ("活动", "恩施玉露·利川红 品鉴会") in queued[0].rows


def test_report_hours_are_summed_by_hour_of_day(till: AppContext) -> None:
    port = port_of(till)
    assert till.events is not None
    day = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)  # 10:00 in the showroom
    report = EventReport(
        event_id=EVENT, visitors=7, tastings=0, sample_cost_fen=0, sample_budget_fen=20000,
        sales_count=2, buyers=2, member_buyers=0, sales_fen=900, units=3,
        buyers_per_visitor_bps=2857, buyers_per_tasting_bps=None, residents_identified=0,
        new_residents=0, leads=0, feedback_count=0,
        hours=(
            HourFigures(day, visitors=3, sales_count=1, units=1, sales_fen=400),
            HourFigures(day + timedelta(days=1), visitors=4, sales_count=1, units=2, sales_fen=500),
            HourFigures(day + timedelta(days=1, hours=1), visitors=0),
        ),
    )  # fmt: skip
    view = report_view(report, port.event(), till.events.event(EVENT), till.catalog)
    assert [(h.hour, h.visitors, h.units_sold, h.revenue.fen) for h in view.hours] == [
        (10, 7, 3, 900),
        (11, 0, 0, 0),
    ]
    assert view.conversion_per_visitor == 0.2857 and view.conversion_per_sample is None
    assert [p.sku for p in view.products] == [TEA, "YC-TEA-0007", WATER, DUCK]
