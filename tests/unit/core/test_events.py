"""Tasting events in the core: the wire form both ways and its refusals, the
sample cost, the budget's warning and its levels, and the checks of feedback,
tallies and leads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.events import (
    CLOCK_SKEW,
    Budget,
    BudgetLevel,
    EventStatus,
    check_feedback,
    check_lead,
    check_open,
    check_tally,
    event_from_dict,
    event_to_dict,
    sample_cost,
)

STARTS = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)  # 09:00 in the showroom


def wire(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "event_id": "EV-TEA-1128",
        "name": "恩施玉露试饮",
        "store_code": "S001",
        "community_code": "C001",
        "place": "3号楼前广场",
        "starts_at": STARTS.isoformat(),
        "ends_at": (STARTS + timedelta(hours=8)).isoformat(),
        "promoters": ["demo-promoter-zhao"],
        "products": [
            {"sku": "YC-TEA-0001", "sample_cost_fen": 150, "sample_unit": "piece"},
            {"sku": "YC-LUPIN-01", "sample_cost_fen": 6, "sample_unit": "g"},
        ],
        "sample_budget_fen": 10000,
        "feedback_tags": ["口感", "价格", "包装"],
        "status": "running",
    }
    data.update(changes)
    return data


def code_of(call: Any) -> tuple[ErrorCode, object]:
    with pytest.raises(PosError) as info:
        call()
    return info.value.code, info.value.params.get("field")


def test_the_wire_form_reads_and_writes_back_exactly() -> None:
    event = event_from_dict(wire())
    assert event.status is EventStatus.RUNNING
    assert event.product("YC-LUPIN-01").sample_unit.value == "g"
    assert event_to_dict(event) == wire()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"event_id": "x" * 41}, "event_id"),
        ({"name": " "}, "name"),
        ({"starts_at": "2026-11-28T09:00:00"}, "starts_at"),  # naive
        ({"ends_at": STARTS.isoformat()}, "ends_at"),  # not after the start
        ({"promoters": "demo-promoter-zhao"}, "promoters"),
        ({"sample_budget_fen": -1}, "sample_budget_fen"),
        ({"sample_budget_fen": 100.0}, "sample_budget_fen"),
        ({"feedback_tags": [f"t{i}" for i in range(13)]}, "feedback_tags"),
        ({"feedback_tags": ["口感", "口感"]}, "feedback_tags"),
        ({"status": "paused"}, "status"),
        ({"colour": "red"}, "colour"),
        ({"products": [{"sku": "A", "sample_cost_fen": 1, "sample_unit": "kg"}]},
         "products.sample_unit"),
        ({"products": [{"sku": "A", "sample_cost_fen": True, "sample_unit": "g"}]},
         "products.sample_cost_fen"),
        ({"products": [{"sku": "A", "sample_cost_fen": 1, "sample_unit": "g"}] * 2}, "products"),
    ],
)  # fmt: skip
def test_a_bad_event_is_refused_naming_its_field(changes: dict[str, Any], field: str) -> None:
    assert code_of(lambda: event_from_dict(wire(**changes))) == (ErrorCode.EVENT_INVALID, field)


def test_a_sample_costs_its_unit_cost_times_pieces_or_grams() -> None:
    event = event_from_dict(wire())
    assert sample_cost(event.product("YC-TEA-0001"), 2) == 300
    assert sample_cost(event.product("YC-LUPIN-01"), 15) == 90  # 15 g at 6 分 a gram
    assert code_of(lambda: sample_cost(event.product("YC-TEA-0001"), 0))[0] is (
        ErrorCode.QUANTITY_INVALID
    )
    assert code_of(lambda: event.product("YC-RICE-01"))[0] is ErrorCode.EVENT_PRODUCT_UNKNOWN


@pytest.mark.parametrize(
    ("spent", "level", "used"),
    [
        (0, BudgetLevel.OK, 0),
        (7999, BudgetLevel.OK, 7999),
        (8000, BudgetLevel.NEAR, 8000),  # exactly 80%: warned
        (9999, BudgetLevel.NEAR, 9999),
        (10000, BudgetLevel.OVER, 10000),
        (10450, BudgetLevel.OVER, 10450),
    ],
)
def test_the_budget_warns_at_80_percent_and_says_when_spent(
    spent: int, level: BudgetLevel, used: int
) -> None:
    budget = Budget(10000, spent)
    assert (budget.level, budget.used_bps, budget.remaining_fen) == (level, used, 10000 - spent)


def test_no_budget_is_over_at_the_first_cost_and_has_no_share() -> None:
    assert Budget(0, 0).level is BudgetLevel.OK
    assert Budget(0, 1).level is BudgetLevel.OVER
    assert Budget(0, 1).used_bps is None


def test_records_only_while_the_event_is_open_and_within_its_hours() -> None:
    event = event_from_dict(wire())
    check_open(event, STARTS - CLOCK_SKEW)
    check_open(event, STARTS + timedelta(hours=8) + CLOCK_SKEW)
    for at in (STARTS - CLOCK_SKEW - timedelta(seconds=1), STARTS + timedelta(hours=9)):
        assert code_of(lambda at=at: check_open(event, at))[0] is ErrorCode.EVENT_NOT_RUNNING
    closed = event_from_dict(wire(status="closed"))
    assert code_of(lambda: check_open(closed, STARTS))[0] is ErrorCode.EVENT_NOT_RUNNING


def test_feedback_is_checked_and_its_tags_kept_in_the_event_order() -> None:
    event = event_from_dict(wire())
    fb = check_feedback(event, sku="YC-TEA-0001", rating=4, tags=["包装", "口感"], note=" 好喝 ")
    assert (fb.tags, fb.note, fb.resident_id) == (("口感", "包装"), "好喝", None)
    signed = check_feedback(event, sku=None, rating=5, tags=[], resident_id="R0001", consent=True)
    assert signed.resident_id == "R0001"
    for kwargs, field in (
        ({"rating": 0}, "rating"),
        ({"rating": 6}, "rating"),
        ({"rating": 3, "tags": ["颜色"]}, "tags"),
        ({"rating": 3, "tags": ["口感", "口感"]}, "tags"),
        ({"rating": 3, "note": "好" * 201}, "note"),
        ({"rating": 3, "resident_id": "R0001", "consent": False}, "resident_id"),
    ):
        kwargs = {"tags": [], **kwargs}
        found = code_of(lambda kw=kwargs: check_feedback(event, sku=None, **kw))
        assert found == (ErrorCode.FEEDBACK_INVALID, field)


def test_a_tally_is_1_to_500_and_a_lead_needs_consent() -> None:
    assert check_tally(1) == 1 and check_tally(500) == 500
    for bad in (0, 501, -3):
        assert code_of(lambda bad=bad: check_tally(bad))[0] is ErrorCode.QUANTITY_INVALID
    assert check_lead("R0002", True) == "R0002"
    assert code_of(lambda: check_lead("R0002", False))[0] is ErrorCode.EVENT_CONSENT_REQUIRED
