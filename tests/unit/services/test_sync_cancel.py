"""SyncService.cancel(): the till stopping wakes a sync hung on a silent
central server at once, and no call connects afterwards."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from pos_app.app import AppContext
from pos_app.core.errors import ErrorCode, PosError
from pos_app.persistence import credentials
from pos_app.services.sync import SyncStatus
from tests.silent_server import SilentServer


@pytest.fixture
def silent() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


def test_cancel_wakes_a_hung_sync(context: AppContext, silent: SilentServer) -> None:
    credentials.save(context.data_dir, credentials.Credential(silent.url, "token", "T-1"))
    statuses: list[SyncStatus] = []
    syncing = threading.Thread(target=lambda: statuses.append(context.sync.sync_once()))
    syncing.start()
    try:
        assert silent.request_seen.wait(10), "the sync never reached the server"
        started = time.monotonic()
        context.sync.cancel()
        syncing.join(5)
        elapsed = time.monotonic() - started
    finally:
        syncing.join()
    assert elapsed < 1.0  # not the 30 s read timeout
    assert [(s.error, s.online, s.pushed, s.pulled) for s in statuses] == [
        ("cancelled", False, 0, 0)
    ]
    assert silent.accepted == 1


def test_after_cancel_nothing_connects(context: AppContext, silent: SilentServer) -> None:
    credentials.save(context.data_dir, credentials.Credential(silent.url, "token", "T-1"))
    context.sync.cancel()
    assert context.sync.sync_once().error == "cancelled"
    with pytest.raises(PosError) as info:
        context.sync.resident("R0001")
    assert info.value.code is ErrorCode.SERVER_REFUSED
    assert info.value.params["reason"] == "cancelled"
    assert silent.accepted == 0
