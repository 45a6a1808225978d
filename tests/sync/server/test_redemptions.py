"""Residents, bills and redemptions (核销): live balances, idempotent, refused beyond limits."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select

from sync.server.db import Database
from sync.server.models.residents import Bill, LedgerEntry, Resident
from tests.sync.server.helpers import Till


def _redeem(
    till: Till,
    points: int,
    bill: str = "B-R0001-2026-10",
    *,
    rid: str | None = None,
    resident: str = "R0001",
):  # type: ignore[no-untyped-def]
    body = {"redemption_id": rid or str(uuid.uuid4()), "resident_id": resident}
    return till.post("/redemptions", body | {"bill_id": bill, "points": points})


def test_resident_and_open_bills(till: Till) -> None:
    resident = till.get("/residents/R0001").json()
    assert resident | {"balance_as_of": None} == {
        "resident_id": "R0001",
        "community_id": "C001",
        "property_company_id": "P001",
        "masked_name": "张*明",
        "community_name": "示范社区",
        "balance": 1280,
        "balance_as_of": None,
        "phone_last4": "1234",
    }
    bills = till.get("/residents/R0001/bills").json()
    assert bills == [
        {"bill_id": "B-R0001-2026-10", "period": "2026-10", "amount_fen": 26000, "paid_fen": 0},
        {"bill_id": "B-R0001-2026-11", "period": "2026-11", "amount_fen": 26000, "paid_fen": 0},
    ]
    assert till.get("/residents/R9999").json()["code"] == "resident_not_found"
    other = till.get("/residents/R0901")  # P900's resident, asked by a P001 store
    assert (other.status_code, other.json()["code"]) == (403, "wrong_company")


def test_a_redemption_pays_the_bill_and_debits_the_ledger_once(till: Till, db: Database) -> None:
    rid = str(uuid.uuid4())
    done = _redeem(till, 1000, rid=rid)
    assert done.status_code == 200, done.text
    assert done.json() == {
        "redemption_id": rid,
        "status": "done",
        "points": 1000,
        "bill_id": "B-R0001-2026-10",
        "bill_open_fen": 25000,
        "balance": 280,
    }
    retried = _redeem(till, 1000, rid=rid)  # the till never saw the answer
    assert retried.status_code == 200
    assert retried.json() | {"status": "done"} == done.json()
    assert retried.json()["status"] == "duplicate"
    with db.read() as session:
        entries = session.scalars(
            select(LedgerEntry.points).where(LedgerEntry.source_kind == "redemption")
        ).all()
        assert entries == [-1000]
        bill = session.get(Bill, "B-R0001-2026-10")
        assert bill is not None and bill.paid_fen == 1000
    assert till.get("/residents/R0001").json()["balance"] == 280


def test_refusals(till: Till, db: Database) -> None:
    over_balance = _redeem(till, 1281)
    assert (over_balance.status_code, over_balance.json()["code"]) == (409, "over_balance")
    assert _redeem(till, 500, "B-R0002-2026-10").json()["code"] == "bill_not_found"  # not R0001's
    assert _redeem(till, 500, "B-NOPE").json()["code"] == "bill_not_found"
    assert _redeem(till, 10, "B-R0901-2026-10", resident="R0901").json()["code"] == "wrong_company"
    negative = _redeem(till, 1, "B-R0004-2026-10", resident="R0004")  # balance −120
    assert negative.json()["code"] == "over_balance"
    assert _redeem(till, 0).status_code == 422
    rid = str(uuid.uuid4())
    assert _redeem(till, 100, rid=rid).status_code == 200
    conflict = _redeem(till, 200, rid=rid)
    assert (conflict.status_code, conflict.json()["code"]) == (409, "redemption_conflict")
    with db.read() as session:
        assert session.get(Bill, "B-R0001-2026-10").paid_fen == 100  # type: ignore[union-attr]


def test_a_redemption_beyond_the_bill_is_refused(till: Till, db: Database) -> None:
    with db.write() as session:  # a rich resident: 300,000 points
        session.add(
            LedgerEntry(resident_id="R0001", kind="adjustment", points=300_000 - 1280,
                        source_kind="adjustment", source_id="test-1", created_at=datetime.now(UTC))
        )  # fmt: skip
        session.get(Resident, "R0001").balance = 300_000  # type: ignore[union-attr]
    response = _redeem(till, 26001)
    assert (response.status_code, response.json()["code"]) == (409, "over_bill")
    assert _redeem(till, 26000).json()["bill_open_fen"] == 0
    assert [b["bill_id"] for b in till.get("/residents/R0001/bills").json()] == ["B-R0001-2026-11"]
    assert till.get("/residents/R0001").json()["balance"] == 300_000 - 26000


def test_a_replayed_id_from_another_company_learns_nothing(
    till: Till, new_till: Callable[..., Till]
) -> None:
    outsider = new_till("S900", "T01")  # P900's store
    rid = str(uuid.uuid4())
    assert _redeem(till, 100, rid=rid).status_code == 200
    fresh = _redeem(outsider, 100)
    replayed = _redeem(outsider, 100, rid=rid)  # the same request, heard on the wire
    assert (replayed.status_code, replayed.json()) == (fresh.status_code, fresh.json())
    assert replayed.json() == {"code": "wrong_company", "message": ""}
    # its own resident under the stolen id: a bare conflict, nothing of the original
    own = _redeem(outsider, 5, "B-R0901-2026-10", rid=rid, resident="R0901")
    assert (own.status_code, own.json()) == (409, {"code": "redemption_conflict", "message": ""})
    assert till.get("/residents/R0001").json()["balance"] == 1180  # redeemed once


def test_bounds_answer_422_naming_the_field(till: Till) -> None:
    huge = _redeem(till, 2**63)
    assert (huge.status_code, huge.json()["code"]) == (422, "invalid_request")
    assert huge.json()["message"].startswith("body.points:")
    nul = _redeem(till, 1, "B-R0001\x00")
    assert (nul.status_code, nul.json()["message"][:12]) == (422, "body.bill_id")
    long_id = _redeem(till, 1, resident="R" * 41)
    assert long_id.json()["message"].startswith("body.resident_id:")
