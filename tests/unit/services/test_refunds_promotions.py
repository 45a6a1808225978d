"""Returns of promoted sales through the refund service on a real till database
(the demo manager's PIN approving): 买二送一 bottle by bottle, a threshold lost,
everything back with 抹零, and the points clawed back on the nets."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pos_app.app import AppContext
from pos_app.core.money import Money
from pos_app.core.sale import Sale
from pos_app.demo import demo_code
from tests.staff_helpers import refund_as_manager

WATER, RICE = "6975321000012", "6921445000018"  # ¥2.00 (members ¥1.90), ¥89.90
B21 = {
    "id": "B21",
    "name": "硒泉水买二送一",
    "kind": "buy_n_get_m",
    "buy": 2,
    "get": 1,
    "scope": {"categories": [], "skus": ["YC-WAT-0001"]},
}
T100 = {
    "id": "T100",
    "name": "满100减10",
    "kind": "threshold",
    "tiers": [{"min_fen": 10000, "off_fen": 1000}],
}


def with_promotions(context: AppContext, *definitions: dict[str, Any]) -> None:
    promos = context.promotions
    assert promos is not None
    for data in definitions:
        promos.repo.save(
            definition=data,
            stores=[],
            status="active",
            origin="server",
            created_by="",
            at=datetime(2026, 3, 1, tzinfo=UTC),
        )
    promos.reload()
    context.checkout.promotions_changed()


def sell(context: AppContext, *codes: str) -> Sale:
    for code in codes:
        context.checkout.scan(code)
    tender = context.checkout.start_tender()
    tender.add_cash(tender.total)
    return context.checkout.complete(tender)


def test_a_buy_two_get_one_returned_bottle_by_bottle(context: AppContext) -> None:
    with_promotions(context, B21)
    sale = sell(context, WATER, WATER, WATER)
    assert sale.due == Money(400)
    amounts = []
    for _ in range(3):
        found = context.refunds.find(sale.receipt_no)
        if context.refunds.preview(found, {1: 1}).total == Money(0):
            # nothing goes back: no manager's PIN is asked for ¥0.00
            amounts.append(context.refunds.refund(found, {1: 1}).plan.total)
        else:
            amounts.append(refund_as_manager(context, found, {1: 1}).plan.total)
    # the free bottle first (nothing back), then what each paid one cost
    assert amounts == [Money(0), Money(200), Money(200)]
    assert sum(a.fen for a in amounts) == sale.due.fen


def test_a_threshold_lost_on_a_return_and_the_points_on_the_nets(context: AppContext) -> None:
    with_promotions(context, T100)
    sale = sell(context, RICE, WATER, demo_code("R0001"))  # 89.90 + 1.90 = 91.80: no tier
    assert sale.lines[0].promotions == ()
    context.checkout.scan(RICE)
    context.checkout.scan(RICE)
    context.checkout.scan(demo_code("R0001"))
    tender = context.checkout.start_tender()
    tender.add_cash(tender.total)
    promoted = context.checkout.complete(tender)  # 179.80 − 10 = 169.80
    assert promoted.due == Money(16980)
    assert promoted.points == 16980 * 3000 // 100_000  # 509
    found = context.refunds.find(promoted.receipt_no)
    recorded = refund_as_manager(context, found, {1: 1})
    # one bag kept costs 89.90 with no tier: 169.80 − 89.90 back
    assert recorded.plan.total == Money(7990)
    assert recorded.plan.points_clawback == 509 - 8990 * 3000 // 100_000
    last = refund_as_manager(context, context.refunds.find(promoted.receipt_no), {1: 1})
    assert last.plan.total == Money(8990)
    assert recorded.plan.points_clawback + last.plan.points_clawback == promoted.points


def test_everything_back_with_rounding_is_exactly_what_was_paid(context: AppContext) -> None:
    context.save_setting("store.cash_rounding", "yuan")
    with_promotions(context, T100, B21)
    for code in (RICE, RICE, WATER, WATER, WATER):
        context.checkout.scan(code)
    tender = context.checkout.start_tender()
    tender.add_cash(Money(17_300))
    sale = context.checkout.complete(tender)
    # 179.80 + 4.00 − 10.00 = 173.80; 抹零 0.80
    assert (sale.total, sale.rounding, sale.due) == (Money(17380), Money(80), Money(17300))
    found = context.refunds.find(sale.receipt_no)
    recorded = refund_as_manager(context, found, {1: 2, 2: 3})
    assert recorded.plan.total == Money(17300)
