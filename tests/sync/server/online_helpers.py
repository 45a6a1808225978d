"""Builders for the online-order tests: the hand-made fenced communities (under P001,
each with two contract versions), the shop's and operations' tokens, order bodies,
and the contract formula written out independently of the server's code."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from pos_app.core.gcj02 import wgs84_to_gcj02
from sync.server import tokens
from sync.server.db import Database
from sync.server.models.partners import Community, ContractVersion
from sync.server.tokens import Role
from tests.sync.server.geo_fixtures import fence_texts

#: when the second contract version of every fenced community starts (the first: Jan 2026)
SECOND_VERSION = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
FIRST = (1000, 3000)  # share_bps, points_bps
SECOND = (1200, 5000)
#: (sku, unit price fen, eligible) of the demo catalog
TEA = ("YC-TEA-0002", 12800, True)
WATER = ("YC-WAT-0001", 200, True)
RICE = ("YC-GRN-0001", 8990, True)
LOTTERY = ("YC-LOT-0001", 500, False)
#: points of the well-placed points of geo_fixtures
IN_HOLED = (114.301, 30.581)
IN_OVERLAP = (114.348, 30.585)
IN_NOTCH = (114.328, 30.588)


def add_fenced_communities(db: Database) -> None:
    with db.write() as session:
        for community_id, fence in fence_texts().items():
            session.add(
                Community(
                    id=community_id, name=community_id, property_company_id="P001", geofence=fence
                )
            )
        session.flush()
        for community_id in fence_texts():
            for start, (share, pts) in (
                (datetime(2026, 1, 1, tzinfo=UTC), FIRST),
                (SECOND_VERSION, SECOND),
            ):
                session.add(
                    ContractVersion(
                        community_id=community_id,
                        effective_from=start,
                        share_bps=share,
                        points_bps=pts,
                    )
                )


def issue(db: Database, role: Role) -> str:
    with db.write() as session:
        return tokens.issue(session, role=role, now=datetime.now(UTC)).token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def order_body(
    lines: Sequence[tuple[tuple[str, int, bool], int] | tuple[tuple[str, int, bool], int, int]],
    *,
    point: tuple[float, float] = IN_HOLED,
    crs: str = "wgs84",
    resident: str | None = "R0001",
    when: datetime | None = None,
    order_id: str | None = None,
) -> dict[str, Any]:
    """((sku, price, eligible), quantity[, discount]) per line; a GCJ-02 point is converted
    here from the WGS-84 one given, as a Chinese map would show it."""
    when = when or datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    lon, lat = wgs84_to_gcj02(*point) if crs == "gcj02" else point
    body_lines = []
    for n, line in enumerate(lines, start=1):
        (sku, price, _), qty = line[0], line[1]
        discount = line[2] if len(line) == 3 else 0  # type: ignore[misc]
        body_lines.append(
            {
                "line_no": n,
                "sku": sku,
                "quantity": qty,
                "unit_price_fen": price,
                "discount_fen": discount,
            }
        )
    return {
        "order_id": order_id or f"WX-{uuid.uuid4().hex[:20]}",
        "created_at": when.isoformat(),
        "delivery": {"lon": lon, "lat": lat, "crs": crs},
        "resident_id": resident,
        "lines": body_lines,
        "total_fen": sum(
            ln["unit_price_fen"] * ln["quantity"] - ln["discount_fen"] for ln in body_lines
        ),
    }


def eligible_of(body: dict[str, Any]) -> int:
    eligible = {TEA[0]: True, WATER[0]: True, RICE[0]: True, LOTTERY[0]: False}
    return sum(
        ln["unit_price_fen"] * ln["quantity"] - ln["discount_fen"]
        for ln in body["lines"]
        if eligible[ln["sku"]]
    )


def contract_points(eligible_fen: int, contract: tuple[int, int]) -> int:
    """MISSION.md: floor(eligible × share_bps × points_bps / 100,000,000)."""
    share, pts = contract
    return eligible_fen * share * pts // 100_000_000
