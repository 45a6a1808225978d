"""The till's secrets sealed with a key kept apart from the data directory: in the OS
keyring when one works (a keyring backend set in the test, through keyring's own API),
else in a key file outside the data directory (keyring's fail backend, the default of
the test run). A missing key, an unreachable keyring or an altered file is a clear
refusal, never a garbled token or key."""

from __future__ import annotations

import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordSetError

from pos_app.persistence import credentials, terminal_key
from pos_app.persistence.secret_box import (
    BOX_FILE,
    SERVICE,
    SecretStoreError,
    box_for,
    read_sealed,
)

CREDENTIAL = credentials.Credential("https://c.example", "tok-3b9e1f", "T-1")


class DictKeyring(KeyringBackend):
    """A keyring backend held in memory: the keyring library's plugin API, no OS service."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.entries[(service, username)]


@pytest.fixture
def os_keyring() -> Iterator[DictKeyring]:
    backend = DictKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(fail.Keyring())


def test_without_a_keyring_the_key_file_lives_outside_the_data_directory(
    data_dir: Path, till_key_dir: Path, tmp_path: Path
) -> None:
    credentials.save(data_dir, CREDENTIAL)
    box = box_for(data_dir)
    assert box.store == "file"
    key_file = till_key_dir / f"{box.box_id}.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert not key_file.resolve().is_relative_to(data_dir.resolve())
    everything = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    assert b"tok-3b9e1f" not in everything and key_file.read_bytes().strip() not in everything
    # a stolen copy of the data directory, on a machine without the key file
    stolen = shutil.copytree(data_dir, tmp_path / "stolen")
    with pytest.raises(SecretStoreError, match=r"key file .* is missing: enroll again"):
        box_for(stolen, key_dir=tmp_path / "thief-config")
    assert credentials.load(data_dir) == CREDENTIAL


def test_with_a_keyring_no_key_file_is_written(
    data_dir: Path, till_key_dir: Path, os_keyring: DictKeyring
) -> None:
    credentials.save(data_dir, CREDENTIAL)
    key = terminal_key.load_or_create(data_dir)
    box = box_for(data_dir)
    assert box.store == "keyring"
    assert list(os_keyring.entries) == [(SERVICE, f"box-{box.box_id}")]
    assert not (till_key_dir / f"{box.box_id}.key").exists()
    assert credentials.load(data_dir) == CREDENTIAL
    assert terminal_key.key_id(terminal_key.load_or_create(data_dir)) == terminal_key.key_id(key)
    # the keyring stops answering (locked, service gone): refused, no new key made
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(SecretStoreError, match="keyring holding this till's key is not available"):
        credentials.load(data_dir)
    keyring.set_keyring(os_keyring)
    os_keyring.entries.clear()
    with pytest.raises(SecretStoreError, match="no longer holds this till's key: enroll again"):
        credentials.load(data_dir)


def test_a_keyring_that_refuses_falls_back_to_a_key_file(
    data_dir: Path, till_key_dir: Path
) -> None:
    class Refusing(DictKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise PasswordSetError("locked")

    keyring.set_keyring(Refusing())
    try:
        credentials.save(data_dir, CREDENTIAL)
        box = box_for(data_dir)
    finally:
        keyring.set_keyring(fail.Keyring())
    assert box.store == "file" and (till_key_dir / f"{box.box_id}.key").exists()
    assert credentials.load(data_dir) == CREDENTIAL


def test_an_altered_or_swapped_file_is_refused(data_dir: Path) -> None:
    credentials.save(data_dir, CREDENTIAL)
    terminal_key.load_or_create(data_dir)
    cred_path = data_dir / credentials.CREDENTIAL_FILE
    sealed = bytearray(cred_path.read_bytes())
    sealed[-3] ^= 0x40
    cred_path.write_bytes(bytes(sealed))
    with pytest.raises(SecretStoreError, match="credential file fails its integrity check"):
        credentials.load(data_dir)
    # the terminal key's sealed bytes put in the credential's place
    cred_path.write_bytes((data_dir / terminal_key.KEY_FILE).read_bytes())
    with pytest.raises(SecretStoreError, match="credential file fails its integrity check"):
        credentials.load(data_dir)
    cred_path.write_text('{"token": "forged"}')
    with pytest.raises(SecretStoreError, match="credential file is not a sealed file"):
        credentials.load(data_dir)


def test_an_older_plain_terminal_key_is_sealed_and_kept(data_dir: Path) -> None:
    old = Ed25519PrivateKey.generate()
    pem = old.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    legacy = data_dir / terminal_key.LEGACY_KEY_FILE
    legacy.parent.mkdir()
    legacy.write_bytes(pem)
    migrated = terminal_key.load_or_create(data_dir)
    assert terminal_key.key_id(migrated) == terminal_key.key_id(old)  # the same till
    assert not legacy.exists()
    assert read_sealed(data_dir, terminal_key.KEY_FILE, "terminal-key") == pem
    assert b"PRIVATE KEY" not in (data_dir / terminal_key.KEY_FILE).read_bytes()
    assert terminal_key.key_id(terminal_key.load_or_create(data_dir)) == terminal_key.key_id(old)


def test_a_key_directory_inside_the_data_directory_is_refused(data_dir: Path) -> None:
    with pytest.raises(SecretStoreError, match="is inside the data directory"):
        box_for(data_dir, key_dir=data_dir / "keys" / "wrapping")
    assert not (data_dir / BOX_FILE).exists()
