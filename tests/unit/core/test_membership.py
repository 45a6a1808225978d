"""Membership QR codes: signed offline-verifiable codes and every way to refuse one."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.core.barcodes import MemberCode, classify
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.membership import (
    MAX_CODE_LENGTH,
    issue_code,
    parse_key_ring,
    public_key_text,
    verify_code,
)

KEY = Ed25519PrivateKey.generate()
RING = {"k1": KEY.public_key()}
NOW = 1_790_000_000


def code(**overrides: object) -> str:
    args: dict[str, object] = {
        "key_id": "k1",
        "resident_id": "R0001",
        "community_id": "C001",
        "property_company_id": "P001",
        "now": NOW,
    }
    args.update(overrides)
    key = args.pop("key", KEY)
    return issue_code(key, **args)  # type: ignore[arg-type]


def verify(text: str, now: int = NOW + 10, **kw: object):
    return verify_code(
        text,
        public_keys=kw.pop("keys", RING),
        now=now,
        property_company_id=kw.pop("company", "P001"),
        **kw,
    )  # type: ignore[arg-type]


def refused(text: str, **kw: object) -> ErrorCode:
    with pytest.raises(PosError) as info:
        verify(text, **kw)
    return info.value.code


def test_valid_code_gives_its_claims_and_is_ascii_and_classified():
    text = code()
    assert text.isascii() and text.startswith("YCM1.") and len(text) < MAX_CODE_LENGTH
    claims = verify(text)
    assert (claims.resident_id, claims.community_id, claims.property_company_id) == (
        "R0001",
        "C001",
        "P001",
    )
    assert claims.expires_at == NOW + 60
    assert classify(text) == MemberCode(text)


def test_signed_by_another_key_with_a_known_key_id_is_tampered():
    assert refused(code(key=Ed25519PrivateKey.generate())) is ErrorCode.QR_TAMPERED


def test_unknown_key_id_is_forged():
    assert refused(code(key_id="evil")) is ErrorCode.QR_FORGED


def _swap_payload(text: str, **changes: object) -> str:
    prefix, payload, sig = text.split(".")
    body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    body.update(changes)
    raw = json.dumps(body, separators=(",", ":")).encode()
    return f"{prefix}.{base64.urlsafe_b64encode(raw).rstrip(b'=').decode()}.{sig}"


def test_changed_resident_or_expiry_breaks_the_signature():
    assert refused(_swap_payload(code(), r="R0002")) is ErrorCode.QR_TAMPERED
    assert refused(_swap_payload(code(), exp=NOW + 10**6)) is ErrorCode.QR_TAMPERED


@settings(max_examples=60)
@given(st.data())
def test_any_flipped_character_is_refused(data):
    text = code()
    i = data.draw(st.integers(5, len(text) - 1))
    if text[i] == ".":
        return
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    new = data.draw(st.sampled_from([c for c in alphabet if c != text[i]]))
    flipped = text[:i] + new + text[i + 1 :]
    with pytest.raises(PosError) as info:
        verify(flipped)
    assert info.value.code in (ErrorCode.QR_TAMPERED, ErrorCode.QR_MALFORMED, ErrorCode.QR_FORGED)


def test_expired_and_not_yet_valid_outside_skew():
    text = code()
    assert verify(text, now=NOW + 60 + 90).resident_id == "R0001"  # inside the skew
    assert refused(text, now=NOW + 60 + 91) is ErrorCode.QR_EXPIRED
    assert refused(text, now=NOW - 91) is ErrorCode.QR_NOT_YET_VALID


def test_revoked_resident():
    assert refused(code(), revoked_residents={"R0001"}) is ErrorCode.QR_REVOKED


def test_other_property_company_is_wrong_community():
    assert (
        refused(code(property_company_id="P900", community_id="C900"))
        is ErrorCode.QR_WRONG_COMMUNITY
    )


@pytest.mark.parametrize(
    "text",
    ["YCM1.", "YCM1.abc", "YCM1.a.b.c", "YCM1.!!!.???", "YCM1.e30.AAAA", "YCM1.五常.x"],
)
def test_malformed(text):
    assert refused(text) is ErrorCode.QR_MALFORMED


def test_over_long():
    assert refused("YCM1." + "A" * MAX_CODE_LENGTH) is ErrorCode.QR_TOO_LONG


def test_key_ring_setting_round_trip():
    other = public_key_text(Ed25519PrivateKey.generate().public_key())
    ring = parse_key_ring(f"k1:{public_key_text(KEY.public_key())}, k2:{other}")
    assert set(ring) == {"k1", "k2"}
    assert verify(code(), keys=ring).resident_id == "R0001"


def test_issuer_refuses_non_ascii_ids():
    with pytest.raises(ValueError):
        code(resident_id="张三")
