"""The online shop's orders on the real server over real HTTP on 127.0.0.1 (uvicorn, two
worker processes, SQLite and PostgreSQL): the same order pushed many times at once is
stored once, credited once and answered alike; the same id with other content, raced
against it, gets 409 id_conflict, never a second order or a 5xx."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from sync.server.db import Database
from sync.server.devtools import ServerProcess
from sync.server.models.online import OnlineOrder, OnlineOrderLine
from sync.server.models.residents import LedgerEntry
from sync.server.tokens import Role
from tests.sync.server.online_helpers import (
    SECOND,
    TEA,
    WATER,
    add_fenced_communities,
    bearer,
    contract_points,
    issue,
    order_body,
)

pytestmark = pytest.mark.slow

REPEATS = 12


def _race(url: str, headers: dict[str, str], bodies: list[dict[str, Any]]) -> list[Any]:
    """Every body POSTed at once (a barrier releases the threads together)."""
    barrier = threading.Barrier(len(bodies))
    answers: list[Any] = [None] * len(bodies)

    def send(n: int) -> None:
        with requests.Session() as http:
            barrier.wait()
            answers[n] = http.post(url, json=bodies[n], headers=headers, timeout=60)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_concurrent_repeats_store_and_credit_one_order(
    backend: str,
    start_live_server: Callable[..., ServerProcess],
    request: pytest.FixtureRequest,
) -> None:
    url = request.getfixturevalue("pg_demo_url" if backend == "postgresql" else "sqlite_demo_url")()
    db = Database(url, pool_size=1, max_overflow=1)
    try:
        add_fenced_communities(db)
        shop = bearer(issue(db, Role.ONLINE_SHOP))
        server = start_live_server(url, workers=2)
        orders = f"{server.api}/online/orders"

        body = order_body([(TEA, 1), (WATER, 4)])
        answers = _race(orders, shop, [body] * REPEATS)
        assert [a.status_code for a in answers] == [200] * REPEATS, answers[0].text
        assert len({a.text for a in answers}) == 1  # the same answer, byte for byte
        points = contract_points(12800 + 800, SECOND)
        assert answers[0].json()["points"] == points

        # the same id, other content, raced with the right one: one order, the rest refused
        other = order_body([(TEA, 2)])
        mixed = order_body([(WATER, 1)], order_id=other["order_id"])
        raced = _race(orders, shop, [other, mixed] * (REPEATS // 2))
        statuses = sorted({a.status_code for a in raced})
        assert statuses == [200, 409], [a.text for a in raced]
        winner = next(a.json() for a in raced if a.status_code == 200)
        assert all(a.json()["code"] == "id_conflict" for a in raced if a.status_code == 409)
        assert all(a.json() == winner for a in raced if a.status_code == 200)

        with db.read() as session:
            ids = [body["order_id"], other["order_id"]]
            assert (
                session.scalar(
                    select(func.count())
                    .select_from(OnlineOrder)
                    .where(OnlineOrder.order_id.in_(ids))
                )
                == 2
            )
            assert session.scalar(
                select(func.count()).select_from(OnlineOrderLine)
                .where(OnlineOrderLine.order_id == body["order_id"])
            ) == 2  # fmt: skip
            credited = session.execute(
                select(LedgerEntry.source_id, LedgerEntry.points).where(
                    LedgerEntry.source_kind == "online_order"
                ).order_by(LedgerEntry.id)
            ).all()  # fmt: skip
        assert [tuple(c) for c in credited] == [
            (body["order_id"], points),
            (other["order_id"], winner["points"]),
        ]
        assert "Traceback" not in server.log_path.read_text(encoding="utf-8")
    finally:
        db.dispose()
