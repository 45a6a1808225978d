"""Staff on the central server: `yuancang-central staff add|list|disable`
hashes the PIN with argon2id; the tills of the store's community pull the
hash (change kind "staff"), never the PIN, and a till signs in with it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import text

from pos_app.core.errors import ErrorCode, PosError
from sync.protocol.changes import ChangesResponse
from sync.server.__main__ import main
from sync.server.db import Database
from sync.server.models.partners import StaffMember
from tests.sync.server.helpers import Till


def _run(
    capsys: pytest.CaptureFixture[str], monkeypatch, *argv: str, stdin: str = ""
) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))  # a pipe: the PIN on one line
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_staff_cli_add_list_disable(db_url: str, db: Database, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = _run(capsys, monkeypatch, "staff", "list", "--db", db_url, "--store", "S001")
    assert code == 0
    assert [line.split("\t")[1:] for line in out.splitlines()] == [
        ["cashier", "收银员小王", "active"],
        ["manager", "店长老李", "active"],
        ["promoter", "促销员小赵", "active"],
    ]
    code, out, _ = _run(
        capsys, monkeypatch, "staff", "add", "--db", db_url, "--store", "S001",
        "--name", "收银员小周", "--role", "cashier", stdin="8024\n",
    )  # fmt: skip
    assert code == 0 and out.startswith("add: ")
    new_id = out.split()[1]
    with db.read() as session:
        row = session.get(StaffMember, new_id)
        assert row is not None and row.pin_hash.startswith("$argon2id$")
        assert "8024" not in row.pin_hash
        stored = session.execute(text("SELECT * FROM staff")).all()
    assert not any("8024" in str(value) for r in stored for value in r)
    # refused: a trivial PIN, an unknown store, a missing --id
    code, _, err = _run(
        capsys, monkeypatch, "staff", "add", "--db", db_url, "--store", "S001",
        "--name", "x", stdin="1234\n",
    )  # fmt: skip
    assert code == 1 and "pin_invalid" in err
    code, _, err = _run(
        capsys, monkeypatch, "staff", "add", "--db", db_url, "--store", "S999",
        "--name", "x", stdin="8024\n",
    )  # fmt: skip
    assert code == 1 and "S999" in err
    code, out, _ = _run(
        capsys, monkeypatch, "staff", "disable", "--db", db_url, "--store", "S001", "--id", new_id
    )
    assert code == 0
    with db.read() as session:
        assert session.get(StaffMember, new_id).active is False  # type: ignore[union-attr]


def test_a_till_pulls_staff_hashes_and_signs_in(till: Till, tmp_path: Path) -> None:
    response = till.get("/changes", params={"limit": 5000})
    assert response.status_code == 200
    page = ChangesResponse.model_validate(response.json())
    staff = [c for c in page.changes if c.kind == "staff"]
    assert sorted(c.key for c in staff) == [
        "demo-cashier-wang", "demo-manager-li", "demo-promoter-zhao",
    ]  # fmt: skip
    for change in staff:
        assert change.data is not None
        assert set(change.data) == {"id", "store_code", "name", "role", "pin_hash", "active"}
        assert str(change.data["pin_hash"]).startswith("$argon2id$")
    # the till's half: this directory's tests also run where only the server is
    # installed (tests/packaging/test_central_only.py), so the till is imported here
    pytest.importorskip("platformdirs", reason="the till is not installed (server-only env)")
    from pos_app.options import StoreSettings, TerminalSettings
    from pos_app.persistence.db import open_database
    from pos_app.persistence.staff_repo import StaffRepository
    from pos_app.persistence.sync_repo import SyncStateRepository
    from pos_app.services.staff import StaffService

    engine = open_database(tmp_path)
    SyncStateRepository(engine).apply(page.changes, page.next_cursor)
    service = StaffService(StaffRepository(engine), StoreSettings, TerminalSettings)
    assert service.sign_in("demo-manager-li", "2468").is_manager
    with pytest.raises(PosError) as caught:
        service.sign_in("demo-cashier-wang", "2468")
    assert caught.value.code is ErrorCode.PIN_WRONG
    engine.dispose()


def test_a_till_of_another_community_gets_no_staff(new_till) -> None:  # type: ignore[no-untyped-def]
    other = new_till(store="S002", terminal="T01")
    response = other.get("/changes", params={"limit": 5000})
    assert not [c for c in response.json()["changes"] if c["kind"] == "staff"]
