"""The terminal's credential file: round trip, and files written before the
insecure-http permission existed load without it."""

from __future__ import annotations

import json
from pathlib import Path

from pos_app.persistence import credentials


def test_round_trip_keeps_the_permission(data_dir: Path) -> None:
    credential = credentials.Credential("http://192.0.2.10:8700", "tok", "T-9", "/ca.pem", True)
    credentials.save(data_dir, credential)
    assert credentials.load(data_dir) == credential
    assert json.loads((data_dir / credentials.CREDENTIAL_FILE).read_text("utf-8")) == {
        "server_url": "http://192.0.2.10:8700",
        "token": "tok",
        "terminal_id": "T-9",
        "ca_bundle": "/ca.pem",
        "allow_insecure_http": True,
    }


def test_an_older_file_has_no_permission(data_dir: Path) -> None:
    path = data_dir / credentials.CREDENTIAL_FILE
    path.parent.mkdir()
    path.write_text(
        json.dumps({"server_url": "http://192.0.2.10", "token": "t", "terminal_id": "T-1",
                    "ca_bundle": None}),
        encoding="utf-8",
    )  # fmt: skip
    loaded = credentials.load(data_dir)
    assert loaded is not None and loaded.allow_insecure_http is False


def test_no_file_no_credential(data_dir: Path) -> None:
    assert credentials.load(data_dir) is None
