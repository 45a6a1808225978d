"""`yuancang-pos enroll` and `sync` as real processes: plain http:// is refused
(exit 2, a sentence in Chinese and English, no traceback, nothing sent) unless
the server is on this machine or `--allow-insecure-http` was given; with that
flag the permission is stored with the credential and the till keeps warning.

"Another machine" is this machine's own network address (not loopback), in
front of the real server on 127.0.0.1 through a small TCP relay that counts
the connections it carries."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_app.persistence import credentials
from pos_app.persistence.secret_box import read_sealed
from pos_app.services.sync import SyncService
from sync.server.devtools import ServerProcess
from tests.sync.conftest import (  # noqa: F401  (fixtures)
    _sqlite_demo_template,
    live_server,
    sqlite_demo_url,
    start_live_server,
)

ROOT = Path(__file__).resolve().parents[2]


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "pos_app", "--data-dir", str(data_dir), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
        check=False,
    )  # fmt: skip


def stored(data_dir: Path) -> dict[str, object]:
    assert credentials.load(data_dir) is not None  # sealed: read through the store
    return json.loads(read_sealed(data_dir, credentials.CREDENTIAL_FILE, "credential") or b"")


def own_address() -> str:
    """This machine's address on its network (a UDP connect sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            address = str(probe.getsockname()[0])
        except OSError:
            address = ""
    if not address or address.startswith("127.") or address == "0.0.0.0":
        pytest.skip("this machine has no non-loopback IPv4 address")
    return address


class Relay:
    """Listens on `host`, forwards each connection to 127.0.0.1:`port`."""

    def __init__(self, host: str, port: int) -> None:
        self.target = ("127.0.0.1", port)
        self.listener = socket.create_server((host, 0))
        self.url = f"http://{host}:{self.listener.getsockname()[1]}"
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # closed
                return
            self.connections += 1
            try:
                upstream = socket.create_connection(self.target)
            except OSError:  # the server is down: so is "the other machine"
                client.close()
                continue
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):  # the other direction's thread then ends too
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def relay(live_server: ServerProcess) -> Iterator[Relay]:  # noqa: F811
    relay = Relay(own_address(), live_server.port)
    yield relay
    relay.close()


@pytest.mark.parametrize(
    "url", ["http://192.0.2.10:8700", "HTTP://central.example.com", "http://localhost.evil.com"]
)
def test_enroll_refuses_plain_http_to_another_machine(tmp_path: Path, url: str) -> None:
    done = run_cli(tmp_path / "till", "enroll", "--server", url, "--code", "ABCD-EFGH")
    assert done.returncode == 2
    assert f"enrollment failed / 注册失败: insecure_http {url}" in done.stdout
    assert "未加密的服务器地址" in done.stdout and "--allow-insecure-http" in done.stdout
    assert "unencrypted server address" in done.stdout
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "till" / credentials.CREDENTIAL_FILE).exists()


def test_enroll_refuses_a_malformed_address(tmp_path: Path) -> None:
    done = run_cli(tmp_path / "till", "enroll", "--server", "central.example.com",
                   "--code", "ABCD-EFGH", "--allow-insecure-http")  # fmt: skip
    assert done.returncode == 2
    assert "bad_url" in done.stdout and "服务器地址无效" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_plain_http_to_another_machine_sends_nothing_without_the_flag(
    tmp_path: Path,
    live_server: ServerProcess,  # noqa: F811
    relay: Relay,
) -> None:
    done = run_cli(tmp_path / "till", "enroll", "--server", relay.url,
                   "--code", live_server.enrollment_code(), "--no-pull")  # fmt: skip
    assert done.returncode == 2 and "insecure_http" in done.stdout
    assert relay.connections == 0  # refused before any byte left the till


@pytest.mark.slow
def test_the_flag_allows_it_and_is_stored_with_the_credential(
    tmp_path: Path,
    live_server: ServerProcess,  # noqa: F811
    relay: Relay,
) -> None:
    till = tmp_path / "till"
    done = run_cli(till, "enroll", "--server", relay.url, "--code", live_server.enrollment_code(),
                   "--allow-insecure-http")  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning: the connection to the server is unencrypted" in done.stdout
    assert "sync: pushed 0" in done.stdout and "error -" in done.stdout
    assert stored(till)["allow_insecure_http"] is True
    assert relay.connections >= 2  # enroll, then the first pull
    before = relay.connections
    done = run_cli(till, "sync")
    assert done.returncode == 0 and "error -" in done.stdout
    assert relay.connections > before  # the stored permission is what sync used


@pytest.mark.slow
def test_loopback_needs_no_flag_and_stores_no_permission(
    tmp_path: Path,
    live_server: ServerProcess,  # noqa: F811
) -> None:
    till = tmp_path / "till"
    done = run_cli(till, "enroll", "--server", live_server.url, "--code",
                   live_server.enrollment_code(), "--no-pull", "--allow-insecure-http")  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "unencrypted" not in done.stdout
    # a flag that was not needed is not kept: the till holds no permission it does not use
    assert stored(till)["allow_insecure_http"] is False


def test_sync_refuses_a_stored_plain_url_without_the_permission(context) -> None:  # type: ignore[no-untyped-def]
    """A credential an older version stored for http:// elsewhere: sync stops, coded,
    before connecting (192.0.2.10 is a documentation address: nothing would answer)."""
    credentials.save(context.data_dir, credentials.Credential("http://192.0.2.10:9", "t", "T-1"))
    status = context.sync.sync_once()
    assert (status.error, status.insecure, status.enrolled) == ("insecure_http", False, True)
    done = run_cli(context.data_dir, "sync")
    assert done.returncode == 3
    assert "error insecure_http" in done.stdout and "未加密的服务器地址" in done.stdout


def test_status_says_insecure_only_for_an_allowed_plain_url(context) -> None:  # type: ignore[no-untyped-def]
    sync: SyncService = context.sync
    cases = [
        (credentials.Credential("http://192.0.2.10:9", "t", "T-1", None, True), True),
        (credentials.Credential("https://192.0.2.10:9", "t", "T-1", None, True), False),
        (credentials.Credential("http://127.0.0.1:9", "t", "T-1", None, True), False),
        (credentials.Credential("http://192.0.2.10:9", "t", "T-1"), False),  # refused instead
    ]
    seen = []
    for credential, _ in cases:
        credentials.save(context.data_dir, credential)
        seen.append(sync.status().insecure)
    assert seen == [expected for _, expected in cases]
