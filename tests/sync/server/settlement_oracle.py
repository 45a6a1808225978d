"""An independent recomputation of a settlement, in Python, from the raw rows: the
sales' and refunds' JSON payloads (amounts and times), the online orders' bodies
and refund lines, their attributions, the server's eligible amounts, the contract
table, the ledger, the redemptions and the closes. It shares no code with
`sync/server/settlement*.py` and reads no `order_lines`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.orm import Session

SH = ZoneInfo("Asia/Shanghai")


def _t(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    moment: datetime = value
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _month(moment: datetime) -> str:
    return moment.astimezone(SH).strftime("%Y-%m")


class Raw:
    """Every row the oracle needs, read once."""

    def __init__(self, session: Session) -> None:
        def q(sql: str) -> list[Any]:
            return list(session.execute(text(sql)).all())

        self.orders = {
            sid: (community, _t(received), int(eligible), json.loads(payload))
            for sid, community, received, eligible, payload in q(
                "SELECT sale_id, community_id, received_at, eligible_fen, payload FROM orders"
            )
        }
        self.refunds = [
            (sid, _t(received), int(eligible), json.loads(payload))
            for sid, received, eligible, payload in q(
                "SELECT sale_id, received_at, eligible_fen, payload FROM refunds"
            )
        ]
        self.versions: dict[str, list[tuple[datetime, int, int]]] = defaultdict(list)
        for community, start, share, vid in q(
            "SELECT community_id, effective_from, share_bps, id FROM contract_versions"
        ):
            self.versions[community].append((_t(start), int(share), int(vid)))
        self.closes = {
            (c, m): _t(at)
            for c, m, at in q("SELECT community_id, month, closed_at FROM settlements")
        }
        self.resident_community: dict[str, str] = dict(q("SELECT id, community_id FROM residents"))
        attributed = {
            oid: _t(at)
            for oid, at in q("SELECT order_id, MAX(at) FROM online_attributions GROUP BY order_id")
        }

        def arrival(received: Any, order_id: str) -> datetime:
            later = attributed.get(order_id)
            return max(_t(received), later) if later else _t(received)

        #: online order id → (community, arrival, eligible, body): only attributed ones count
        self.online = {
            oid: (community, arrival(received, oid), int(eligible), json.loads(payload))
            for oid, community, received, eligible, payload in q(
                "SELECT order_id, community_id, received_at, eligible_fen, payload"
                " FROM online_orders WHERE community_id IS NOT NULL"
            )
        }
        amounts: dict[str, int] = defaultdict(int)
        for rid, amount in q("SELECT refund_id, amount_fen FROM online_refund_lines"):
            amounts[rid] += int(amount)
        self.online_refunds = [
            (oid, _t(created), arrival(received, oid), int(eligible), amounts[rid], rid)
            for rid, oid, created, received, eligible in q(
                "SELECT refund_id, order_id, created_at, received_at, eligible_fen"
                " FROM online_refunds"
            )
        ]
        refund_order = {rid: oid for oid, *_rest, rid in self.online_refunds}
        self.ledger = []
        for r, k, p, sid, kind, source, at in q(
            "SELECT resident_id, kind, points, sale_id, source_kind, source_id, created_at"
            " FROM points_ledger"
        ):
            # the record whose community the entry counts for: a till's sale, an online order
            record = sid
            if kind == "online_order":
                record = source
            elif kind == "online_refund":
                record = refund_order.get(source)
            self.ledger.append((r, k, int(p), record, _t(at)))
        self.redemptions = [
            (r, int(p), _t(at))
            for r, p, at in q("SELECT resident_id, points, created_at FROM redemptions")
        ]

    def version(self, community: str, when: datetime) -> tuple[int, int] | None:
        """(id, share_bps) in force at `when`."""
        live = [v for v in self.versions[community] if v[0] <= when]
        if not live:
            return None
        _start, share, vid = max(live)
        return vid, share

    def period_of(
        self,
        community: str,
        created: datetime,
        received: datetime,
        month: str,
        as_of: datetime | None,
    ) -> str | None:
        if as_of is not None and received > as_of:
            return None
        own = _month(created)
        closed = self.closes.get((community, own))
        if own == month or (closed is not None and as_of is not None and closed >= as_of):
            closed = None  # the month settled itself, or a close made after the moment
        if closed is not None and received > closed:
            return _month(received)
        return own


def settle(raw: Raw, community: str, month: str, as_of: datetime | None = None) -> dict[str, Any]:
    """The figures the settlement must show, by the rule of docs/settlement.md."""
    net: dict[int | None, int] = defaultdict(int)
    shares: dict[int | None, int] = {}
    out: dict[str, int] = defaultdict(int)
    adjustments = 0
    # (community, made, arrived, amount, eligible, its sale's time): sales, then refunds
    sales = [
        (c, _t(sale["created_at"]), received, sale["total_fen"] - sale.get("rounding_fen", 0),
         eligible, _t(sale["created_at"]))
        for c, received, eligible, sale in raw.orders.values()
    ] + [
        (c, _t(body["created_at"]), arrived,
         sum(ln["unit_price_fen"] * ln["quantity"] - ln["discount_fen"] for ln in body["lines"]),
         eligible, _t(body["created_at"]))
        for c, arrived, eligible, body in raw.online.values()
    ]  # fmt: skip
    refunds = [
        (raw.orders[sid][0], _t(refund["created_at"]), received,
         sum(ln["amount_fen"] for ln in refund["lines"]), eligible,
         _t(raw.orders[sid][3]["created_at"]))
        for sid, received, eligible, refund in raw.refunds
    ] + [
        (raw.online[oid][0], created, arrived, amount, eligible,
         _t(raw.online[oid][3]["created_at"]))
        for oid, created, arrived, eligible, amount, _rid in raw.online_refunds
        if oid in raw.online  # an order nobody attributed counts for no community (yet)
    ]  # fmt: skip
    for sign, records in ((1, sales), (-1, refunds)):
        for c, created, arrived, amount, eligible, sold in records:
            if c != community or raw.period_of(c, created, arrived, month, as_of) != month:
                continue
            v = raw.version(c, sold)
            net[v[0] if v else None] += sign * amount
            if v:
                shares[v[0]] = v[1]
            out["eligible_fen"] += sign * eligible
            if sign > 0:
                out["orders"] += 1
                out["gross_sales_fen"] += amount
                adjustments += _month(created) != month
            else:
                out["refunds_fen"] += amount
                adjustments += _month(created) != month or _month(sold) < month
    out["net_revenue_fen"] = out["gross_sales_fen"] - out["refunds_fen"]
    out["share_fen"] = sum(n * shares[v] // 10_000 for v, n in net.items() if v is not None)
    since_month = month
    for resident, kind, points, sale_id, at in raw.ledger:
        if as_of is not None and at > as_of:
            continue
        if raw.resident_community.get(resident) == community and _month(at) <= since_month:
            out["points_liability"] += points
        place = raw.orders.get(sale_id or "") or raw.online.get(sale_id or "")
        if place is None or place[0] != community:
            continue
        if _month(at) != month:
            continue
        if kind in ("earn", "claim"):
            out["points_issued"] += points
        elif kind == "clawback":
            out["points_clawed_back"] -= points
    for resident, points, at in raw.redemptions:
        if as_of is not None and at > as_of:
            continue
        if raw.resident_community.get(resident) == community and _month(at) == month:
            out["points_redeemed"] += points
    out["points_net"] = out["points_issued"] - out["points_clawed_back"]
    out["adjustments"] = adjustments
    return {k: v for k, v in out.items() if v}


FIGURES = (
    "orders",
    "gross_sales_fen",
    "refunds_fen",
    "net_revenue_fen",
    "eligible_fen",
    "share_fen",
    "points_issued",
    "points_clawed_back",
    "points_net",
    "points_redeemed",
    "points_liability",
)


def figures_of(document: dict[str, Any]) -> dict[str, Any]:
    """The document's headline figures, with its count of adjustment lines."""
    found = {k: document[k] for k in FIGURES}
    found["adjustments"] = len(document["adjustments"])
    return {k: v for k, v in found.items() if v}
