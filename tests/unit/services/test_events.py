"""Event mode on a real till with no central server: a promoter signs in, starts
the event, hands out samples (the budget warns near its end), takes feedback,
tallies visitors, notes a lead, sells at event prices to a member and to an
anonymous customer; every record waits in the outbox as its own kind, and the
report says exactly what happened. Who may not run an event is refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from pos_app.app import AppContext
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.events import BudgetLevel, Event, event_from_dict
from pos_app.core.money import Money
from pos_app.demo import demo_code
from pos_app.services.event_reports import EventReportsService
from pos_app.services.events import EventsService
from tests.unit.core.test_events import wire

WATER_BARCODE, WATER, RICE = "6975321000012", "YC-WAT-0001", "YC-GRN-0001"
EVENT_ID = "EV-TEA-1128"
PROMOTER, PROMOTER_PIN = "demo-promoter-zhao", "3690"
CASHIER, CASHIER_PIN = "demo-cashier-wang", "1357"
MANAGER, MANAGER_PIN = "demo-manager-li", "2468"


def event_now(**changes: Any) -> Event:
    now = datetime.now(UTC)
    return event_from_dict(
        wire(
            starts_at=(now - timedelta(hours=1)).isoformat(),
            ends_at=(now + timedelta(hours=7)).isoformat(),
            products=[
                {"sku": WATER, "sample_cost_fen": 100, "sample_unit": "piece"},
                {"sku": RICE, "sample_cost_fen": 2, "sample_unit": "g"},
            ],
            sample_budget_fen=1000,
            **changes,
        )
    )


@pytest.fixture
def events(context: AppContext) -> Iterator[EventsService]:
    assert context.events is not None
    context.events.repo.save_event(
        event_now(), origin="server", created_by="", at=datetime.now(UTC)
    )
    yield context.events


def reports(context: AppContext) -> EventReportsService:
    assert context.event_reports is not None
    return context.event_reports


def sign_in(context: AppContext, staff_id: str, pin: str) -> None:
    assert context.staff is not None
    context.staff.sign_in(staff_id, pin)


def refused(call: Any) -> ErrorCode:
    with pytest.raises(PosError) as info:
        call()
    return info.value.code


def sell(context: AppContext, *codes: str) -> Any:
    co = context.checkout
    for c in codes:
        co.scan(c)
    tender = co.start_tender()
    tender.add_cash(Money(tender.total.fen))
    return co.complete(tender)


def outbox(context: AppContext) -> list[tuple[str, dict[str, Any]]]:
    with context.engine.connect() as conn:
        rows = conn.execute(text("SELECT kind, payload FROM outbox ORDER BY id")).all()
    return [(k, json.loads(p)) for k, p in rows]


def test_a_whole_event_offline_from_samples_to_the_report(
    context: AppContext, events: EventsService
) -> None:
    promos = context.promotions
    assert promos is not None
    promos.repo.save(
        definition={"id": "EV_WATER", "name": "试饮活动价", "kind": "special_price",
                    "price_fen": 150, "event_id": EVENT_ID,
                    "scope": {"categories": [], "skus": [WATER]}},
        stores=[], status="active", origin="server", created_by="", at=datetime.now(UTC),
    )  # fmt: skip
    promos.reload()
    context.checkout.promotions_changed()
    sign_in(context, PROMOTER, PROMOTER_PIN)
    assert [e.event_id for e in events.events()] == [EVENT_ID]
    events.start(EVENT_ID)

    given = [events.record_sample(WATER) for _ in range(7)]
    assert given[-1].budget.level is BudgetLevel.OK and given[-1].budget.spent_fen == 700
    eighth = events.record_sample(WATER)
    assert (eighth.cost_fen, eighth.budget.level, eighth.budget.remaining_fen) == (
        100, BudgetLevel.NEAR, 200)  # fmt: skip
    rice = events.record_sample(RICE, 50)  # 50 g at 2 分 a gram
    assert (rice.cost_fen, events.budget().spent_fen) == (100, 900)
    assert refused(lambda: events.record_sample("YC-WAT-0004")) is ErrorCode.EVENT_PRODUCT_UNKNOWN

    events.record_feedback(rating=5, tags=["口感"], sku=WATER, resident_id="R0001", consent=True)
    anonymous = events.record_feedback(rating=3, tags=["价格"], sku=WATER, resident_id="R0002")
    assert anonymous.resident_id is None  # no consent: not linked
    assert events.record_visitors() == 1
    assert events.record_visitors(11) == 12
    events.record_lead("R0003", consent=True)

    member_sale = sell(context, WATER_BARCODE, WATER_BARCODE, demo_code("R0001"))
    anonymous_sale = sell(context, WATER_BARCODE)
    assert member_sale.event_id == anonymous_sale.event_id == EVENT_ID
    assert anonymous_sale.totals.total == Money(150)  # the event price
    events.stop()
    counter_sale = sell(context, WATER_BARCODE)
    assert counter_sale.event_id is None and counter_sale.totals.total == Money(200)

    kinds = [k for k, _ in outbox(context)]
    assert kinds.count("event_sample") == 9 and kinds.count("event_feedback") == 2
    assert kinds.count("event_visitors") == 2 and kinds.count("event_lead") == 1
    sales = [p for k, p in outbox(context) if k == "sale"]
    assert [s.get("event_id") for s in sales] == [EVENT_ID, EVENT_ID, None]
    assert sales[0]["cashier"] == "促销员小赵"

    report = reports(context).report(EVENT_ID)
    assert (report.visitors, report.tastings, report.sample_cost_fen) == (12, 9, 900)
    assert (report.sales_count, report.buyers, report.member_buyers) == (2, 2, 1)
    assert (report.units, report.sales_fen) == (3, member_sale.totals.total.fen + 150)
    assert (report.buyers_per_visitor_bps, report.buyers_per_tasting_bps) == (1666, 2222)
    assert (report.residents_identified, report.new_residents, report.leads) == (2, 2, 1)
    water = {p.sku: p for p in report.products}[WATER]
    assert (water.tastings, water.feedback_count, water.rating_sum) == (8, 2, 8)
    assert water.tags == (("价格", 1), ("口感", 1))


def test_only_a_listed_promoter_or_a_manager_runs_the_event(
    context: AppContext, events: EventsService
) -> None:
    assert refused(lambda: events.start(EVENT_ID)) is ErrorCode.NOT_SIGNED_IN
    sign_in(context, CASHIER, CASHIER_PIN)
    assert refused(lambda: events.start(EVENT_ID)) is ErrorCode.EVENT_NOT_PROMOTER
    assert refused(lambda: events.record_visitors()) is ErrorCode.EVENT_NOT_RUNNING
    sign_in(context, MANAGER, MANAGER_PIN)
    assert events.start(EVENT_ID).event_id == EVENT_ID
    events.stop()
    events.repo.save_event(event_now(promoters=["someone-else"]), origin="server", created_by="",
                           at=datetime.now(UTC))  # fmt: skip
    sign_in(context, PROMOTER, PROMOTER_PIN)
    assert refused(lambda: events.start(EVENT_ID)) is ErrorCode.EVENT_NOT_PROMOTER
    assert refused(lambda: events.start("NONE")) is ErrorCode.EVENT_NOT_FOUND


def test_a_closed_or_past_event_takes_no_more_records(
    context: AppContext, events: EventsService
) -> None:
    sign_in(context, PROMOTER, PROMOTER_PIN)
    events.start(EVENT_ID)
    events.record_visitors(2)
    # the server closes it during the day (a pull): the next tap is refused, mode ends
    events.repo.save_event(event_now(status="closed"), origin="server", created_by="",
                           at=datetime.now(UTC))  # fmt: skip
    assert refused(lambda: events.record_visitors()) is ErrorCode.EVENT_NOT_RUNNING
    pricing = context.checkout.cart.pricing
    assert events.active is None and pricing is not None and pricing.event_id is None
    past = event_now(event_id="EV-OLD")
    before = past.starts_at - timedelta(days=1)
    old = event_from_dict({**wire(event_id="EV-OLD"),
                           "starts_at": (before - timedelta(days=1)).isoformat(),
                           "ends_at": before.isoformat()})  # fmt: skip
    events.repo.save_event(old, origin="server", created_by="", at=datetime.now(UTC))
    assert refused(lambda: events.start("EV-OLD")) is ErrorCode.EVENT_NOT_RUNNING


def test_a_manager_sets_up_an_event_here(context: AppContext, events: EventsService) -> None:
    local = event_now(event_id="EV-LOCAL")
    sign_in(context, PROMOTER, PROMOTER_PIN)
    assert refused(lambda: events.create_event(local)) is ErrorCode.NOT_A_MANAGER
    sign_in(context, MANAGER, MANAGER_PIN)
    events.create_event(local)
    stored = events.repo.get("EV-LOCAL")
    assert stored is not None and (stored.origin, stored.created_by) == ("local", MANAGER)
    other_store = event_now(event_id="EV-S2", store_code="S002")
    assert refused(lambda: events.create_event(other_store)) is ErrorCode.EVENT_INVALID


def test_an_event_set_up_here_writes_one_record_for_the_server(
    context: AppContext, events: EventsService
) -> None:
    from pos_app.core.events import event_to_dict
    from sync.protocol.store_payloads import StoreEventPayload

    local = event_now(event_id="EV-LOCAL")
    sign_in(context, MANAGER, MANAGER_PIN)
    events.create_event(local)
    with context.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT kind, aggregate_id, payload FROM outbox").all()
    assert len(rows) == 1
    kind, aggregate, payload = rows[0]
    record = json.loads(payload)
    assert kind == "store_event" and aggregate == record["record_id"]
    assert record == {
        "record_id": aggregate,
        "store_code": "S001",
        "terminal_code": context.settings.terminal.code,
        "at": record["at"],
        "event": event_to_dict(local),
        "manager": MANAGER,  # the signed-in manager's staff id
    }
    assert StoreEventPayload.model_validate(record).event.event_id == "EV-LOCAL"
    # an id this till already knows (the server's event) is never rewritten
    assert refused(lambda: events.create_event(event_now())) is ErrorCode.EVENT_INVALID
    with context.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar() == 1
    # the server's copy coming back keeps it local
    events.repo.save_event(local, origin="server", created_by="", at=datetime.now(UTC))
    stored = events.repo.get("EV-LOCAL")
    assert stored is not None and (stored.origin, stored.created_by) == ("local", MANAGER)
