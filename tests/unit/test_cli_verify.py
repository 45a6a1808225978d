"""`python -m pos_app --data-dir D verify`, run as a real process on a COPY of a
till's database, before and after the copy is edited with the sqlite3 module
(triggers dropped first, as someone with the file would)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pos_app.core.money import Money
from pos_app.core.shift import Denomination
from pos_app.demo import demo_code
from pos_app.persistence.db import DB_FILENAME
from tests.staff_helpers import refund_as_manager

ROOT = Path(__file__).resolve().parents[2]
WATER, RICE = "6975321000012", "6921445000018"


def run_verify(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "pos_app", "--data-dir", str(data_dir), "verify"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def sell(context, codes, member_code=None):  # type: ignore[no-untyped-def]
    co = context.checkout
    for c in codes:
        co.scan(c)
    if member_code:
        co.scan(member_code)
    tender = co.start_tender()
    tender.add_cash(Money(tender.total.fen))
    return co.complete(tender)


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A till's data directory: a member sale, a plain sale, a refund, a setting change."""
    from pos_app.app import build_context

    data_dir = tmp_path_factory.mktemp("till")
    context = build_context(data_dir, demo=True)
    try:
        member = sell(context, [WATER, RICE], demo_code("R0001"))
        plain = sell(context, [WATER])
        refund = refund_as_manager(context, context.refunds.find(member.receipt_no), {1: 1})
        context.save_setting("receipt.footer", "谢谢")
    finally:
        context.close()
    return data_dir, {"member": member.sale_id, "plain": plain.sale_id, "refund": refund.refund_id}


def copy_of(original: Path, tmp_path: Path) -> Path:
    """A copy through SQLite's backup API (a plain file copy could miss the WAL)."""
    target = tmp_path / "copy"
    target.mkdir()
    src = sqlite3.connect(original / DB_FILENAME)
    dst = sqlite3.connect(target / DB_FILENAME)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


def tamper(data_dir: Path, *sql: str) -> None:
    db = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        for (trigger,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall():
            db.execute(f"DROP TRIGGER {trigger}")
        db.execute("PRAGMA foreign_keys = OFF")
        for statement in sql:
            db.execute(statement)
        db.commit()
    finally:
        db.close()


def test_a_whole_chain_exits_0_and_leaves_the_copy_alone(original, tmp_path: Path) -> None:
    copy = copy_of(original[0], tmp_path)
    before = (copy / DB_FILENAME).read_bytes()
    done = run_verify(copy)
    assert done.returncode == 0, done.stdout + done.stderr
    # audit (demo catalog import); ledger, sale (member); sale (plain); audit (the
    # manager's PIN), audit (refund's approval), refund, ledger, audit (refund); audit
    # (setting)
    assert "hash chain whole: 10 records" in done.stdout
    assert (copy / DB_FILENAME).read_bytes() == before
    assert not (copy / "logs").exists()


CASES: dict[str, tuple[Callable[[dict[str, str]], list[str]], str]] = {
    "edited line": (
        lambda ids: [f"UPDATE sale_lines SET amount_fen = 1 WHERE sale_id = '{ids['plain']}'"],
        "seq 4: sale {plain} (edited)",
    ),
    "deleted refund": (
        lambda ids: [
            f"DELETE FROM refund_lines WHERE refund_id = '{ids['refund']}'",
            f"DELETE FROM refund_payments WHERE refund_id = '{ids['refund']}'",
            f"DELETE FROM refunds WHERE id = '{ids['refund']}'",
        ],
        "seq 7: refund {refund} (missing)",
    ),
    "deleted with its link": (
        lambda ids: [
            f"DELETE FROM sale_lines WHERE sale_id = '{ids['plain']}'",
            f"DELETE FROM sale_payments WHERE sale_id = '{ids['plain']}'",
            f"DELETE FROM sales WHERE id = '{ids['plain']}'",
            "DELETE FROM chain_links WHERE seq = 4",
        ],
        "seq 5: audit 2 (gap)",
    ),
    "inserted sale": (
        lambda ids: [
            "INSERT INTO sales SELECT 'ffffffff-0000-0000-0000-000000000000', 'S001-T01-999999',"
            " store_code, terminal_code, 999999, cashier, created_at, subtotal_fen,"
            f" discount_fen, total_fen, change_fen, eligible_fen, line_count, rounding_fen,"
            " event_id"
            f" FROM sales WHERE id = '{ids['plain']}'"
        ],
        "seq -: sale ffffffff-0000-0000-0000-000000000000 (unchained)",
    ),
    "edited audit entry": (
        lambda ids: ["UPDATE audit_log SET details = '{}' WHERE kind = 'setting'"],
        "seq 10: audit 5 (edited)",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hand_edited_copy_exits_1_naming_the_first_broken_record(
    original, tmp_path: Path, case: str
) -> None:
    data_dir, ids = original
    statements, expected = CASES[case]
    copy = copy_of(data_dir, tmp_path)
    tamper(copy, *statements(ids))
    done = run_verify(copy)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "hash chain BROKEN at " + expected.format(**ids) in done.stdout


def test_no_database_exits_2(tmp_path: Path) -> None:
    done = run_verify(tmp_path / "nothing")
    assert done.returncode == 2
    assert "no hash chain to check" in done.stdout


def test_a_closed_shift_is_checked_by_a_process_that_only_verifies(tmp_path: Path) -> None:
    """The shift's chain reader lives with the shifts repository, which a process
    running only `verify` never imported: the check must load it itself."""
    from pos_app.app import build_context

    context = build_context(tmp_path, demo=True)  # the suite's ¥0.00 shift is open
    try:
        sell(context, [WATER])
        closed = context.shifts.close({Denomination.Y1: 2})  # the ¥2.00 of the sale
    finally:
        context.close()
    assert closed.z.difference_fen == 0
    done = run_verify(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    tamper(tmp_path, "UPDATE shifts SET counted_fen = 100")
    done = run_verify(tmp_path)
    assert done.returncode == 1
    assert f"shift {closed.record.shift_id} (edited)" in done.stdout
