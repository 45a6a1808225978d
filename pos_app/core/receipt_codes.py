"""QR codes printed on receipts: a lookup code, or a signed points-claim code.

    YCR1.<receipt no>                     lookup (returns, reprints)
    YCC1.<payload>.<signature>            claim of an anonymous sale's points

The claim payload is base64url of compact ASCII JSON
`{"v":1,"k":terminal key id,"s":sale id,"r":receipt no,"st":store,
"e":eligible fen,"t":sale time unix s,"x":claim deadline unix s}`, signed with
the terminal's Ed25519 key over `YCC1.<payload>`. The central server knows
each terminal's public key from enrollment and is the only one that honours
a claim (once, before the deadline, for a resident of the right company).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pos_app.core.b64 import b64d, b64e
from pos_app.core.errors import ErrorCode, PosError

LOOKUP_PREFIX = "YCR1."
CLAIM_PREFIX = "YCC1."
_RECEIPT_RE = re.compile(r"^[A-Z0-9]{1,16}-[A-Z0-9]{1,16}-R?\d{1,9}$")


@dataclass(frozen=True, slots=True)
class ClaimPayload:
    key_id: str
    sale_id: str
    receipt_no: str
    store_code: str
    eligible_fen: int
    sale_time: int
    deadline: int


def lookup_code(receipt_no: str) -> str:
    return LOOKUP_PREFIX + receipt_no


def claim_code(key: Ed25519PrivateKey, claim: ClaimPayload) -> str:
    body = {
        "v": 1,
        "k": claim.key_id,
        "s": claim.sale_id,
        "r": claim.receipt_no,
        "st": claim.store_code,
        "e": claim.eligible_fen,
        "t": claim.sale_time,
        "x": claim.deadline,
    }
    payload = b64e(json.dumps(body, separators=(",", ":"), sort_keys=True).encode("ascii"))
    signed = f"{CLAIM_PREFIX}{payload}"
    return f"{signed}.{b64e(key.sign(signed.encode('ascii')))}"


def parse_claim(code: str) -> tuple[ClaimPayload, bytes, bytes]:
    """Payload, signed bytes and signature; verifying is the server's job."""
    try:
        prefix_payload, signature = code.rsplit(".", 1)
        if not prefix_payload.startswith(CLAIM_PREFIX) or len(code) > 600:
            raise ValueError("not a claim code")
        body = json.loads(b64d(prefix_payload[len(CLAIM_PREFIX) :]).decode("ascii"))
        claim = ClaimPayload(
            key_id=str(body["k"]),
            sale_id=str(body["s"]),
            receipt_no=str(body["r"]),
            store_code=str(body["st"]),
            eligible_fen=int(body["e"]),
            sale_time=int(body["t"]),
            deadline=int(body["x"]),
        )
        return claim, prefix_payload.encode("ascii"), b64d(signature)
    except (ValueError, KeyError, TypeError, UnicodeError) as exc:
        raise PosError(ErrorCode.QR_MALFORMED) from exc


def is_receipt_code(text: str) -> bool:
    return text.startswith((LOOKUP_PREFIX, CLAIM_PREFIX))


def receipt_number_from_scan(text: str) -> str:
    """The receipt number in a scanned receipt QR, or typed by the cashier."""
    text = text.strip()
    if text.startswith(LOOKUP_PREFIX):
        text = text[len(LOOKUP_PREFIX) :]
    elif text.startswith(CLAIM_PREFIX):
        text = parse_claim(text)[0].receipt_no
    text = text.upper()
    if not _RECEIPT_RE.match(text):
        raise PosError(ErrorCode.REFUND_SALE_NOT_FOUND, receipt=text[:40])
    return text
