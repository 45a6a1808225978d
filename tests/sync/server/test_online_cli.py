"""The command line of the online shop's orders: an online-shop token issued like the
others, `online unattributed`, `online attribute` (audited, final), and `online
geofence` (checked before anything is stored)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sync.server.__main__ import main
from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.db import Database
from sync.server.models.partners import Community
from sync.server.online_attribution import audit
from tests.sync.server.geo_fixtures import FENCES, HOLED, LEFT, RIGHT
from tests.sync.server.online_helpers import (
    IN_NOTCH,
    IN_OVERLAP,
    SECOND,
    TEA,
    add_fenced_communities,
    contract_points,
    order_body,
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_shop_token_from_the_command_line_pushes_orders_and_the_cli_attributes_them(
    sqlite_demo_url: Callable[[], str], capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_demo_url()
    db = Database(url)
    add_fenced_communities(db)
    code, out, _ = _run(capsys, "token", "issue", "--role", "online-shop", "--label", "shop",
                        "--db", url)  # fmt: skip
    token = out.strip()
    assert code == 0 and token.startswith("yca1_")
    earlier = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=10)
    overlap = order_body([(TEA, 1)], point=IN_OVERLAP, when=earlier)  # listed first
    outside = order_body([(TEA, 2)], point=IN_NOTCH, resident=None)
    with TestClient(create_app(Settings(database_url=url))) as client:
        headers = {"Authorization": f"Bearer {token}"}
        for body in (overlap, outside):
            response = client.post("/api/v1/online/orders", json=body, headers=headers)
            assert response.status_code == 200, response.text
        # the shop's token reaches nothing else
        other = client.get("/api/v1/companies/P001/residents", headers=headers)
        assert (other.status_code, other.json()["code"]) == (403, "out_of_scope")

    code, out, _ = _run(capsys, "online", "unattributed", "--db", url)
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0
    assert [(r[0], r[2], r[3], r[5]) for r in rows] == [
        (overlap["order_id"], "overlap", f"{LEFT},{RIGHT}", "12800"),
        (outside["order_id"], "outside", "-", "25600"),
    ]
    code, out, _ = _run(capsys, "online", "attribute", overlap["order_id"], "--community", LEFT,
                        "--note", "业主确认", "--by", "ops-li", "--db", url)  # fmt: skip
    points = contract_points(12800, SECOND)
    assert (code, out) == (0, f"{overlap['order_id']} attributed to {LEFT}: {points} points\n")
    code, _, err = _run(capsys, "online", "attribute", overlap["order_id"], "--community", RIGHT,
                        "--db", url)  # fmt: skip
    assert code == 1 and "order_attributed" in err
    code, _, err = _run(capsys, "online", "attribute", outside["order_id"], "--community", "C777",
                        "--db", url)  # fmt: skip
    assert code == 1 and "not_found" in err
    assert _run(capsys, "online", "attribute", "--community", LEFT, "--db", url)[0] == 1
    assert _run(capsys, "online", "unattributed", "--db", url)[1].startswith(outside["order_id"])
    with db.read() as session:
        (row,) = audit(session, order_id=overlap["order_id"])
        assert (row.by, row.note, row.points, row.previous_status) == (
            "cli ops-li", "业主确认", points, "overlap")  # fmt: skip
    db.dispose()


def test_an_online_shop_token_takes_no_scope(
    sqlite_demo_url: Callable[[], str], capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_demo_url()
    code, out, err = _run(capsys, "token", "issue", "--role", "online-shop", "--company", "P001",
                          "--db", url)  # fmt: skip
    assert (code, out) == (1, "") and "pushes orders only" in err


def test_a_geofence_is_checked_before_it_is_stored(
    sqlite_demo_url: Callable[[], str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = sqlite_demo_url()
    good, bad = tmp_path / "good.geojson", tmp_path / "bad.geojson"
    good.write_text(json.dumps({"type": "Feature", "geometry": FENCES[HOLED]}), encoding="utf-8")
    unclosed = {"type": "Polygon", "coordinates": [FENCES[HOLED]["coordinates"][0][:-1]]}
    bad.write_text(json.dumps(unclosed), encoding="utf-8")
    db = Database(url)
    with db.read() as session:
        before = session.get(Community, "C001").geofence  # type: ignore[union-attr]
    code, _, err = _run(capsys, "online", "geofence", "--community", "C001", "--file", str(bad),
                        "--db", url)  # fmt: skip
    assert code == 1 and "coordinates[0]: the ring is not closed" in err
    with db.read() as session:
        assert session.get(Community, "C001").geofence == before  # type: ignore[union-attr]
    code, out, _ = _run(capsys, "online", "geofence", "--community", "C001", "--file", str(good),
                        "--db", url)  # fmt: skip
    assert (code, out) == (0, "geofence of C001 stored\n")
    with db.read() as session:
        stored = session.get(Community, "C001").geofence  # type: ignore[union-attr]
    assert json.loads(stored or "") == FENCES[HOLED]  # the Feature's geometry
    assert _run(capsys, "online", "geofence", "--community", "C001", "--db", url)[0] == 1
    db.dispose()
