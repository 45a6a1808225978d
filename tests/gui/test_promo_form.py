"""The editor's typed text to a promotion's wire form: percentages to basis
points exactly, yuan to 分 by the money parser, lists and bundle items as a
manager types them; every refusal names a wire field. And the words the
screens use for promotions."""

from __future__ import annotations

from datetime import date

import pytest

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.promotions import PromoKind, Window
from pos_app.ui.promo_form import (
    PromoForm,
    add_component,
    build_promotion,
    bundle_components,
    fen,
    percent_bps,
    words,
)
from pos_app.ui.promo_text import percent_text, window_text
from tests.gui.promo_helpers import promotions


@pytest.mark.parametrize(
    ("text", "bps"),
    [
        ("10", 1000),
        ("12.5", 1250),
        ("7.25%", 725),
        (" 100 % ", 10000),
        ("0.01", 1),
        ("33.33", 3333),
    ],
)
def test_percent_to_basis_points(text: str, bps: int) -> None:
    assert percent_bps(text) == bps


@pytest.mark.parametrize("text", ["", "abc", "12.345", "-5", "1e2", "１０", "1000"])
def test_a_bad_percent_names_its_field(text: str) -> None:
    with pytest.raises(PosError) as caught:
        percent_bps(text)
    assert caught.value.code is ErrorCode.PROMO_INVALID
    assert caught.value.params == {"field": "percent_bps"}


@pytest.mark.parametrize(
    ("text", "expected"), [("12", 1200), ("12.5", 1250), ("¥1,234.50", 123450)]
)
def test_yuan_to_fen(text: str, expected: int) -> None:
    assert fen(text, "amount_fen") == expected


def test_bad_yuan_is_the_fields_refusal() -> None:
    with pytest.raises(PosError) as caught:
        fen("12.345", "price_fen")
    assert (caught.value.code, caught.value.params) == (
        ErrorCode.PROMO_INVALID,
        {"field": "price_fen"},
    )


def test_lists_and_bundle_items_as_typed() -> None:
    assert words(" A-1，B-2; C-3  D-4 ,") == ["A-1", "B-2", "C-3", "D-4"]
    assert bundle_components("RICE×2, OIL x 1，TEA*3; SOUP") == [
        {"sku": "RICE", "count": 2},
        {"sku": "OIL", "count": 1},
        {"sku": "TEA", "count": 3},
        {"sku": "SOUP", "count": 1},
    ]
    assert add_component("", "RICE") == "RICE×1"
    assert add_component("RICE×1, OIL×2", "OIL") == "RICE×1, OIL×3"
    assert add_component("RICE×1 ×", "OIL") == "RICE×1 ×, OIL×1"  # left to correct


def test_the_form_is_checked_by_the_codec() -> None:
    form = PromoForm(
        "S001-L-1",
        " 第二件半价 ",
        PromoKind.NTH_PERCENT,
        categories=["deli", "deli"],
        nth="2",
        percent="50",
        start_time="10:00",
    )
    data, promo = build_promotion(form)
    assert (promo.nth, promo.percent_bps, promo.name) == (2, 5000, "第二件半价")
    assert data["scope"] == {"categories": ["deli"], "skus": []}
    assert data["window"]["hours"] == ["10:00", "24:00"]
    form.nth = "1"  # the Nth item is the second at least
    with pytest.raises(PosError) as caught:
        build_promotion(form)
    assert caught.value.params == {"field": "nth"}


def test_screen_words() -> None:
    assert [percent_text(b) for b in (1000, 1250, 333, 5)] == ["10%", "12.5%", "3.33%", "0.05%"]
    window = Window(date(2026, 12, 1), None, frozenset({6, 7}), 600, 1260)
    assert window_text(window) == "from 2026-12-01 Sat Sun 10:00–21:00"
    (promo,) = promotions({"id": "X", "name": "x", "kind": "percent_off", "percent_bps": 1})
    assert window_text(promo.window) == "Always"
