"""The till's hash chain: canonical serialisation, the link hash, and a verifier.

Every record that must never change after being written (sales, refunds,
points-ledger entries, audit entries, later shifts) takes the next position
(`seq`) in ONE chain per terminal. Its hash is SHA-256 over the previous hash
and a canonical serialisation of (kind, id, seq, payload), so editing,
deleting, inserting or moving any record breaks the chain from that record on.

Canonical means: JSON with sorted keys and no spaces, UTF-8, integers only
(a float is refused: it has no single text form), booleans as 0/1 (SQLite reads
them back as integers), times as aware UTC ISO text with microseconds.

What the chain cannot prove on its own: someone holding the database file can
recompute every hash after an edit. The central server's copy of the last hash
it saw is what catches a rewrite of anything already synced (docs/security.md).
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import orjson

#: The "previous hash" of the first record.
GENESIS = "0" * 64

Payload = Mapping[str, object]


_NATIVE = (str, int, type(None))  # exact types: a bool (an int subclass) is not one


def _plain(value: object) -> object:
    """`value` reduced to JSON types with one text form each."""
    kind = type(value)
    # a chained payload is read back from SQLite: exact str, int and None, in
    # dicts and lists; these go first, by exact type (a sale's hash is on the
    # checkout's commit path)
    if kind in _NATIVE:
        return value
    if kind is dict:
        return {str(k): _plain(v) for k, v in value.items()}  # type: ignore[attr-defined]
    if kind is list:
        return [_plain(v) for v in value]  # type: ignore[attr-defined]
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):  # before int: bool is an int subclass
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime in a chained record")
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    raise TypeError(f"{type(value).__name__} has no canonical form in a chained record")


def canonical(value: object) -> bytes:
    """The one byte string `value` hashes as: the stdlib's
    ``json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)`` in UTF-8.

    orjson writes those very bytes (checked for every code point, and by a
    property test) in a tenth of the time, and a sale's hash is on the checkout's
    commit path; what orjson refuses (an integer beyond 64 bits, a lone
    surrogate) gets the stdlib's own answer."""
    plain = _plain(value)
    try:
        return orjson.dumps(plain, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # orjson.JSONEncodeError
        return json.dumps(plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
            "utf-8"
        )


def link_hash(prev_hash: str, kind: str, record_id: str, seq: int, payload: Payload) -> str:
    """The hash of the record at `seq`, chained to `prev_hash` (hex SHA-256)."""
    body = canonical({"kind": kind, "id": record_id, "seq": seq, "payload": payload})
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + body).hexdigest()


class Problem(enum.StrEnum):
    """Why a record breaks the chain."""

    EDITED = "edited"  # its content no longer gives its stored hash
    MISSING = "missing"  # the chain names it, the record is gone
    RELINKED = "relinked"  # its previous hash is not the hash before it
    GAP = "gap"  # a position is missing (a chain entry deleted)
    TRUNCATED = "truncated"  # the chain ends before the till's own count of it
    UNCHAINED = "unchained"  # a record the chain never had (inserted)


@dataclass(frozen=True, slots=True)
class StoredLink:
    """One chain position as stored, with the record's payload as it reads now
    (None when the record is gone)."""

    seq: int
    kind: str
    record_id: str
    prev_hash: str
    hash: str
    payload: Payload | None


@dataclass(frozen=True, slots=True)
class Break:
    """The first broken record: its kind, id and chain position (None if it has none)."""

    problem: Problem
    kind: str
    record_id: str
    seq: int | None


def verify(
    links: Iterable[StoredLink],
    *,
    head: int | None = None,
    unchained: Sequence[tuple[str, str]] = (),
) -> Break | None:
    """The first break of a chain read in `seq` order, or None when it is whole.

    `head` is the till's own count of positions (a tail cut off is caught when
    it is known); `unchained` are (kind, id) of records no position names.
    """
    expected_seq, expected_prev = 1, GENESIS
    last: StoredLink | None = None
    for link in links:
        problem = None
        if link.seq != expected_seq:
            problem = Problem.GAP
        elif link.prev_hash != expected_prev:
            problem = Problem.RELINKED
        elif link.payload is None:
            problem = Problem.MISSING
        elif link_hash(link.prev_hash, link.kind, link.record_id, link.seq, link.payload) != (
            link.hash
        ):
            problem = Problem.EDITED
        if problem is not None:
            return Break(problem, link.kind, link.record_id, link.seq)
        expected_seq, expected_prev, last = link.seq + 1, link.hash, link
    if head is not None and head != expected_seq - 1:
        kind, record_id = ("", "") if last is None else (last.kind, last.record_id)
        return Break(Problem.TRUNCATED, kind, record_id, head)
    if unchained:
        kind, record_id = unchained[0]
        return Break(Problem.UNCHAINED, kind, record_id, None)
    return None
