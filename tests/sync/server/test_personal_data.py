"""Residents' personal data on the central server: sealed at rest, looked up by keyed hash,
the key outside the database; a wrong, missing or exposed key, or a tampered value, is a
clear refusal, never a garbled name or phone."""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from pos_app.core.demo_data import DEMO_RESIDENTS
from sync.server.__main__ import main
from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.db import Database
from sync.server.devtools import enrollment_code
from sync.server.models.residents import Resident
from sync.server.personal_data import (
    PersonalDataError,
    PersonalKeyError,
    load_or_create,
    new_keys,
    read_key_file,
)
from sync.server.seed import initialize
from tests.sync.server.helpers import enroll


def _demo_people() -> list[dict[str, str]]:
    with DEMO_RESIDENTS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_a_sealed_value_opens_only_for_its_row_field_and_key() -> None:
    keys = new_keys()
    sealed = keys.seal(field="phone", row_id="R0001", value="13827461234")
    assert b"13827461234" not in sealed and b"1234" not in sealed
    assert keys.open(field="phone", row_id="R0001", sealed=sealed) == "13827461234"
    # the same value sealed twice differs (random nonce): equal phones are not linkable
    assert keys.seal(field="phone", row_id="R0001", value="13827461234") != sealed
    tampered = bytearray(sealed)
    tampered[20] ^= 0x01
    with pytest.raises(PersonalDataError, match="R0001: phone fails its integrity check"):
        keys.open(field="phone", row_id="R0001", sealed=bytes(tampered))
    with pytest.raises(PersonalDataError, match="R0002: phone fails"):  # copied to another row
        keys.open(field="phone", row_id="R0002", sealed=sealed)
    with pytest.raises(PersonalDataError, match="R0001: name fails"):  # or another field
        keys.open(field="name", row_id="R0001", sealed=sealed)
    with pytest.raises(PersonalDataError, match="R0001: phone fails"):  # another key
        new_keys().open(field="phone", row_id="R0001", sealed=sealed)
    with pytest.raises(PersonalDataError, match="not a sealed value"):
        keys.open(field="phone", row_id="R0001", sealed=b"13827461234")


def test_the_phone_tag_is_keyed() -> None:
    a, b = new_keys(), new_keys()
    assert a.phone_tag("1234") == a.phone_tag("1234") != a.phone_tag("1235")
    assert a.phone_tag("1234") != b.phone_tag("1234")  # no table of 10,000 hashes without the key
    assert len(a.phone_tag("1234")) == 64 and "1234" not in a.phone_tag("1234")


def test_the_key_file_is_private_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "personal.key"
    with pytest.raises(PersonalKeyError, match=r"personal\.key is missing: run `yuancang-central"):
        read_key_file(path)
    keys, created = load_or_create(path)
    assert created and stat.S_IMODE(path.stat().st_mode) == 0o600
    again, created = load_or_create(path)
    assert not created and again.seal_key == keys.seal_key
    os.chmod(path, 0o644)
    with pytest.raises(PersonalKeyError, match="accessible by others; chmod 600 it"):
        read_key_file(path)
    os.chmod(path, 0o600)
    path.write_text('{"seal_key": "c2hvcnQ=", "lookup_key": "c2hvcnQ="}\n')
    with pytest.raises(PersonalKeyError, match="is not a personal-data key file"):
        read_key_file(path)


def test_the_server_refuses_to_start_without_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    missing = tmp_path / "nowhere" / "personal.key"
    assert main(["init", "--db", url]) == 0
    capsys.readouterr()
    monkeypatch.setenv("YC_CENTRAL_PERSONAL_KEY_FILE", str(missing))
    with pytest.raises(PersonalKeyError, match="is missing"):
        create_app(Settings(database_url=url))
    assert main(["serve", "--db", url]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"error: the personal-data key {missing} is missing: run `yuancang-central init` "
        "or set YC_CENTRAL_PERSONAL_KEY_FILE\n"
    )


def test_demo_residents_are_stored_sealed_and_tagged(db: Database) -> None:
    keys = db.personal_keys
    assert keys is not None
    with db.read() as session:
        rows = {r.id: r for r in session.scalars(select(Resident))}
    people = _demo_people()
    assert len(people) == 7
    for person in people:
        r = rows[person["resident_id"]]
        assert r.name_enc is not None and r.address_enc is not None
        assert keys.open(field="name", row_id=r.id, sealed=r.name_enc) == person["full_name"]
        assert (
            keys.open(field="address", row_id=r.id, sealed=r.address_enc)
            == (person["bill_address"])
        )
        if person["phone"]:
            assert r.phone_enc is not None
            assert keys.open(field="phone", row_id=r.id, sealed=r.phone_enc) == person["phone"]
            assert r.phone_tag == keys.phone_tag(person["phone"][-4:])
        else:
            assert (r.phone_enc, r.phone_tag) == (None, None)


def test_a_tampered_phone_refuses_the_lookup_without_showing_it(
    client: TestClient, db_url: str, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    till = enroll(client, enrollment_code(db_url, store="S001", terminal="T01"))
    assert [c["masked_phone"] for c in till.get("/members/by-phone?last4=1234").json()[
        "candidates"
    ]] == ["138****1234", "137****1234"]  # fmt: skip
    with db.write() as session:
        sealed = session.get(Resident, "R0005").phone_enc  # type: ignore[union-attr]
        # R0005's sealed phone copied onto R0001: the tag is R0001's, the row binding is not
        session.execute(update(Resident).where(Resident.id == "R0001").values(phone_enc=sealed))
    response = till.get("/members/by-phone?last4=1234")
    assert response.status_code == 500
    assert response.json() == {
        "code": "internal_error",
        "message": "a stored phone fails its check",
    }
    assert "resident R0001: phone fails its integrity check" in caplog.text
    assert "137" not in response.text


def _needles() -> list[bytes]:
    people = _demo_people()
    found = [p["full_name"].encode("utf-8") for p in people]
    found += [p["bill_address"].encode("utf-8") for p in people]
    found += [p["phone"].encode("ascii") for p in people if p["phone"]]
    # a phone stored as UTF-16 or split by a separator would hide from a plain search
    found += [p["phone"].encode("utf-16-le") for p in people if p["phone"]]
    return found


def readable_personal_data(files: list[Path]) -> list[tuple[str, bytes]]:
    """(file name, needle) for every full name, address or phone readable in these files."""
    return [(f.name, n) for f in files for n in _needles() if n in f.read_bytes()]


def test_a_copy_of_the_central_sqlite_database_shows_no_name_phone_or_address(
    tmp_path: Path,
) -> None:
    path = tmp_path / "central.db"
    database = Database(f"sqlite:///{path}", pool_size=1, max_overflow=0)
    try:
        initialize(database, key_file=tmp_path / "signing.key", demo=True)
        # a live server's WAL holds the newest pages: copy it as a thief would, unchecked
        copies = []
        for name in ("central.db", "central.db-wal"):
            if (tmp_path / name).exists():
                shutil.copyfile(tmp_path / name, tmp_path / f"stolen-{name}")
                copies.append(tmp_path / f"stolen-{name}")
    finally:
        database.dispose()
    assert sum(f.stat().st_size for f in copies) > 100_000  # the data is in there, sealed
    assert readable_personal_data(copies) == []
    # and the search itself works: the CSV it reads holds every needle
    assert len(readable_personal_data([DEMO_RESIDENTS])) == len(_needles()) - 6
    with sqlite3.connect(tmp_path / "stolen-central.db") as conn:
        masked = {row[0] for row in conn.execute("SELECT masked_name FROM residents")}
    assert "张*明" in masked  # what stays readable: the masked name the tills show


def test_a_server_started_with_another_key_refuses_to_serve(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = tmp_path / "wrong.key"
    load_or_create(wrong)  # a valid key file, just not the one the data was sealed with
    monkeypatch.setenv("YC_CENTRAL_PERSONAL_KEY_FILE", str(wrong))
    with (
        pytest.raises(PersonalKeyError, match="does not open the residents' data"),
        TestClient(create_app(Settings(database_url=db_url))),
    ):
        pass  # the lifespan (each worker's start) refuses: no phone lookup ever answers empty
    assert main(["serve", "--db", db_url]) == 1
    assert capsys.readouterr().err == (
        f"error: the personal-data key {wrong} does not open the residents' data "
        "(another key file?)\n"
    )


def test_init_makes_the_key_file_private_and_keeps_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'db' / 'central.db'}"
    (tmp_path / "db").mkdir()
    key = tmp_path / "etc" / "personal.key"
    monkeypatch.setenv("YC_CENTRAL_PERSONAL_KEY_FILE", str(key))
    assert main(["init", "--db", url, "--demo"]) == 0
    assert f"personal-data key created: {key}" in capsys.readouterr().out
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert not key.resolve().is_relative_to((tmp_path / "db").resolve())  # not beside the data
    sealed = key.read_bytes()
    assert main(["init", "--db", url, "--demo"]) == 0  # again: kept, residents not resealed
    assert f"personal-data key kept: {key}" in capsys.readouterr().out
    assert key.read_bytes() == sealed
