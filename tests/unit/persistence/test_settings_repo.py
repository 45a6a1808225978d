"""Settings stored as key/value rows in the real SQLite file and read back typed;
a bad row (typed by hand, or written by an older version) does not stop the till."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import text

from pos_app.persistence.db import open_database
from pos_app.persistence.settings_repo import SettingsRepository


def test_saved_settings_come_back_typed(data_dir: Path) -> None:
    engine = open_database(data_dir)
    try:
        repo = SettingsRepository(engine)
        settings = repo.load()
        settings.update(
            {"printer.timeout_s": 2.5, "printer.kick_drawer_on_cash": 0, "store.name": "新店"}
        )
        repo.save(settings)
        again = repo.load()
        assert again.current == settings.current
        assert (again.printer.timeout_s, again.printer.kick_drawer_on_cash) == (2.5, False)
        with engine.connect() as conn:
            stored = dict(conn.execute(text("SELECT key, value FROM settings")).all())
        assert stored["printer.kick_drawer_on_cash"] == "False"
        assert stored["store.name"] == "新店"
    finally:
        engine.dispose()


def test_a_bad_stored_row_falls_back_to_its_default(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = open_database(data_dir)
    try:
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO settings (key, value) VALUES (:k, :v)"),
                [
                    {"k": "scanner.min_length", "v": "four"},
                    {"k": "printer.profile", "v": "generic58"},
                    {"k": "no.such.key", "v": "x"},
                ],
            )
        with caplog.at_level(logging.WARNING, logger="pos_app.config"):
            settings = SettingsRepository(engine).load()
        assert settings.scanner.min_length == 4
        assert settings.printer.profile == "generic58"
        assert [r.getMessage() for r in caplog.records] == [
            "setting scanner.min_length='four' is invalid; using 4"
        ]
    finally:
        engine.dispose()
