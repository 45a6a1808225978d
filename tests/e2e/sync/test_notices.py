"""An id conflict reaches the first till as a `notice` change, kept for the manager (File ▸
Sync problems) and not acted on, and its sync goes on: the real till (AppContext) and the
real server.

A notice must neither stop the till's pull nor move its cursor back.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
import requests

from pos_app.persistence.db import DB_FILENAME
from sync.server.devtools import ServerProcess
from tests.e2e.sync.till import enroll_till, outbox_items, ring_up
from tests.sync.server.helpers import enroll

pytestmark = pytest.mark.slow


def test_the_first_till_pulls_its_notice_and_keeps_syncing(
    server: ServerProcess, data_dir: Path
) -> None:
    context = enroll_till(data_dir, server.url, server.enrollment_code("S001", "T01"))
    ring_up(context, 2, random.Random(8))
    assert context.sync.sync_once().error is None

    # another till position sends a sale under the first till's sale id
    [first, *_] = [it for it in outbox_items(data_dir) if it.kind == "sale"]
    other = enroll(requests.Session(), server.enrollment_code("S001", "T02"), base=server.api)
    payload = dict(first.payload, terminal_code="T02", receipt_no="S001-T02-000001")
    item = {"item_id": "6f1c9a52-3d1e-4c55-9a0e-1d2f3a4b5c6d", "kind": "sale",
            "aggregate_id": first.aggregate_id, "seq": 1,
            "created_at": first.created_at.isoformat(), "payload": payload}  # fmt: skip
    [result] = other.push_ok([item])
    assert (result["status"], result["reason"]) == ("rejected", "id_conflict")

    status = context.sync.sync_once()
    assert status.error is None and status.pulled == 1, status
    [notice] = context.sync.outbox.notices()
    assert (notice["code"], notice["record_kind"], notice["record_id"]) == (
        "id_conflict",
        "sale",
        first.aggregate_id,
    )
    ring_up(context, 1, random.Random(9))  # and it goes on selling and syncing
    status = context.sync.sync_once()
    assert status.error is None and status.pushed == 1 and status.pending == 0
    with sqlite3.connect(data_dir / DB_FILENAME) as conn:
        sent = conn.execute("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL").fetchone()
    assert sent[0] == len(outbox_items(data_dir))
    context.close()
