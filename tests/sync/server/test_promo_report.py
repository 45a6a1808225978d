"""A promotion's results (sync/server/promo_report.py) through the API and
`yuancang-central promotions`: orders, discount given, the sales uplift of its
products against the period before; and the order lines the report reads,
backfilled by migration 0011; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import select

from sync.server.__main__ import main
from sync.server.db import Database, alembic_config, writer
from sync.server.models.promotions import OrderLine
from tests.sync.server.helpers import RICE, TEA, WATER, Till, sale_payload
from tests.sync.server.promo_helpers import TEA10, bearer, create, ops_token, promoted

NOW = datetime.now(UTC).replace(microsecond=0)
#: NOW is each test's own moment (conftest `fresh_now`), not the collection's
pytestmark = pytest.mark.usefixtures("fresh_now")


def _push(till: Till, sale: dict[str, Any]) -> None:
    assert till.push_ok([till.next_item("sale", sale)])[0]["status"] == "accepted"


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def test_orders_discount_and_uplift_against_the_period_before(
    client: TestClient, db: Database, till: Till, new_till: Callable[..., Till]
) -> None:
    token = ops_token(db)
    create(client, token, TEA10, stores=["S001"])
    # before: one tea and some water (not a promoted product); stored, points held
    _push(till, sale_payload([(TEA, 1), (WATER, 3)], when=NOW - timedelta(hours=2)))
    # during: two promoted sales and one without the promotion's products
    _push(till, promoted(sale_payload([(TEA, 2)]), {1: [("P_TEA9", 2560)]}))
    _push(till, promoted(sale_payload([(TEA, 1), (RICE, 1)]), {1: [("P_TEA9", 1280)]}))
    _push(till, sale_payload([(WATER, 5)]))
    # tea sold in a store the promotion is not for counts for nothing
    elsewhere = new_till("S002", "T01")
    _push(elsewhere, sale_payload([(TEA, 4)], store="S002"))
    since, until = NOW - timedelta(hours=1), NOW + timedelta(hours=1)
    answer = client.get(
        f"/api/v1/promotions/P_TEA9/report?since={_iso(since)}&until={_iso(until)}",
        headers=bearer(token),
    )
    assert answer.status_code == 200, answer.text
    r = answer.json()
    assert (r["orders"], r["discount_fen"], r["claimed_fen"], r["given_fen"]) == (
        2, 3840, 3840, 3840)  # fmt: skip
    assert r["sales_fen"] == 3 * 12800 - 3840  # tea only, as paid
    assert r["previous_sales_fen"] == 12800
    assert r["previous_since"] == _iso(NOW - timedelta(hours=3))
    assert r["uplift_fen"] == 34560 - 12800
    assert r["uplift_bps"] == (34560 - 12800) * 10_000 // 12800  # 16,999 bps: +169.99 %
    # a period that ends before it starts
    other = client.get(
        f"/api/v1/promotions/P_TEA9/report?since={_iso(until)}&until={_iso(since)}",
        headers=bearer(token),
    )
    assert (other.status_code, other.json()["code"]) == (422, "promotion_invalid")
    missing = client.get("/api/v1/promotions/NOPE/report", headers=bearer(token))
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")


def test_nothing_sold_before_gives_no_uplift_ratio(
    client: TestClient, db: Database, till: Till
) -> None:
    token = ops_token(db)
    create(client, token, TEA10)
    _push(till, promoted(sale_payload([(TEA, 1)]), {1: [("P_TEA9", 1280)]}))
    r = client.get("/api/v1/promotions/P_TEA9/report", headers=bearer(token)).json()
    # its own period: from its creation until now
    assert (r["orders"], r["sales_fen"], r["previous_sales_fen"]) == (1, 11520, 0)
    assert (r["uplift_fen"], r["uplift_bps"]) == (11520, None)


def test_the_command_line_creates_pauses_lists_and_reports(
    client: TestClient, db_url: str, db: Database, till: Till, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    promo = tmp_path / "promo.json"
    promo.write_text(json.dumps(TEA10, ensure_ascii=False), encoding="utf-8")

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["promotions", *argv, "--db", db_url])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, _ = run("create", "--file", str(promo), "--stores", "S001,S002", "--budget", "50000")
    assert (code, out) == (0, "create: P_TEA9 active 茶叶9折\n")
    _push(till, promoted(sale_payload([(TEA, 1)]), {1: [("P_TEA9", 1280)]}))
    assert run("list")[1] == "P_TEA9\tactive\tpercent_off\tS001,S002\t12.80/500.00\t茶叶9折\n"
    assert run("list", "--store", "S003")[1] == ""
    code, out, _ = run("report", "P_TEA9")
    assert code == 0
    assert "orders          1\n" in out and "discount        12.80  (tills claimed 12.80)" in out
    assert "sales           115.20\n" in out and "uplift          115.20  -\n" in out
    assert run("pause", "P_TEA9")[:2] == (0, "pause: P_TEA9 paused 茶叶9折\n")
    changes = till.get("/changes").json()["changes"]
    assert [c["data"]["status"] for c in changes if c["kind"] == "promotion"] == ["paused"]
    assert run("end", "P_TEA9")[:2] == (0, "end: P_TEA9 ended 茶叶9折\n")
    code, _, err = run("resume", "P_TEA9")
    assert (code, err) == (1, "error: promotion P_TEA9 is ended: cannot resume\n")
    code, _, err = run("create", "--file", str(promo))
    assert (code, err) == (1, "error: a promotion P_TEA9 exists already\n")
    promo.write_text('{"id": "X", "kind": "percent_off"}', encoding="utf-8")
    code, _, err = run("create", "--file", str(promo))
    assert (code, err) == (1, "error: the promotion's percent_bps is not valid\n")
    assert run("pause")[0] == 1  # no id


def test_the_migration_backfills_the_order_lines_of_stored_sales(db: Database, till: Till) -> None:
    sale = sale_payload([(TEA, 1), (WATER, 2), (RICE, 1)], discount_line=(2, 100), void_line=3)
    _push(till, sale)
    cfg = alembic_config(writer(db.engine))
    command.downgrade(cfg, "0010")
    command.upgrade(cfg, "head")
    with db.read() as session:
        rows = session.execute(
            select(OrderLine.line_no, OrderLine.sku, OrderLine.amount_fen, OrderLine.created_at)
            .where(OrderLine.sale_id == sale["sale_id"])
            .order_by(OrderLine.line_no)
        ).all()
    when = datetime.fromisoformat(sale["created_at"])
    assert [tuple(r) for r in rows] == [
        (1, TEA.sku, 12800, when), (2, WATER.sku, 300, when)]  # fmt: skip


def test_a_bundles_products_are_its_skus(client: TestClient, db: Database, till: Till) -> None:
    token = ops_token(db)
    bundle = {"id": "B_TEA_RICE", "name": "茶米套餐", "kind": "bundle", "price_fen": 20000,
              "bundle": [{"sku": TEA.sku, "count": 1}, {"sku": RICE.sku, "count": 1}]}  # fmt: skip
    assert create(client, token, bundle).status_code == 200
    _push(till, sale_payload([(TEA, 1), (WATER, 2), (RICE, 1)]))
    since, until = NOW - timedelta(hours=1), NOW + timedelta(hours=1)
    r = client.get(
        f"/api/v1/promotions/B_TEA_RICE/report?since={_iso(since)}&until={_iso(until)}",
        headers=bearer(token),
    ).json()
    assert (r["orders"], r["sales_fen"]) == (0, 12800 + 8990)  # the water is not its
