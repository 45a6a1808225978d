"""Builders for the promotion tests: definitions as docs/promotions.md writes them,
an operations token, and a sale whose lines carry the promotions a till applied
(each line's discount, the totals, the payment and the till's points follow)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from sync.server import tokens
from sync.server.db import Database
from sync.server.tokens import Role

TEA_SKU, WATER_SKU, RICE_SKU = "YC-TEA-0002", "YC-WAT-0001", "YC-GRN-0001"

#: 茶叶9折: 10% off the tea category
TEA10: dict[str, Any] = {
    "id": "P_TEA9",
    "name": "茶叶9折",
    "kind": "percent_off",
    "percent_bps": 1000,
    "scope": {"categories": ["tea"], "skus": []},
}
#: 大米会员价: members pay ¥80.00 for the rice
RICE_MEMBER: dict[str, Any] = {
    "id": "M_RICE",
    "name": "大米会员价",
    "kind": "special_price",
    "price_fen": 8000,
    "members_only": True,
    "scope": {"categories": [], "skus": [RICE_SKU]},
}


def ops_token(db: Database) -> str:
    with db.write() as session:
        return tokens.issue(session, role=Role.OPERATIONS, now=datetime.now(UTC)).token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def create(
    client: TestClient,
    token: str,
    definition: Mapping[str, Any],
    *,
    stores: Sequence[str] = (),
    budget_fen: int | None = None,
) -> Any:
    body: dict[str, Any] = {"definition": dict(definition), "stores": list(stores)}
    if budget_fen is not None:
        body["budget_fen"] = budget_fen
    # json.dumps escapes what UTF-8 cannot carry (a lone surrogate): the server must see it
    content = json.dumps(body).encode("ascii")
    headers = {**bearer(token), "Content-Type": "application/json"}
    return client.post("/api/v1/promotions", content=content, headers=headers)


def promoted(
    sale: dict[str, Any],
    savings: Mapping[int, Sequence[tuple[str, int]]],
    *,
    event_id: str | None = None,
    points_bps: tuple[int, int] = (1000, 3000),
) -> dict[str, Any]:
    """`sale` with these promotions on its lines: line_no → [(promotion id, saving)].

    Each saving goes into the line's discount and off the totals; the payment, the
    eligible amount and the till's points are made to agree (the contract's
    share_bps, points_bps when a member buys)."""
    off = 0
    for line in sale["lines"]:
        applied = savings.get(line["line_no"], ())
        line["promotions"] = [{"id": pid, "saving_fen": fen} for pid, fen in applied]
        line["discount"] += sum(fen for _, fen in applied)
        off += sum(fen for _, fen in applied)
    sale["discount_fen"] += off
    sale["total_fen"] -= off
    sale["eligible_fen"] -= off
    payment = sale["payments"][0]
    payment["amount_fen"] = sale["total_fen"]
    sale["change_fen"] = payment["tendered_fen"] - payment["amount_fen"]
    if sale["member"] is not None:
        share, points = points_bps
        sale["points"] = sale["eligible_fen"] * share * points // 100_000_000
    if event_id is not None:
        sale["event_id"] = event_id
    return sale
