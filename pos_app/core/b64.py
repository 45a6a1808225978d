"""base64url without padding, canonical only: the text form of our signed codes.

Refusing non-canonical spellings (spare bits set in the last character)
means one code has exactly one text, so a code cannot be re-spelled to look new.
"""

from __future__ import annotations

import base64
import binascii

ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64d(text: str) -> bytes:
    """Decode, or raise ValueError for anything but canonical unpadded base64url."""
    if not text or not set(text) <= ALPHABET:
        raise ValueError("not base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error as exc:
        raise ValueError("not base64url") from exc
    if b64e(data) != text:
        raise ValueError("non-canonical base64url")
    return data
