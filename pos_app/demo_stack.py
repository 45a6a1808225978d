"""The demo's own central server: `yuancang-pos --demo --with-server` starts the
reference server on a demo SQLite database next to the till's data, enrolls
the till if it is not yet, and stops the server when the till closes.

Demo composition only: a real till talks to a central server run elsewhere
(see docs/sync-protocol.md).
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from pos_app.app import AppContext
from pos_app.core.errors import PosError
from pos_app.startup_checks import port_taken

log = logging.getLogger("pos_app.sync")
DEMO_PORT = 8700


def start_demo_server(context: AppContext, port: int = DEMO_PORT):  # type: ignore[no-untyped-def]
    """Start (and if needed create) the demo server on `port`; enroll the till. Returns
    the process.

    A port that is taken is an error (the command line checks it first and says so):
    moving to another port would enroll the till again as a new terminal.

    The server comes with the `central` extra; a till installed alone (`.[till]`) says so
    and runs offline (the caller logs the error and starts the till anyway)."""
    try:
        from sync.server.devtools import ServerProcess, enrollment_code
    except ImportError as exc:  # fastapi, uvicorn… are not installed with the till alone
        raise RuntimeError(
            "--with-server needs the central server: pip install '.[till,central]'"
        ) from exc

    central = context.data_dir / "central"
    central.mkdir(parents=True, exist_ok=True)
    db_file = central / "central.db"
    url = f"sqlite:///{db_file}"
    if not db_file.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "sync.server",
                "init",
                "--db",
                url,
                "--demo",
                "--demo-promotions",
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    if port_taken(port):
        raise RuntimeError(f"port {port} is already in use: the demo server did not start")
    server = ServerProcess(url, port=port, log_path=Path(central / "server.log")).start()
    try:
        credential = context.sync.credential
    except PosError:  # its sealing key was lost: the demo server enrolls it again
        credential = None
    if credential is None or credential.server_url != server.url:
        context.sync.enroll(server.url, enrollment_code(url))
        context.secrets_problem = None  # a new box and key now (claim codes from the restart)
        log.info("demo till enrolled at %s", server.url)
    if not context.settings.printer.resident_page_url:
        # a member's demo receipt names the demo server's residents' page
        context.save_setting("receipt.resident_page_url", f"{server.url}/me")
    return server
