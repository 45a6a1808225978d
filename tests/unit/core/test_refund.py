"""Refund planning: quantities left, whole-only lines, tender order."""

from __future__ import annotations

import pytest

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.points import Contract
from pos_app.core.refund import PaidTender, SoldLine, plan_refund, refund_tenders
from pos_app.core.tender import TenderKind
from tests.unit.core.test_points import T0

SOLD = [
    SoldLine(1, "水", 3, Money(570), True, whole_only=False),
    SoldLine(2, "鸭脖 散称", 400, Money(2320), True, whole_only=True),
    SoldLine(3, "彩票", 1, Money(500), False, whole_only=False),
    SoldLine(4, "作废", 1, Money(100), True, whole_only=False, voided=True),
]
C = Contract("C001", T0, 1000, 3000)


def code_of(call) -> ErrorCode:
    with pytest.raises(PosError) as info:
        call()
    return info.value.code


def test_partial_quantity_amounts_telescope():
    first = plan_refund(SOLD, {}, {1: 1}, contract=C, member=True)
    second = plan_refund(SOLD, {1: 1}, {1: 2}, contract=C, member=True)
    assert first.total.fen + second.total.fen == 570
    assert first.total == Money(190)


def test_more_than_left_zero_negative_and_voided_are_refused():
    assert (
        code_of(lambda: plan_refund(SOLD, {1: 2}, {1: 2}, contract=C, member=False))
        is ErrorCode.REFUND_QUANTITY_INVALID
    )
    assert (
        code_of(lambda: plan_refund(SOLD, {}, {1: 0}, contract=C, member=False))
        is ErrorCode.REFUND_QUANTITY_INVALID
    )
    assert (
        code_of(lambda: plan_refund(SOLD, {}, {1: -1}, contract=C, member=False))
        is ErrorCode.REFUND_QUANTITY_INVALID
    )
    assert (
        code_of(lambda: plan_refund(SOLD, {}, {4: 1}, contract=C, member=False))
        is ErrorCode.LINE_NOT_FOUND
    )
    assert (
        code_of(lambda: plan_refund(SOLD, {}, {}, contract=C, member=False))
        is ErrorCode.REFUND_NOTHING_SELECTED
    )


def test_weighed_line_goes_back_whole():
    assert (
        code_of(lambda: plan_refund(SOLD, {}, {2: 100}, contract=C, member=True))
        is ErrorCode.REFUND_QUANTITY_INVALID
    )
    assert plan_refund(SOLD, {}, {2: 400}, contract=C, member=True).total == Money(2320)


def test_lottery_refund_claws_back_nothing_and_anonymous_sales_none():
    assert plan_refund(SOLD, {}, {3: 1}, contract=C, member=True).points_clawback == 0
    assert plan_refund(SOLD, {}, {1: 3}, contract=C, member=False).points_clawback == 0


def test_money_goes_back_the_way_it_came():
    paid = [
        PaidTender(TenderKind.CASH, Money(1000)),
        PaidTender(TenderKind.WECHAT, Money(3000), "W1"),
    ]
    assert refund_tenders(Money(3500), paid) == [
        PaidTender(TenderKind.WECHAT, Money(3000), "W1"),
        PaidTender(TenderKind.CASH, Money(500)),
    ]
    assert refund_tenders(Money(200), paid) == [PaidTender(TenderKind.WECHAT, Money(200), "W1")]
