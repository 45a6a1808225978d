"""A day on the real till closed with a Z report, pushed to the real server: the
server's own recomputation of the shift (from the sales, refunds and points it
received) agrees with the till's to the fen, and the store's list shows it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from pos_app.core.shift import Denomination
from pos_app.services.pin_approval import pin_hook
from sync.server.db import Database
from sync.server.devtools import ServerProcess
from sync.server.models.shifts import Shift
from tests.e2e.sync.till import enroll_till, refund_some, ring_up, token
from tests.staff_helpers import DEMO_MANAGER, DEMO_MANAGER_PIN, cash_out_as_manager

pytestmark = pytest.mark.slow


def test_a_closed_shift_reaches_the_server_and_adds_up(
    server: ServerProcess, data_dir: Path
) -> None:
    context = enroll_till(data_dir, server.url, server.enrollment_code("S001", "T01"))
    shifts = context.shifts
    assert shifts.current() is not None  # the test suite's auto-opened shift
    sales = ring_up(context, 9, random.Random(11))
    refund_some(context, sales)
    shifts.cash_in(5000, "备用金补充")
    cash_out_as_manager(context, 10000, "取款")
    x = shifts.x_read()
    count = {Denomination.Y100: x.expected_cash_fen // 10000, Denomination.J1: 3}
    # a difference: the demo manager's PIN first, as the counter asks it
    request = shifts.difference_request(count)
    assert request is not None
    hook = pin_hook(context.approval)
    assert hook is not None
    hook.approve_with_pin(request, DEMO_MANAGER, DEMO_MANAGER_PIN, hold=True)
    closed = shifts.close(count)
    assert closed.record.approved_by == "店长老李"
    assert closed.z.figures == x
    status = context.sync.sync_once()
    assert status.error is None and status.pending == 0, status
    db = Database(server.database_url)
    try:
        with db.read() as session:
            row = session.scalars(select(Shift)).one()
            assert row.shift_id == closed.record.shift_id
            assert (row.expected_server, row.expected_terminal) == (
                x.expected_cash_fen,
                x.expected_cash_fen,
            )
            assert row.sales_server == x.sales_total_fen and row.counted_fen == closed.z.counted_fen
            assert not row.mismatch, row.flags
    finally:
        db.dispose()
    listed = requests.get(
        f"{server.api}/shifts", headers={"Authorization": f"Bearer {token(data_dir)}"}, timeout=10
    ).json()
    assert [s["shift_no"] for s in listed] == [closed.record.shift_no]
    context.close()
