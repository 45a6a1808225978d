"""`yuancang-central`: init, enroll, issue-qr, revoke-terminal, revoke-resident, load-catalog."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from pos_app.core.demo_data import DEMO_KEY_ID, demo_code, demo_key, demo_key_ring_setting
from pos_app.core.membership import parse_key_ring, verify_code
from sync.server import crud
from sync.server.__main__ import main
from sync.server.app import create_app
from sync.server.changelog import ChangeLog
from sync.server.config import Settings
from sync.server.db import Database
from sync.server.devtools import LocalPostgres, enrollment_code
from sync.server.keys import SigningKey, write_key_file
from sync.server.models.catalog import Category, Price
from sync.server.models.changes import Change
from sync.server.models.residents import Revocation
from sync.server.models.terminals import MembershipKey, Terminal
from sync.server.personal_data import read_key_file
from sync.server.seed import load_demo
from tests.sync.server.helpers import TEA, enroll, sale_payload


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_creates_the_schema_and_a_private_signing_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    code, out, _ = _run(capsys, "init", "--db", url)
    assert code == 0 and "created" in out
    key_file = tmp_path / "central.db.signing-key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key_id = json.loads(key_file.read_text())["key_id"]
    db = Database(url)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Category)) == 15
        assert [k.key_id for k in session.scalars(select(MembershipKey))] == [key_id]
    db.dispose()
    code, out, _ = _run(capsys, "init", "--db", url)  # again: harmless, key kept
    assert code == 0 and "kept" in out and json.loads(key_file.read_text())["key_id"] == key_id


def test_a_key_file_others_can_read_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    assert _run(capsys, "init", "--db", url)[0] == 0
    os.chmod(tmp_path / "central.db.signing-key", 0o644)
    code, _, err = _run(capsys, "init", "--db", url)
    assert code == 1 and "chmod 600" in err


def test_demo_enroll_issue_qr_and_revoke(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    assert _run(capsys, "init", "--db", url, "--demo")[0] == 0
    code, out, err = _run(capsys, "enroll", "--db", url, "--store", "S001", "--terminal", "t02")
    assert code == 0 and "S001/T02" in err
    enrollment = out.strip()
    assert len(enrollment) == 14 and enrollment.count("-") == 2
    with TestClient(create_app(Settings(database_url=url))) as client:
        till = enroll(client, enrollment)
        assert till.enrolled["terminal_code"] == "T02"

        png = tmp_path / "r0001.png"
        code, out, _ = _run(capsys, "issue-qr", "--db", url, "R0001", "--png", str(png))
        assert code == 0 and png.read_bytes().startswith(b"\x89PNG")
        claims = verify_code(
            out.strip(),
            public_keys=parse_key_ring(demo_key_ring_setting()),  # demo tills trust it
            now=int(datetime.now(UTC).timestamp()),
            property_company_id="P001",
        )
        assert (claims.resident_id, claims.community_id) == ("R0001", "C001")
        assert _run(capsys, "issue-qr", "--db", url, "R9999")[0] == 1

        assert (
            _run(capsys, "revoke-terminal", "--db", url, "--store", "S001", "--terminal", "T02")[0]
            == 0
        )
        assert till.get("/changes").json()["code"] == "terminal_revoked"
        assert (
            _run(capsys, "revoke-terminal", "--db", url, "--store", "S001", "--terminal", "T02")[0]
            == 1
        )
    assert _run(capsys, "revoke-resident", "--db", url, "R0003", "--reason", "moved")[0] == 0
    assert _run(capsys, "enroll", "--db", url, "--store", "S404", "--terminal", "T01")[0] == 1
    db = Database(url)
    with db.read() as session:
        assert session.get(Revocation, "R0003") is not None
        assert session.scalar(select(func.count()).select_from(Terminal)) == 1
    db.dispose()


def test_load_catalog_is_all_or_nothing_and_logs_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    assert _run(capsys, "init", "--db", url, "--demo")[0] == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "sku,barcodes,name,category,unit,price\n"
        "yc-tea-0001,,恩施玉露 新包装,tea,盒,150.00\n"
        "NEW-1,6900000000001,坏条码,tea,盒,1.00\n",
        encoding="utf-8",
    )
    code, _, err = _run(capsys, "load-catalog", "--db", url, str(bad))
    assert code == 1 and "bad_barcode" in err
    good = tmp_path / "good.csv"
    good.write_text(
        "货号,条码,名称,分类,单位,售价\nyc-tea-0001,,恩施玉露 新包装,茶叶,盒,150.00\n",
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, "load-catalog", "--db", url, str(good))
    assert code == 0 and "0 new, 1 updated" in out
    db = Database(url)
    with db.read() as session:
        price = session.get(Price, "YC-TEA-0001")  # the stored spelling of the SKU is kept
        assert price is not None and price.price_fen == 15000
        rows = session.scalars(select(Change).where(Change.key == "YC-TEA-0001")).all()
        assert len(rows) == 1 and json.loads(rows[0].data or "{}")["price_fen"] == 15000
    db.dispose()


def test_init_on_postgresql(
    pg_cluster: LocalPostgres, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_cluster.create_database("yc_cli_init")
    key = tmp_path / "central.key"
    assert _run(capsys, "init", "--db", url, "--demo", "--key-file", str(key))[0] == 0
    assert _run(capsys, "init", "--db", url, "--demo", "--key-file", str(key))[0] == 0
    code, out, _ = _run(capsys, "issue-qr", "--db", url, "--key-file", str(key), "R0005")
    assert code == 0 and out.startswith("YCM1.")


def _anonymous_sale_claim(client: TestClient, url: str, member_code: str) -> dict[str, str]:
    till = enroll(client, enrollment_code(url))
    sale = sale_payload([(TEA, 1)], when=datetime.now(UTC) - timedelta(hours=1))
    assert till.push_ok([till.next_item("sale", sale)])[0]["status"] == "accepted"
    response = till.post(
        "/claims", {"claim_code": till.claim_code(sale), "member_code": member_code}
    )
    return response.json()  # type: ignore[no-any-return]


def test_a_production_server_never_trusts_the_demo_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], central_personal_key: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    assert _run(capsys, "init", "--db", url)[0] == 0
    db = Database(url, personal_keys=read_key_file(central_personal_key))
    with db.write() as session:  # the demo's companies and residents, not its key
        load_demo(session, now=datetime.now(UTC), changes=ChangeLog())
    with db.read() as session:
        assert DEMO_KEY_ID not in crud.membership_keys(session)
    db.dispose()
    with TestClient(create_app(Settings(database_url=url))) as client:
        refused = _anonymous_sale_claim(client, url, demo_code("R0001"))
    assert refused == {"code": "member_code_invalid", "message": "qr_forged"}
    # nor can it be brought in later: by --demo, or by a key file holding the demo key
    code, _, err = _run(capsys, "init", "--db", url, "--demo")
    assert code == 1 and "without --demo" in err
    demo_file = tmp_path / "demo.key"
    write_key_file(demo_file, SigningKey(DEMO_KEY_ID, demo_key()))
    code, _, err = _run(capsys, "init", "--db", url, "--key-file", str(demo_file))
    assert code == 1 and "public demo key" in err
    db = Database(url)
    with db.read() as session:
        assert DEMO_KEY_ID not in crud.membership_keys(session)
    db.dispose()


def test_a_retired_key_is_refused_and_tills_hear_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    assert _run(capsys, "init", "--db", url, "--demo")[0] == 0
    with TestClient(create_app(Settings(database_url=url))) as client:
        till = enroll(client, enrollment_code(url, terminal="T09"))
        cursor = till.get("/changes", params={"limit": 5000}).json()["next_cursor"]
        assert _run(capsys, "retire-key", "--db", url, DEMO_KEY_ID) == (
            0, f"membership key {DEMO_KEY_ID} retired\n", ""
        )  # fmt: skip
        feed = till.get("/changes", params={"cursor": cursor}).json()["changes"]
        assert [(c["kind"], c["op"], c["key"], c["data"]) for c in feed] == [
            ("membership_key", "delete", DEMO_KEY_ID, None)
        ]
        fresh = till.get("/changes", params={"limit": 5000}).json()["changes"]
        assert [c["key"] for c in fresh if c["kind"] == "membership_key"] == [DEMO_KEY_ID]
        assert DEMO_KEY_ID not in enroll(client, enrollment_code(url)).enrolled["membership_keys"]
        refused = _anonymous_sale_claim(client, url, demo_code("R0001"))
    assert refused == {"code": "member_code_invalid", "message": "qr_forged"}
    code, _, err = _run(capsys, "issue-qr", "--db", url, "R0001")  # the key file's key is demo1
    assert code == 1 and "retired" in err
    assert _run(capsys, "retire-key", "--db", url, DEMO_KEY_ID)[1].endswith("already retired\n")
    assert _run(capsys, "retire-key", "--db", url, "k-nope")[0] == 1


def test_central_db_and_its_wal_are_private(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "data" / "central.db"
    url = f"sqlite:///{path}"
    old = os.umask(0o022)  # a permissive umask, as on most servers
    try:
        assert _run(capsys, "init", "--db", url)[0] == 0
        db = Database(url)
        with db.write() as session:  # a writer keeps -wal and -shm in place
            session.execute(text("CREATE TABLE IF NOT EXISTS probe (x)"))
            modes = {
                p.name: stat.S_IMODE(p.stat().st_mode)
                for p in path.parent.iterdir()
                if p.name.startswith("central.db")
            }
        db.dispose()
    finally:
        os.umask(old)
    assert modes == {
        "central.db": 0o600,
        "central.db-wal": 0o600,
        "central.db-shm": 0o600,
        "central.db.signing-key": 0o600,
    }


def test_init_demo_promotions_and_event_are_the_demo_tills_and_go_down_the_feed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pos_app.core.demo_data import demo_events, demo_promotions
    from sync.server.promotions import list_promotions

    url = f"sqlite:///{tmp_path / 'central.db'}"
    code, _, _ = _run(capsys, "init", "--db", url, "--demo", "--demo-promotions")
    assert code == 0
    db = Database(url)
    try:
        with db.read() as session:
            listed = {p.id: p for p in list_promotions(session)}
            feed = session.scalars(select(Change).where(Change.kind == "promotion")).all()
            event_feed = session.scalars(select(Change).where(Change.kind == "event")).all()
    finally:
        db.dispose()
    assert sorted(listed) == sorted(d["id"] for d in demo_promotions())
    assert sorted(c.key for c in feed) == sorted(listed)
    # and its tasting event, so that the demo till's event records are accepted
    assert [c.key for c in event_feed] == [e["event_id"] for e in demo_events()]
    # without the flag (the tests' demo): no promotion, the shelf prices stand
    plain = f"sqlite:///{tmp_path / 'plain.db'}"
    assert _run(capsys, "init", "--db", plain, "--demo")[0] == 0
    db = Database(plain)
    try:
        with db.read() as session:
            assert list_promotions(session) == []
    finally:
        db.dispose()
