"""What the central server's copy of the last hash catches, with real processes on
127.0.0.1 (SQLite and PostgreSQL): a till syncs, then someone with its database file
edits a synced sale and recomputes the whole chain offline, so that `verify` finds
it whole; the till's next push no longer follows on from what the server saw, and
the sale is stored, flagged `chain_fork` and listed for review (docs/security.md)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from pos_app.app import build_context
from pos_app.core.chain import GENESIS, link_hash
from pos_app.persistence.chain_repo import payload_of
from pos_app.persistence.db import make_engine
from pos_app.services.audit import verify_chain
from sync.server.devtools import ServerProcess
from sync.server.models.orders import ReviewItem
from tests.e2e.sync.till import enroll_till, ring_up

pytestmark = pytest.mark.slow


def rewrite_offline(data_dir: Path, sale_id: str) -> None:
    """The thief's tool: drop the triggers, edit a line, recompute every hash."""
    engine = make_engine(data_dir / "pos.db")
    try:
        with engine.begin() as conn:
            triggers = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            ).scalars()
            for name in list(triggers):
                conn.exec_driver_sql(f"DROP TRIGGER {name}")
            conn.exec_driver_sql(
                "UPDATE sale_lines SET amount_fen = amount_fen - 1 WHERE sale_id = ?", (sale_id,)
            )
            prev = GENESIS
            links = conn.exec_driver_sql(
                "SELECT seq, kind, record_id FROM chain_links ORDER BY seq"
            ).all()
            for seq, kind, record_id in links:
                payload = payload_of(conn, kind, record_id)
                assert payload is not None
                h = link_hash(prev, kind, record_id, seq, payload)
                conn.exec_driver_sql(
                    "UPDATE chain_links SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, h, seq)
                )
                prev = h
    finally:
        engine.dispose()


def chain_reviews(database_url: str) -> list[tuple[str, str]]:
    engine = create_engine(database_url)
    try:
        with Session(engine) as s:
            rows = s.execute(
                select(ReviewItem.source_id, ReviewItem.code).where(ReviewItem.kind == "chain")
            )
            return [(r[0], r[1]) for r in rows]
    finally:
        engine.dispose()


def test_a_chain_rewritten_offline_is_caught_on_the_next_push(
    server: ServerProcess, data_dir: Path
) -> None:
    context = enroll_till(data_dir, server.url, server.enrollment_code("S001", "T01"))
    sales = ring_up(context, 4, random.Random(11))
    status = context.sync.sync_once()
    assert status.error is None and status.rejected == 0
    assert chain_reviews(server.database_url) == []  # an honest chain follows on
    context.close()

    rewrite_offline(data_dir, sales[1].sale_id)
    report = verify_chain(data_dir)
    assert report.problem is None and report.length > 4  # the till alone cannot tell

    context = build_context(data_dir, demo=True)
    try:
        after = ring_up(context, 1, random.Random(12))[0]
        status = context.sync.sync_once()
        assert status.error is None and status.rejected == 0  # stored all the same
        with context.engine.connect() as conn:
            flags = conn.exec_driver_sql(
                "SELECT flags FROM outbox WHERE aggregate_id = ?", (after.sale_id,)
            ).scalar()
    finally:
        context.close()
    assert "chain_fork" in (flags or "").split(",")
    assert chain_reviews(server.database_url) == [(after.sale_id, "chain_fork")]
