"""Membership QR codes: what a resident's phone shows, and how a till trusts it.

Format v1 (documented in docs/membership-qr.md), ASCII only because zbar
garbles UTF-8 in QR codes:

    YCM1.<payload>.<signature>

`payload` is base64url (no padding) of compact ASCII JSON
`{"v":1,"k":key id,"r":resident,"c":community,"p":property company,
"iat":unix s,"exp":unix s,"n":nonce}`; `signature` is base64url of the
Ed25519 signature, by the central server's key `k`, over the bytes
`YCM1.<payload>` (the version is signed too). A till verifies offline with
the server's public keys; it never learns the resident's name from the code.
"""

from __future__ import annotations

import binascii
import json
import secrets
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from pos_app.core.b64 import ALPHABET as _ID_CHARS
from pos_app.core.b64 import b64d, b64e
from pos_app.core.barcodes import MEMBER_PREFIX as PREFIX
from pos_app.core.errors import ErrorCode, PosError

#: A real v1 code is ~190 characters; anything far longer is not ours.
MAX_CODE_LENGTH = 400
#: Phones and tills disagree on the time by a little; codes live 60 s.
CLOCK_SKEW_S = 90
DEFAULT_LIFETIME_S = 60


@dataclass(frozen=True, slots=True)
class MemberClaims:
    key_id: str
    resident_id: str
    community_id: str
    property_company_id: str
    issued_at: int
    expires_at: int
    nonce: str


def looks_like_member_code(text: str) -> bool:
    return text.startswith(PREFIX)


def issue_code(
    key: Ed25519PrivateKey,
    *,
    key_id: str,
    resident_id: str,
    community_id: str,
    property_company_id: str,
    now: int,
    lifetime_s: int = DEFAULT_LIFETIME_S,
    nonce: str | None = None,
) -> str:
    """Sign a code (the central server's side; the demo signs with a demo key)."""
    for value in (key_id, resident_id, community_id, property_company_id):
        if not value or not set(value) <= _ID_CHARS:
            raise ValueError(f"ids must be short ASCII: {value!r}")
    body = {
        "v": 1,
        "k": key_id,
        "r": resident_id,
        "c": community_id,
        "p": property_company_id,
        "iat": int(now),
        "exp": int(now) + int(lifetime_s),
        "n": nonce or secrets.token_urlsafe(9),
    }
    payload = b64e(json.dumps(body, separators=(",", ":"), sort_keys=True).encode("ascii"))
    signed = f"{PREFIX}{payload}"
    return f"{signed}.{b64e(key.sign(signed.encode('ascii')))}"


def parse_code(code: str) -> tuple[MemberClaims, bytes, bytes]:
    """Claims, signed bytes and signature of a code, without trusting it yet."""
    if len(code) > MAX_CODE_LENGTH:
        raise PosError(ErrorCode.QR_TOO_LONG, length=len(code))
    if not code.isascii() or not looks_like_member_code(code) or code.count(".") != 2:
        raise PosError(ErrorCode.QR_MALFORMED)
    _, payload, signature = code.split(".")
    try:
        body = json.loads(b64d(payload).decode("ascii"))
        sig = b64d(signature)
        claims = MemberClaims(
            key_id=_id(body["k"]),
            resident_id=_id(body["r"]),
            community_id=_id(body["c"]),
            property_company_id=_id(body["p"]),
            issued_at=_int(body["iat"]),
            expires_at=_int(body["exp"]),
            nonce=_id(body["n"]),
        )
        if body.get("v") != 1:
            raise ValueError("version")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error) as exc:
        raise PosError(ErrorCode.QR_MALFORMED) from exc
    return claims, f"{PREFIX}{payload}".encode("ascii"), sig


def verify_code(
    code: str,
    *,
    public_keys: Mapping[str, Ed25519PublicKey],
    now: int,
    property_company_id: str,
    revoked_residents: Collection[str] = (),
) -> MemberClaims:
    """Trust a code or say exactly why not (each reason has its own error code).

    Order matters: nothing about an unsigned code is believed, so the
    signature is checked before its times, its resident or its company.
    """
    claims, signed, signature = parse_code(code)
    key = public_keys.get(claims.key_id)
    if key is None:
        raise PosError(ErrorCode.QR_FORGED)
    try:
        key.verify(signature, signed)
    except InvalidSignature as exc:
        raise PosError(ErrorCode.QR_TAMPERED) from exc
    if now > claims.expires_at + CLOCK_SKEW_S:
        raise PosError(ErrorCode.QR_EXPIRED, expired_at=claims.expires_at)
    if now < claims.issued_at - CLOCK_SKEW_S:
        raise PosError(ErrorCode.QR_NOT_YET_VALID, issued_at=claims.issued_at)
    if claims.resident_id in revoked_residents:
        raise PosError(ErrorCode.QR_REVOKED)
    if claims.property_company_id != property_company_id:
        raise PosError(ErrorCode.QR_WRONG_COMMUNITY, community=claims.community_id)
    return claims


def public_key_from_text(text: str) -> Ed25519PublicKey:
    """A public key as stored in settings: base64url of its 32 raw bytes."""
    return Ed25519PublicKey.from_public_bytes(b64d(text.strip()))


def public_key_text(key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return b64e(raw)


def parse_key_ring(text: str) -> dict[str, Ed25519PublicKey]:
    """'kid:key,kid:key' (the `membership.public_keys` setting) → keys by id."""
    ring: dict[str, Ed25519PublicKey] = {}
    for item in text.split(","):
        if item.strip():
            kid, _, key = item.partition(":")
            ring[kid.strip()] = public_key_from_text(key)
    return ring


def _id(value: object) -> str:
    if not isinstance(value, str) or not value or len(value) > 40 or not set(value) <= _ID_CHARS:
        raise ValueError("bad id")
    return value


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("bad int")
    return value
