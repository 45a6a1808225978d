"""The real server in subprocesses: the live_server fixture, and several worker
processes over one PostgreSQL taking the same batch from eight threads at once."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from pos_app.core.demo_data import DEMO_CONTRACT
from pos_app.core.money import Money
from pos_app.core.points import points_for
from sync.server.db import Database
from sync.server.devtools import ServerProcess
from sync.server.models.orders import Order
from sync.server.models.residents import LedgerEntry, Resident
from tests.sync.server.helpers import (
    R0001,
    RICE,
    TEA,
    WATER,
    Till,
    enroll,
    refund_payload,
    sale_payload,
)

pytestmark = pytest.mark.slow


def _till(server: ServerProcess) -> Till:
    http = requests.Session()
    return enroll(http, server.enrollment_code("S001", "T01"), base=server.api)


def test_live_server_stops_and_comes_back(live_server: ServerProcess) -> None:
    till = _till(live_server)
    sale = till.next_item("sale", sale_payload([(TEA, 1)], member=R0001))
    assert till.push_ok([sale])[0]["status"] == "accepted"
    live_server.stop()
    assert not live_server.healthy()
    with pytest.raises(requests.ConnectionError):
        till.push([sale])
    live_server.start()
    assert till.push_ok([sale])[0]["status"] == "duplicate"  # same URL, same database
    live_server.restart()
    assert till.get("/residents/R0001").json()["balance"] == 1280 + 384


def _batch(till: Till, n: int, first: int) -> list[dict[str, Any]]:
    """n sales from `first` on, every 4th with a member, every 8th partly refunded."""
    items = []
    for i in range(first, first + n):
        member = R0001 if i % 4 == 0 else None
        sale = sale_payload([(TEA, 2), (RICE, 1), (WATER, i % 3 + 1)], member=member, sequence=i)
        items.append(till.next_item("sale", sale))
        if member and i % 8 == 0:
            kept = sale["eligible_fen"] - 12800
            clawed = sale["points"] - points_for(Money(kept), DEMO_CONTRACT)
            refund = refund_payload(
                sale, [(1, 1, 12800)], eligible_fen=12800, points_clawback=clawed
            )
            items.append(till.next_item("refund", refund))
    return items


@pytest.mark.parametrize("backend,workers", [("postgresql", 4), ("sqlite", 2)])
def test_concurrent_pushes_into_several_workers_store_everything_once(
    backend: str,
    workers: int,
    start_live_server: Callable[..., ServerProcess],
    request: pytest.FixtureRequest,
) -> None:
    url = request.getfixturevalue("pg_demo_url" if backend == "postgresql" else "sqlite_demo_url")()
    server = start_live_server(url, workers=workers)
    till = _till(server)
    batch_a = _batch(till, 240, first=1)
    batch_b = _batch(till, 120, first=241)
    overlap = batch_a[len(batch_a) // 2 :] + batch_b  # shares its first half with A
    everything = batch_a + batch_b
    expected = Counter()  # type: ignore[var-annotated]
    for it in everything:
        p = it["payload"]
        if it["kind"] == "sale" and p["member"]:
            expected["points"] += p["points"]
        if it["kind"] == "refund":
            expected["clawback"] += p["points_clawback"]
    assert len(batch_a) <= 500 and len(overlap) <= 500

    results: list[list[dict[str, Any]]] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(10)

    def push(items: list[dict[str, Any]]) -> None:
        session = requests.Session()
        try:
            barrier.wait(30)
            response = session.post(
                f"{server.api}/push",
                json={"protocol": 1, "items": items},
                headers=till.headers,
                timeout=120,
            )
            assert response.status_code == 200, response.text
            results.append(response.json()["results"])
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=push, args=(batch_a,)) for _ in range(8)]
    threads += [threading.Thread(target=push, args=(overlap,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    assert not errors, errors[0]

    accepted = Counter(r["item_id"] for rs in results for r in rs if r["status"] == "accepted")
    assert set(accepted) == {it["item_id"] for it in everything}
    assert set(accepted.values()) == {1}  # each item accepted by exactly one request
    assert all(r["status"] in ("accepted", "duplicate") for rs in results for r in rs)

    db = Database(url, pool_size=1, max_overflow=0)
    try:
        with db.read() as session:
            sales = [it for it in everything if it["kind"] == "sale"]
            assert session.scalar(select(func.count()).select_from(Order)) == len(sales)
            ledger = session.scalar(
                select(func.sum(LedgerEntry.points)).where(
                    LedgerEntry.resident_id == "R0001", LedgerEntry.kind != "opening"
                )
            )
            assert ledger == expected["points"] - expected["clawback"]
            r1 = session.get(Resident, "R0001")
            assert r1 is not None and r1.balance == 1280 + ledger
    finally:
        db.dispose()
    pulled = till.get("/changes", params={"limit": 5000}).json()["changes"]
    [r0001] = [c for c in pulled if c["key"] == "R0001"]
    assert r0001["data"]["balance"] == 1280 + expected["points"] - expected["clawback"]
