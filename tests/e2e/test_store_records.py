"""A store-only promotion and a tasting event set up at a real till reach a real
central server (127.0.0.1, SQLite and PostgreSQL) and are believed there (issues 12
and 13): the manager sets up a promotion with their PIN (the real approval path), a
member buys with it, the manager sets up an event and the promoter runs it (samples,
feedback, an event sale), all offline; one sync later the server holds the promotion
as the store's (approved by that manager's staff id), explains the promoted sale
(no promotion_unexplained: its points are the contract's on the net paid), and
stores every record of the event (no event_unknown) in its own event report."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from pos_app.core.events import Event, EventProduct, SampleUnit
from pos_app.core.money import Money
from pos_app.demo import demo_code
from pos_app.persistence.db import DB_FILENAME
from pos_app.services.pin_approval import PinApproval, pin_hook
from sync.server import event_report as server_report
from sync.server.db import Database
from sync.server.devtools import ServerProcess
from sync.server.models.events import Event as ServerEvent
from sync.server.models.orders import Order
from sync.server.models.promotions import Promotion
from tests.e2e.sync.till import enroll_till
from tests.staff_helpers import DEMO_MANAGER, DEMO_MANAGER_PIN
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

PROMOTER, PROMOTER_PIN = "demo-promoter-zhao", "3690"
RICE_CODE, WATER_CODE = "6921445000018", "6975321000012"  # 五常大米 ¥89.90, 硒泉水 ¥2.00
RICE, WATER = "YC-GRN-0001", "YC-WAT-0001"
PROMO_ID = "LOCAL-T100"
#: 满100减10, set up at the till for this store only
LOCAL_T100: dict[str, Any] = {
    "id": PROMO_ID,
    "name": "店长满100减10",
    "kind": "threshold",
    "tiers": [{"min_fen": 10000, "off_fen": 1000}],
}
EVENT_ID = "EV-LOCAL-RICE"


def _flags(data_dir: Path) -> dict[str, tuple[str | None, str | None]]:
    """The till's outbox: kind and aggregate → (the server's flags, its refusal)."""
    with sqlite3.connect(data_dir / DB_FILENAME) as conn:
        rows = conn.execute("SELECT kind, aggregate_id, flags, rejected_reason FROM outbox")
        return {f"{kind}:{aggregate}": (flags, reason) for kind, aggregate, flags, reason in rows}


def test_a_store_promotion_and_event_set_up_at_the_till_are_believed_by_the_server(
    central_db_url: str, start_live_server: Callable[..., ServerProcess], tmp_path: Path
) -> None:
    server = start_live_server(central_db_url)
    data_dir = tmp_path / "till"
    till = enroll_till(data_dir, server.url, server.enrollment_code("S001", "T01"))
    try:
        till.sync.sync_once()  # the staff, the catalog
        server.stop()  # all of it offline
        promos, events, staff = till.promotions, till.events, till.staff
        assert promos is not None and events is not None and staff is not None
        # the manager's PIN, as the promotion editor asks it (held for the service)
        hook = pin_hook(till.approval)
        assert isinstance(hook, PinApproval)
        request = promos.approval_request(PROMO_ID, "create")
        hook.approve_with_pin(request, DEMO_MANAGER, DEMO_MANAGER_PIN, hold=True)
        promos.create_local(LOCAL_T100)
        till.checkout.promotions_changed()
        co = till.checkout
        for code in (RICE_CODE, RICE_CODE, demo_code("R0001")):
            co.scan(code)
        tender = co.start_tender()
        assert tender.total.fen == 2 * 8990 - 1000
        tender.add_cash(Money(tender.total.fen))
        promoted = co.complete(tender)

        now = datetime.now(UTC)
        staff.sign_in(DEMO_MANAGER, DEMO_MANAGER_PIN)
        events.create_event(
            Event(
                EVENT_ID, "五常大米品鉴", "S001", None, "一期中心花园",
                now - timedelta(hours=1), now + timedelta(hours=5), (PROMOTER,),
                (EventProduct(RICE, 2, SampleUnit.GRAM), EventProduct(WATER, 100)),
                3000, ("口感", "价格"),
            )
        )  # fmt: skip
        staff.sign_in(PROMOTER, PROMOTER_PIN)
        events.start(EVENT_ID)
        events.record_sample(RICE, 30)
        events.record_sample(WATER)
        events.record_feedback(rating=5, tags=["口感"], sku=RICE)
        events.record_visitors(3)
        co.scan(WATER_CODE)
        tender = co.start_tender()
        tender.add_cash(Money(tender.total.fen))
        event_sale = co.complete(tender)
        events.stop()

        server.start()
        status = till.sync.sync_once()
        assert (status.pending, status.rejected) == (0, 0), (status, _flags(data_dir))
    finally:
        till.close()

    outbox = _flags(data_dir)
    # nothing refused, and the promoted sale not flagged (nor anything else)
    assert all(reason is None for _, reason in outbox.values()), outbox
    assert outbox[f"sale:{promoted.sale_id}"] == (None, None)
    assert outbox[f"sale:{event_sale.sale_id}"] == (None, None)
    kinds = sorted(key.split(":")[0] for key in outbox)
    assert kinds.count("store_promotion") == 1 and kinds.count("store_event") == 1
    db = Database(server.database_url, pool_size=1, max_overflow=0)
    try:
        with db.read() as session:
            promo = session.get(Promotion, PROMO_ID)
            assert promo is not None
            assert (promo.origin, promo.store_code, promo.approver, promo.status) == (
                "store", "S001", DEMO_MANAGER, "active")  # fmt: skip
            assert json.loads(promo.definition)["tiers"] == LOCAL_T100["tiers"]
            assert promo.given_fen == 1000
            order = session.get(Order, promoted.sale_id)
            assert order is not None
            # the contract of C001 (10% share, 30% to points) on what was paid
            assert order.eligible_fen == 2 * 8990 - 1000
            assert order.points_server == (2 * 8990 - 1000) * 1000 * 3000 // 100_000_000 == 509
            event = session.scalars(select(ServerEvent).where(ServerEvent.event_id == EVENT_ID))
            row = event.one()
            assert (row.origin, row.created_by) == ("store", DEMO_MANAGER)
            report = server_report.report(session, event_id=EVENT_ID)
    finally:
        db.dispose()
    assert (report.tastings, report.sample_cost_fen, report.visitors) == (2, 30 * 2 + 100, 3)
    assert (report.feedback_count, report.sales_count, report.sales_fen) == (1, 1, 200)
