"""The terminal's credential for the central server, in the data directory.

JSON sealed with AES-GCM (`secret_box`: the key in the OS keyring or in a key
file outside the data directory), mode 0600 in a 0700 directory, written
atomically: the bearer token is a secret, so it stays out of the database,
the logs and any backup of the sales, and a copy of the data directory alone
does not reveal it. A plain `credential.json` of an older version is sealed
and removed on first load.

`allow_insecure_http` records that whoever enrolled the till chose plain
http:// to a server that is not on this machine (`--allow-insecure-http`):
sync then accepts that URL, and the status bar keeps saying the connection is
not encrypted.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from pos_app.persistence.secret_box import read_sealed, write_sealed

CREDENTIAL_FILE = Path("keys") / "credential.sealed"
LEGACY_CREDENTIAL_FILE = Path("keys") / "credential.json"  # plain JSON, before sealing
_PURPOSE = "credential"


@dataclass(frozen=True, slots=True)
class Credential:
    server_url: str
    token: str
    terminal_id: str
    ca_bundle: str | None = None
    allow_insecure_http: bool = False  # absent from files written before it existed


def load(data_dir: Path) -> Credential | None:
    """The credential, or None before enrollment; SecretStoreError if it cannot be opened."""
    raw = read_sealed(data_dir, CREDENTIAL_FILE, _PURPOSE)
    if raw is None:
        legacy = data_dir / LEGACY_CREDENTIAL_FILE
        if not legacy.exists():
            return None
        credential = Credential(**json.loads(legacy.read_text(encoding="utf-8")))
        save(data_dir, credential)
        legacy.unlink()
        return credential
    return Credential(**json.loads(raw.decode("utf-8")))


def save(data_dir: Path, credential: Credential) -> None:
    body = json.dumps(asdict(credential)).encode("utf-8")
    write_sealed(data_dir, CREDENTIAL_FILE, _PURPOSE, body)
