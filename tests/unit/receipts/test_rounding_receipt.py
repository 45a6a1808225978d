"""抹零 on the receipt: its own line under the total, then what was paid; kept through
a print job's JSON; absent from a receipt (or an older job) without it."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from pos_app.core.cart import Cart
from pos_app.core.catalog import Product
from pos_app.core.money import Money
from pos_app.core.rounding import RoundingRule
from pos_app.core.sale import Sale, build_sale
from pos_app.core.tender import Tender
from pos_app.receipts.document import receipt_from_dict, receipt_from_sale, receipt_to_dict
from pos_app.receipts.layout import layout_receipt, plain_text
from tests.unit.receipts.samples import STORE

TEA = Product(sku="TEA", name="恩施玉露", category="tea", price=Money(12_345), id=1)


def sold(rule: RoundingRule) -> Sale:
    cart = Cart()
    cart.add_product(TEA)
    tender = Tender(cart.totals().total, rounding_rule=rule)
    tender.add_cash(Money(13_000))
    return build_sale(
        sale_id="s1", cart=cart, tender=tender, store_code="S001", terminal_code="T01",
        sequence=7, cashier="c01", now=datetime(2026, 11, 27, 8, tzinfo=UTC),
    )  # fmt: skip


def squeezed(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


@pytest.mark.parametrize("columns", [32, 42, 48])
def test_the_rounding_has_its_own_line_and_the_amount_paid_follows(columns: int) -> None:
    data = receipt_from_sale(sold(RoundingRule.YUAN), STORE)
    assert data.totals is not None and data.totals.rounding == Money(45)
    text = squeezed(plain_text(layout_receipt(data, columns)))
    at = text.index("合计 ￥123.45")
    assert text[at + 1 : at + 3] == ["抹零 -￥0.45", "实付 ￥123.00"]
    assert "找零 ￥7.00" in text


def test_a_receipt_without_rounding_shows_the_total_alone() -> None:
    text = squeezed(
        plain_text(layout_receipt(receipt_from_sale(sold(RoundingRule.OFF), STORE), 42))
    )
    assert "合计 ￥123.45" in text
    assert not any(line.startswith(("抹零", "实付")) for line in text)


def test_the_rounding_survives_a_print_job_and_an_older_job_has_none() -> None:
    data = receipt_from_sale(sold(RoundingRule.JIAO), STORE)
    raw = json.loads(json.dumps(receipt_to_dict(data)))
    assert raw["totals"]["rounding"] == 5
    assert receipt_from_dict(raw) == data
    del raw["totals"]["rounding"]  # a job queued before 抹零 existed
    older = receipt_from_dict(raw)
    assert older.totals is not None and older.totals.rounding == Money(0)
