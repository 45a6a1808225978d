"""The till's secrets at rest: the credential and the terminal key, sealed with AES-GCM.

The sealing key never sits beside what it seals. It lives in the OS keyring
(Windows Credential Manager, macOS Keychain, Secret Service) where one works,
else in a key file of its own (0600) in the platform's config directory, a
sibling of the data directory and never inside it (`YC_POS_KEY_DIR` moves it):
a copy of the data directory, or a backup of it, opens neither secret.

`keys/secret-box.json` (not secret) names this data directory's box and where
its key went, so a keyring that stops answering is a clear refusal rather than
a silently new key that cannot open the old files. Each sealed file is bound to
its purpose and box: the credential cannot be swapped for the key, nor copied
into another till's data directory.

A lost key (a new OS user, a wiped keyring, a deleted or damaged key file) is a
coded `SecretStoreError` (`ErrorCode.SECRET_KEY_LOST`, with a `reason`), never a
traceback, and nothing is rewritten: the sealed files stay as they are until a
successful enrollment puts a new box in place (`new_box`, then `adopt`).
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from pos_app.core.errors import ErrorCode, PosError
from pos_app.private_files import open_private, private_dir

log = logging.getLogger("pos_app.persistence")

SERVICE = "yuancang-pos"
KEY_DIR_ENV = "YC_POS_KEY_DIR"
BOX_FILE = Path("keys") / "secret-box.json"
_MAGIC = b"YCSB1"
_NONCE = 12


_KEY_BYTES = 32


class SecretStoreError(PosError):
    """A secret cannot be opened: its key is gone or unreachable, or the file was altered.

    Coded for the UI (`SECRET_KEY_LOST`, `reason` one of keyring_unavailable,
    keyring_entry_missing, key_file_missing, key_damaged, box_record_damaged,
    sealed_altered); str() is the detail for the log and the command line.
    """

    def __init__(
        self, detail: str, *, reason: str, code: ErrorCode = ErrorCode.SECRET_KEY_LOST
    ) -> None:
        super().__init__(code, reason=reason)
        self.detail = detail

    def __str__(self) -> str:
        return self.detail


@dataclass(frozen=True, slots=True, repr=False)
class SecretBox:
    box_id: str
    key: bytes
    store: str  # "keyring" or "file"

    def seal(self, purpose: str, data: bytes) -> bytes:
        nonce = secrets.token_bytes(_NONCE)
        return _MAGIC + nonce + AESGCM(self.key).encrypt(nonce, data, self._aad(purpose))

    def open(self, purpose: str, blob: bytes) -> bytes:
        if not blob.startswith(_MAGIC) or len(blob) < len(_MAGIC) + _NONCE + 16:
            raise SecretStoreError(
                f"the {purpose} file is not a sealed file", reason="sealed_altered"
            )
        nonce = blob[len(_MAGIC) : len(_MAGIC) + _NONCE]
        try:
            return AESGCM(self.key).decrypt(nonce, blob[len(_MAGIC) + _NONCE :], self._aad(purpose))
        except InvalidTag as exc:
            raise SecretStoreError(
                f"the {purpose} file fails its integrity check (altered, or another till's)",
                reason="sealed_altered",
            ) from exc

    def _aad(self, purpose: str) -> bytes:
        return f"{purpose}:{self.box_id}".encode()


def default_key_dir() -> Path:
    """Outside the data directory: the config directory's `yuancang-pos-keys`."""
    configured = os.environ.get(KEY_DIR_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_config_path

    return user_config_path("yuancang-pos-keys", "Yuancang")


def box_for(
    data_dir: Path, *, keyring: Any | None = None, key_dir: Path | None = None
) -> SecretBox:
    """This data directory's box, made on first use.

    `keyring`: a keyring backend (tests); None asks the keyring library for the
    system's. `key_dir`: where key files go without a keyring (default_key_dir()).
    """
    backend = keyring if keyring is not None else _system_keyring()
    key_dir = key_dir or default_key_dir()
    marker = data_dir / BOX_FILE
    if marker.exists():
        box_id, store = _read_marker(marker)
        key = _read_key(box_id, store, backend, key_dir)
        return SecretBox(box_id, key, store)
    return adopt(data_dir, new_box(), keyring=backend, key_dir=key_dir)


def new_box() -> SecretBox:
    """A box with a fresh key, kept nowhere yet: enrollment seals with it once the server
    has accepted the till (`adopt`), so a refused attempt leaves the old files alone."""
    return SecretBox(secrets.token_hex(8), AESGCM.generate_key(bit_length=256), "")


def adopt(
    data_dir: Path, box: SecretBox, *, keyring: Any | None = None, key_dir: Path | None = None
) -> SecretBox:
    """Keep `box`'s key (keyring, else a key file) and make it this data directory's box,
    replacing the record of a lost one; files sealed by the lost box are then unreadable
    for good, so the caller rewrites them at once."""
    backend = keyring if keyring is not None else _system_keyring()
    key_dir = key_dir or default_key_dir()
    marker = data_dir / BOX_FILE
    store = _keep_key(box.box_id, box.key, backend, key_dir, data_dir)
    private_dir(marker.parent)
    _write_private(marker, json.dumps({"box_id": box.box_id, "store": store}).encode())
    log.info("secrets of this till sealed, key kept in the %s", store)
    return SecretBox(box.box_id, box.key, store)


def _read_marker(marker: Path) -> tuple[str, str]:
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
        return str(info["box_id"]), str(info["store"])
    except (ValueError, KeyError, TypeError) as exc:  # UnicodeDecodeError is a ValueError
        raise SecretStoreError(
            f"{marker} is damaged: this till's key cannot be found: enroll again",
            reason="box_record_damaged",
        ) from exc


def _system_keyring() -> Any | None:
    import keyring as keyring_lib
    from keyring.backends import fail, null

    backend = keyring_lib.get_keyring()
    return None if isinstance(backend, fail.Keyring | null.Keyring) else backend


def _keep_key(box_id: str, key: bytes, backend: Any | None, key_dir: Path, data_dir: Path) -> str:
    if backend is not None:
        try:
            backend.set_password(SERVICE, f"box-{box_id}", base64.b64encode(key).decode())
            if backend.get_password(SERVICE, f"box-{box_id}") is not None:
                return "keyring"
        except Exception as exc:
            log.warning("the OS keyring refused the till's key (%s): using a key file", exc)
    if _inside(key_dir, data_dir):
        raise SecretStoreError(
            f"the key directory {key_dir} is inside the data directory",
            reason="key_dir_inside_data_dir",
            code=ErrorCode.SECRET_KEY_DIR_INVALID,
        )
    private_dir(key_dir)
    _write_private(key_dir / f"{box_id}.key", base64.b64encode(key) + b"\n")
    return "file"


def _read_key(box_id: str, store: str, backend: Any | None, key_dir: Path) -> bytes:
    if store == "keyring":
        if backend is None:
            raise SecretStoreError(
                "the OS keyring holding this till's key is not available",
                reason="keyring_unavailable",
            )
        try:
            text = backend.get_password(SERVICE, f"box-{box_id}")
        except Exception as exc:
            raise SecretStoreError(
                f"the OS keyring did not answer: {exc}", reason="keyring_unavailable"
            ) from exc
        if text is None:
            raise SecretStoreError(
                "the OS keyring no longer holds this till's key: enroll again",
                reason="keyring_entry_missing",
            )
        return _decode_key(text, "the OS keyring's entry")
    path = key_dir / f"{box_id}.key"
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise SecretStoreError(
            f"this till's key file {path} is missing: enroll again", reason="key_file_missing"
        ) from exc
    return _decode_key(raw.strip(), f"this till's key file {path}")


def _decode_key(text: str | bytes, where: str) -> bytes:
    """A damaged key (truncated, edited) is refused by name: AES-GCM would only say
    'invalid key size', or open nothing without saying why."""
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SecretStoreError(f"{where} is damaged: enroll again", reason="key_damaged") from exc
    if len(key) != _KEY_BYTES:
        raise SecretStoreError(f"{where} is damaged: enroll again", reason="key_damaged")
    return key


def _inside(path: Path, directory: Path) -> bool:
    return path.resolve().is_relative_to(directory.resolve())


def _write_private(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = open_private(tmp, os.O_WRONLY | os.O_TRUNC)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)  # never half a key or half a secret, even on a power cut


def write_sealed(data_dir: Path, relative: Path, purpose: str, data: bytes) -> None:
    path = data_dir / relative
    private_dir(path.parent)
    _write_private(path, box_for(data_dir).seal(purpose, data))


def read_sealed(data_dir: Path, relative: Path, purpose: str) -> bytes | None:
    path = data_dir / relative
    if not path.exists():
        return None
    return box_for(data_dir).open(purpose, path.read_bytes())
