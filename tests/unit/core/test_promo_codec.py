"""Promotions to JSON and back: every kind survives the trip through real JSON
text, and every malformed definition is refused with the field it got wrong."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.promo_codec import promotion_from_dict, promotion_to_dict
from pos_app.core.promotions import PromoKind, Promotion, Window
from tests.unit.core.promo_strategies import promotions

WINDOWS = st.builds(
    Window,
    start_date=st.none() | st.just(date(2026, 3, 1)),
    end_date=st.none() | st.just(date(2026, 3, 31)),
    weekdays=st.frozensets(st.integers(1, 7)),
    start_minute=st.integers(0, 600),
    end_minute=st.integers(601, 1440),
)


@settings(deadline=None)  # no timing in tests: the machine is shared
@given(
    promotions(),
    WINDOWS,
    st.none() | st.text(min_size=1, max_size=8),
    st.none() | st.integers(0, 10**9),
)
def test_every_promotion_survives_json(
    promo: Promotion, window: Window, event_id: str | None, budget: int | None
) -> None:
    promo = replace(promo, window=window, event_id=event_id, budget_fen=budget)
    text = json.dumps(promotion_to_dict(promo), ensure_ascii=False)
    assert promotion_from_dict(json.loads(text)) == promo


MINIMAL: dict[str, Any] = {
    "id": "T",
    "name": "满200减25",
    "kind": "threshold",
    "tiers": [{"min_fen": 20000, "off_fen": 2500}],
}


def test_the_optional_fields_have_their_defaults() -> None:
    promo = promotion_from_dict(MINIMAL)
    assert (promo.priority, promo.exclusive, promo.members_only) == (0, False, False)
    assert (promo.event_id, promo.budget_fen, promo.window) == (None, None, Window())
    assert promo.scope.everything


def _refused(change: Any) -> str:
    data = copy.deepcopy(MINIMAL)
    change(data)
    with pytest.raises(PosError) as info:
        promotion_from_dict(data)
    assert info.value.code is ErrorCode.PROMO_INVALID
    return str(info.value.params["field"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(extra=1), "extra"),
        (lambda d: d.update(percent_bps=1000), "percent_bps"),  # another kind's parameter
        (lambda d: d.update(kind="discount"), "kind"),
        (lambda d: d.pop("kind"), "kind"),
        (lambda d: d.pop("id"), "id"),
        (lambda d: d.update(id=7), "id"),
        (lambda d: d.update(name=None), "name"),
        (lambda d: d.update(priority=True), "priority"),  # a bool is not an int here
        (lambda d: d.update(priority=1.5), "priority"),
        (lambda d: d.update(exclusive=1), "exclusive"),
        (lambda d: d.update(members_only="yes"), "members_only"),
        (lambda d: d.update(budget_fen=-5), "budget_fen"),
        (lambda d: d.update(budget_fen="500"), "budget_fen"),
        (lambda d: d.update(event_id=3), "event_id"),
        (lambda d: d.pop("tiers"), "tiers"),
        (lambda d: d.update(tiers={"min_fen": 1}), "tiers"),
        (lambda d: d.update(tiers=[{"min_fen": 20000}]), "tiers"),
        (lambda d: d.update(tiers=[{"min_fen": 20000, "off_fen": 2500, "x": 1}]), "tiers"),
        (lambda d: d.update(tiers=[{"min_fen": 20000, "off_fen": 25.0}]), "off_fen"),
        (lambda d: d.update(tiers=[{"min_fen": 100, "off_fen": 200}]), "tiers"),
        (lambda d: d.update(scope=[]), "scope"),
        (lambda d: d.update(scope={"brands": ["x"]}), "scope"),
        (lambda d: d.update(scope={"skus": "TEA"}), "skus"),
        (lambda d: d.update(scope={"skus": ["TEA", "TEA"]}), "skus"),
        (lambda d: d.update(scope={"skus": [""]}), "skus"),
        (lambda d: d.update(scope={"categories": [1]}), "categories"),
        (lambda d: d.update(window={"weekdays": [8]}), "weekdays"),
        (lambda d: d.update(window={"weekdays": [True]}), "weekdays"),
        (lambda d: d.update(window={"weekdays": [3, 3]}), "weekdays"),
        (lambda d: d.update(window={"hours": ["09:00"]}), "hours"),
        (lambda d: d.update(window={"hours": ["9:00", "21:00"]}), "hours"),
        (lambda d: d.update(window={"hours": ["09:60", "21:00"]}), "hours"),
        (lambda d: d.update(window={"hours": ["09:00", "24:01"]}), "hours"),
        (lambda d: d.update(window={"hours": ["21:00", "09:00"]}), "hours"),
        (lambda d: d.update(window={"hours": ["０９:00", "21:00"]}), "hours"),
        (lambda d: d.update(window={"start_date": "2026-3-1"}), "start_date"),
        (lambda d: d.update(window={"end_date": "2026-02-30"}), "end_date"),
        (
            lambda d: d.update(window={"start_date": "2026-03-02", "end_date": "2026-03-01"}),
            "end_date",
        ),
        (lambda d: d.update(window={"from": "2026-03-02"}), "window"),
    ],
)
def test_a_bad_definition_is_refused_by_field(change: Any, field: str) -> None:
    assert _refused(change) == field


def test_a_bundle_is_read_in_any_order_and_refused_when_malformed() -> None:
    data = {
        "id": "K",
        "name": "套餐",
        "kind": "bundle",
        "price_fen": 8000,
        "bundle": [{"sku": "RICE", "count": 1}, {"sku": "OIL", "count": 1}],
    }
    assert promotion_from_dict(data).bundle == (("OIL", 1), ("RICE", 1))
    for bad in (
        [],
        [{"sku": "RICE"}],
        [{"sku": "RICE", "count": 0}],
        [{"sku": "RICE", "count": 1}, {"sku": "RICE", "count": 2}],
    ):
        with pytest.raises(PosError) as info:
            promotion_from_dict({**data, "bundle": bad})
        assert info.value.params == {"field": "bundle"}


def test_not_an_object_is_refused() -> None:
    for data in (None, [], "promo", 5):
        with pytest.raises(PosError) as info:
            promotion_from_dict(data)
        assert info.value.code is ErrorCode.PROMO_INVALID


def test_the_wire_names_of_the_kinds() -> None:
    assert [k.value for k in PromoKind] == [
        "percent_off",
        "amount_off",
        "special_price",
        "buy_n_get_m",
        "nth_percent",
        "bundle",
        "threshold",
    ]
