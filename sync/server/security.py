"""Secrets of the server: bearer tokens, enrollment codes, terminal keys.

Only hashes are stored. A token or code is 32 random bytes (codes: 60 bits
typed by a person), so an unsalted sha256 is enough: there is nothing to
guess from a dictionary, and looking a hash up by index leaks nothing useful
about the token through timing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

#: Bearer tokens carry a prefix so that secret scanners and logs can spot them.
TOKEN_PREFIX = "yct1_"
#: Enrollment codes are read aloud or typed: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS, CODE_GROUP_LEN = 3, 4


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_token(nbytes: int = 32) -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(nbytes)


def new_enrollment_code() -> str:
    """'ABCD-EFGH-JKMN': 12 symbols of 31, about 59 bits, used once within hours."""
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LEN))
        for _ in range(CODE_GROUPS)
    )
    return "-".join(groups)


def normalize_code(code: str) -> str:
    """What a person typed → the canonical code: case and separators do not matter."""
    return "-".join(_chunks("".join(ch for ch in code.upper() if ch.isalnum()), CODE_GROUP_LEN))


def _chunks(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def b64url_decode(text: str) -> bytes:
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii") != text:
        raise ValueError("non-canonical base64url")
    return data


def parse_public_key(text: str) -> Ed25519PublicKey:
    """A terminal's public key as enrollment sends it; ValueError if it is not one."""
    try:
        raw = b64url_decode(text.strip())
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not base64url") from exc
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def terminal_key_id(public_key_text: str) -> str:
    """The key id a till puts in its claim codes (pos_app.persistence.terminal_key.key_id)."""
    raw = b64url_decode(public_key_text.strip())
    return "t-" + hashlib.sha256(raw).hexdigest()[:12]
