"""The checkout with promotions on a real till: a held order and a cart restored
after a restart come back priced with them, a sale is priced at its own moment,
and the screen reads the engine's answer (per promotion, next tier)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pos_app.app import AppContext, build_context
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.promo_engine import PromoResult

WATER, RICE = "6975321000012", "6921445000018"  # ¥2.00, ¥89.90
NIGHT = {
    "id": "NIGHT",
    "name": "晚市水半价",
    "kind": "percent_off",
    "percent_bps": 5000,
    "scope": {"categories": ["water"], "skus": []},
    "window": {"hours": ["20:00", "22:00"]},
}
T100 = {
    "id": "T100",
    "name": "满100减10",
    "kind": "threshold",
    "tiers": [{"min_fen": 10000, "off_fen": 1000}, {"min_fen": 20000, "off_fen": 2500}],
}
BEFORE_TEN = datetime(2026, 3, 5, 13, 59, tzinfo=UTC)  # 21:59 in the showroom
AT_TEN = datetime(2026, 3, 5, 14, 0, tzinfo=UTC)


def with_promotions(context: AppContext, *definitions: dict[str, object]) -> None:
    promos = context.promotions
    assert promos is not None
    for data in definitions:
        promos.repo.save(
            definition=data, stores=[], status="active", origin="server", created_by="",
            at=BEFORE_TEN,
        )  # fmt: skip
    promos.reload()
    context.checkout.promotions_changed()


def test_a_held_order_comes_back_priced_with_the_promotions(context: AppContext) -> None:
    with_promotions(context, T100)
    co = context.checkout
    co.scan(RICE)
    co.scan(RICE)
    assert co.cart.totals().total == Money(16980)
    held = co.hold()
    assert co.cart.totals().total == Money(0)
    co.resume(held)
    assert co.cart.totals().total == Money(16980)
    assert co.cart.totals().promotion == Money(1000)


def test_a_cart_restored_after_a_restart_is_priced_again(data_dir: Path) -> None:
    first = build_context(data_dir, demo=True)
    with_promotions(first, T100)
    first.checkout.scan(RICE)
    first.checkout.scan(RICE)
    first.close()
    again = build_context(data_dir, demo=True)
    try:
        assert again.checkout.restore_cart() is not None
        assert again.checkout.cart.totals().total == Money(16980)
    finally:
        again.close()


def test_a_sale_is_priced_at_its_own_moment(context: AppContext) -> None:
    co = context.checkout
    co.clock = lambda: BEFORE_TEN
    with_promotions(context, NIGHT)
    co.scan(WATER)
    tender = co.start_tender()
    assert tender.total == Money(100)
    tender.add_cash(Money(100))
    co.clock = lambda: AT_TEN  # the evening price ends while the customer pays
    with pytest.raises(PosError) as refused:
        co.complete(tender)
    assert refused.value.code is ErrorCode.TENDER_INSUFFICIENT
    assert co.cart.totals().total == Money(200)  # the screen shows the price now


def test_the_screen_reads_the_engines_answer(context: AppContext) -> None:
    with_promotions(context, T100)
    co = context.checkout
    co.scan(RICE)
    co.scan(RICE)
    view = co.promotions_view()
    assert isinstance(view, PromoResult)
    assert [(a.promo_id, a.saving) for a in view.totals] == [("T100", Money(1000))]
    assert [(h.promo_id, h.missing, h.off) for h in view.hints] == [
        ("T100", Money(2020), Money(2500))
    ]
    assert view.total == co.cart.totals().total
