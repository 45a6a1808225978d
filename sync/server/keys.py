"""The membership signing key: a private key in a file (0600), its public half in the DB.

The file is JSON, `{"key_id": "...", "private_key": "<base64url raw Ed25519>"}`.
Only `init` and `issue-qr` read it; the API process verifies member codes with
the public keys from the `membership_keys` table and never holds the private
key, so a compromised web worker cannot mint membership codes.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pos_app.core.membership import public_key_text


class KeyFileError(Exception):
    """The key file is missing, unreadable, or readable by others."""


@dataclass(frozen=True, slots=True)
class SigningKey:
    key_id: str
    private_key: Ed25519PrivateKey

    @property
    def public_text(self) -> str:
        return public_key_text(self.private_key.public_key())


def new_key_id(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return f"k{now:%Y%m}-{secrets.token_hex(2)}"


def write_private_json(path: Path, body: dict[str, object]) -> None:
    """A secret as JSON, atomically, mode 0600 from the start (never briefly readable
    by others): the signing key here, the personal-data keys (`personal_data`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(body, f)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def write_key_file(path: Path, key: SigningKey) -> None:
    """Write atomically with mode 0600 from the start (never briefly world-readable)."""
    raw = key.private_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    body = {
        "key_id": key.key_id,
        "private_key": base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii"),
        "algorithm": "Ed25519",
    }
    write_private_json(path, body)


def read_key_file(path: Path) -> SigningKey:
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KeyFileError(f"cannot read the signing key {path}: {exc.strerror}") from exc
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        # as ssh does: a private key others can read is no longer private
        raise KeyFileError(f"{path} is accessible by others; chmod 600 it")
    try:
        body = json.loads(text)
        raw = base64.urlsafe_b64decode(body["private_key"] + "=" * (-len(body["private_key"]) % 4))
        return SigningKey(str(body["key_id"]), Ed25519PrivateKey.from_private_bytes(raw))
    except (ValueError, KeyError, TypeError) as exc:
        raise KeyFileError(f"{path} is not a signing key file") from exc


def load_or_create(path: Path, *, key: SigningKey | None = None) -> tuple[SigningKey, bool]:
    """The key in `path`; else write `key` (or a fresh one) there. (key, created)."""
    if path.exists():
        return read_key_file(path), False
    key = key or SigningKey(new_key_id(), Ed25519PrivateKey.generate())
    write_key_file(path, key)
    return key, True
