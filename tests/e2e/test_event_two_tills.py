"""A tasting event run on two real tills, offline, then synced (issue 13, "Done
when"): the event is created on a real central server (127.0.0.1, SQLite and
PostgreSQL) and reaches both tills of store S001 down the change feed; the demo
promoter runs it on each till with the network gone (samples by the piece and by
the gram, feedback with and without consent, tallies, a lead, member and anonymous
sales at the counter's prices); both tills sync; the server stores every record once
(a second sync sends nothing new) and its report of the event is one: the till's own
report function over both tills' records together, and the sum of the two tills'
own reports where a sum is meaningful."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos_app.app import AppContext
from pos_app.core.event_report import event_report
from pos_app.core.money import Money
from pos_app.demo import demo_code
from sync.server import event_report as server_report
from sync.server import events as ev
from sync.server.changelog import ChangeLog
from sync.server.db import Database
from sync.server.devtools import ServerProcess
from sync.server.models.events import EventSale, EventSample
from tests.e2e.sync.till import enroll_till
from tests.sync import conftest as sync_fixtures

# the central server's fixtures (tests/sync/conftest.py), visible here
pg_cluster = sync_fixtures.pg_cluster
_pg_demo_template = sync_fixtures._pg_demo_template
pg_demo_url = sync_fixtures.pg_demo_url
_sqlite_demo_template = sync_fixtures._sqlite_demo_template
sqlite_demo_url = sync_fixtures.sqlite_demo_url
central_db_url = sync_fixtures.central_db_url
start_live_server = sync_fixtures.start_live_server

pytestmark = pytest.mark.slow

EVENT_ID = "EV-TWO-TILLS"
PROMOTER, PROMOTER_PIN = "demo-promoter-zhao", "3690"
WATER_CODE, WATER, RICE = "6975321000012", "YC-WAT-0001", "YC-GRN-0001"


def _create_event(database_url: str) -> None:
    now = datetime.now(UTC)
    db = Database(database_url, pool_size=1, max_overflow=0)
    try:
        with db.write() as session:
            changes = ChangeLog()
            ev.create(
                session,
                data={
                    "event_id": EVENT_ID, "name": "硒泉水试饮", "store_code": "S001",
                    "place": "二期东门", "starts_at": (now - timedelta(hours=1)).isoformat(),
                    "ends_at": (now + timedelta(hours=6)).isoformat(),
                    "promoters": [PROMOTER],
                    "products": [
                        {"sku": WATER, "sample_cost_fen": 100, "sample_unit": "piece"},
                        {"sku": RICE, "sample_cost_fen": 2, "sample_unit": "g"},
                    ],
                    "sample_budget_fen": 5000, "feedback_tags": ["口感", "价格", "包装"],
                    "status": "running",
                },
                now=now, changes=changes,
            )  # fmt: skip
            changes.flush(session, now=now)
    finally:
        db.dispose()


def _sell(context: AppContext, *codes: str) -> None:
    co = context.checkout
    for code in codes:
        co.scan(code)
    tender = co.start_tender()
    tender.add_cash(Money(tender.total.fen))
    co.complete(tender)


def _run_event(context: AppContext, *, groups: int, member: str, lead: str) -> None:
    """The promoter's day at one till, with no network."""
    assert context.staff is not None and context.events is not None
    context.staff.sign_in(PROMOTER, PROMOTER_PIN)
    events = context.events
    events.start(EVENT_ID)
    events.record_sample(WATER)
    events.record_sample(WATER)
    events.record_sample(RICE, 40)
    events.record_feedback(rating=5, tags=["口感"], sku=WATER, resident_id=member, consent=True)
    events.record_feedback(rating=3, tags=["价格", "包装"], sku=RICE, resident_id="R0003")
    events.record_feedback(rating=4, note="凉一点更好")
    events.record_visitors()
    events.record_visitors(groups)
    events.record_lead(lead, consent=True)
    _sell(context, WATER_CODE, WATER_CODE, demo_code(member))
    _sell(context, WATER_CODE)
    events.stop()


def test_an_event_run_offline_on_two_tills_gives_one_server_report(
    central_db_url: str,
    start_live_server: Callable[..., ServerProcess],
    tmp_path: Path,
) -> None:
    server = start_live_server(central_db_url)
    _create_event(server.database_url)
    tills = [
        enroll_till(tmp_path / f"till-{code}", server.url, server.enrollment_code("S001", code))
        for code in ("T01", "T02")
    ]
    try:
        for till in tills:  # the event comes down the feed while there is a network
            till.sync.sync_once()
            assert till.events is not None and [e.event_id for e in till.events.events()] == [
                EVENT_ID
            ]
        server.stop()  # the network is gone: both tills run the event offline
        _run_event(tills[0], groups=5, member="R0001", lead="R0002")
        _run_event(tills[1], groups=8, member="R0004", lead="R0001")
        server.start()
        for till in tills:
            status = till.sync.sync_once()
            assert status.pending == 0 and status.rejected == 0, status
            till.sync.sync_once()  # again: nothing more is stored
        own = [till.event_reports.report(EVENT_ID) for till in tills if till.event_reports]
        readers = [till.events.reader for till in tills if till.events]
        db = Database(server.database_url, pool_size=1, max_overflow=0)
        try:
            with db.read() as session:
                got = server_report.report(session, event_id=EVENT_ID)
                stored = (
                    session.scalar(select(func.count()).select_from(EventSample)),
                    session.scalar(select(func.count()).select_from(EventSale)),
                )
        finally:
            db.dispose()
    finally:
        for till in tills:
            till.close()
    assert stored == (6, 4)
    both = event_report(
        EVENT_ID,
        sample_budget_fen=5000,
        samples=[s for r in readers for s in r.samples(EVENT_ID)],
        feedback=[f for r in readers for f in r.feedback(EVENT_ID)],
        tallies=[t for r in readers for t in r.tallies(EVENT_ID)],
        leads=[x for r in readers for x in r.leads(EVENT_ID)],
        sales=[s for r in readers for s in r.sales(EVENT_ID)],
    )
    assert dataclasses.asdict(got) == dataclasses.asdict(both)
    for name in ("visitors", "tastings", "sample_cost_fen", "sales_count", "sales_fen", "units",
                 "leads", "feedback_count"):  # fmt: skip
        assert getattr(got, name) == sum(getattr(r, name) for r in own), name
    # what the two tables did together, worked out by hand
    assert (got.visitors, got.tastings, got.sample_cost_fen) == (1 + 5 + 1 + 8, 6, 2 * (200 + 80))
    # R0001 and R0004 bought, plus two anonymous sales: 4 buyers of 15 visitors
    assert (got.buyers, got.member_buyers, got.buyers_per_visitor_bps) == (4, 2, 2666)
    # R0001, R0004 (sales, consented feedback), R0002 (a lead); R0003 gave no consent
    assert got.residents_identified == 3
