"""Builders for the tasting-event tests: an event as the tills receive it (store S001,
the demo promoter), each event record as a till's outbox writes it (the agreed wire
form), an event-mode sale, and an independent recomputation of the event report from
the raw records pushed (plain Python over the payloads, no SQL)."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient

from sync.server import events as ev
from sync.server.changelog import ChangeLog
from sync.server.db import Database
from tests.sync.server.helpers import Till

PROMOTER = "demo-promoter-zhao"
PROMOTER_NAME = "促销员小赵"
MANAGER = "demo-manager-li"
CASHIER = "demo-cashier-wang"
TEA_SKU, WATER_SKU, RICE_SKU = "YC-TEA-0002", "YC-WAT-0001", "YC-GRN-0001"
NOW = datetime.now(UTC).replace(microsecond=0)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def event_data(event_id: str = "EV-TEA-1", **overrides: Any) -> dict[str, Any]:
    """An event spanning now (three hours back, two ahead) at store S001: tea by the
    piece at ¥1.50 a sample, water by the gram at 1 分 a gram."""
    data: dict[str, Any] = {
        "event_id": event_id,
        "name": "恩施玉露品鉴会",
        "store_code": "S001",
        "place": "一期中心花园",
        "starts_at": (NOW - timedelta(hours=3)).isoformat(),
        "ends_at": (NOW + timedelta(hours=2)).isoformat(),
        "promoters": [PROMOTER],
        "products": [
            {"sku": TEA_SKU, "sample_cost_fen": 150, "sample_unit": "piece"},
            {"sku": WATER_SKU, "sample_cost_fen": 1, "sample_unit": "g"},
        ],
        "sample_budget_fen": 20000,
        "feedback_tags": ["口感", "价格", "包装"],
    }
    return data | overrides


def make_event(db: Database, event_id: str = "EV-TEA-1", **overrides: Any) -> ev.EventView:
    with db.write() as session:
        changes = ChangeLog()
        view = ev.create(session, data=event_data(event_id, **overrides), now=NOW, changes=changes)
        changes.flush(session, now=NOW)
    return view


def _head(event_id: str, at: datetime, terminal: str, promoter: str) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "terminal_code": terminal,
        "store_code": "S001",
        "at": at.astimezone(UTC).isoformat(),
        "promoter": promoter,
    }


def sample(
    sku: str = TEA_SKU,
    quantity: int = 1,
    *,
    unit: str = "piece",
    cost_fen: int | None = None,
    at: datetime | None = None,
    event_id: str = "EV-TEA-1",
    terminal: str = "T01",
    promoter: str = PROMOTER,
) -> dict[str, Any]:
    per_unit = {TEA_SKU: 150, WATER_SKU: 1}.get(sku, 0)
    return {
        "sample_id": str(uuid.uuid4()),
        **_head(event_id, at or NOW - timedelta(minutes=30), terminal, promoter),
        "sku": sku,
        "quantity": quantity,
        "unit": unit,
        "cost_fen": per_unit * quantity if cost_fen is None else cost_fen,
    }


def feedback(
    rating: int = 5,
    tags: Iterable[str] = ("口感",),
    *,
    sku: str | None = TEA_SKU,
    note: str = "",
    resident_id: str | None = None,
    consent: bool = False,
    at: datetime | None = None,
    event_id: str = "EV-TEA-1",
    terminal: str = "T01",
    promoter: str = PROMOTER,
) -> dict[str, Any]:
    return {
        "feedback_id": str(uuid.uuid4()),
        **_head(event_id, at or NOW - timedelta(minutes=30), terminal, promoter),
        "sku": sku,
        "rating": rating,
        "tags": list(tags),
        "note": note,
        "resident_id": resident_id,
        "consent": consent,
    }


def visitors(
    count: int = 1,
    *,
    at: datetime | None = None,
    event_id: str = "EV-TEA-1",
    terminal: str = "T01",
    promoter: str = PROMOTER,
) -> dict[str, Any]:
    return {
        "tally_id": str(uuid.uuid4()),
        **_head(event_id, at or NOW - timedelta(minutes=30), terminal, promoter),
        "count": count,
    }


def lead(
    resident_id: str = "R0002",
    *,
    consent: bool = True,
    at: datetime | None = None,
    event_id: str = "EV-TEA-1",
    terminal: str = "T01",
    promoter: str = PROMOTER,
) -> dict[str, Any]:
    return {
        "lead_id": str(uuid.uuid4()),
        **_head(event_id, at or NOW - timedelta(minutes=30), terminal, promoter),
        "resident_id": resident_id,
        "consent": consent,
    }


_IDS = {
    "event_sample": "sample_id",
    "event_feedback": "feedback_id",
    "event_visitors": "tally_id",
    "event_lead": "lead_id",
}


def record_item(till: Till, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The outbox item of an event record: aggregate_id is the record's own id."""
    till.seq += 1
    return {
        "item_id": str(uuid.uuid4()),
        "kind": kind,
        "aggregate_id": payload[_IDS[kind]],
        "seq": till.seq,
        "created_at": payload["at"],
        "payload": payload,
    }


def event_sale(sale: dict[str, Any], event_id: str = "EV-TEA-1") -> dict[str, Any]:
    """`sale` made in event mode: the event's id, the promoter as its cashier."""
    return sale | {"event_id": event_id, "cashier": PROMOTER_NAME}


def ops_headers(db: Database) -> dict[str, str]:
    from sync.server import tokens
    from sync.server.tokens import Role

    with db.write() as session:
        token = tokens.issue(session, role=Role.OPERATIONS, now=NOW).token
    return {"Authorization": f"Bearer {token}"}


def get_report(client: TestClient, headers: dict[str, str], event_id: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/events/{event_id}/report", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


# --- an independent recomputation, from the raw records -------------------------------


def _hour(at: str) -> str:
    local = datetime.fromisoformat(at).astimezone(SHANGHAI)
    return local.replace(minute=0, second=0, microsecond=0).isoformat()


def recompute(
    records: dict[str, list[dict[str, Any]]],
    sales: list[dict[str, Any]],
    *,
    budget_fen: int,
    known_before: Iterable[str] = (),
    refunds: Iterable[dict[str, Any]] = (),
) -> dict[str, Any]:
    """The report's figures, recomputed record by record from what the tills pushed.

    `records`: kind → payloads; `sales`: the event's sale payloads; `refunds`: refund
    payloads of them. A line counts less what its refunds took back; a line returned
    whole counts nothing, and a sale returned whole is no sale and no buyer."""
    back: Counter[tuple[str, int, str]] = Counter()
    for refund in refunds:
        for rl in refund["lines"]:
            back[(refund["sale_id"], rl["line_no"], "q")] += rl["quantity"]
            back[(refund["sale_id"], rl["line_no"], "a")] += rl["amount_fen"]
    identified = {s["member"]["resident_id"] for s in sales if s["member"]}
    kept = []
    for sale in sales:
        lines = []
        for line in sale["lines"]:
            if line["voided"]:
                continue
            taken = back[(sale["sale_id"], line["line_no"], "q")]
            if taken >= line["quantity"]:
                continue
            gross = line["fixed_amount"] or line["unit_price"] * line["quantity"]
            amount = gross - line["discount"] - back[(sale["sale_id"], line["line_no"], "a")]
            lines.append({**line, "quantity": line["quantity"] - taken, "net": amount})
        if lines:
            kept.append({**sale, "lines": lines})
    sales = kept
    samples, notes = records.get("event_sample", []), records.get("event_feedback", [])
    tallies, leads = records.get("event_visitors", []), records.get("event_lead", [])
    products: dict[str, Counter[str]] = {}
    tag_counts: dict[str, Counter[str]] = {}
    hours: dict[str, Counter[str]] = {}
    for s in samples:
        p = products.setdefault(s["sku"], Counter())
        p["tastings"] += 1
        p["sample_quantity"] += s["quantity"]
        p["sample_cost_fen"] += s["cost_fen"]
    for f in notes:
        p = products.setdefault(f["sku"] or "", Counter())
        p["feedback_count"] += 1
        p["rating_sum"] += f["rating"]
        tag_counts.setdefault(f["sku"] or "", Counter()).update(f["tags"])
    for t in tallies:
        hours.setdefault(_hour(t["at"]), Counter())["visitors"] += t["count"]
    members = set()
    anonymous = 0
    for sale in sales:
        if sale["member"]:
            members.add(sale["member"]["resident_id"])
        else:
            anonymous += 1
        h = hours.setdefault(_hour(sale["created_at"]), Counter())
        h["sales_count"] += 1
        for line in sale["lines"]:
            amount = line["net"]
            p = products.setdefault(line["sku"], Counter())
            p["units"] += line["quantity"]
            p["sales_fen"] += amount
            h["units"] += line["quantity"]
            h["sales_fen"] += amount
    visitors_total = sum(t["count"] for t in tallies)
    buyers = len(members) + anonymous
    identified |= {x["resident_id"] for x in leads}
    identified |= {f["resident_id"] for f in notes if f["resident_id"]}
    fields = (
        "tastings", "sample_quantity", "sample_cost_fen", "units", "sales_fen",
        "feedback_count", "rating_sum",
    )  # fmt: skip
    return {
        "visitors": visitors_total,
        "tastings": len(samples),
        "sample_cost_fen": sum(s["cost_fen"] for s in samples),
        "sample_budget_fen": budget_fen,
        "sales_count": len(sales),
        "buyers": buyers,
        "member_buyers": len(members),
        "sales_fen": sum(p["sales_fen"] for p in products.values()),
        "units": sum(p["units"] for p in products.values()),
        "buyers_per_visitor_bps": buyers * 10000 // visitors_total if visitors_total else None,
        "buyers_per_tasting_bps": buyers * 10000 // len(samples) if samples else None,
        "residents_identified": len(identified),
        "new_residents": len(identified - set(known_before)),
        "leads": len(leads),
        "feedback_count": len(notes),
        "products": [
            {"sku": sku, **{k: products[sku][k] for k in fields}, "tags": _tags(tag_counts, sku)}
            for sku in sorted(products)
        ],
        "hours": [{"hour": h, **{k: hours[h][k] for k in _HOUR}} for h in sorted(hours)],
    }


_HOUR = ("visitors", "sales_count", "units", "sales_fen")


def _tags(counts: dict[str, Counter[str]], sku: str) -> list[list[Any]]:
    """(tag, count) of a product, most frequent first, then by tag."""
    found = counts.get(sku, Counter())
    return [[t, n] for t, n in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))]
