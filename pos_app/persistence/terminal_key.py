"""The terminal's own Ed25519 key, made on first start and kept in the data
directory (mode 0600). It signs points-claim codes on receipts; enrollment
(see docs/sync-protocol.md, later) gives the central server its public half."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pos_app.private_files import open_private, private_dir

KEY_FILE = Path("keys") / "terminal_ed25519.pem"


def load_or_create(data_dir: Path) -> Ed25519PrivateKey:
    path = data_dir / KEY_FILE
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} is not an Ed25519 key")
        return key
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    private_dir(path.parent)
    tmp = path.with_suffix(".tmp")
    fd = open_private(tmp, os.O_WRONLY | os.O_TRUNC)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)  # never a half-written key, even on a power cut
    return key


def key_id(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "t-" + hashlib.sha256(raw).hexdigest()[:12]
