"""A till whose push is over the server's body limit (413 payload_too_large) halves its
batches until they fit; a single record over the limit is set aside as refused, kept for
the manager, and never blocks the records behind it. Real till, real server process."""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from pos_app.paths import RESOURCES
from sync.server.devtools import ServerProcess
from tests.e2e.sync.till import DELI_PLU, enroll_till, outbox_items, ring_up, scale_label

pytestmark = pytest.mark.slow
LIMIT = 64 * 1024  # the smallest limit the server accepts as a setting


def _piece_barcodes() -> list[str]:
    with (RESOURCES / "demo" / "catalog.csv").open(encoding="utf-8-sig") as f:
        return [
            row["barcodes"].split("|")[0]
            for row in csv.DictReader(f)
            if row["barcodes"] and row["unit"] != "kg" and row["active"] == "1"
        ]


def test_batches_are_halved_and_an_oversized_record_is_set_aside(
    sqlite_demo_url: Callable[[], str],
    start_live_server: Callable[..., ServerProcess],
    data_dir: Path,
) -> None:
    server = start_live_server(sqlite_demo_url(), env={"YC_CENTRAL_MAX_BODY_BYTES": str(LIMIT)})
    context = enroll_till(data_dir, server.url, server.enrollment_code("S001", "T01"))
    ring_up(context, 30, random.Random(3))
    # one sale of every piece product in the demo catalog: a single record over the limit
    for code in _piece_barcodes():
        context.checkout.scan(code)
    for grams_price in range(1000, 1400, 10):  # and 40 scale labels, a line each
        context.checkout.scan(scale_label(DELI_PLU, grams_price))
    tender = context.checkout.start_tender()
    tender.add_cash(tender.total)
    huge = context.checkout.complete(tender)
    ring_up(context, 30, random.Random(4))  # and sales behind it
    items = outbox_items(context.data_dir)
    sizes = {it.aggregate_id: len(json.dumps(it.payload, ensure_ascii=False)) for it in items}
    assert sizes[huge.sale_id] > LIMIT  # the premise
    assert sum(sizes.values()) > 2 * LIMIT  # the first batch is far over the limit

    status = context.sync.sync_once()
    assert status.pending == 0 and status.rejected == 1, status
    [refused] = context.sync.outbox.rejected()
    assert (refused["aggregate_id"], refused["rejected_reason"]) == (
        huge.sale_id,
        "payload_too_large",
    )
    sent = [it for it in outbox_items(context.data_dir) if it.aggregate_id != huge.sale_id]
    assert len(sent) == 60 and status.error is None
    context.close()
