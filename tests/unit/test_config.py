"""Settings written on one thread and read on another: a reader sees a whole
write or none of it, never a dict being changed."""

from __future__ import annotations

import sys
import threading
import time

from pos_app.config import Settings


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
