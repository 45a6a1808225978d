"""The terminal's own Ed25519 key, made on first start and kept in the data
directory (mode 0600), sealed with AES-GCM under the key of `secret_box` (OS
keyring, or a key file outside the data directory). It signs points-claim codes
on receipts; enrollment (docs/sync-protocol.md) gives the central server its
public half. A plain PEM of an older version is sealed and removed on first load.
When the sealing key is lost, enrollment makes a new key (`generate`) and keeps it
(`save`) only once the server has accepted it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pos_app.persistence.secret_box import read_sealed, write_sealed

KEY_FILE = Path("keys") / "terminal_ed25519.sealed"
LEGACY_KEY_FILE = Path("keys") / "terminal_ed25519.pem"  # plain PKCS#8, before sealing
_PURPOSE = "terminal-key"


def load_or_create(data_dir: Path) -> Ed25519PrivateKey:
    pem = read_sealed(data_dir, KEY_FILE, _PURPOSE)
    legacy = data_dir / LEGACY_KEY_FILE
    if pem is None and legacy.exists():
        pem = legacy.read_bytes()
        key = _parse(pem, legacy)
        write_sealed(data_dir, KEY_FILE, _PURPOSE, pem)
        legacy.unlink()
        return key
    if pem is not None:
        return _parse(pem, data_dir / KEY_FILE)
    key = generate()
    save(data_dir, key)
    return key


def generate() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def save(data_dir: Path, key: Ed25519PrivateKey) -> None:
    """Seal `key` in this data directory's box, replacing the sealed file."""
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    write_sealed(data_dir, KEY_FILE, _PURPOSE, pem)


def _parse(pem: bytes, path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 key")
    return key


def key_id(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "t-" + hashlib.sha256(raw).hexdigest()[:12]
