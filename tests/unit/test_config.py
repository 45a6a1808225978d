"""Settings written on one thread and read on another: a reader sees a whole
write or none of it, never a dict being changed."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from pos_app.config import OPTIONS, Settings
from pos_app.core.barcodes import ScaleLayout
from pos_app.options import PrinterSettings, TillSettings


def test_update_is_one_change_for_a_reader_on_another_thread() -> None:
    settings = Settings()
    pairs = [("S001", "T01"), ("S777", "T77")]
    stop = threading.Event()
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)

    def write() -> None:
        i = 0
        while not stop.is_set():
            store, terminal = pairs[i % 2]
            settings.update({"store.code": store, "terminal.code": terminal})
            i += 1

    writer = threading.Thread(target=write)
    seen: set[tuple[str, str]] = set()
    try:
        writer.start()
        reads, deadline = 0, time.monotonic() + 20
        while (reads < 20_000 or len(seen) < 2) and time.monotonic() < deadline:
            values = settings.as_strings()
            seen.add((values["store.code"], values["terminal.code"]))
            reads += 1
    finally:
        stop.set()
        writer.join()
        sys.setswitchinterval(before)
    assert seen == set(pairs)  # both seen, never the new store with the old terminal


def test_a_reader_keeps_what_it_read() -> None:
    settings = Settings()
    read = settings.as_strings()
    settings.set("store.name", "新店")
    assert read["store.name"] == "源仓公社·示范社区展示体验区"
    assert settings.store.name == "新店"


def test_values_are_converted_by_their_declared_type() -> None:
    settings = Settings({"scanner.min_length": "6", "camera.enabled": "False"})
    settings.update({"printer.timeout_s": "2.5"})
    assert settings.scanner.min_length == 6
    assert settings.camera.enabled is False
    assert settings.printer.timeout_s == 2.5


def test_every_stored_key_is_declared_once() -> None:
    keys = [o.key for o in OPTIONS]
    assert len(keys) == len(set(keys)) == 32
    assert {o.key: (o.group, o.name) for o in OPTIONS}["receipt.footer"] == ("printer", "footer")


def test_defaults_are_typed_attributes() -> None:
    settings = Settings()
    assert settings.printer == PrinterSettings(
        "none", "generic80", True, 5.0, "谢谢惠顾 · 积分可抵物业费"
    )
    assert settings.terminal.cashier_name == "收银员01"
    assert settings.scale.parsed == (ScaleLayout.from_spec("flags=20-24;plu=5;value=5;kind=price"),)


@pytest.mark.parametrize(
    ("key", "raw"),
    [
        ("scanner.max_key_interval_ms", "0"),
        ("scanner.min_length", "-2"),
        ("points.claim_window_days", "abc"),
        ("printer.timeout_s", "-1"),
        ("printer.profile", "xp-58-typo"),
        ("scale.layouts", "flags=20-24;plu=0;value=5;kind=price"),
        ("scale.layouts", "flags=20-24;plu=5;value=5;kind=volume"),
        ("scale.layouts", " | "),
    ],
)
def test_an_invalid_stored_value_falls_back_to_the_default_with_a_warning(
    key: str, raw: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="pos_app.config"):
        settings = Settings({key: raw, "store.name": "新店"})
    assert settings.as_strings()[key] == Settings().as_strings()[key]
    assert settings.store.name == "新店"  # the good rows still count
    default = next(o.default for o in OPTIONS if o.key == key)
    assert [r.getMessage() for r in caplog.records] == [
        f"setting {key}={raw!r} is invalid; using {default!r}"
    ]


def test_an_invalid_write_is_refused_and_changes_nothing() -> None:
    settings = Settings()
    before = settings.current
    with pytest.raises(ValueError, match=r"invalid printer\.timeout_s"):
        settings.update({"store.name": "新店", "printer.timeout_s": 0})
    with pytest.raises(KeyError):
        settings.set("printer.timeoutt", 1.0)
    assert settings.current is before


def test_a_write_swaps_the_whole_snapshot_and_tells_the_listeners() -> None:
    settings = Settings()
    heard: list[TillSettings] = []
    settings.subscribe(heard.append)
    before = settings.current
    settings.update({"printer.connection": "tcp://127.0.0.1:9100", "store.name": "新店"})
    assert before.printer.connection == "none" and before.store.name != "新店"
    assert heard == [settings.current]
    assert (heard[0].printer.connection, heard[0].store.name) == ("tcp://127.0.0.1:9100", "新店")
    settings.unsubscribe(heard.append)
    settings.set("store.name", "又一店")
    assert len(heard) == 1


def test_stored_booleans_read_as_text() -> None:
    settings = Settings({"printer.kick_drawer_on_cash": "0", "camera.enabled": "True"})
    assert settings.printer.kick_drawer_on_cash is False
    assert settings.camera.enabled is True
    assert Settings(settings.as_strings()).current == settings.current


def test_a_misspelled_setting_is_a_mypy_error(tmp_path: Path) -> None:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        "from pos_app.config import Settings\n"
        "def timeout(settings: Settings) -> float:\n"
        "    return settings.printer.timeoutt\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(snippet)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parents[2],
    )
    assert result.returncode == 1, result.stdout
    assert '"PrinterSettings" has no attribute "timeoutt"' in result.stdout


def test_a_failing_listener_does_not_fail_the_write(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings()
    heard: list[str] = []

    def broken(_snapshot: TillSettings) -> None:
        raise RuntimeError("Internal C++ object already deleted")

    settings.subscribe(broken)
    settings.subscribe(lambda snapshot: heard.append(snapshot.store.name))
    settings.set("store.name", "新店")
    assert settings.store.name == "新店" and heard == ["新店"]
    assert [r.getMessage() for r in caplog.records] == ["a settings listener failed"]


def test_a_typed_change_validates_and_swaps_at_once() -> None:
    settings = Settings()
    heard: list[TillSettings] = []
    settings.subscribe(heard.append)
    settings.change(
        lambda s: replace(
            s,
            printer=replace(s.printer, connection="tcp://10.0.0.5:9100", timeout_s=2.0),
            store=replace(s.store, name="新店"),
        )
    )
    assert (settings.printer.connection, settings.printer.timeout_s) == ("tcp://10.0.0.5:9100", 2.0)
    assert settings.store.name == "新店" and heard == [settings.current]
    before = settings.current
    with pytest.raises(ValueError, match=r"invalid printer\.profile"):
        settings.change(lambda s: replace(s, printer=replace(s.printer, profile="xp-58-typo")))
    assert settings.current is before and len(heard) == 1


def test_cash_rounding_and_the_open_price_limit_are_typed_and_validated() -> None:
    from pos_app.core.rounding import RoundingRule

    defaults = Settings().store
    assert (defaults.rounding_rule, defaults.rounding_cash_only) == (RoundingRule.OFF, True)
    assert defaults.open_price_limit_fen == 20_000
    stored = Settings(
        {
            "store.cash_rounding": "jiao",
            "store.rounding_cash_only": "false",
            "store.open_price_limit_fen": "5000",
        }
    ).store
    assert (stored.rounding_rule, stored.rounding_cash_only) == (RoundingRule.JIAO, False)
    assert stored.open_price_limit_fen == 5000
    bad = Settings({"store.cash_rounding": "up", "store.open_price_limit_fen": "0"}).store
    assert (bad.rounding_rule, bad.open_price_limit_fen) == (RoundingRule.OFF, 20_000)
    with pytest.raises(ValueError):
        Settings().set("store.cash_rounding", "fen")


def test_backup_settings_are_typed_and_bounded() -> None:
    settings = Settings({"backup.directory": "/media/usb", "backup.generations": "14"})
    assert (settings.backup.directory, settings.backup.generations) == ("/media/usb", 14)
    assert settings.backup.interval_hours == 24.0
    # off by default; a nonsense number of generations falls back to a week's worth
    assert Settings().backup.directory == ""
    assert Settings({"backup.generations": "0"}).backup.generations == 7
