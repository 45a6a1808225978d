"""Residents' personal data at rest on the central server: AES-GCM and a keyed lookup hash.

Full names, phone numbers and bill addresses are stored only as AES-256-GCM
ciphertexts (`residents.*_enc`); the lookup "phone ends with 1234" matches an
HMAC-SHA256 of those four digits under a second, separate key
(`residents.phone_tag`), so the database holds no digit of anyone's phone.

Both keys live in one key file OUTSIDE the database (mode 0600, made by
`yuancang-central init`, path in `YC_CENTRAL_PERSONAL_KEY_FILE`): a stolen
database file or dump alone shows no name, phone or address. The key file
is JSON, `{"version": 1, "seal_key": "<b64>", "lookup_key": "<b64>"}`.

Each ciphertext is bound to its row and field (the AES-GCM associated data
is "residents.<field>:<resident id>"): a value copied onto another resident,
or into another field, fails its tag like any other tampering.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.orm import Session

from sync.server.keys import write_private_json

_VERSION = 1  # first byte of every ciphertext: a later key or scheme can sit beside it
_NONCE_BYTES = 12
_SESSION_KEY = "personal_data"


class PersonalKeyError(Exception):
    """The personal-data key file is missing, unreadable, readable by others or malformed."""


class PersonalDataError(Exception):
    """A stored personal value fails its integrity check (tampered, or sealed by another key)."""


@dataclass(frozen=True, slots=True, repr=False)
class PersonalKeys:
    """The two keys: one seals values (AES-GCM), the other tags phone endings (HMAC)."""

    seal_key: bytes
    lookup_key: bytes

    def seal(self, *, field: str, row_id: str, value: str) -> bytes:
        nonce = secrets.token_bytes(_NONCE_BYTES)
        body = AESGCM(self.seal_key).encrypt(nonce, value.encode("utf-8"), _aad(field, row_id))
        return bytes([_VERSION]) + nonce + body

    def open(self, *, field: str, row_id: str, sealed: bytes) -> str:
        """The clear value, or PersonalDataError: never a garbled string."""
        if len(sealed) < 1 + _NONCE_BYTES + 16 or sealed[0] != _VERSION:
            raise PersonalDataError(f"resident {row_id}: {field} is not a sealed value")
        nonce, body = sealed[1 : 1 + _NONCE_BYTES], sealed[1 + _NONCE_BYTES :]
        try:
            clear = AESGCM(self.seal_key).decrypt(nonce, body, _aad(field, row_id))
        except InvalidTag as exc:
            raise PersonalDataError(
                f"resident {row_id}: {field} fails its integrity check (tampered, or another key)"
            ) from exc
        return clear.decode("utf-8")

    def phone_tag(self, last4: str) -> str:
        """HMAC-SHA256 of a phone's last four digits: what the lookup index holds."""
        return hmac.new(self.lookup_key, last4.encode("ascii"), hashlib.sha256).hexdigest()


def _aad(field: str, row_id: str) -> bytes:
    return f"residents.{field}:{row_id}".encode()


def new_keys() -> PersonalKeys:
    return PersonalKeys(seal_key=AESGCM.generate_key(bit_length=256), lookup_key=os.urandom(32))


def write_key_file(path: Path, keys: PersonalKeys) -> None:
    """Atomically, mode 0600 from the start (never briefly readable by others)."""
    body = {
        "version": _VERSION,
        "seal_key": base64.b64encode(keys.seal_key).decode("ascii"),
        "lookup_key": base64.b64encode(keys.lookup_key).decode("ascii"),
    }
    write_private_json(path, body)


def read_key_file(path: Path) -> PersonalKeys:
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PersonalKeyError(
            f"the personal-data key {path} is missing: run `yuancang-central init` "
            "or set YC_CENTRAL_PERSONAL_KEY_FILE"
        ) from exc
    except OSError as exc:
        raise PersonalKeyError(f"cannot read the personal-data key {path}: {exc.strerror}") from exc
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise PersonalKeyError(f"{path} is accessible by others; chmod 600 it")
    try:
        body = json.loads(text)
        keys = PersonalKeys(
            seal_key=base64.b64decode(body["seal_key"], validate=True),
            lookup_key=base64.b64decode(body["lookup_key"], validate=True),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise PersonalKeyError(f"{path} is not a personal-data key file") from exc
    if len(keys.seal_key) != 32 or len(keys.lookup_key) < 32:
        raise PersonalKeyError(f"{path} is not a personal-data key file")
    return keys


def load_or_create(path: Path) -> tuple[PersonalKeys, bool]:
    """`init`: the existing keys, or new ones written to `path` (True when created)."""
    if path.exists():
        return read_key_file(path), False
    keys = new_keys()
    write_key_file(path, keys)
    return keys, True


# --- the keys of a transaction ------------------------------------------------------------------
# Deep callers (the ledger logging a resident's change for the tills) need the
# phone's last four digits; the session carries the keys rather than every
# signature on the way down.


def attach(session: Session, keys: PersonalKeys | None) -> None:
    if keys is not None:
        session.info[_SESSION_KEY] = keys


def keys_of(session: Session) -> PersonalKeys:
    keys = session.info.get(_SESSION_KEY)
    if not isinstance(keys, PersonalKeys):
        raise PersonalKeyError("this transaction has no personal-data key (Database without keys)")
    return keys


def check_keys(session: Session, keys: PersonalKeys, *, where: Path | str) -> None:
    """Refuse keys that do not open the residents' data (PersonalKeyError): a
    server started with another key file would find no phone and seal new
    values nobody can read with the old one. A database without sealed values
    (new, or not migrated yet) has nothing to check."""
    from sqlalchemy import select
    from sqlalchemy.exc import DBAPIError

    from sync.server.models.residents import Resident

    try:
        row = session.execute(
            select(Resident.id, Resident.name_enc).where(Resident.name_enc.is_not(None)).limit(1)
        ).first()
    except DBAPIError:  # no residents table yet: `serve` says to run `init`
        return
    if row is None:
        return
    try:
        keys.open(field="name", row_id=row.id, sealed=row.name_enc)
    except PersonalDataError as exc:
        raise PersonalKeyError(
            f"the personal-data key {where} does not open the residents' data (another key file?)"
        ) from exc


def keys_of_app(app: object) -> PersonalKeys:
    """The keys the app loaded at start (create_app)."""
    keys = getattr(getattr(app, "state", None), "personal_keys", None)
    if not isinstance(keys, PersonalKeys):
        raise PersonalKeyError("the app was started without its personal-data key")
    return keys


# --- phones -------------------------------------------------------------------------------------


def checked_phone(phone: str) -> str:
    digits = phone.strip()
    if len(digits) != 11 or not digits.isascii() or not digits.isdigit() or digits[0] != "1":
        raise ValueError("a phone is an 11-digit mainland mobile number")
    return digits


def mask_phone(phone: str) -> str:
    """'13800001234' → '138****1234': tells two candidates apart, identifies nobody."""
    digits = checked_phone(phone)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
