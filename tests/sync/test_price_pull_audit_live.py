"""Prices pulled from the real central server (on loopback) are audited as a catalog
import's are (pos_app/persistence/price_audit.py): a `price_change` entry per SKU
whose price or member price the pull changed (source "sync", the server's change
number as the catalog version), a `catalog_sync` entry counting them, written in
the page's transaction (the hash chain stays whole); a new product and an
unchanged price record nothing; the bound holds per pull and is counted past."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from pos_app.app import AppContext, build_context
from pos_app.persistence import price_audit
from pos_app.services.audit import verify_chain
from sync.server.db import Database
from sync.server.devtools import ServerProcess

ROOT = Path(__file__).resolve().parents[2]
HEADER = "sku,barcodes,name,category,unit,price,member_price,plu,active"


def load_on_server(server: ServerProcess, tmp_path: Path, rows: list[str]) -> None:
    """`yuancang-central load-catalog`, as the operations desk changes prices."""
    path = tmp_path / f"prices-{len(list(tmp_path.glob('prices-*')))}.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "sync.server", "load-catalog", "--db", server.database_url,
         str(path)],
        cwd=ROOT, env=dict(os.environ), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def version_on_server(server: ServerProcess, sku: str) -> int:
    db = Database(server.database_url, pool_size=1, max_overflow=0)
    try:
        with db.read() as session:
            sql = "SELECT max(seq) FROM changes WHERE kind = 'product' AND key = :sku"
            return int(session.execute(text(sql), {"sku": sku}).scalar_one())
    finally:
        db.dispose()


def audited(context: AppContext, kind: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    return [
        (e.terminal, e.actor, e.subject, e.details)
        for e in reversed(context.audit.recent(10_000, kind=kind))
    ]


@pytest.fixture
def till(live_server: ServerProcess, data_dir: Path) -> Iterator[AppContext]:
    context = build_context(data_dir, demo=False)  # an empty till: its catalog comes by sync
    context.sync.enroll(live_server.url, live_server.enrollment_code())
    assert context.sync.sync_once().error is None
    assert context.catalog.repo.count() > 200  # the whole demo catalog arrived
    assert audited(context, "price_change") == audited(context, "catalog_sync") == []
    yield context
    context.close()


def test_a_pulled_price_change_is_audited_with_its_version(
    till: AppContext, live_server: ServerProcess, tmp_path: Path
) -> None:
    load_on_server(live_server, tmp_path, [
        "YC-WAT-0001,6975321000012,硒泉水 550ml,water,瓶,2.20,1.90,,1",  # price 2.00 → 2.20
        "YC-WAT-0004,6975321000043,硒泉水 1.5L,water,瓶,4.50,3.99,,1",  # member 4.20 → 3.99
        "YC-WAT-0003,6975321000036,硒泉水 350ml×24瓶,water,箱,36.00,,,1",  # unchanged
        "YC-NEW-0001,6975321000999,新品矿泉水,water,瓶,3.00,,,1",  # new: no price changed
    ])  # fmt: skip
    status = till.sync.sync_once()
    assert status.error is None and status.pulled >= 2
    v1, v4 = (version_on_server(live_server, s) for s in ("YC-WAT-0001", "YC-WAT-0004"))
    code = till.settings.terminal.code
    assert code  # the enrolled till's own code names the entries
    assert audited(till, "price_change") == [
        (code, "sync", "YC-WAT-0001", {"old_fen": 200, "new_fen": 220, "old_member_fen": 190,
                                       "new_member_fen": 190, "source": "sync", "version": v1}),
        (code, "sync", "YC-WAT-0004", {"old_fen": 450, "new_fen": 450, "old_member_fen": 420,
                                       "new_member_fen": 399, "source": "sync", "version": v4}),
    ]  # fmt: skip
    ((_t, actor, subject, details),) = audited(till, "catalog_sync")
    assert (actor, subject) == ("sync", "central")
    assert details["prices_changed"] == details["recorded"] == 2
    assert details["products"] == status.pulled  # every product of the page, new ones too
    assert details["first_version"] <= min(v1, v4) and details["last_version"] >= max(v1, v4)
    water = till.catalog.repo.by_sku("YC-WAT-0001")
    assert water is not None and water.price.fen == 220  # applied, as audited
    report = verify_chain(till.data_dir)
    assert report.problem is None and report.length > 0

    assert till.sync.sync_once().pulled == 0  # nothing new: nothing more recorded
    assert len(audited(till, "price_change")) == 2


def test_the_entries_are_bounded_per_pull_and_counted_past_the_bound(
    till: AppContext, live_server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(price_audit, "MAX_PRICE_ENTRIES", 1)
    load_on_server(live_server, tmp_path, [
        "YC-WAT-0001,6975321000012,硒泉水 550ml,water,瓶,2.10,1.90,,1",
        "YC-WAT-0004,6975321000043,硒泉水 1.5L,water,瓶,4.60,4.20,,1",
    ])  # fmt: skip
    assert till.sync.sync_once().error is None
    assert [s for _t, _a, s, _d in audited(till, "price_change")] == ["YC-WAT-0001"]
    ((*_, details),) = audited(till, "catalog_sync")
    assert (details["prices_changed"], details["recorded"]) == (2, 1)

    load_on_server(live_server, tmp_path, [  # the next pull has its own allowance
        "YC-WAT-0004,6975321000043,硒泉水 1.5L,water,瓶,4.70,4.20,,1",
    ])  # fmt: skip
    assert till.sync.sync_once().error is None
    changes = audited(till, "price_change")
    assert [(s, d["old_fen"], d["new_fen"]) for _t, _a, s, d in changes] == [
        ("YC-WAT-0001", 200, 210),
        ("YC-WAT-0004", 460, 470),
    ]
