"""The terminal's credential for the central server, in the data directory.

A JSON file with mode 0600 in a 0700 directory (like the terminal key),
written atomically: the bearer token is a secret, so it stays out of the
database, the logs and any backup of the sales.

`allow_insecure_http` records that whoever enrolled the till chose plain
http:// to a server that is not on this machine (`--allow-insecure-http`):
sync then accepts that URL, and the status bar keeps saying the connection is
not encrypted.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from pos_app.private_files import open_private, private_dir

CREDENTIAL_FILE = Path("keys") / "credential.json"


@dataclass(frozen=True, slots=True)
class Credential:
    server_url: str
    token: str
    terminal_id: str
    ca_bundle: str | None = None
    allow_insecure_http: bool = False  # absent from files written before it existed


def load(data_dir: Path) -> Credential | None:
    path = data_dir / CREDENTIAL_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Credential(**data)


def save(data_dir: Path, credential: Credential) -> None:
    path = data_dir / CREDENTIAL_FILE
    private_dir(path.parent)
    tmp = path.with_suffix(".tmp")
    # a .tmp left by a crash keeps its old mode under O_CREAT: open_private tightens it
    fd = open_private(tmp, os.O_WRONLY | os.O_TRUNC)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(asdict(credential), f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
