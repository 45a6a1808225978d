"""Sync under faults, with real processes on 127.0.0.1, on SQLite and PostgreSQL.

The till is the real AppContext (CheckoutService, RefundService, SyncService)
on its own SQLite file; the central server is `python -m sync.server serve` in
a subprocess on a fresh demo database of each back-end. Faults:

1. the server is down the whole time the till sells, then comes up;
2. a proxy forwards a push to the server and cuts the answer (in its head,
   then half-way into its body): the server has stored the batch, the till saw
   a dropped connection;
3. the POS process is killed with SIGKILL during a push — once
   deterministically (the server has committed, the proxy holds its answer
   back), then at random moments while it sells and syncs over a slow link —
   and a fresh process finishes the sync;
4. the same batch is replayed with a raw push: under the same item ids, and
   under new ones as a till restored from a backup would;
5. the till's clock is five hours ahead or behind.

After each: every sale and refund of the till is on the server exactly once,
and each resident's live balance (GET /residents/{id}) equals the demo opening
balance plus an independent recomputation from the till's own tables
(`till.recompute`).

What the server does with a sale time hours off (test 5): it stores the
till's `created_at` as sent — no rejection, no clamping — but a time after
its own clock (plus 15 min of skew) or before the till enrolled cannot be
trusted, so every such sale is held for review (`sale_time_out_of_bounds`)
and credits nothing until a manager releases it. The contract is judged by a
time the server trusts: a member sale's by its code's signed issue time (the
residents' codes are signed on the right clock), an anonymous sale's by the
least generous version between its claimed time and the receipt. So a till
five hours ahead no longer earns under a contract that only starts in two and
a half hours: released, every sale earns what the old version gives.

The till's display of a balance must survive a skewed clock too:
`test_till_shows_the_server_balance_whatever_its_clock` (with an on-time
control) found the till once counting its pending points by its own clock.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from pos_app.app import AppContext, build_context
from pos_app.core.money import Money
from pos_app.core.sale import Sale
from pos_app.demo import demo_code
from sync.client.session import SyncSession
from sync.protocol.push import ItemStatus
from sync.server import crud, review
from sync.server.changelog import ChangeLog
from sync.server.config import Settings, personal_key_file_for
from sync.server.db import Database
from sync.server.devtools import ServerProcess
from sync.server.models.orders import PointsFlag, ReceivedItem, ReviewItem
from sync.server.models.partners import ContractVersion
from sync.server.personal_data import read_key_file
from tests.e2e.sync.proxy import Cut, FaultProxy
from tests.e2e.sync.till import (
    RICE,
    assert_server_matches_till,
    enroll_till,
    opening_balances,
    outbox_items,
    outbox_state,
    recording_sync,
    refund_some,
    ring_up,
    server_view,
    token,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"),
]

ROOT = Path(__file__).resolve().parents[3]
CHILD = Path(__file__).with_name("sync_loop_child.py")
CHILD_START_TIMEOUT = 30.0
SEED = int(os.environ.get("YC_FAULT_SEED", "20261126"))


def enrolled(server: ServerProcess, data_dir: Path, url: str | None = None) -> AppContext:
    return enroll_till(data_dir, url or server.url, server.enrollment_code("S001", "T01"))


def no_flags(data_dir: Path, database_url: str) -> None:
    """Till and server agreed on every figure: no points_mismatch anywhere."""
    with sqlite3.connect(data_dir / "pos.db") as conn:
        flagged = conn.execute("SELECT kind, flags FROM outbox WHERE flags IS NOT NULL").fetchall()
    assert flagged == []
    engine = create_engine(database_url)
    try:
        with Session(engine) as s:
            assert s.scalar(select(func.count()).select_from(PointsFlag)) == 0
    finally:
        engine.dispose()


def received_count(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        with Session(engine) as s:
            return int(s.scalar(select(func.count()).select_from(ReceivedItem)) or 0)
    finally:
        engine.dispose()


# --- 1. server down ------------------------------------------------------------------------


def test_server_down_the_whole_time_then_up(server: ServerProcess, data_dir: Path) -> None:
    context = enrolled(server, data_dir)
    server.stop()
    assert not server.healthy()
    rng = random.Random(SEED + 1)
    sales = ring_up(context, 16, rng)
    refunds = refund_some(context, sales)
    items = len(sales) + len(refunds)

    for attempt in (1, 2):
        started = time.monotonic()
        status = context.sync.sync_once()  # raises nothing: the till keeps selling
        assert time.monotonic() - started < 10
        assert status.error == "offline" and not status.online
        assert (status.pending, status.pushed, status.rejected) == (items, 0, 0)
        with sqlite3.connect(data_dir / "pos.db") as conn:
            tries = conn.execute("SELECT DISTINCT attempts, last_error FROM outbox").fetchall()
        assert tries == [(attempt, "offline")]
    assert server_view(server.database_url).orders == Counter()

    server.start()
    status = context.sync.sync_once()
    assert status.error is None and status.online, status
    assert (status.pushed, status.pending, status.rejected) == (items, 0, 0)
    assert status.pulled > 0  # the catalog, contracts, residents came down too
    assert context.sync.sync_once().pushed == 0
    expected = assert_server_matches_till(server.url, server.database_url, data_dir)
    assert expected.member_sales >= 8 and expected.lottery_lines > 0
    no_flags(data_dir, server.database_url)
    context.close()


# --- 2. connection cut mid-response ----------------------------------------------------------


def test_connection_cut_mid_response(
    server: ServerProcess, proxy: FaultProxy, data_dir: Path
) -> None:
    context = enrolled(server, data_dir, proxy.url)  # the till only knows the proxy
    rng = random.Random(SEED + 2)
    sales = ring_up(context, 12, rng)
    refunds = refund_some(context, sales)
    first = len(sales) + len(refunds)

    proxy.cut_next_pushes(Cut(in_head=12), Cut())  # "HTTP/1.1 200", then half the body
    status = context.sync.sync_once()
    # http.client takes a bare status line for a header-less, close-delimited answer:
    # an empty 200, which the session reports as bad_response (retryable) — not "offline"
    assert status.error == "bad_response" and status.pending == first and status.pushed == 0
    assert proxy.cuts_done == 1
    # the server stored the batch all the same
    assert set(server_view(server.database_url).orders) == {s.sale_id for s in sales}

    more = ring_up(context, 3, rng)
    status = context.sync.sync_once()
    assert status.error == "offline" and status.pending == first + 3
    assert proxy.cuts_done == 2

    last = ring_up(context, 2, rng)
    sync, results = recording_sync(context)  # the proxy is faithful again
    status = sync.sync_once()
    assert status.error is None and status.pending == 0, status
    by_status = Counter(r.status for r in results)
    assert by_status == {ItemStatus.DUPLICATE: first + 3, ItemStatus.ACCEPTED: 2}
    assert status.pushed == 2 and proxy.pushes == 3
    duplicates = {str(r.item_id) for r in results if r.status is ItemStatus.DUPLICATE}
    assert {it.aggregate_id for it in outbox_items(data_dir) if str(it.item_id) in duplicates} == {
        s.sale_id for s in sales + more
    } | {r.refund_id for r in refunds}
    assert {s.sale_id for s in last} <= set(server_view(server.database_url).orders)
    assert_server_matches_till(server.url, server.database_url, data_dir)
    no_flags(data_dir, server.database_url)
    assert proxy.errors == []
    context.close()


# --- 3. SIGKILL during a push ------------------------------------------------------------------


@contextmanager
def child(data_dir: Path, progress: Path, *extra: str) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    with progress.with_suffix(".err").open("ab") as err:
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(data_dir), str(progress), *extra],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()  # our own child, by its pid
        proc.wait(timeout=15)


def events(progress: Path) -> list[dict[str, object]]:
    if not progress.exists():
        return []
    lines = progress.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.endswith("}")]


def wait_for(
    condition: Callable[[], bool], proc: subprocess.Popen[bytes], timeout: float, what: str
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            err = Path(str(proc.args[3])).with_suffix(".err")  # type: ignore[index]
            pytest.fail(f"child exited ({proc.returncode}) before {what}:\n{err.read_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.02)


def sigkill(proc: subprocess.Popen[bytes]) -> None:
    assert proc.poll() is None, "the child ended by itself"
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=15) == -signal.SIGKILL


def test_pos_killed_with_sigkill_during_push(
    server: ServerProcess, proxy: FaultProxy, data_dir: Path, tmp_path: Path
) -> None:
    rng = random.Random(SEED + 3)
    context = enrolled(server, data_dir, proxy.url)
    sales = ring_up(context, 10, rng)
    refund_some(context, sales)
    queued = outbox_items(data_dir, pending_only=True)
    context.close()

    # deterministic: the server has committed the push, its answer is held back; SIGKILL
    proxy.hold_pushes()
    progress = tmp_path / "held.jsonl"
    with child(data_dir, progress) as proc:
        wait_for(proxy.held.is_set, proc, CHILD_START_TIMEOUT, "a push held by the proxy")
        assert set(server_view(server.database_url).orders) == {s.sale_id for s in sales}
        sigkill(proc)
    proxy.release()
    assert outbox_state(data_dir)["pending"] == len(queued)  # the till never heard back

    # restarted, it sends the same items again: the server answers duplicate
    context = build_context(data_dir, demo=True)
    proxy.healthy()
    sync, results = recording_sync(context)
    status = sync.sync_once()
    assert status.error is None and status.pending == 0, status
    assert [r.item_id for r in results] == [it.item_id for it in queued]
    assert {r.status for r in results} == {ItemStatus.DUPLICATE}
    context.close()

    # random moments: a till selling and syncing over a slow link (push answers late),
    # killed four times: within 0.12 s of a push reaching the proxy while answers are 0.5 s
    # late (so before the server committed or while its answer is on the way), within
    # 0.4 s of one with answers 0.15 s late (also just after the answer: in the outbox
    # update or the pull), and twice at any moment (in a sale, a push, a pull)
    rounds = [(0.12, 0.5), (0.4, 0.15), (None, 0.15), (None, 0.15)]
    for round_no, (window, delay) in enumerate(rounds):
        proxy.delay_s = delay
        progress = tmp_path / f"random-{round_no}.jsonl"
        proxy.push_seen.clear()
        counters = (proxy.push_requests, proxy.push_answers)
        with child(data_dir, progress, "--sell", "--seed", str(SEED + round_no)) as proc:
            wait_for(lambda p=progress: bool(events(p)), proc, CHILD_START_TIMEOUT, "the child")
            if window is not None:
                wait_for(proxy.push_seen.is_set, proc, CHILD_START_TIMEOUT, "a push")
                time.sleep(rng.uniform(0.0, window))
            else:
                time.sleep(rng.uniform(0.2, 1.2))
            in_flight = proxy.pushes_in_flight_since(*counters)
            sigkill(proc)
        if round_no == 0:
            assert in_flight == 1, "the first random kill must land mid-push"

    # a fresh process finishes the job
    proxy.healthy()
    context = build_context(data_dir, demo=True)
    status = context.sync.sync_once()
    assert status.error is None and status.pending == 0 and status.rejected == 0, status
    outbox = outbox_items(data_dir)
    assert set(Counter(it.aggregate_id for it in outbox).values()) == {1}
    till_sales = {it.aggregate_id for it in outbox if it.kind == "sale"}
    assert len(till_sales) > len(sales)  # the killed children sold too
    expected = assert_server_matches_till(server.url, server.database_url, data_dir)
    assert expected.sale_ids == till_sales  # one outbox item per sale, nothing half-written
    no_flags(data_dir, server.database_url)
    context.close()


# --- 4. the same batch replayed -------------------------------------------------------------------


def test_same_batch_replayed(server: ServerProcess, data_dir: Path) -> None:
    context = enrolled(server, data_dir)
    rng = random.Random(SEED + 4)
    sales = ring_up(context, 15, rng)
    refunds = refund_some(context, sales)
    status = context.sync.sync_once()
    assert status.error is None and status.pushed == len(sales) + len(refunds)
    before = server_view(server.database_url)
    received = received_count(server.database_url)

    batch = outbox_items(data_dir)
    session = SyncSession(server.url, token(data_dir), timeout=(5.0, 30.0))
    try:
        replayed = session.push(batch)
        assert [r.item_id for r in replayed.results] == [it.item_id for it in batch]
        assert {r.status for r in replayed.results} == {ItemStatus.DUPLICATE}
        assert received_count(server.database_url) == received
        # a till restored from a backup re-sends the same sales under new item ids
        restored = [it.model_copy(update={"item_id": uuid.uuid4()}) for it in batch]
        assert {r.status for r in session.push(restored).results} == {ItemStatus.DUPLICATE}

        # the old batch plus new sales, pushed raw: only the new ones are accepted ...
        new = ring_up(context, 3, rng)
        mixed = outbox_items(data_dir)
        answer = {r.item_id: r.status for r in session.push(mixed).results}
        assert Counter(answer.values()) == {
            ItemStatus.DUPLICATE: len(batch),
            ItemStatus.ACCEPTED: 3,
        }
    finally:
        session.close()
    # ... and the till, which never saw that answer, pushes them again: duplicates
    sync, results = recording_sync(context)
    status = sync.sync_once()
    assert status.error is None and status.pending == 0 and status.pushed == 0
    assert {r.status for r in results} == {ItemStatus.DUPLICATE} and len(results) == 3

    after = server_view(server.database_url)
    assert set(after.orders) == set(before.orders) | {s.sale_id for s in new}
    assert after.refunds == before.refunds
    new_sources = set(after.ledger_sources) - set(before.ledger_sources)
    assert {sid for _, sid in new_sources} <= {s.sale_id for s in new}
    assert_server_matches_till(server.url, server.database_url, data_dir)
    no_flags(data_dir, server.database_url)
    context.close()


# --- 5. the till's clock hours off -------------------------------------------------------------


def add_contract(
    database_url: str, community_id: str, effective_from: datetime, share: int, points: int
) -> None:
    db = Database(database_url, pool_size=1, max_overflow=0)
    try:
        with db.write() as session:
            changes = ChangeLog()
            crud.add_contract(session, community_id=community_id, effective_from=effective_from,
                              share_bps=share, points_bps=points, changes=changes)  # fmt: skip
            changes.flush(session, now=datetime.now(UTC))
    finally:
        db.dispose()


def contract_versions(database_url: str) -> dict[int, tuple[int, int]]:
    engine = create_engine(database_url)
    try:
        with Session(engine) as s:
            rows = s.execute(
                select(ContractVersion.id, ContractVersion.share_bps, ContractVersion.points_bps)
            ).all()
    finally:
        engine.dispose()
    return {i: (share, pts) for i, share, pts in rows}


@pytest.mark.parametrize("skew_hours", [5, -5], ids=["ahead-5h", "behind-5h"])
def test_terminal_clock_hours_off(server: ServerProcess, data_dir: Path, skew_hours: int) -> None:
    """Every sale is stored as sent and held; released, it earns under the OLD version.

    The residents' codes are signed on the right clock (by the server, for their
    phones), early and long-lived enough for the skewed till to accept them. Their
    signed issue time decides the member sales' contract: the old version both
    ways, though the till ahead counted the new one. The anonymous sales take the
    least generous version between their claimed time and receipt: the old one.
    """
    skew = timedelta(hours=skew_hours)
    context = enrolled(server, data_dir)
    # a new C001 contract (10 % / 50 %) takes effect half-way between real time and the till's
    switch = (datetime.now(UTC) + skew / 2).replace(microsecond=0)
    add_contract(server.database_url, "C001", switch, 1000, 5000)

    def clock() -> datetime:
        return datetime.now(UTC) + skew

    context.checkout.clock = clock  # sale times
    context.members.clock = clock  # membership codes are checked against the till's clock
    context.refunds.clock = clock
    status = context.sync.sync_once()  # the till learns the new contract version too
    assert status.error is None and status.pulled > 0

    def code(resident_id: str) -> str:
        real = datetime.now(UTC)
        issued = min(real, clock())
        valid = abs(skew) + timedelta(minutes=10)
        return demo_code(resident_id, now=int(issued.timestamp()),
                         lifetime_s=int(valid.total_seconds()))  # fmt: skip

    rng = random.Random(SEED + 5)
    sales = ring_up(context, 12, rng, clock=clock, codes=code)
    refunds = refund_some(context, sales)
    status = context.sync.sync_once()
    assert status.error is None and status.pending == 0, status
    assert status.pushed == len(sales) + len(refunds)

    versions = contract_versions(server.database_url)
    view = server_view(server.database_url)
    holds = held(server.database_url)
    for sale in sales:
        order = view.order_rows[sale.sale_id]
        assert order.created_at == sale.created_at  # the till's time, stored as sent
        off = order.created_at - order.received_at
        assert abs(off - skew) < timedelta(minutes=5), off
        assert order.contract_id is not None and versions[order.contract_id] == (1000, 3000)
        assert order.resident_id is None  # nobody holds the points yet
        assert holds[sale.sale_id] == "sale_time_out_of_bounds"
    assert {k for k, _ in view.ledger_sources} == {"opening"}  # nothing credited
    openings = opening_balances()
    assert {r: view.ledger_sum.get(r, 0) for r in openings} == openings

    release_all(server.database_url)
    # released: what the old version gives, on what each sale kept after its refunds
    assert_server_matches_till(server.url, server.database_url, data_dir)
    assert len(held(server.database_url)) == 0
    context.close()


def held(database_url: str) -> dict[str, str]:
    """Open holds: sale id → the reasons its points wait for."""
    engine = create_engine(database_url)
    try:
        with Session(engine) as s:
            rows = s.execute(
                select(ReviewItem.source_id, ReviewItem.code).where(
                    ReviewItem.kind == "hold", ReviewItem.status == "open"
                )
            ).all()
    finally:
        engine.dispose()
    return dict(rows)  # type: ignore[arg-type]


def release_all(database_url: str) -> None:
    """What a manager does with `yuancang-central review release ID` for each hold
    (with the server's personal-data keys, as the CLI: a release logs the resident)."""
    key_file = personal_key_file_for(Settings(database_url=database_url))
    db = Database(database_url, pool_size=1, max_overflow=0, personal_keys=read_key_file(key_file))
    try:
        with db.write() as session:
            ids = session.scalars(select(ReviewItem.id).where(ReviewItem.kind == "hold")).all()
            for review_id in ids:
                result = review.release(session, review_id=review_id, now=datetime.now(UTC))
                assert result.outcome is review.Outcome.RELEASED
    finally:
        db.dispose()


@pytest.mark.parametrize(
    "skew_hours",
    [
        pytest.param(0, id="on-time"),  # the control: the check itself is right
        # MembersRepository.resident() once compared the till's clock with the
        # server's balance time; pending points now follow the outbox acknowledgements
        pytest.param(5, id="ahead-5h"),
        pytest.param(-5, id="behind-5h"),
    ],
)
def test_till_shows_the_server_balance_whatever_its_clock(
    server: ServerProcess, data_dir: Path, skew_hours: int
) -> None:
    """On time the sale is credited; hours off it is held for review, and the till then
    shows the server's unchanged balance: in both cases exactly what the server says."""
    context = enrolled(server, data_dir)

    def clock() -> datetime:
        return datetime.now(UTC) + timedelta(hours=skew_hours)

    context.checkout.clock = context.members.clock = context.refunds.clock = clock
    assert context.sync.sync_once().error is None
    member = "R0002"
    session = SyncSession(server.url, token(data_dir), timeout=(5.0, 15.0))
    try:
        # synced: the till shows exactly the server's balance
        ring_up_for(context, member, clock)
        assert context.sync.sync_once().error is None
        on_server = session.resident(member).balance
        # R0002 opens at 35; on time it earned, hours off its points are held for review
        assert on_server > 35 if skew_hours == 0 else on_server == 35
        shown_synced = context.members.repo.resident(member).shown_balance
        # one more sale, not synced yet: shown = the server's balance + what it earned
        sale = ring_up_for(context, member, clock)
        shown_offline = context.members.repo.resident(member).shown_balance
    finally:
        session.close()
    assert (shown_synced, shown_offline) == (on_server, on_server + sale.points)
    context.close()


def ring_up_for(context: AppContext, resident_id: str, clock: Callable[[], datetime]) -> Sale:
    """One member sale of rice for this resident (it earns points)."""
    co = context.checkout
    co.scan(RICE)
    co.scan(demo_code(resident_id, now=int(clock().timestamp())))
    tender = co.start_tender()
    tender.add_cash(Money(tender.total.fen))
    sale = co.complete(tender)
    assert sale.points > 0
    return sale
