"""A promotion's budget under concurrent pushes: the real server in four worker
processes over one PostgreSQL (and two over SQLite), four tills pushing promoted
sales at once, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from sync.server.db import Database
from sync.server.devtools import ServerProcess
from sync.server.models.promotions import Promotion, PromotionStatusChange, PromotionUse
from tests.sync.server.helpers import TEA, Till, enroll, sale_payload
from tests.sync.server.promo_helpers import TEA10, bearer, ops_token, promoted

pytestmark = pytest.mark.slow

TILLS, SALES, SAVING = 4, 10, 1280
BUDGET = 15 * SAVING  # reached exactly by the 15th sale to commit


@pytest.mark.parametrize("backend,workers", [("postgresql", 4), ("sqlite", 2)])
def test_every_sale_counts_once_and_exactly_those_past_the_cap_are_flagged(
    backend: str,
    workers: int,
    start_live_server: Callable[..., ServerProcess],
    request: pytest.FixtureRequest,
) -> None:
    url = request.getfixturevalue("pg_demo_url" if backend == "postgresql" else "sqlite_demo_url")()
    server = start_live_server(url, workers=workers)
    db = Database(url, pool_size=1, max_overflow=1)
    try:
        made = requests.post(
            f"{server.api}/promotions",
            json={"definition": TEA10, "budget_fen": BUDGET},
            headers=bearer(ops_token(db)),
            timeout=30,
        )
        assert made.status_code == 200, made.text
        tills = [
            enroll(
                requests.Session(), server.enrollment_code("S001", f"T0{n + 1}"), base=server.api
            )
            for n in range(TILLS)
        ]
        results: list[dict[str, Any]] = []
        lock = threading.Lock()

        def work(till: Till, n: int) -> None:
            sales = [
                promoted(
                    sale_payload([(TEA, 1)], terminal=f"T0{n + 1}", sequence=i + 1),
                    {1: [("P_TEA9", SAVING)]},
                )
                for i in range(SALES)
            ]
            for first in range(0, SALES, 5):  # batches of five
                items = [till.next_item("sale", s) for s in sales[first : first + 5]]
                answer = till.push_ok(items)
                with lock:
                    results.extend(answer)

        threads = [threading.Thread(target=work, args=(t, n)) for n, t in enumerate(tills)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert [r["status"] for r in results] == ["accepted"] * TILLS * SALES
        flagged = [r for r in results if "promotion_over_budget" in r["flags"]]
        assert len(flagged) == TILLS * SALES - 15
        with db.read() as session:
            row = session.get(Promotion, "P_TEA9")
            assert row is not None and (row.status, row.given_fen) == (
                "paused", TILLS * SALES * SAVING)  # fmt: skip
            assert session.scalar(select(func.count()).select_from(PromotionUse)) == TILLS * SALES
            pauses = session.scalars(
                select(PromotionStatusChange.reason).where(PromotionStatusChange.status == "paused")
            ).all()
            assert pauses == ["budget"]  # paused once, by the sale that reached the cap
    finally:
        db.dispose()
