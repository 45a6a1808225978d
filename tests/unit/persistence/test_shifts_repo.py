"""The shifts tables on a real SQLite file: one open shift per till whatever the
caller does, a shift's records are those of its span, a close happens once
and writes its outbox record in the same transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from pos_app.core.errors import PosError
from pos_app.core.shift import CashMovement, MovementKind
from pos_app.persistence.db import open_database
from pos_app.persistence.shifts_repo import ShiftsRepository

T0 = datetime(2026, 11, 27, 0, 30, tzinfo=UTC)


@pytest.fixture
def repo(data_dir: Path):  # type: ignore[no-untyped-def]
    engine = open_database(data_dir)
    yield ShiftsRepository(engine), engine
    engine.dispose()


def open_one(repo: ShiftsRepository, at: datetime = T0):  # type: ignore[no-untyped-def]
    return repo.open(store_code="S001", terminal_code="T01", opened_by="c01", float_fen=100, now=at)


def close_kw(payload: dict[str, object] | None = None) -> dict[str, object]:
    return dict(
        closed_at=T0 + timedelta(hours=8),
        closed_by="c02",
        approved_by=None,
        figures={"expected_cash_fen": 100},
        counted={10000: 0},
        counted_fen=0,
        difference_fen=-100,
        outbox_payload=payload or {"shift": 1},
    )


def test_a_second_open_shift_is_refused_by_the_database(repo) -> None:  # type: ignore[no-untyped-def]
    shifts, _ = repo
    first = open_one(shifts)
    assert first.shift_no == "S001-T01-Z00001" and first.opened_at == T0
    with pytest.raises(PosError):  # the unique index, even past the service's check
        open_one(shifts, T0 + timedelta(minutes=1))
    assert shifts.count() == 1 and shifts.current() == first
    assert shifts.current_id() == first.shift_id


def test_a_close_happens_once_with_its_outbox_record(repo) -> None:  # type: ignore[no-untyped-def]
    shifts, engine = repo
    shift = open_one(shifts)
    shifts.add_movement(shift.shift_id, CashMovement(MovementKind.CASH_IN, 500, "备用金", T0))
    closed = shifts.close(shift.shift_id, **close_kw())  # type: ignore[arg-type]
    assert closed.closed_at == T0 + timedelta(hours=8) and closed.expected_fen == 100
    assert shifts.current() is None
    with pytest.raises(LookupError):
        shifts.close(shift.shift_id, **close_kw({"again": True}))  # type: ignore[arg-type]
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT kind, aggregate_id, payload FROM outbox")).all()
    assert [(k, a, json.loads(p)) for k, a, p in rows] == [("shift", shift.shift_id, {"shift": 1})]
    assert open_one(shifts, T0 + timedelta(hours=9)).shift_no == "S001-T01-Z00002"


def test_a_shift_reads_only_the_sales_of_its_span(context) -> None:  # type: ignore[no-untyped-def]
    co = context.checkout
    co.clock = lambda: T0 - timedelta(minutes=5)  # before the shift below opened
    co.scan("6975321000012")
    tender = co.start_tender()
    tender.add_cash(tender.due)
    co.complete(tender)
    repo = context.shifts.repo
    assert repo.sales_between(T0, None) == []
    assert len(repo.sales_between(T0 - timedelta(hours=1), T0)) == 1


def test_a_closed_shift_is_chained_and_an_edit_to_it_is_named(repo) -> None:  # type: ignore[no-untyped-def]
    from pos_app.core.chain import Break, Problem
    from pos_app.persistence.chain_repo import check

    shifts, engine = repo
    shift = open_one(shifts)
    shifts.add_movement(shift.shift_id, CashMovement(MovementKind.CASH_OUT, 300, "取款", T0))
    # open: not chained yet, and not missing either; the cash out's audit entry is
    assert check(engine) == (None, 1)
    shifts.close(shift.shift_id, **close_kw())  # type: ignore[arg-type]
    assert check(engine) == (None, 3)  # the shift, then its close's audit entry
    with engine.begin() as conn:  # behind the till's back: a smaller cash-out
        conn.execute(text("UPDATE shift_movements SET amount_fen = 3 WHERE shift_id = :s"),
                     {"s": shift.shift_id})  # fmt: skip
    assert check(engine) == (Break(Problem.EDITED, "shift", shift.shift_id, 2), 3)


def test_cash_moved_and_the_close_are_audited_in_their_transactions(repo) -> None:  # type: ignore[no-untyped-def]
    from pos_app.persistence.audit_repo import AuditRepository

    shifts, engine = repo
    shift = open_one(shifts)
    out = CashMovement(MovementKind.CASH_OUT, 30000, "存银行", T0, cashier="收银员小王")
    shifts.add_movement(shift.shift_id, out)
    shifts.close(shift.shift_id, **{**close_kw(), "approved_by": "店长老李"})  # type: ignore[arg-type]
    entries = [
        (e.terminal, e.actor, e.kind, e.subject, e.details)
        for e in reversed(AuditRepository(engine).recent())
    ]
    assert entries == [
        (
            "T01",
            "收银员小王",
            "cash_out",
            "S001-T01-Z00001",
            {"amount_fen": 30000, "movement_id": out.movement_id},
        ),
        (
            "T01",
            "c02",
            "shift_close",
            "S001-T01-Z00001",
            {
                "approved_by": "店长老李",
                "counted_fen": 0,
                "difference_fen": -100,
                "expected_fen": 100,
            },
        ),
    ]


def test_the_redemptions_of_a_span_are_the_shifts(repo) -> None:  # type: ignore[no-untyped-def]
    from pos_app.core.shift import ShiftRedemption
    from pos_app.persistence.redemptions_repo import RedemptionRecord, RedemptionsRepository

    shifts, engine = repo
    redemptions = RedemptionsRepository(engine)
    for i, (points, at) in enumerate(
        [(700, T0 - timedelta(seconds=1)), (500, T0), (120, T0 + timedelta(hours=1))]
    ):
        record = RedemptionRecord(f"r{i}", "R0001", "B1", points, 0, 10, "c01", at)
        assert redemptions.record(record)
    assert shifts.redemptions_between(T0, None) == [ShiftRedemption(500), ShiftRedemption(120)]
    assert shifts.redemptions_between(T0, T0 + timedelta(hours=1)) == [ShiftRedemption(500)]
