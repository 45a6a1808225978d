"""Residents at the till on a real database: identify, earn, reuse, refund, claw back."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import text

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.membership import issue_code
from pos_app.core.money import Money
from pos_app.core.receipt_codes import parse_claim
from pos_app.demo import demo_code
from pos_app.persistence.terminal_key import load_or_create
from tests.staff_helpers import refund_as_manager

WATER, RICE, LOTTERY = "6975321000012", "6921445000018", "0490000000016"


def sell(context, codes, member_code=None):
    co = context.checkout
    for c in codes:
        co.scan(c)
    if member_code:
        co.scan(member_code)
    tender = co.start_tender()
    tender.add_cash(Money(tender.total.fen))
    return co.complete(tender)


def refused(call) -> ErrorCode:
    with pytest.raises(PosError) as info:
        call()
    return info.value.code


def test_member_sale_earns_points_in_the_same_transaction(context):
    sale = sell(context, [WATER, WATER, RICE, LOTTERY], demo_code("R0001"))
    # member price of water 1.90; lottery earns nothing: (380 + 8990) * 10% * 30%
    assert sale.eligible_amount == Money(9370) and sale.points == 281
    with context.engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT resident_id, points, share_bps, points_bps, balance_after FROM sale_members"
            )
        ).one()
        ledger = conn.execute(text("SELECT kind, points, sale_id FROM points_ledger")).all()
        outbox = conn.execute(text("SELECT payload FROM outbox")).scalar_one()
    # the receipt's balance counts this sale's own points once
    assert tuple(row) == ("R0001", 281, 1000, 3000, 1280 + 281)
    assert ledger == [("earn", 281, sale.sale_id)]
    pushed = json.loads(outbox)
    assert pushed["points"] == 281 and pushed["member"]["resident_id"] == "R0001"
    resident = context.members.repo.resident("R0001")
    assert resident.shown_balance == 1280 + 281


def test_member_prices_apply_when_identified_after_scanning(context):
    co = context.checkout
    co.scan(WATER)
    assert co.cart.totals().total == Money(200)
    change = co.scan(demo_code("R0002"))
    assert change.member_changed and co.member.member.masked_name == "欧**平"
    assert co.cart.totals().total == Money(190)
    assert co.points_preview() == 5  # 190 * 10% * 30% = 5.7 → 5
    co.clear_member()
    assert co.cart.totals().total == Money(200) and co.points_preview() == 0


def test_code_reused_after_a_sale_is_flagged(context):
    code = demo_code("R0001")
    sell(context, [WATER], code)
    assert refused(lambda: context.checkout.scan(code)) is ErrorCode.QR_REPLAYED


def test_resident_of_another_property_company_cannot_earn_here(context):
    assert (
        refused(lambda: context.checkout.scan(demo_code("R0901"))) is ErrorCode.QR_WRONG_COMMUNITY
    )


def test_same_company_other_community_earns_under_the_store_contract(context):
    sale = sell(context, [RICE], demo_code("R0005"))
    assert sale.member.community_id == "C002"
    assert sale.points == 269  # store's community C001 contract: 8990 * 10% * 30%


def test_revoked_and_expired_and_forged(context):
    context.members.repo.revoke("R0003", datetime.now(UTC), "lost phone")
    assert refused(lambda: context.checkout.scan(demo_code("R0003"))) is ErrorCode.QR_REVOKED
    old = demo_code("R0001", now=int((datetime.now(UTC) - timedelta(minutes=10)).timestamp()))
    assert refused(lambda: context.checkout.scan(old)) is ErrorCode.QR_EXPIRED
    forged = issue_code(
        Ed25519PrivateKey.generate(),
        key_id="demo1",
        resident_id="R0001",
        community_id="C001",
        property_company_id="P001",
        now=int(datetime.now(UTC).timestamp()),
    )
    assert refused(lambda: context.checkout.scan(forged)) is ErrorCode.QR_TAMPERED
    assert context.checkout.member is None


def test_partial_then_full_refund_claws_back_exactly_what_was_earned(context):
    sale = sell(context, [WATER, WATER, RICE, LOTTERY], demo_code("R0001"))
    found = context.refunds.find("YCR1." + sale.receipt_no)
    first = refund_as_manager(context, found, {1: 1})
    assert first.refund_no == "S001-T01-R000001"
    assert first.plan.total == Money(190) and first.plan.points_clawback == 6
    rest = context.refunds.find(sale.receipt_no)
    assert rest.already == {1: 1}
    second = refund_as_manager(context, rest, {1: 1, 2: 1, 3: 1})
    assert second.plan.points_clawback == 275
    assert context.members.repo.resident("R0001").shown_balance == 1280
    with context.engine.connect() as conn:
        ledger = conn.execute(text("SELECT kind, points FROM points_ledger ORDER BY id")).all()
        kinds = conn.execute(text("SELECT kind FROM outbox ORDER BY id")).scalars().all()
    assert ledger == [("earn", 281), ("clawback", -6), ("clawback", -275)]
    assert kinds == ["sale", "refund", "refund"]
    everything = context.refunds.find(sale.receipt_no)
    assert (
        refused(lambda: refund_as_manager(context, everything, {1: 1}))
        is ErrorCode.REFUND_QUANTITY_INVALID
    )


def test_balance_may_go_negative_and_is_shown_as_such(context):
    sale = sell(context, [RICE], demo_code("R0004"))  # R0004 starts at -120
    assert context.members.repo.resident("R0004").shown_balance == -120 + 269
    refund_as_manager(context, context.refunds.find(sale.receipt_no), {1: 1})
    assert context.members.repo.resident("R0004").shown_balance == -120


def test_refund_of_unknown_receipt(context):
    assert (
        refused(lambda: context.refunds.find("S001-T01-999999")) is ErrorCode.REFUND_SALE_NOT_FOUND
    )
    assert refused(lambda: context.refunds.find("not a receipt")) is ErrorCode.REFUND_SALE_NOT_FOUND


def test_anonymous_sale_gets_a_signed_claim_code(context, data_dir):
    sale = sell(context, [RICE])
    code = context.receipt_qr.for_sale(sale)
    claim, signed, signature = parse_claim(code)
    assert claim.receipt_no == sale.receipt_no and claim.eligible_fen == 8990
    assert claim.deadline - claim.sale_time == 30 * 86400
    load_or_create(data_dir).public_key().verify(signature, signed)  # raises if forged
    assert context.refunds.find(code).sale_id == sale.sale_id  # scanning it finds the sale
    member_sale = sell(context, [RICE], demo_code("R0001"))
    assert context.receipt_qr.for_sale(member_sale) == "YCR1." + member_sale.receipt_no


def test_ledger_and_refunds_are_append_only(context):
    sell(context, [RICE], demo_code("R0001"))
    with pytest.raises(Exception, match="append-only"), context.engine.begin() as conn:
        conn.execute(text("UPDATE points_ledger SET points = 99999"))


def test_shown_balance_is_what_the_till_last_saw(context):
    assert context.members.shown_balance("R0004") == -120
    sell(context, [RICE], demo_code("R0004"))
    assert context.members.shown_balance("R0004") == -120 + 269
    assert context.members.shown_balance("R9999") is None  # never seen on this till
