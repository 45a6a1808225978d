"""The test vectors of docs/membership-qr.md verify, and the page carries exactly these values.

Each vector is recomputed here from its published seed with the till's own
code (`pos_app.core.membership`, `pos_app.core.receipt_codes`); the fenced
blocks of the page must hold the same lines, so a page and a format that drift
apart fail this test.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pos_app.core.b64 import b64d, b64e
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.membership import (
    MemberClaims,
    issue_code,
    parse_key_ring,
    public_key_text,
    verify_code,
)
from pos_app.core.receipt_codes import ClaimPayload, claim_code, parse_claim

DOC = Path(__file__).resolve().parents[2] / "docs" / "membership-qr.md"
SEED = bytes.fromhex("34197a2efb9841ef482f318832e23b031c294090a2d1c603bf2d965fffa56e8a")
TERMINAL_SEED = bytes.fromhex("b5508d3aa3bee0ec77f6dbf346fcabb794bb9a77bc51dda73a4d7af32057e8a6")
ISSUED = 1_795_000_000
CLAIMS = MemberClaims("kvec1", "R0001", "C001", "P001", ISSUED, ISSUED + 60, "vEcT0r-n0nce")
SALE = ClaimPayload(
    key_id="t-937778cc6aee",
    sale_id="0b9c5d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",
    receipt_no="S001-T01-000042",
    store_code="S001",
    eligible_fen=12800,
    sale_time=ISSUED,
    deadline=ISSUED + 30 * 86400,
)


def _block(name: str) -> dict[str, str]:
    """`name: value` lines of the page's fenced block labelled `name`."""
    match = re.search(rf"```{name}\n(.*?)\n```", DOC.read_text(encoding="utf-8"), re.S)
    assert match, f"no {name} block in {DOC.name}"
    return dict(line.split(": ", 1) for line in match.group(1).splitlines())


def _described(key: Ed25519PrivateKey, seed: bytes, code: str, key_label: str) -> dict[str, str]:
    signed, signature = code.rsplit(".", 1)
    payload = signed.split(".", 1)[1]
    return {
        f"{key_label}private key (32-byte seed, hex)": seed.hex(),
        f"{key_label}public key (base64url, 32 bytes)": public_key_text(key.public_key()),
        "payload JSON": b64d(payload).decode("ascii"),
        "signed bytes (ASCII)": signed,
        "signature (base64url, 64 bytes)": signature,
        "code": code,
    }


def test_the_ycm1_vector_verifies_and_is_the_page_s() -> None:
    key = Ed25519PrivateKey.from_private_bytes(SEED)
    code = issue_code(key, key_id=CLAIMS.key_id, resident_id=CLAIMS.resident_id,
                      community_id=CLAIMS.community_id,
                      property_company_id=CLAIMS.property_company_id, now=ISSUED,
                      lifetime_s=60, nonce=CLAIMS.nonce)  # fmt: skip
    assert _block("ycm1-vector") == _described(key, SEED, code, "") | {"key id": "kvec1"}
    ring = parse_key_ring(f"kvec1:{_block('ycm1-vector')['public key (base64url, 32 bytes)']}")
    for now in (ISSUED - 90, ISSUED, ISSUED + 150):  # the page's window
        assert verify_code(code, public_keys=ring, now=now, property_company_id="P001") == CLAIMS
    with pytest.raises(PosError) as late:
        verify_code(code, public_keys=ring, now=ISSUED + 151, property_company_id="P001")
    assert late.value.code is ErrorCode.QR_EXPIRED
    prefix, payload, signature = code.split(".")
    tampered = f"{prefix}.{b64e(b64d(payload).replace(b'R0001', b'R0002'))}.{signature}"
    with pytest.raises(PosError) as forged:
        verify_code(tampered, public_keys=ring, now=ISSUED, property_company_id="P001")
    assert forged.value.code is ErrorCode.QR_TAMPERED


def test_the_ycc1_vector_verifies_and_is_the_page_s() -> None:
    key = Ed25519PrivateKey.from_private_bytes(TERMINAL_SEED)
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert "t-" + hashlib.sha256(raw).hexdigest()[:12] == SALE.key_id  # the documented key id
    code = claim_code(key, SALE)
    page = _block("ycc1-vector")
    assert page == _described(key, TERMINAL_SEED, code, "terminal ") | {"key id": SALE.key_id}
    parsed, signed, signature = parse_claim(page["code"])
    assert parsed == SALE
    key.public_key().verify(signature, signed)  # raises if the page's code does not verify
