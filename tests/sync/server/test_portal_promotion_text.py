"""The portal's promotion wording and amount reading, without a server: a
definition in Chinese as a shop writes it (满200减25, 第二件半价, 会员价), and ¥
text to 分 exactly (never through a float)."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.promo_codec import promotion_from_dict, promotion_to_dict
from sync.server.portal.promotion_form import FormError, percent_to_bps, yuan_to_fen
from sync.server.portal.promotion_text import (
    describe,
    paid_share,
    scope_text,
    uplift_text,
    window_text,
)


def canonical(**wire: object) -> dict[str, object]:
    return promotion_to_dict(promotion_from_dict({"id": "X", "name": "x", **wire}))


@pytest.mark.parametrize(
    ("wire", "text"),
    [
        ({"kind": "threshold", "tiers": [{"min_fen": 10000, "off_fen": 1000},
                                         {"min_fen": 20000, "off_fen": 2500}]},
         "满100减10，满200减25"),
        ({"kind": "threshold", "tiers": [{"min_fen": 9950, "off_fen": 505}]}, "满99.5减5.05"),
        ({"kind": "percent_off", "percent_bps": 1000}, "9折（减10%）"),
        ({"kind": "percent_off", "percent_bps": 500}, "95折（减5%）"),
        ({"kind": "percent_off", "percent_bps": 1250}, "按原价87.5%（减12.5%）"),
        ({"kind": "amount_off", "amount_fen": 50}, "每件（称重商品每公斤）减¥0.50"),
        ({"kind": "special_price", "price_fen": 4500}, "特价¥45.00（每件或每公斤）"),
        ({"kind": "special_price", "price_fen": 4200, "members_only": True},
         "会员价¥42.00（每件或每公斤）"),
        ({"kind": "special_price", "price_fen": 1500, "event_id": "E1"},
         "活动价¥15.00（每件或每公斤）"),
        ({"kind": "buy_n_get_m", "buy": 2, "get": 1}, "买2送1"),
        ({"kind": "nth_percent", "nth": 2, "percent_bps": 5000}, "第二件半价"),
        ({"kind": "nth_percent", "nth": 3, "percent_bps": 10000}, "第三件免费"),
        ({"kind": "nth_percent", "nth": 12, "percent_bps": 3000}, "第12件7折"),
        ({"kind": "bundle", "price_fen": 8000, "bundle": [{"sku": "OIL", "count": 1},
                                                          {"sku": "RICE", "count": 2}]},
         "套餐 菜籽油×1 + RICE×2 共¥80.00"),
    ],
)  # fmt: skip
def test_a_definition_reads_as_a_shop_writes_it(wire: dict[str, object], text: str) -> None:
    assert describe(canonical(**wire), {"OIL": "菜籽油"}) == text


def test_scope_and_window_read_by_name() -> None:
    d = canonical(kind="percent_off", percent_bps=1000,
                  scope={"categories": ["tea"], "skus": ["A1"]})  # fmt: skip
    assert scope_text(d, {"tea": "茶叶"}, {"A1": "恩施玉露"}) == "分类：茶叶；商品：恩施玉露"
    assert scope_text(canonical(kind="buy_n_get_m", buy=2, get=1), {}, {}) == "全部商品"
    assert window_text(d["window"]) == "长期有效"  # type: ignore[arg-type]
    assert window_text({"start_date": "2026-12-01", "end_date": None, "weekdays": [3, 7],
                        "hours": ["00:00", "24:00"]}) == "2026-12-01 起；每周三、日"  # fmt: skip
    assert uplift_text(1234) == "+12.34%" and uplift_text(-500) == "-5%"
    assert uplift_text(None) == "—" and paid_share(10000) == "免费"


@pytest.mark.parametrize(
    ("typed", "fen"),
    [("12", 1200), ("12.5", 1250), ("12.05", 1205), ("¥1,234.56", 123456), (" 0.01 ", 1),
     ("99999999.99", 9_999_999_999)],
)  # fmt: skip
def test_yuan_become_fen_exactly(typed: str, fen: int) -> None:
    assert yuan_to_fen(typed, "price_fen") == fen


@pytest.mark.parametrize(
    "typed", ["12.345", "-1", "abc", "1e3", "", "１２", "1,00", "0x10", "12.", ".5", "NaN", "inf"]
)
def test_anything_else_is_refused_naming_the_field(typed: str) -> None:
    with pytest.raises(FormError) as refused:
        yuan_to_fen(typed, "budget_fen")
    assert refused.value.field == "budget_fen" and refused.value.label == "预算上限"


@given(st.integers(min_value=0, max_value=9_999_999_999))
def test_every_amount_written_with_two_decimals_reads_back(fen: int) -> None:
    assert yuan_to_fen(f"{fen // 100}.{fen % 100:02d}", "price_fen") == fen


@given(st.text(max_size=30))
def test_any_text_is_an_amount_or_a_form_error(typed: str) -> None:
    with contextlib.suppress(FormError):
        assert yuan_to_fen(typed, "price_fen") >= 0


def test_percentages_become_basis_points_exactly() -> None:
    assert [percent_to_bps(t) for t in ("10", "12.5%", "0.01", "100")] == [1000, 1250, 1, 10000]
    with pytest.raises(FormError):
        percent_to_bps("1e1")
