"""Throwaway servers for tests, benchmarks and demos: a private PostgreSQL cluster
and the central server in a subprocess.

`LocalPostgres` runs initdb into a temporary directory and starts a cluster
listening on 127.0.0.1 and a free port, trust authentication, no Unix socket
outside its directory. PostgreSQL refuses to run as root, so as root the
binaries run through `runuser -u postgres` (or a dedicated system user made
for the purpose when `postgres` does not exist) with the directory chowned to
that user.

`ServerProcess` runs `python -m sync.server serve` for a database URL and
waits for /healthz; it can be stopped and restarted on the same port (a
till's end-to-end test can watch it vanish and come back).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

SERVICE_USER = "yc-postgres"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def find_pg_bindir() -> Path | None:
    """$YC_PG_BINDIR, the newest /usr/lib/postgresql/*/bin, or initdb on PATH."""
    if os.environ.get("YC_PG_BINDIR"):
        return Path(os.environ["YC_PG_BINDIR"])
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


class LocalPostgres:
    """A private PostgreSQL cluster; `start()`, `create_database()`, `stop()`."""

    def __init__(self, bindir: Path | None = None, *, durable: bool = False) -> None:
        found = bindir or find_pg_bindir()
        if found is None:
            raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) not found")
        self.bindir = found
        self.durable = durable  # False: fsync off, fine for tests, not for benchmarks
        self.port = 0
        self.root: Path | None = None
        self._user: str | None = None

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> LocalPostgres:
        self._user = _service_user()
        self.root = Path(tempfile.mkdtemp(prefix="yc-pg-"))
        data = self.root / "data"
        if self._user:
            pw = pwd.getpwnam(self._user)
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        self._run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--no-locale", "--no-sync")  # fmt: skip
        self.port = free_port()
        options = [
            "-c listen_addresses=127.0.0.1",
            f"-p {self.port}",
            f"-c unix_socket_directories={self.root}",
            "-c max_connections=200",
        ]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run("pg_ctl", "-D", str(data), "-l", str(self.root / "server.log"), "-w",
                  "-t", "60", "-o", " ".join(options), "start")  # fmt: skip
        return self

    def stop(self) -> None:
        if self.root is None:
            return
        try:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def __enter__(self) -> LocalPostgres:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # --- databases ---------------------------------------------------------------------

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, *, template: str | None = None) -> str:
        """CREATE DATABASE (optionally copying a template: ~0.1 s, a fresh schema per test)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            sql = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
            conn.execute(sql)  # type: ignore[arg-type]
        return self.url(name)

    def log_tail(self, lines: int = 30) -> str:
        if self.root is None or not (self.root / "server.log").exists():
            return ""
        return "\n".join(
            (self.root / "server.log").read_text(errors="replace").splitlines()[-lines:]
        )

    def _run(self, tool: str, *args: str) -> None:
        cmd = [str(self.bindir / tool), *args]
        if self._user:
            cmd = ["runuser", "-u", self._user, "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd="/")
        if result.returncode != 0:
            raise RuntimeError(
                f"{tool} failed ({result.returncode}): {result.stderr.strip()}\n{self.log_tail()}"
            )


def _service_user() -> str | None:
    """None when not root; else `postgres`, made (as a system user) if missing."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", SERVICE_USER):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USER],
        check=True,
        capture_output=True,
    )
    return SERVICE_USER


class ServerProcess:
    """`yuancang-central serve` in a subprocess; `.url` is the base URL once started."""

    def __init__(
        self,
        database_url: str,
        *,
        workers: int = 1,
        port: int | None = None,
        log_path: Path | None = None,
        env: dict[str, str] | None = None,
        log_level: str = "warning",
    ) -> None:
        self.database_url = database_url
        self.log_level = log_level
        self.workers = workers
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.api = f"{self.url}/api/v1"
        self.log_path = log_path or Path(tempfile.mkstemp(prefix="yc-central-", suffix=".log")[1])
        self.env = env or {}
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> ServerProcess:
        if self._proc is not None:
            return self
        cmd = [sys.executable, "-m", "sync.server", "serve", "--db", self.database_url,
               "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers),
               "--log-level", self.log_level]  # fmt: skip
        log = self.log_path.open("ab")
        self._proc = subprocess.Popen(
            cmd,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **self.env},
            start_new_session=True,  # its own process group: stop() ends the workers too
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"server exited ({self._proc.returncode}):\n{self.log_tail()}")
            if self.healthy():
                return self
            time.sleep(0.1)
        self.stop()
        raise TimeoutError(f"server not healthy after {timeout} s:\n{self.log_tail()}")

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def stop(self, timeout: float = 15.0) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, signal.SIGTERM)  # our child's own group, by its id
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)

    def restart(self, timeout: float = 30.0) -> ServerProcess:
        self.stop()
        return self.start(timeout)

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def enrollment_code(self, store: str = "S001", terminal: str = "T01") -> str:
        """A one-time code, as `yuancang-central enroll` prints it."""
        return enrollment_code(self.database_url, store=store, terminal=terminal)

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def enrollment_code(database_url: str, *, store: str = "S001", terminal: str = "T01") -> str:
    from datetime import UTC, datetime, timedelta

    from sync.server import crud
    from sync.server.db import Database

    db = Database(database_url, pool_size=1, max_overflow=0)
    try:
        with db.write() as session:
            return crud.create_enrollment_code(
                session,
                store_code=store,
                terminal_code=terminal,
                now=datetime.now(UTC),
                valid_for=timedelta(hours=1),
            )
    finally:
        db.dispose()
