"""The hash chain: canonical form, and every edit, deletion, insertion or reordering
of a valid chain is caught at the first record it breaks."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.chain import (
    GENESIS,
    Break,
    Problem,
    StoredLink,
    canonical,
    link_hash,
    verify,
)


def build(payloads: list[dict[str, object]]) -> list[StoredLink]:
    links, prev = [], GENESIS
    for seq, payload in enumerate(payloads, start=1):
        kind = ("sale", "refund", "ledger", "audit")[seq % 4]
        record_id = f"r{seq}"
        h = link_hash(prev, kind, record_id, seq, payload)
        links.append(StoredLink(seq, kind, record_id, prev, h, payload))
        prev = h
    return links


def test_canonical_form_is_sorted_compact_and_utc() -> None:
    shanghai = timezone(timedelta(hours=8))
    value = {"b": True, "a": [1, None, "源"], "at": datetime(2026, 1, 1, 8, tzinfo=shanghai)}
    assert canonical(value) == (
        '{"a":[1,null,"源"],"at":"2026-01-01T00:00:00.000000+00:00","b":1}'.encode()
    )


def test_canonical_refuses_floats_and_naive_times() -> None:
    with pytest.raises(TypeError):
        canonical({"amount": 1.5})
    with pytest.raises(ValueError):
        canonical({"at": datetime(2026, 1, 1)})


def test_a_whole_chain_verifies_and_an_empty_one_too() -> None:
    links = build([{"n": i} for i in range(5)])
    assert verify(links, head=5) is None
    assert verify([], head=0) is None
    assert links[0].prev_hash == GENESIS
    assert links[1].prev_hash == links[0].hash


def test_the_hash_covers_position_kind_and_id() -> None:
    base = link_hash(GENESIS, "sale", "a", 1, {"x": 1})
    assert link_hash(GENESIS, "sale", "a", 2, {"x": 1}) != base
    assert link_hash(GENESIS, "refund", "a", 1, {"x": 1}) != base
    assert link_hash(GENESIS, "sale", "b", 1, {"x": 1}) != base
    assert link_hash("f" * 64, "sale", "a", 1, {"x": 1}) != base


def test_a_cut_off_tail_is_caught_by_the_head_count() -> None:
    links = build([{"n": i} for i in range(3)])
    assert verify(links[:2], head=3) == Break(Problem.TRUNCATED, "ledger", "r2", 3)
    assert verify(links[:2]) is None  # without the count, nothing says a tail is gone


def test_an_unchained_record_is_named() -> None:
    links = build([{"n": 1}])
    assert verify(links, head=1, unchained=[("sale", "x")]) == Break(
        Problem.UNCHAINED, "sale", "x", None
    )


payloads = st.lists(
    st.dictionaries(
        st.text(min_size=1, max_size=5), st.integers() | st.text(max_size=8), max_size=4
    ),
    min_size=2,
    max_size=12,
)


@given(payloads, st.data())
def test_any_edit_is_caught_at_the_edited_record(p: list[dict[str, object]], data) -> None:  # type: ignore[no-untyped-def]
    links = build(p)
    i = data.draw(st.integers(0, len(links) - 1))
    edited = {**(links[i].payload or {}), "amount_fen": data.draw(st.integers())}
    links[i] = replace(links[i], payload=edited)
    assert verify(links, head=len(links)) == Break(
        Problem.EDITED, links[i].kind, links[i].record_id, i + 1
    )


@given(payloads, st.data())
def test_a_deleted_record_is_caught(p: list[dict[str, object]], data) -> None:  # type: ignore[no-untyped-def]
    links = build(p)
    i = data.draw(st.integers(0, len(links) - 1))
    gone_row = data.draw(st.booleans())
    if gone_row:  # the record deleted, its chain entry left
        links[i] = replace(links[i], payload=None)
        expected = Break(Problem.MISSING, links[i].kind, links[i].record_id, i + 1)
    else:  # record and chain entry deleted
        del links[i]
        expected = (
            Break(Problem.GAP, links[i].kind, links[i].record_id, i + 2)
            if i < len(links)
            else Break(Problem.TRUNCATED, links[-1].kind, links[-1].record_id, len(links) + 1)
        )
    assert verify(links, head=len(p)) == expected


@given(payloads, st.data())
def test_an_inserted_record_is_caught(p: list[dict[str, object]], data) -> None:  # type: ignore[no-untyped-def]
    links = build(p)
    i = data.draw(st.integers(0, len(links)))
    prev = GENESIS if i == 0 else links[i - 1].hash
    forged = {"amount_fen": data.draw(st.integers())}
    # the forger hashes the new record properly and renumbers the ones after it
    new = StoredLink(
        i + 1, "sale", "forged", prev, link_hash(prev, "sale", "forged", i + 1, forged), forged
    )
    tail = [replace(link, seq=link.seq + 1) for link in links[i:]]
    mutated = [*links[:i], new, *tail]
    found = verify(mutated, head=len(mutated))
    if i < len(links):  # the record after the insertion no longer follows its predecessor
        assert found == Break(Problem.RELINKED, tail[0].kind, tail[0].record_id, i + 2)
    else:  # appended at the end with a good hash: only an unchained check or the server sees it
        assert found is None
    # without a chain entry at all, the record is unchained
    assert verify(links, head=len(links), unchained=[("sale", "forged")]) == Break(
        Problem.UNCHAINED, "sale", "forged", None
    )


@given(payloads, st.data())
def test_a_reordering_is_caught_at_the_first_moved_record(p: list[dict[str, object]], data) -> None:  # type: ignore[no-untyped-def]
    links = build(p)
    i = data.draw(st.integers(0, len(links) - 2))
    j = data.draw(st.integers(i + 1, len(links) - 1))
    a, b = links[i], links[j]
    # swapped records keep their contents and hashes but take each other's positions
    links[i] = replace(b, seq=a.seq)
    links[j] = replace(a, seq=b.seq)
    found = verify(links, head=len(links))
    assert found is not None
    assert (found.kind, found.record_id, found.seq) == (b.kind, b.record_id, i + 1)


def test_times_in_any_zone_hash_alike() -> None:
    utc = datetime(2026, 5, 1, 1, 2, 3, tzinfo=UTC)
    assert canonical({"at": utc}) == canonical({"at": utc.astimezone(timezone(timedelta(hours=8)))})


_json_values = st.recursive(
    st.none()
    | st.text()
    | st.integers(min_value=-(2**70), max_value=2**70)  # beyond 64 bits too
    | st.booleans(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(_json_values)
def test_canonical_is_exactly_the_stdlib_sorted_compact_json(value: object) -> None:
    # the bytes of every chain ever written: orjson (the fast path) must never differ
    expected = json.dumps(
        _reference_plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")
    assert canonical(value) == expected


def _reference_plain(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict):
        return {k: _reference_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_reference_plain(v) for v in value]
    return value


def test_canonical_of_a_lone_surrogate_fails_as_the_stdlib_does() -> None:
    with pytest.raises(UnicodeEncodeError):
        canonical({"name": "\ud800"})
