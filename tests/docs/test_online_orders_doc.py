"""docs/online_orders.md is true: its examples are valid bodies that add up, its field
table is the model's, its codes are the server's and its limits the settings'."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sync.protocol.codes import ErrorCode
from sync.protocol.online import OnlineOrder, OnlineRefund
from sync.server.config import Settings

DOC = Path(__file__).resolve().parents[2] / "docs" / "online_orders.md"


def _examples() -> list[dict[str, object]]:
    text = DOC.read_text(encoding="utf-8")
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", text, re.S)]


def test_the_examples_are_valid_bodies_whose_lines_add_up() -> None:
    order_json, refund_json = _examples()
    order = OnlineOrder.model_validate(order_json)
    refund = OnlineRefund.model_validate(refund_json)
    assert order.total_fen == sum(
        ln.unit_price_fen * ln.quantity - ln.discount_fen for ln in order.lines
    )
    assert refund.total_fen == sum(ln.amount_fen for ln in refund.lines)
    assert refund.created_at > order.created_at


def test_every_field_of_an_order_is_in_the_table() -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = re.findall(r"^\| `(\w+)` \|", text, re.M)
    assert [f for f in documented if f in OnlineOrder.model_fields] == list(
        OnlineOrder.model_fields
    )


def test_the_codes_and_limits_are_the_servers() -> None:
    text = DOC.read_text(encoding="utf-8")
    for code in ("order_invalid", "id_conflict", "refund_exceeds_order", "order_attributed",
                 "invalid_request", "out_of_scope", "not_found"):  # fmt: skip
        assert re.search(rf"`(\d{{3}} )?{code}`", text), code
        assert code in {c.value for c in ErrorCode}
    s = Settings()
    assert f"clock skew, {s.sale_clock_skew_s // 60} min" in text
    assert f"grace period ({s.catalog_grace_days:g} days)" in text
