"""What the server believes of a pushed sale: each line against its catalog history, the
sale's time within bounds, the member by the code they showed (SQLite and PostgreSQL).

A line nothing explains earns nothing and is listed for review; a sale whose time or
member cannot be trusted is stored with its points held for review.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from pos_app.core.cart import CartLine
from pos_app.core.demo_data import DEMO_CONTRACT
from pos_app.core.money import Money
from pos_app.core.points import points_for
from pos_app.core.sale import Member
from sync.server import crud
from sync.server.changelog import ChangeLog
from sync.server.db import Database
from sync.server.models.catalog import ProductVersion
from sync.server.models.orders import Order, ReviewItem
from sync.server.models.partners import ContractVersion
from sync.server.models.residents import LedgerEntry
from sync.server.models.terminals import MembershipKey
from sync.server.sale_trust import least_generous
from tests.sync.server.helpers import (
    DUCK,
    LOTTERY,
    R0001,
    TEA,
    WATER,
    Till,
    member_code_at,
    sale_payload,
)
from tests.sync.server.test_points import enrolled_since

NOW = datetime.now(UTC).replace(microsecond=0)
#: NOW is each test's own moment (conftest `fresh_now`), not the collection's
pytestmark = pytest.mark.usefixtures("fresh_now")


def retotal(sale: dict[str, Any]) -> dict[str, Any]:
    """Make a hand-edited sale add up again as a till would (totals, eligible, points)."""
    live = [CartLine.from_dict(ln) for ln in sale["lines"] if not ln["voided"]]
    total = sum(ln.amount.fen for ln in live)
    eligible = sum(ln.amount.fen for ln in live if ln.points_eligible)
    sale["subtotal_fen"] = sum(ln.gross.fen for ln in live)
    sale["discount_fen"] = sale["subtotal_fen"] - total
    sale["total_fen"], sale["eligible_fen"] = total, eligible
    sale["payments"] = [{"kind": "cash", "amount_fen": total, "tendered_fen": total,
                         "reference": ""}]  # fmt: skip
    sale["change_fen"] = 0
    sale["points"] = points_for(Money(eligible), DEMO_CONTRACT) if sale["member"] else 0
    return sale


def earned(db: Database, resident: str = "R0001") -> list[int]:
    with db.read() as session:
        stmt = select(LedgerEntry.points).where(
            LedgerEntry.resident_id == resident, LedgerEntry.kind == "earn"
        )
        return list(session.scalars(stmt.order_by(LedgerEntry.id)))


def reviews(db: Database) -> list[tuple[str, int, str, int]]:
    with db.read() as session:
        rows = session.scalars(select(ReviewItem).order_by(ReviewItem.id))
        return [(r.kind, r.line_no, r.code, r.points) for r in rows]


def push_one(till: Till, sale: dict[str, Any]) -> dict[str, Any]:
    result = till.push_ok([till.next_item("sale", sale)])[0]
    assert result["status"] == "accepted", result
    return result


# --- lines ---------------------------------------------------------------------------------


def test_an_unknown_sku_at_the_largest_price_earns_nothing(till: Till, db: Database) -> None:
    sale = sale_payload([(TEA, 1)], member=R0001)
    sale["lines"][0].update(sku="YC-FAKE-0001", unit_price=9_999_999_999)
    retotal(sale)
    assert sale["points"] == 299_999_999  # what the till claims
    result = push_one(till, sale)
    assert result["flags"] == ["unknown_sku", "points_mismatch"]
    assert earned(db) == []
    assert reviews(db) == [("line", 1, "unknown_sku", 0)]
    with db.read() as session:
        order = session.get(Order, sale["sale_id"])
        assert order is not None and (order.eligible_fen, order.points_server) == (0, 0)
        detail = json.loads(session.scalars(select(ReviewItem.detail)).one())
        assert (detail["sku"], detail["unit_price"]) == ("YC-FAKE-0001", 9_999_999_999)


def test_a_lottery_ticket_labelled_grain_earns_nothing(till: Till, db: Database) -> None:
    sale = sale_payload([(TEA, 1), (LOTTERY, 4)], member=R0001)
    sale["lines"][1].update(category="grain", points_eligible=True)
    retotal(sale)
    assert sale["eligible_fen"] == 12800 + 2000
    result = push_one(till, sale)
    # the price is right: only the points differ, and the server counts the tea alone
    assert result["flags"] == ["points_mismatch"]
    assert earned(db) == [384]


def test_a_category_the_server_does_not_know_earns_nothing(till: Till, db: Database) -> None:
    with db.write() as session:  # a product whose category was since withdrawn
        session.execute(
            update(ProductVersion).where(ProductVersion.sku == WATER.sku).values(category="mystery")
        )
    sale = sale_payload([(TEA, 1), (WATER, 3)], member=R0001)
    assert push_one(till, sale)["flags"] == ["unknown_category", "points_mismatch"]
    assert earned(db) == [384]
    assert reviews(db) == [("line", 2, "unknown_category", 0)]


def test_a_price_must_be_the_catalogs_and_a_discount_must_fit(till: Till, db: Database) -> None:
    sale = sale_payload([(TEA, 1), (TEA, 1), (WATER, 2)], member=R0001)
    # the second tea cannot merge into the first one: give it its own line first
    sale["lines"] = [
        dict(sale["lines"][0], line_no=1, quantity=1, discount=800),  # ¥8 off: explained
        dict(sale["lines"][0], line_no=2, quantity=1, unit_price=20000),  # no such price
        dict(sale["lines"][1], line_no=3, discount=401),  # more off than the line's ¥4
    ]
    retotal(sale)
    flags = push_one(till, sale)["flags"]
    assert flags == ["price_unexplained", "discount_invalid", "points_mismatch"]
    assert earned(db) == [points_for(Money(12000), DEMO_CONTRACT)]
    assert [(k, n, c) for k, n, c, _ in reviews(db)] == [
        ("line", 2, "price_unexplained"),
        ("line", 3, "discount_invalid"),
    ]


def test_the_member_price_needs_a_verified_member(till: Till, db: Database) -> None:
    member = sale_payload([(WATER, 10)], member=R0001)
    member["lines"][0]["unit_price"] = 190  # water's member price
    assert push_one(till, retotal(member))["flags"] == []
    assert earned(db) == [points_for(Money(1900), DEMO_CONTRACT)]
    anonymous = sale_payload([(WATER, 10)])
    anonymous["lines"][0]["unit_price"] = 190
    assert push_one(till, retotal(anonymous))["flags"] == ["price_unexplained"]


def test_a_resident_named_without_a_code_explains_the_member_price_but_earns_only_on_review(
    till: Till, db: Database
) -> None:
    # found by phone at the counter: the member price is theirs to have (it can only
    # lower what they earn); the points wait for a manager, as for any unverified member
    by_phone = sale_payload([(WATER, 10)], member=R0001, member_code=False)
    by_phone["lines"][0]["unit_price"] = 190
    assert push_one(till, retotal(by_phone))["flags"] == ["member_unverified"]
    assert earned(db) == []
    assert reviews(db) == [("hold", 0, "member_unverified", points_for(Money(1900), DEMO_CONTRACT))]


def test_a_till_offline_sells_at_its_last_prices_within_the_grace(
    till: Till, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.write() as session:  # tea went up to ¥138 two days ago
        session.add(
            ProductVersion(sku=TEA.sku, effective_from=NOW - timedelta(days=2), category="tea",
                           unit="piece", price_fen=13800, member_price_fen=None, active=True)
        )  # fmt: skip
    old_price = sale_payload([(TEA, 1)], member=R0001)
    assert push_one(till, old_price)["flags"] == []  # the 7-day grace explains ¥128
    new_price = sale_payload([(TEA, 1)], member=R0001)
    new_price["lines"][0]["unit_price"] = 13800
    assert push_one(till, retotal(new_price))["flags"] == []
    monkeypatch.setenv("YC_CENTRAL_CATALOG_GRACE_DAYS", "1")
    too_old = sale_payload([(TEA, 1)], member=R0001)
    assert push_one(till, too_old)["flags"] == ["price_unexplained", "points_mismatch"]
    assert earned(db) == [384, 414]


def test_weighed_lines_and_scale_labels_price_as_the_till(till: Till, db: Database) -> None:
    sale = sale_payload([(DUCK, 1234), (DUCK, 500), (DUCK, 500), (WATER, 1)], member=R0001)
    lines = sale["lines"]
    # a price label of ¥71.57 for 1,234 g at ¥58/kg: agrees; ¥40.00 for "500 g": does not
    lines[1].update(fixed_amount=2900, barcode="2810001029005")
    lines[2].update(fixed_amount=4000, barcode="2810001040006")
    lines[3].update(fixed_amount=150, barcode="2100000001503")  # a counted product's label
    retotal(sale)
    flags = push_one(till, sale)["flags"]
    assert flags == ["price_unexplained", "points_mismatch"]
    assert [n for _, n, _, _ in reviews(db)] == [3, 4]
    assert earned(db) == [points_for(Money(7157 + 2900), DEMO_CONTRACT)]


# --- times -----------------------------------------------------------------------------------


def test_a_sale_from_the_future_or_before_enrollment_is_held(till: Till, db: Database) -> None:
    ahead = sale_payload([(TEA, 1)], member=R0001, when=NOW + timedelta(hours=1))
    ahead["member"]["code"], ahead["member"]["code_nonce"] = member_code_at(R0001, NOW)
    before = sale_payload([(TEA, 1)], member=R0001, when=NOW - timedelta(days=1))
    results = till.push_ok([till.next_item("sale", s) for s in (ahead, before)])
    assert [(r["status"], r["flags"]) for r in results] == [
        ("accepted", ["sale_time_out_of_bounds"])
    ] * 2
    assert earned(db) == []
    assert reviews(db) == [("hold", 0, "sale_time_out_of_bounds", 384)] * 2
    with db.read() as session:
        orders = [session.get(Order, s["sale_id"]) for s in (ahead, before)]
        # stored as sent; nobody holds the points until a manager releases them
        assert [(o.created_at, o.resident_id) for o in orders if o] == [
            (NOW + timedelta(hours=1), None),
            (NOW - timedelta(days=1), None),
        ]


def test_a_few_minutes_of_clock_skew_are_allowed(till: Till, db: Database) -> None:
    sale = sale_payload([(TEA, 1)], member=R0001, when=NOW + timedelta(minutes=5))
    assert push_one(till, sale)["flags"] == []
    assert earned(db) == [384]


# --- members --------------------------------------------------------------------------------


def test_a_member_without_a_valid_code_is_held(till: Till, db: Database) -> None:
    no_code = sale_payload([(TEA, 1)], member=R0001, member_code=False)
    tampered = sale_payload([(TEA, 1)], member=R0001)
    code = tampered["member"]["code"]
    tampered["member"]["code"] = code[:-4] + ("AAAA" if code[-4:] != "AAAA" else "BBBB")
    other = sale_payload([(TEA, 1)], member=R0001)
    other["member"]["code"], _ = member_code_at(Member("R0002", "C001", "P001"), NOW)
    results = till.push_ok([till.next_item("sale", s) for s in (no_code, tampered, other)])
    assert [r["flags"] for r in results] == [["member_unverified"]] * 3
    assert earned(db) == []
    assert reviews(db) == [("hold", 0, "member_unverified", 384)] * 3


def test_a_retired_key_no_longer_verifies(till: Till, db: Database) -> None:
    with db.write() as session:
        session.execute(update(MembershipKey).values(retired_at=NOW))
    sale = sale_payload([(TEA, 1)], member=R0001)
    assert push_one(till, sale)["flags"] == ["member_unverified"]
    assert earned(db) == []


def test_revocations_are_judged_by_the_codes_signed_time(till: Till, db: Database) -> None:
    enrolled_since(db, till, NOW - timedelta(days=3))
    with db.write() as session:
        changes = ChangeLog()
        crud.revoke_resident(session, resident_id="R0001", reason="moved",
                             now=NOW - timedelta(hours=1), changes=changes)  # fmt: skip
        changes.flush(session)
    # dated a day back, before the revocation, but its code was issued now: nothing
    backdated = sale_payload([(TEA, 1)], member=R0001, when=NOW - timedelta(days=1))
    backdated["member"]["code"], backdated["member"]["code_nonce"] = member_code_at(R0001, NOW)
    # made (and its code issued) before the revocation, pushed only now: earns
    offline = sale_payload([(TEA, 1)], member=R0001, when=NOW - timedelta(hours=2))
    results = till.push_ok([till.next_item("sale", s) for s in (backdated, offline)])
    assert [r["flags"] for r in results] == [
        ["member_code_time", "member_ineligible", "points_mismatch"],
        [],
    ]
    assert earned(db) == [384]


def test_one_code_earns_for_one_sale(till: Till, db: Database) -> None:
    first = sale_payload([(TEA, 1)], member=R0001)
    second = sale_payload([(TEA, 2)], member=R0001)
    second["member"] = first["member"]
    results = till.push_ok([till.next_item("sale", s) for s in (first, second)])
    assert [r["flags"] for r in results] == [[], ["member_code_reused", "points_mismatch"]]
    assert earned(db) == [384]


def test_a_code_that_claimed_a_receipt_earns_no_sale(till: Till, db: Database) -> None:
    anonymous = sale_payload([(TEA, 1)])
    push_one(till, anonymous)
    r0002 = Member("R0002", "C001", "P001")
    code, nonce = member_code_at(r0002, datetime.now(UTC))  # checked against the real clock
    claimed = till.post("/claims", {"claim_code": till.claim_code(anonymous), "member_code": code})
    assert claimed.status_code == 200, claimed.text
    sale = sale_payload([(TEA, 1)], member=r0002)
    sale["member"]["code"], sale["member"]["code_nonce"] = code, nonce
    assert push_one(till, sale)["flags"] == ["member_code_reused", "points_mismatch"]
    assert earned(db, "R0002") == []


def test_the_contract_is_the_codes_or_the_least_generous(till: Till, db: Database) -> None:
    """A verified member earns under the version in force when the code was issued; with
    no code to trust, the least generous version between the sale time and receipt."""
    enrolled_since(db, till, NOW - timedelta(days=3))
    with db.write() as session:
        changes = ChangeLog()
        crud.add_contract(session, community_id="C001", effective_from=NOW - timedelta(hours=1),
                          share_bps=1000, points_bps=1000, changes=changes)  # fmt: skip
        changes.flush(session)
        meagre = session.scalars(
            select(ContractVersion.id).where(ContractVersion.points_bps == 1000,
                                             ContractVersion.community_id == "C001")
        ).one()  # fmt: skip
    member = sale_payload([(TEA, 1)], member=R0001, when=NOW - timedelta(hours=2))
    anonymous = sale_payload([(TEA, 1)], when=NOW - timedelta(hours=2))
    results = till.push_ok([till.next_item("sale", s) for s in (member, anonymous)])
    assert [r["flags"] for r in results] == [[], []]
    assert earned(db) == [384]  # 30 %: the version in force when the code was issued
    with db.read() as session:
        order = session.get(Order, anonymous["sale_id"])
        assert order is not None and order.contract_id == meagre


def test_least_generous_looks_both_ways_from_the_claimed_time() -> None:
    def version(day: int, points_bps: int) -> ContractVersion:
        return ContractVersion(community_id="C001", share_bps=1000, points_bps=points_bps,
                               effective_from=datetime(2026, 3, day, tzinfo=UTC))  # fmt: skip

    old, rich, poor = version(1, 3000), version(10, 5000), version(20, 1000)
    versions = [old, rich, poor]
    day = lambda d: datetime(2026, 3, d, tzinfo=UTC)  # noqa: E731
    assert least_generous(versions, day(5), day(15)) is old
    assert least_generous(versions, day(12), day(25)) is poor
    assert least_generous(versions, day(11), day(12)) is rich
    # before the first contract: no contract, nothing earned
    assert least_generous(versions, datetime(2026, 1, 1, tzinfo=UTC), day(5)) is None
    assert least_generous([], day(1), day(2)) is None
