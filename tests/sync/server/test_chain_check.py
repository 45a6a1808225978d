"""The server checks each till's hash chain on every push (SQLite and PostgreSQL): a
record that follows on is quiet; a gap or a fork is stored all the same, flagged, and
listed for the manager's review."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from sqlalchemy import select

from pos_app.core.chain import GENESIS
from sync.server.__main__ import main
from sync.server.db import Database
from sync.server.models.orders import Order, Refund, ReviewItem
from sync.server.models.terminals import TerminalChain
from tests.sync.server.helpers import WATER, Till, item, refund_payload, sale_payload


def h(n: int) -> str:
    return hashlib.sha256(f"link {n}".encode()).hexdigest()


def chained(
    payload: dict[str, Any], seq: int, prev_seq: int, prev_hash: str | None = None
) -> dict[str, Any]:
    prev = GENESIS if prev_seq == 0 else h(prev_seq)
    payload["chain"] = {
        "seq": seq,
        "hash": h(seq),
        "prev_seq": prev_seq,
        "prev_hash": prev_hash or prev,
    }
    return payload


def sale(n: int, seq: int, prev_seq: int, prev_hash: str | None = None) -> dict[str, Any]:
    return chained(sale_payload([(WATER, 1)], sequence=n), seq, prev_seq, prev_hash)


def push(till: Till, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    return till.push_ok([till.next_item(kind, payload)])[0]


def last_link(db: Database) -> tuple[int, str] | None:
    with db.read() as session:
        row = session.scalars(select(TerminalChain)).one_or_none()
        return None if row is None else (row.seq, row.hash)


def reviews(db: Database) -> list[tuple[str, str, str, str]]:
    with db.read() as session:
        rows = session.scalars(select(ReviewItem).order_by(ReviewItem.id))
        return [(r.kind, r.source_kind, r.source_id, r.code) for r in rows]


def test_a_chain_that_follows_on_is_quiet(till: Till, db: Database) -> None:
    first = sale(1, 2, 0)  # the chain's first position was an audit entry: not pushed
    result = push(till, "sale", first)
    assert (result["status"], result["flags"]) == ("accepted", [])
    refund = chained(
        refund_payload(first, [(1, 1, 200)], eligible_fen=200, points_clawback=0), 5, 2
    )
    assert push(till, "refund", refund)["flags"] == []
    assert push(till, "sale", sale(2, 9, 5))["flags"] == []
    assert last_link(db) == (9, h(9))
    assert reviews(db) == []


@pytest.mark.parametrize(
    ("second", "flag"),
    [
        (lambda: sale(2, 7, 5), "chain_gap"),  # the record at 5 never arrived
        (lambda: sale(2, 7, 3, prev_hash="f" * 64), "chain_fork"),  # 3 has another hash here
        (lambda: sale(2, 7, 3, prev_hash=h(99)), "chain_fork"),  # a forged previous hash
        (lambda: sale(2, 7, 1), "chain_fork"),  # skips back past the last one seen
        (lambda: sale(2, 3, 1), "chain_fork"),  # a position already passed (an old copy)
    ],
)
def test_a_gap_or_a_fork_is_stored_flagged_and_listed(
    till: Till, db: Database, db_url: str, capsys: pytest.CaptureFixture[str], second, flag: str
) -> None:
    push(till, "sale", sale(1, 3, 0))
    bad = second()
    result = push(till, "sale", bad)
    assert (result["status"], result["flags"]) == ("accepted", [flag])
    with db.read() as session:
        assert session.get(Order, bad["sale_id"]) is not None  # the money happened: kept
    assert reviews(db) == [("chain", "sale", bad["sale_id"], flag)]
    # the server follows the chain as the till now has it: one break, one flag
    assert last_link(db) == (bad["chain"]["seq"], bad["chain"]["hash"])
    assert main(["review", "list", "--db", db_url]) == 0
    listed = capsys.readouterr().out
    assert f"chain  sale {bad['sale_id']}" in listed and flag in listed


def test_the_next_record_after_a_flag_is_quiet_again(till: Till, db: Database) -> None:
    push(till, "sale", sale(1, 3, 0))
    assert push(till, "sale", sale(2, 8, 6))["flags"] == ["chain_gap"]
    assert push(till, "sale", sale(3, 10, 8))["flags"] == []


def test_a_till_restored_from_an_older_copy_forks_once(till: Till, db: Database) -> None:
    push(till, "sale", sale(1, 3, 0))
    push(till, "sale", sale(2, 6, 3))
    # the restored copy ended at 3: its next sale takes position 4 again
    assert push(till, "sale", sale(3, 4, 3, prev_hash=h(3)))["flags"] == ["chain_fork"]
    assert push(till, "sale", sale(4, 5, 4))["flags"] == []
    assert [r[3] for r in reviews(db)] == ["chain_fork"]


def test_a_refund_that_forks_is_flagged_too(till: Till, db: Database) -> None:
    first = sale(1, 3, 0)
    push(till, "sale", first)
    refund = chained(
        refund_payload(first, [(1, 1, 200)], eligible_fen=200, points_clawback=0), 4, 3, h(42)
    )
    assert push(till, "refund", refund)["flags"] == ["chain_fork"]
    with db.read() as session:
        assert session.get(Refund, refund["refund_id"]) is not None
    assert reviews(db) == [("chain", "refund", refund["refund_id"], "chain_fork")]


def test_a_retried_push_is_not_flagged_again(till: Till, db: Database) -> None:
    one = sale(1, 3, 0)
    entry = till.next_item("sale", one)
    assert till.push_ok([entry])[0]["flags"] == []
    assert till.push_ok([entry])[0]["status"] == "duplicate"
    again = item("sale", one, 99)  # the same sale under a new item id (a restored till)
    assert till.push_ok([again])[0]["status"] == "duplicate"
    assert reviews(db) == [] and last_link(db) == (3, h(3))


def test_a_till_without_a_chain_is_not_judged(till: Till, db: Database) -> None:
    assert push(till, "sale", sale_payload([(WATER, 1)], sequence=1))["flags"] == []
    assert last_link(db) is None


def test_a_malformed_chain_is_refused_by_name(till: Till, db: Database) -> None:
    bad = sale(1, 3, 0)
    bad["chain"]["hash"] = "not hex"
    result = push(till, "sale", bad)
    assert result["status"] == "rejected" and result["reason"] == "invalid_payload"
    assert last_link(db) is None
