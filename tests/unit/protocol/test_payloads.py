"""Sale and refund payloads: the till's own payloads fit every bound; beyond it, refused by name."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from pos_app.core.cart import MAX_GRAMS, MAX_LINES
from pos_app.core.catalog import Product, Unit
from pos_app.core.money import MAX_FEN as TILL_MAX_FEN
from pos_app.core.money import Money
from sync.protocol.payloads import MAX_LINES as PROTOCOL_MAX_LINES
from sync.protocol.payloads import RefundPayload, SalePayload
from sync.protocol.types import MAX_FEN, MAX_QUANTITY
from tests.sync.server.helpers import R0001, RICE, TEA, WATER, refund_payload, sale_payload

# a weighed product of the demo catalog, sold by the gram
DUCK = Product("YC-DEL-0015", "毛嘴卤鸭脖 散称", "deli", Money(5800), unit=Unit.KG, plu="10001")


def test_the_protocol_bounds_are_the_tills_own() -> None:
    assert (MAX_FEN, MAX_QUANTITY, PROTOCOL_MAX_LINES) == (TILL_MAX_FEN, MAX_GRAMS, MAX_LINES)


def test_real_till_payloads_validate() -> None:
    sale = sale_payload([(TEA, 2), (WATER, 3), (DUCK, 1250), (RICE, 1)], member=R0001)
    parsed = SalePayload.model_validate(sale)
    assert parsed.lines[2].quantity == 1250 and parsed.lines[2].unit == "kg"
    refund = refund_payload(sale, [(3, 500, 2900)], eligible_fen=2900, points_clawback=87)
    assert RefundPayload.model_validate(refund).lines[0].quantity == 500


def _where(model: Any, data: dict[str, Any]) -> tuple[object, ...]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return tuple(info.value.errors()[0]["loc"])


def test_each_bound_refuses_by_field_name() -> None:
    sale = sale_payload([(TEA, 1)], member=R0001)
    cases: list[tuple[str, Any, tuple[object, ...]]] = [
        ("lines", [sale["lines"][0]] * 501, ("lines",)),
        ("payments", sale["payments"] * 21, ("payments",)),
        ("total_fen", MAX_FEN + 1, ("total_fen",)),
        ("store_code", "S" * 17, ("store_code",)),
        ("cashier", "c\x00", ("cashier",)),
        ("receipt_no", "\ud800", ("receipt_no",)),
        ("points", -1, ("points",)),
    ]
    for key, value, loc in cases:
        assert _where(SalePayload, {**sale, key: value}) == loc, key
    line = {**sale["lines"][0], "quantity": MAX_QUANTITY + 1}
    assert _where(SalePayload, {**sale, "lines": [line]}) == ("lines", 0, "quantity")
    member = {**sale["member"], "code": "Y" * 401}
    assert _where(SalePayload, {**sale, "member": member}) == ("member", "code")
    refund = refund_payload(sale, [(1, 1, 100)], eligible_fen=100, points_clawback=0)
    assert _where(RefundPayload, {**refund, "total_fen": 2**63}) == ("total_fen",)
    assert _where(RefundPayload, {**refund, "payments": refund["payments"] * 21}) == ("payments",)
