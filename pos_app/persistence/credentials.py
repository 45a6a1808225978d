"""The terminal's credential for the central server, in the data directory.

A JSON file with mode 0600 (like the terminal key), written atomically: the
bearer token is a secret, so it stays out of the database, the logs and any
backup of the sales.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

CREDENTIAL_FILE = Path("keys") / "credential.json"


@dataclass(frozen=True, slots=True)
class Credential:
    server_url: str
    token: str
    terminal_id: str
    ca_bundle: str | None = None


def load(data_dir: Path) -> Credential | None:
    path = data_dir / CREDENTIAL_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Credential(**data)


def save(data_dir: Path, credential: Credential) -> None:
    path = data_dir / CREDENTIAL_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(asdict(credential), f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
