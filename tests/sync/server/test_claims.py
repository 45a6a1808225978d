"""POST /claims: an anonymous receipt's points, claimed once, in time, by the right resident."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from pos_app.core.demo_data import demo_code
from pos_app.core.membership import issue_code
from sync.server.db import Database, alembic_config, writer
from sync.server.models.residents import Claim, LedgerEntry
from tests.sync.server.helpers import R0001, TEA, WATER, Till, refund_payload, sale_payload

NOW = datetime.now(UTC)
#: NOW is each test's own moment (conftest `fresh_now`), not the collection's
pytestmark = pytest.mark.usefixtures("fresh_now")


def _anonymous_sale(till: Till, *, days_ago: float = 0, lines=((TEA, 1),)) -> dict:  # type: ignore[no-untyped-def,type-arg]
    # now by default: a sale dated before its till's enrollment has its points held
    # (and its claims refused) until a manager releases them
    when = datetime.now(UTC).replace(microsecond=0) - timedelta(days=days_ago)
    sale = sale_payload(list(lines), when=when)
    assert till.push_ok([till.next_item("sale", sale)])[0]["status"] == "accepted"
    return sale


def _claim(till: Till, claim_code: str, resident: str = "R0001", member_code: str | None = None):  # type: ignore[no-untyped-def]
    return till.post(
        "/claims", {"claim_code": claim_code, "member_code": member_code or demo_code(resident)}
    )


def test_a_resident_claims_an_anonymous_receipt_once(till: Till, db: Database) -> None:
    sale = _anonymous_sale(till)
    response = _claim(till, till.claim_code(sale))
    assert response.status_code == 200, response.text
    assert response.json() == {
        "status": "claimed",
        "receipt_no": sale["receipt_no"],
        "points": 384,
        "balance": 1280 + 384,
    }
    assert till.get("/residents/R0001").json()["balance"] == 1664
    again = _claim(till, till.claim_code(sale), "R0002")
    assert (again.status_code, again.json()["code"]) == (409, "already_claimed")
    with db.read() as session:
        assert session.scalars(select(Claim.resident_id)).all() == ["R0001"]
        rows = session.scalars(select(LedgerEntry.points).where(LedgerEntry.kind == "claim")).all()
        assert rows == [384]


def test_a_member_sale_cannot_be_claimed(till: Till) -> None:
    sale = sale_payload([(TEA, 1)], member=R0001, when=NOW - timedelta(hours=1))
    till.push_ok([till.next_item("sale", sale)])
    assert _claim(till, till.claim_code(sale), "R0002").json()["code"] == "already_claimed"


def test_only_a_resident_of_the_stores_company(till: Till) -> None:
    sale = _anonymous_sale(till)
    response = _claim(till, till.claim_code(sale), "R0901")
    assert (response.status_code, response.json()["code"]) == (403, "wrong_company")
    assert _claim(till, till.claim_code(sale), "R0005").status_code == 200  # C002, same company


def test_the_window_is_the_servers(till: Till) -> None:
    old = _anonymous_sale(till, days_ago=31)
    response = _claim(till, till.claim_code(old))
    assert (response.status_code, response.json()["code"]) == (410, "claim_expired")
    generous = till.claim_code(old, days=90)  # a till configured with 90 days
    assert _claim(till, generous).json()["code"] == "claim_expired"
    stingy = till.claim_code(_anonymous_sale(till, days_ago=3), days=2)
    assert _claim(till, stingy).json()["code"] == "claim_expired"


def test_forged_claims(till: Till) -> None:
    sale = _anonymous_sale(till)
    by_stranger = till.claim_code(sale, key=Ed25519PrivateKey.generate())
    assert _claim(till, by_stranger).json()["code"] == "claim_forged"
    prefix, payload, signature = till.claim_code(sale).split(".")
    body = json.loads(base64.urlsafe_b64decode(payload + "=="))
    body["e"] = 99_999_999  # a bigger receipt
    forged_payload = base64.urlsafe_b64encode(json.dumps(body).encode()).rstrip(b"=").decode()
    tampered = _claim(till, f"{prefix}.{forged_payload}.{signature}")
    assert (tampered.status_code, tampered.json()["code"]) == (400, "claim_forged")
    assert _claim(till, "YCC1.garbage").json()["code"] == "claim_forged"
    assert _claim(till, "YCR1.S001-T01-000001").json()["code"] == "claim_forged"


def test_the_sale_must_have_reached_the_server(till: Till) -> None:
    unsent = sale_payload([(TEA, 1)], when=NOW - timedelta(hours=1))
    response = _claim(till, till.claim_code(unsent))
    assert (response.status_code, response.json()["code"]) == (404, "sale_unknown")


def test_the_member_code_must_be_ours_and_fresh(till: Till) -> None:
    sale = _anonymous_sale(till)
    code = till.claim_code(sale)
    stale = demo_code("R0001", now=int(NOW.timestamp()) - 600)
    response = _claim(till, code, member_code=stale)
    assert response.json() == {"code": "member_code_invalid", "message": "qr_expired"}
    foreign = issue_code(
        Ed25519PrivateKey.generate(),
        key_id="demo1",
        resident_id="R0001",
        community_id="C001",
        property_company_id="P001",
        now=int(NOW.timestamp()),
    )
    assert _claim(till, code, member_code=foreign).json()["message"] == "qr_tampered"
    assert _claim(till, code).status_code == 200  # the claim was not used up by the failures


def test_refunds_and_claims_compose(till: Till) -> None:
    # two teas, one refunded before the claim: the claim earns on what is kept
    sale = _anonymous_sale(till, lines=((TEA, 2), (WATER, 1)))
    refund = refund_payload(sale, [(1, 1, 12800)], eligible_fen=12800, points_clawback=0)
    till.push_ok([till.next_item("refund", refund)])
    claimed = _claim(till, till.claim_code(sale)).json()
    assert claimed["points"] == (12800 + 200) * 3 // 100  # 390
    # the rest refunded after the claim: the claimant's points come back out
    rest = refund_payload(
        sale, [(1, 1, 12800), (2, 1, 200)], eligible_fen=13000, points_clawback=0, number=2
    )
    result = till.push_ok([till.next_item("refund", rest)])[0]
    assert (result["status"], result["flags"]) == ("accepted", [])  # the till knew no member
    assert till.get("/residents/R0001").json()["balance"] == 1280


def test_a_till_of_another_company_learns_nothing(
    till: Till, new_till: Callable[..., Till]
) -> None:
    outsider = new_till("S900", "T01")  # P900's store
    sale = _anonymous_sale(till)
    member = demo_code("R0901")  # a resident of the outsider's own company
    stolen = _claim(outsider, till.claim_code(sale), member_code=member)
    assert (stolen.status_code, stolen.json()) == (403, {"code": "wrong_company", "message": ""})
    # a sale the server never received answers the same: not even its existence leaks
    unsent = sale_payload([(TEA, 1)], when=NOW - timedelta(hours=1))
    probe = _claim(outsider, till.claim_code(unsent), member_code=member)
    assert (probe.status_code, probe.json()) == (403, {"code": "wrong_company", "message": ""})
    assert _claim(till, till.claim_code(sale)).status_code == 200  # its own till still can


def test_one_membership_code_claims_one_receipt(till: Till, db: Database) -> None:
    first, second = _anonymous_sale(till), _anonymous_sale(till)
    code = demo_code("R0001")  # the same code (one nonce) shown twice
    assert _claim(till, till.claim_code(first), member_code=code).status_code == 200
    again = _claim(till, till.claim_code(second), member_code=code)
    assert (again.status_code, again.json()["code"]) == (409, "member_code_used")
    assert _claim(till, till.claim_code(second)).status_code == 200  # a fresh code may
    with db.read() as session:
        assert sorted(session.scalars(select(Claim.sale_id)).all()) == sorted(
            [first["sale_id"], second["sale_id"]]
        )


def test_the_database_refuses_a_nonce_twice(till: Till, db: Database) -> None:
    first, second = _anonymous_sale(till), _anonymous_sale(till)
    assert _claim(till, till.claim_code(first)).status_code == 200
    with db.read() as session:
        row = session.scalars(select(Claim)).one()
        values = {c: getattr(row, c) for c in ("resident_id", "terminal_id", "member_nonce")}
    with pytest.raises(IntegrityError), db.write() as session:
        session.add(Claim(sale_id=second["sale_id"], points=1, created_at=NOW, **values))


def test_revision_0003_keeps_claims_made_twice_with_one_code(till: Till, db: Database) -> None:
    first, second = _anonymous_sale(till), _anonymous_sale(till)
    assert _claim(till, till.claim_code(first)).status_code == 200
    assert _claim(till, till.claim_code(second)).status_code == 200
    config = alembic_config(writer(db.engine))
    command.downgrade(config, "0002")  # as before the fix: one nonce could claim twice
    with db.write() as session:
        nonce = session.get(Claim, first["sale_id"]).member_nonce  # type: ignore[union-attr]
        session.get(Claim, second["sale_id"]).member_nonce = nonce  # type: ignore[union-attr]
    command.upgrade(config, "head")
    with db.read() as session:
        kept = {c.sale_id: c.member_nonce for c in session.scalars(select(Claim))}
    # the later claim keeps its points and its row; its nonce text names its sale
    assert kept == {
        first["sale_id"]: nonce,
        second["sale_id"]: f"{nonce[:27]}~{second['sale_id'][:12]}",
    }
    assert _claim(till, till.claim_code(_anonymous_sale(till))).status_code == 200  # still works


def test_a_code_that_earned_on_a_sale_cannot_claim_a_receipt(till: Till) -> None:
    anonymous = _anonymous_sale(till)
    member_sale = sale_payload([(WATER, 1)], member=R0001, when=datetime.now(UTC))
    assert till.push_ok([till.next_item("sale", member_sale)])[0]["status"] == "accepted"
    spent = member_sale["member"]["code"]  # the code the resident showed at that sale
    response = _claim(till, till.claim_code(anonymous), member_code=spent)
    assert (response.status_code, response.json()["code"]) == (409, "member_code_used")
    fresh = _claim(till, till.claim_code(anonymous))  # a fresh code of the same resident
    assert fresh.status_code == 200 and fresh.json()["points"] == 384


def test_a_held_anonymous_sale_is_claimable_only_once_released(till: Till, db: Database) -> None:
    from sync.server import review
    from sync.server.models.orders import ReviewItem

    future = sale_payload([(TEA, 1)], when=datetime.now(UTC) + timedelta(hours=2))  # > skew
    [result] = till.push_ok([till.next_item("sale", future)])
    assert result["status"] == "accepted" and "sale_time_out_of_bounds" in result["flags"]
    held = _claim(till, till.claim_code(future))
    assert (held.status_code, held.json()["code"]) == (409, "claim_held")
    with db.write() as session:
        [item] = session.scalars(select(ReviewItem).where(ReviewItem.kind == "hold")).all()
        review.release(session, review_id=item.id, now=datetime.now(UTC))
    claimed = _claim(till, till.claim_code(future))
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["points"] == 384


def test_a_dismissed_anonymous_sale_is_never_claimable(till: Till, db: Database) -> None:
    from sync.server import review
    from sync.server.models.orders import ReviewItem

    future = sale_payload([(TEA, 1)], when=datetime.now(UTC) + timedelta(hours=2))
    till.push_ok([till.next_item("sale", future)])
    with db.write() as session:
        [item] = session.scalars(select(ReviewItem).where(ReviewItem.kind == "hold")).all()
        review.dismiss(session, review_id=item.id, now=datetime.now(UTC))
    refused = _claim(till, till.claim_code(future))
    assert (refused.status_code, refused.json()["code"]) == (409, "claim_held")
