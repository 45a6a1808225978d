"""Cancelling the till's HTTP session from another thread, against a real server
on 127.0.0.1 that accepts connections and never answers."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from sync.client.session import SyncError, SyncSession
from tests.silent_server import SilentServer


@pytest.fixture
def silent() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


def call_in_thread(session: SyncSession) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            session.changes("", 10)
        except BaseException as exc:  # handed to the test
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def test_cancel_wakes_a_call_blocked_on_a_silent_server(silent: SilentServer) -> None:
    session = SyncSession(silent.url, "token", timeout=(5.0, 30.0))
    thread, errors = call_in_thread(session)
    try:
        assert silent.request_seen.wait(5), "the request never reached the server"
        started = time.monotonic()
        session.cancel()
        thread.join(5)
        elapsed = time.monotonic() - started
    finally:
        session.close()
    assert not thread.is_alive()
    assert elapsed < 1.0  # not the 30 s read timeout
    assert len(errors) == 1 and isinstance(errors[0], SyncError)
    assert (errors[0].code, errors[0].retryable) == ("cancelled", True)


def test_after_cancel_no_call_connects(silent: SilentServer) -> None:
    session = SyncSession(silent.url, "token", timeout=(5.0, 30.0))
    session.cancel()
    try:
        with pytest.raises(SyncError) as info:
            session.changes("", 10)
    finally:
        session.close()
    assert info.value.code == "cancelled"
    assert session.cancelled
    # a probe connection of our own is the first and only one the server sees
    probe = socket.create_connection(("127.0.0.1", int(silent.url.rsplit(":", 1)[1])))
    try:
        probe.sendall(b"probe")
        assert silent.request_seen.wait(5)
    finally:
        probe.close()
    assert silent.accepted == 1


def test_a_silent_server_without_cancel_is_a_timeout(silent: SilentServer) -> None:
    """The same server, not cancelled: the read timeout decides (so the test
    above proves cancel, not a quick failure of the server)."""
    session = SyncSession(silent.url, "token", timeout=(5.0, 0.5))
    try:
        with pytest.raises(SyncError) as info:
            session.changes("", 10)
    finally:
        session.close()
    assert info.value.code == "timeout"
