"""The terminal's credential file: sealed, round trip, files written before the
insecure-http permission existed load without it, and a plain file of an older
version is sealed and removed on first load."""

from __future__ import annotations

import json
from pathlib import Path

from pos_app.persistence import credentials
from pos_app.persistence.secret_box import read_sealed


def test_round_trip_keeps_the_permission_and_seals_the_token(data_dir: Path) -> None:
    credential = credentials.Credential(
        "http://192.0.2.10:8700", "tok-secret-9f", "T-9", "/ca.pem", True
    )
    credentials.save(data_dir, credential)
    assert credentials.load(data_dir) == credential
    assert b"tok-secret-9f" not in (data_dir / credentials.CREDENTIAL_FILE).read_bytes()
    assert json.loads(read_sealed(data_dir, credentials.CREDENTIAL_FILE, "credential") or b"") == {
        "server_url": "http://192.0.2.10:8700",
        "token": "tok-secret-9f",
        "terminal_id": "T-9",
        "ca_bundle": "/ca.pem",
        "allow_insecure_http": True,
    }


def test_an_older_plain_file_is_sealed_and_has_no_permission(data_dir: Path) -> None:
    path = data_dir / credentials.LEGACY_CREDENTIAL_FILE
    path.parent.mkdir()
    path.write_text(
        json.dumps({"server_url": "http://192.0.2.10", "token": "plain-tok", "terminal_id": "T-1",
                    "ca_bundle": None}),
        encoding="utf-8",
    )  # fmt: skip
    loaded = credentials.load(data_dir)
    assert loaded is not None and loaded.allow_insecure_http is False
    assert loaded.token == "plain-tok"
    assert not path.exists()  # migrated: the plain token is gone from the data directory
    sealed = (data_dir / credentials.CREDENTIAL_FILE).read_bytes()
    assert b"plain-tok" not in sealed
    assert credentials.load(data_dir) == loaded


def test_no_file_no_credential(data_dir: Path) -> None:
    assert credentials.load(data_dir) is None
