"""docs/protocol-reference.md and docs/examples/: complete, true to the models, no source pointers.

Every model of the push and change feed has a table in the reference whose
fields are exactly the model's; every example file validates against the
server's own models; every reject reason and flag is explained.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter

from sync.protocol.accounts import MemberCandidate, MemberLookupResponse
from sync.protocol.changes import (
    CHANGE_DATA,
    Change,
    ChangesResponse,
    EventProductData,
    PromotionBundleData,
    PromotionScopeData,
    PromotionTierData,
    PromotionWindowData,
)
from sync.protocol.codes import ItemFlag, RejectReason
from sync.protocol.event_payloads import (
    EventFeedbackPayload,
    EventLeadPayload,
    EventSamplePayload,
    EventVisitorsPayload,
)
from sync.protocol.payloads import (
    ChainRef,
    ContractRef,
    LinePromotion,
    RefundLine,
    RefundPayload,
    RefundPayment,
    SaleLine,
    SaleMember,
    SalePayload,
    SalePayment,
    ShiftFigures,
    ShiftMovement,
    ShiftPayload,
)
from sync.protocol.push import (
    EventFeedbackItem,
    EventLeadItem,
    EventSampleItem,
    EventVisitorsItem,
    ItemResult,
    PushItem,
    PushRequest,
    PushResponse,
    RefundItem,
    SaleItem,
    ShiftItem,
    StoreEventItem,
    StorePromotionItem,
    UnsupportedItem,
)
from sync.protocol.store_payloads import StoreEventPayload, StorePromotionPayload

DOCS = Path(__file__).resolve().parents[2] / "docs"
REFERENCE = DOCS / "protocol-reference.md"
EXAMPLES = DOCS / "examples"
PUSH_MODELS: list[type[BaseModel]] = [
    PushRequest, SaleItem, RefundItem, UnsupportedItem, PushResponse, ItemResult,
    SalePayload, SaleLine, SalePayment, SaleMember, ContractRef, ChainRef,
    RefundPayload, RefundLine, RefundPayment, ChangesResponse, Change,
    ShiftItem, ShiftPayload, ShiftMovement, ShiftFigures,
    MemberLookupResponse, MemberCandidate, LinePromotion,
    EventSampleItem, EventFeedbackItem, EventVisitorsItem, EventLeadItem,
    EventSamplePayload, EventFeedbackPayload, EventVisitorsPayload, EventLeadPayload,
    StorePromotionItem, StoreEventItem, StorePromotionPayload, StoreEventPayload,
]  # fmt: skip
#: models inside a change's data, each with its own table
NESTED_CHANGE_MODELS: list[type[BaseModel]] = [
    PromotionScopeData, PromotionWindowData, PromotionTierData, PromotionBundleData,
    EventProductData,
]  # fmt: skip
_HEADING = re.compile(r"^#+ .*\(((?:`\w+`(?:, )?)+)\)[^()]*$")


def _tables() -> dict[str, list[str]]:
    """Model name → the first-column field names of the table under its heading."""
    tables: dict[str, list[str]] = {}
    names: list[str] = []
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            match = _HEADING.match(line)
            names = re.findall(r"`(\w+)`", match.group(1)) if match else []
            for name in names:
                tables[name] = []
        elif names and line.startswith("| `"):
            field = re.match(r"\| `(\w+)`", line)
            assert field, line
            for name in names:
                tables[name].append(field.group(1))
    return tables


@pytest.mark.parametrize(
    "model",
    PUSH_MODELS + list(CHANGE_DATA.values()) + NESTED_CHANGE_MODELS,
    ids=lambda m: m.__name__,
)
def test_every_field_of_every_model_is_in_its_table(model: type[BaseModel]) -> None:
    documented = _tables().get(model.__name__)
    assert documented is not None, f"no table headed (`{model.__name__}`)"
    assert documented == list(model.model_fields), model.__name__


def test_every_reason_and_flag_is_explained() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    for code in [*RejectReason, *ItemFlag]:
        assert re.search(rf"^\| `{code.value}` \| \S", text, re.M), code.value


def test_the_reference_points_into_no_source_code() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    assert not re.search(
        r"\.py\b|pos_app|sync\.(protocol|server|client)|payloads\.|messages\.", text
    )


def _example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def test_every_example_is_referenced_and_valid() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    files = sorted(p.name for p in EXAMPLES.glob("*.json"))
    assert files, "no examples"
    for name in files:
        assert f"docs/examples/{name}" in text or name.startswith("change-"), name
        data = _example(name)
        if name.startswith("push-response"):
            PushResponse.model_validate(data)
        elif name.startswith("members-"):
            MemberLookupResponse.model_validate(data)
        elif name.startswith("push-"):
            item = TypeAdapter(PushItem).validate_python(data)
            assert name == f"push-{item.kind}.json"
        else:
            change = Change.model_validate(data)
            assert name.startswith(f"change-{change.kind.replace('_', '-')}")
            if change.op == "upsert":
                CHANGE_DATA[change.kind].model_validate(change.data)
            else:
                assert change.data is None


@pytest.mark.parametrize(
    "kind",
    ["sale", "refund", "shift", "event_sample", "event_feedback", "event_visitors", "event_lead",
     "store_promotion", "store_event", "sample", "feedback"],
)  # fmt: skip
def test_each_item_kind_has_an_example(kind: str) -> None:
    assert _example(f"push-{kind}.json")["kind"] == kind


@pytest.mark.parametrize("kind", list(CHANGE_DATA))
def test_each_change_kind_has_an_example(kind: str) -> None:
    data = _example(f"change-{kind.replace('_', '-')}.json")
    assert (data["kind"], data["op"]) == (kind, "upsert")
    CHANGE_DATA[kind].model_validate(data["data"])


def test_the_example_refund_adds_up_and_refunds_the_example_sale() -> None:
    sale = SaleItem.model_validate(_example("push-sale.json")).payload
    refund = RefundItem.model_validate(_example("push-refund.json")).payload
    assert refund.sale_id == sale.sale_id
    assert refund.total_fen == sum(ln.amount_fen for ln in refund.lines)
    assert refund.total_fen == sum(p.amount_fen for p in refund.payments)
    weighed = [ln for ln in sale.lines if ln.unit == "kg"]
    assert weighed and {ln.line_no for ln in refund.lines} >= {weighed[0].line_no}


def _rows() -> dict[str, dict[str, str]]:
    """Model name → field → the whole table row that documents it."""
    rows: dict[str, dict[str, str]] = {}
    names: list[str] = []
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        match = _HEADING.match(line) if line.startswith("#") else None
        if line.startswith("#"):
            names = re.findall(r"`(\w+)`", match.group(1)) if match else []
        elif names and line.startswith("| `"):
            field = re.match(r"\| `(\w+)`", line)
            assert field, line
            for name in names:
                rows.setdefault(name, {})[field.group(1)] = line
    return rows


def _max_length(schema: dict[str, Any]) -> int | None:
    for option in [schema, *schema.get("anyOf", [])]:
        if option.get("type") == "string" and "maxLength" in option:
            return int(option["maxLength"])
    return None


@pytest.mark.parametrize("model", PUSH_MODELS, ids=lambda m: m.__name__)
def test_every_text_length_in_the_push_tables_is_the_models(model: type[BaseModel]) -> None:
    rows = _rows()[model.__name__]
    properties = model.model_json_schema()["properties"]
    for name, schema in properties.items():
        limit = _max_length(schema)
        if limit is not None:
            assert re.search(rf"(≤|exactly) {limit}\b", rows[name]), (model.__name__, name)
