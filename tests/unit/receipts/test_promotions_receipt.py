"""Promotions on the receipt: each line's promotion saving, each promotion with
what it saved and the whole saving, on 80 mm and 58 mm paper, checked on the
decoded ESC/POS bytes; kept through a print job's JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from pos_app.core.cart import Cart
from pos_app.core.cart_promos import CartPricing
from pos_app.core.catalog import Product
from pos_app.core.money import Money
from pos_app.core.promo_codec import promotion_from_dict
from pos_app.core.promo_engine import PromoBook
from pos_app.core.sale import Sale, build_sale
from pos_app.core.tender import Tender
from pos_app.receipts.document import receipt_from_dict, receipt_from_sale, receipt_to_dict
from pos_app.receipts.escpos_decoder import decode
from pos_app.receipts.escpos_encoder import encode
from pos_app.receipts.layout import layout_receipt
from pos_app.receipts.profiles import PROFILES
from tests.unit.receipts.samples import STORE

WHEN = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)
T100 = promotion_from_dict(
    {"id": "T100", "name": "满100减10", "kind": "threshold",
     "tiers": [{"min_fen": 10000, "off_fen": 1000}]}
)  # fmt: skip
N2 = promotion_from_dict(
    {"id": "N2", "name": "硒泉水第二件半价", "kind": "nth_percent", "nth": 2,
     "percent_bps": 5000, "scope": {"categories": [], "skus": ["WATER"]}}
)  # fmt: skip
WATER = Product(sku="WATER", name="硒泉水 550ml", category="water", price=Money(200), id=1)
RICE = Product(sku="RICE", name="五常大米 5kg", category="grain", price=Money(8990), id=2)


def promoted_sale() -> Sale:
    book = PromoBook([T100, N2])
    cart = Cart(pricing=CartPricing(lambda: book, lambda: WHEN))
    cart.add_product(WATER, 2)
    cart.add_product(RICE, 2)
    tender = Tender(cart.totals().total)
    tender.add_cash(Money(20000))
    return build_sale(
        sale_id="s1", cart=cart, tender=tender, store_code="S001", terminal_code="T01",
        sequence=9, cashier="c01", now=WHEN,
    )  # fmt: skip


def printed(columns: int) -> list[str]:
    profile = PROFILES["generic80" if columns == 48 else "generic58"]
    job = encode(layout_receipt(receipt_from_sale(promoted_sale(), STORE), columns), profile)
    # the printer reads GB18030 bytes: the decoder gives the text as printed
    return decode(job).texts


def between(texts: list[str], first: str, last: str) -> list[str]:
    start = next(i for i, t in enumerate(texts) if t.startswith(first))
    end = next(i for i, t in enumerate(texts) if t.startswith(last) and i > start)
    return texts[start : end + 1]


def test_the_80mm_receipt_lists_each_lines_and_each_promotions_saving() -> None:
    texts = printed(48)
    # water 2.00 + 1.00, rice 179.80: 满100减10 spread 0.16 / 9.84
    assert between(texts, "硒泉水 550ml", "合计") == [
        "硒泉水 550ml                 2 x 2.00       4.00",
        "  促销                                     -1.16",
        "五常大米 5kg                2 x 89.90     179.80",
        "  促销                                     -9.84",
        "------------------------------------------------",
        "促销活动",
        "  硒泉水第二件半价                       -￥1.00",
        "  满100减10                             -￥10.00",
        "促销共优惠                              -￥11.00",
        "------------------------------------------------",
        "件数                                           4",
        "小计                                    ￥183.80",
        "优惠                                    -￥11.00",
        "合计            ￥172.80",  # double width: 24 columns of 2
    ]


def test_the_58mm_receipt_lists_them_too() -> None:
    texts = printed(32)
    assert between(texts, "促销活动", "合计") == [
        "促销活动",
        "  硒泉水第二件半价       -￥1.00",
        "  满100减10             -￥10.00",
        "促销共优惠              -￥11.00",
        "--------------------------------",
        "件数                           4",
        "小计                    ￥183.80",
        "优惠                    -￥11.00",
        "合计    ￥172.80",
    ]
    assert between(texts, "五常大米 5kg", "  促销") == [
        "五常大米 5kg",
        "            2 x 89.90     179.80",
        "  促销                     -9.84",
    ]


def test_the_promotions_survive_a_print_job_and_an_older_job_has_none() -> None:
    data = receipt_from_sale(promoted_sale(), STORE)
    raw = json.loads(json.dumps(receipt_to_dict(data)))
    assert receipt_from_dict(raw) == data
    for key in ("promotions",):
        raw.pop(key)
    for line in raw["lines"]:
        line.pop("promo_saving")
    raw["totals"].pop("promotion")
    older = receipt_from_dict(raw)
    assert older.promotions == () and older.totals is not None
    assert older.totals.promotion == Money(0)
