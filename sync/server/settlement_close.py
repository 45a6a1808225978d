"""Closing a community's month: its settlement frozen, hashed and signed; and checking it.

`close` computes the month as of now, serialises it canonically (sorted keys, no
spaces, UTF-8), stores that text with its SHA-256 and an Ed25519 signature of
the text by the settlement key, once: a second close of the same month is
refused, and the database refuses any UPDATE or DELETE of a closed settlement
(migration 0016's triggers). The private key lives in a file (0600, as
`keys.py` keeps the membership key); only its public half is in the database,
so the API process can verify a settlement and never sign one.

`verify` checks the hash, the signature with the stored public key, and that a
recomputation as of the close still gives the same document; it names each
figure that differs (a row edited behind the server's back, a record deleted).
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server import keys
from sync.server.models.settlement import ClosedSettlement, SettlementKey
from sync.server.settlement import Settlement, compute
from sync.server.settlement_period import month_window


class CloseRefused(ValueError):
    """The month cannot be closed (not ended yet, closed already, a foreign key)."""


def canonical(document: dict[str, Any]) -> bytes:
    """The one byte string a document is hashed and signed as."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def settlement_key(session: Session, path: Path, *, now: datetime) -> keys.SigningKey:
    """The key in `path` (created 0600 when absent), its public half registered; a file
    whose key id the database knows with another public key is refused."""
    key, _created = keys.load_or_create(path)
    known = session.get(SettlementKey, key.key_id)
    if known is None:
        session.add(SettlementKey(key_id=key.key_id, public_key=key.public_text, created_at=now))
        session.flush()
    elif known.public_key != key.public_text:
        raise CloseRefused(f"settlement key {key.key_id}: the file does not match the database")
    return key


def stored(session: Session, *, community_id: str, month: str) -> ClosedSettlement | None:
    return session.scalar(
        select(ClosedSettlement).where(
            ClosedSettlement.community_id == community_id, ClosedSettlement.month == month
        )
    )


def close(
    session: Session, *, community_id: str, month: str, key_file: Path, now: datetime
) -> ClosedSettlement:
    """Freeze the month (caller commits). Refused before the month has ended, or twice."""
    _since, until = month_window(month)
    if now < until:
        raise CloseRefused(f"{month} has not ended yet: it can be closed from {until.isoformat()}")
    if stored(session, community_id=community_id, month=month) is not None:
        raise CloseRefused(f"{community_id} {month} is closed already")
    key = settlement_key(session, key_file, now=now)
    settlement = compute(session, community_id=community_id, month=month, as_of=now)
    text = canonical(settlement.document)
    row = ClosedSettlement(
        community_id=community_id,
        month=month,
        closed_at=now,
        document=text.decode("utf-8"),
        sha256=hashlib.sha256(text).hexdigest(),
        key_id=key.key_id,
        signature=_b64(key.private_key.sign(text)),
    )
    session.add(row)
    session.flush()  # the UNIQUE (community, month) refuses a concurrent second close
    return row


@dataclass
class Verdict:
    """What `verify` found: `ok` only when nothing is listed."""

    community_id: str
    month: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(session: Session, *, community_id: str, month: str) -> Verdict:
    verdict = Verdict(community_id, month)
    row = stored(session, community_id=community_id, month=month)
    if row is None:
        verdict.problems.append("not closed")
        return verdict
    text = row.document.encode("utf-8")
    if hashlib.sha256(text).hexdigest() != row.sha256:
        verdict.problems.append("sha256: the stored document does not hash to the stored digest")
    key = session.get(SettlementKey, row.key_id)
    try:
        if key is None:
            raise InvalidSignature
        Ed25519PublicKey.from_public_bytes(_unb64(key.public_key)).verify(
            _unb64(row.signature), text
        )
    except (InvalidSignature, ValueError):
        verdict.problems.append(f"signature: not a signature of the document by {row.key_id}")
    again = compute(session, community_id=community_id, month=month, as_of=row.closed_at)
    verdict.problems += [
        f"{path}: closed {old!r}, now {new!r}"
        for path, old, new in differences(json.loads(text), again.document)
    ]
    return verdict


def differences(old: Any, new: Any, path: str = "") -> list[tuple[str, Any, Any]]:
    """Each leaf that differs between two JSON documents, by its path (a.b[2].c)."""
    if isinstance(old, dict) and isinstance(new, dict):
        found = []
        for k in sorted(set(old) | set(new)):
            found += differences(old.get(k), new.get(k), f"{path}.{k}" if path else k)
        return found
    if isinstance(old, list) and isinstance(new, list):
        found = []
        for i in range(max(len(old), len(new))):
            a = old[i] if i < len(old) else None
            b = new[i] if i < len(new) else None
            found += differences(a, b, f"{path}[{i}]")
        return found
    return [] if old == new else [(path, old, new)]


def published(session: Session, *, community_id: str, month: str) -> Settlement:
    """A closed month's frozen document; an open one computed live (provisional)."""
    row = stored(session, community_id=community_id, month=month)
    if row is not None:
        return Settlement(json.loads(row.document))
    return compute(session, community_id=community_id, month=month)
