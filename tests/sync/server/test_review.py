"""`yuancang-central review`: list flagged lines and held sales, release held points once,
dismiss an item without credit (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from sync.server.__main__ import main
from sync.server.db import Database
from sync.server.models.orders import Order, ReviewItem
from sync.server.models.residents import LedgerEntry
from tests.sync.server.helpers import (
    R0001,
    TEA,
    Till,
    member_code_at,
    refund_payload,
    sale_payload,
)

NOW = datetime.now(UTC).replace(microsecond=0)
#: NOW is each test's own moment (conftest `fresh_now`), not the collection's
pytestmark = pytest.mark.usefixtures("fresh_now")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, _err = capsys.readouterr()
    return code, out


def _ids(db: Database) -> dict[str, int]:
    """Review item id by the sale's receipt number (hold) or 'line' (a flagged line)."""
    with db.read() as session:
        rows = session.execute(
            select(ReviewItem.id, ReviewItem.kind, Order.receipt_no).join(
                Order, Order.sale_id == ReviewItem.source_id
            )
        ).all()
    return {receipt if kind == "hold" else "line": rid for rid, kind, receipt in rows}


def _earn(db: Database) -> list[tuple[str, int]]:
    with db.read() as session:
        stmt = select(LedgerEntry.source_id, LedgerEntry.points).where(LedgerEntry.kind == "earn")
        return [(s, p) for s, p in session.execute(stmt)]


def _held_sales(till: Till) -> list[dict[str, object]]:
    """Two sales dated in the future (held) and one with an unknown SKU (a flagged line)."""
    ahead = [
        sale_payload([(TEA, n)], member=R0001, sequence=n, when=NOW + timedelta(hours=2))
        for n in (1, 2)
    ]
    for sale in ahead:  # their codes issued now, as a resident's phone shows them
        sale["member"]["code"], sale["member"]["code_nonce"] = member_code_at(R0001, NOW)
    fake = sale_payload([(TEA, 1)], sequence=3)
    fake["lines"][0]["sku"] = "YC-FAKE-0001"
    till.push_ok([till.next_item("sale", s) for s in (*ahead, fake)])
    return ahead


def test_list_shows_flagged_lines_and_held_sales(
    till: Till, db_url: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _held_sales(till)
    code, out = _run(capsys, "review", "list", "--db", db_url)
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == [
        "id", "kind", "record", "line", "code", "resident", "points", "since"
    ]  # fmt: skip
    rows = [ln.split() for ln in lines[1:]]  # the record is "sale <id>", two words
    assert [(r[1], r[2], r[4], r[5], r[6], r[7]) for r in rows] == [
        ("hold", "sale", "-", "sale_time_out_of_bounds", "R0001", "384"),
        ("hold", "sale", "-", "sale_time_out_of_bounds", "R0001", "768"),
        ("line", "sale", "1", "unknown_sku", "-", "0"),
    ]


def test_release_credits_once_and_dismiss_never(
    till: Till, db_url: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = _held_sales(till)
    ids = _ids(db)
    balance = till.get("/residents/R0001").json()["balance"]

    code, out = _run(capsys, "review", "release", str(ids[str(one["receipt_no"])]), "--db", db_url)
    assert (code, out.strip()) == (
        0,
        f"review {ids[str(one['receipt_no'])]}: 384 points credited to R0001",
    )
    again = _run(capsys, "review", "release", str(ids[str(one["receipt_no"])]), "--db", db_url)
    assert again == (0, f"review {ids[str(one['receipt_no'])]}: already\n")
    assert _earn(db) == [(one["sale_id"], 384)]
    assert till.get("/residents/R0001").json()["balance"] == balance + 384
    # the tills hear of the new balance through the change log
    changes = till.get("/changes", params={"cursor": "", "limit": 5000}).json()["changes"]
    assert [c["data"]["balance"] for c in changes if c["key"] == "R0001"] == [balance + 384]
    with db.read() as session:
        order = session.get(Order, one["sale_id"])
        assert order is not None and order.resident_id == "R0001"

    dismissed = ids[str(two["receipt_no"])]
    assert _run(capsys, "review", "dismiss", str(dismissed), "--db", db_url)[0] == 0
    code, out = _run(capsys, "review", "release", str(dismissed), "--db", db_url)
    assert (code, out) == (1, f"review {dismissed}: closed\n")
    code, out = _run(capsys, "review", "release", str(ids["line"]), "--db", db_url)
    assert (code, out) == (1, f"review {ids['line']}: not_held\n")
    assert _run(capsys, "review", "dismiss", str(ids["line"]), "--db", db_url)[0] == 0
    assert _run(capsys, "review", "release", "99999", "--db", db_url)[0] == 1
    assert _earn(db) == [(one["sale_id"], 384)]
    assert _run(capsys, "review", "list", "--db", db_url) == (0, "nothing to review\n")


def test_a_refund_while_held_is_taken_into_account_on_release(
    till: Till, db_url: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _one, two = _held_sales(till)  # two teas: 768 points held
    refund = refund_payload(two, [(1, 1, 12800)], eligible_fen=12800, points_clawback=384)
    result = till.push_ok([till.next_item("refund", refund)])[0]
    # nothing was credited yet, so nothing is taken back; the till expected 384
    assert (result["status"], result["flags"]) == ("accepted", ["points_mismatch"])
    code, out = _run(capsys, "review", "release", str(_ids(db)[str(two["receipt_no"])]),
                     "--db", db_url)  # fmt: skip
    assert code == 0 and "384 points credited" in out
    assert _earn(db) == [(two["sale_id"], 384)]


def test_release_needs_an_id(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "release", "--db", db_url]) == 2
    assert "needs the item's ID" in capsys.readouterr().err
