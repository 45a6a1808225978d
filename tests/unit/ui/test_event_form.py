"""The event editor's form, without a screen: Beijing-time dates and hours stored as
aware UTC, amounts typed in yuan read exactly to 分, the event prices built exactly
as the central server builds them, and each refusal naming its field in the form's
order."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.events import SampleUnit
from pos_app.core.promo_codec import promotion_from_dict, promotion_to_dict
from pos_app.ui.event_form import EventForm, ProductRow, build_event, default_hours

TEA, RICE = "YC-TEA-0007", "YC-GRN-0001"


def form(**changes: Any) -> EventForm:
    base = EventForm(
        event_id="EV-S001-ABC",
        store_code="S001",
        name="利川红品鉴会",
        place="3号楼前广场",
        start_date="2026-11-28",
        start_time="9:30",
        end_date="2026-11-29",
        end_time="00:15",
        budget="¥200.5",
        promoters=["demo-promoter-zhao"],
        products=[
            ProductRow(TEA, "1.50", SampleUnit.PIECE, "99"),
            ProductRow(RICE, "0.02", SampleUnit.GRAM, ""),
        ],
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def refused(f: EventForm) -> str:
    with pytest.raises(PosError) as info:
        build_event(f)
    assert info.value.code is ErrorCode.EVENT_INVALID
    return str(info.value.params["field"])


def test_the_event_and_its_price_as_the_server_builds_them() -> None:
    built = build_event(form())
    e = built.event
    # 09:30 and 00:15 the next day in Shanghai are 01:30 and 16:15 UTC
    assert e.starts_at == datetime(2026, 11, 28, 1, 30, tzinfo=UTC)
    assert e.ends_at == datetime(2026, 11, 28, 16, 15, tzinfo=UTC)
    assert [(p.sku, p.sample_cost_fen, p.sample_unit) for p in e.products] == [
        (TEA, 150, SampleUnit.PIECE), (RICE, 2, SampleUnit.GRAM)]  # fmt: skip
    assert (e.sample_budget_fen, e.feedback_tags, e.community_code) == (
        20050, ("口感", "价格", "包装"), None)  # fmt: skip
    # sync/server/events.py _event_prices, by hand: the same definition, canonical
    server = {
        "id": "EV-S001-ABC-P1", "name": "利川红品鉴会 活动价", "kind": "special_price",
        "price_fen": 9900, "event_id": "EV-S001-ABC",
        "scope": {"categories": [], "skus": [TEA]},
    }  # fmt: skip
    assert built.prices == (promotion_to_dict(promotion_from_dict(server)),)


def test_default_hours_start_this_hour_in_beijing_time() -> None:
    at = datetime(2026, 11, 28, 14, 42, tzinfo=UTC)  # 22:42 in Shanghai
    assert default_hours(at) == ("2026-11-28", "22:00", "2026-11-29", "02:00")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"start_date": "2026-13-01"}, "starts_at"),
        ({"start_time": "24:00"}, "starts_at"),
        ({"end_time": "9:7"}, "ends_at"),
        ({"end_date": "2026-11-28", "end_time": "09:30"}, "ends_at"),  # not after the start
        ({"products": []}, "products"),
        ({"products": [ProductRow(TEA, "abc")]}, "products.sample_cost_fen"),
        ({"products": [ProductRow(TEA, "-1")]}, "products.sample_cost_fen"),
        ({"products": [ProductRow(TEA, "1", SampleUnit.PIECE, "1.001")]}, "products.event_price"),
        ({"products": [ProductRow(TEA), ProductRow(TEA)]}, "products"),
        ({"budget": "lots"}, "sample_budget_fen"),
        ({"tags": "口感 口感"}, "feedback_tags"),
        ({"place": "x" * 101}, "place"),
    ],
)
def test_a_refusal_names_its_field(changes: dict[str, Any], field: str) -> None:
    assert refused(form(**changes)) == field
