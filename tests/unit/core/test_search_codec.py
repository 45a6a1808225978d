"""The search index as bytes: a round trip answers alike; anything else is a ValueError."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.core import search_codec
from pos_app.core.pinyin import pinyin_keys
from pos_app.core.search import SearchEntry, SearchIndex

NAMES = ["五常大米 5kg", "恩施玉露", "纯牛奶 250ml", "酸牛奶", "Tea Set 茶具", "硒泉水 550ml"]
QUERIES = ["茶", "牛奶", "wcdm", "esyl", "niunai", "690", "tea", "550", "zzzq", "t-3", "纯牛奶 2"]


def entries() -> list[SearchEntry]:
    out = []
    for i, name in enumerate(NAMES):
        full, initials = pinyin_keys(name)
        out.append(SearchEntry(i + 1, f"T-{i}", name, (f"69000000000{i}",), full, initials))
    return out


@pytest.fixture(scope="module")
def encoded() -> bytes:
    return search_codec.encode(SearchIndex(entries()), {"generation": 7})


def test_a_round_trip_answers_every_query_alike(encoded: bytes) -> None:
    original = SearchIndex(entries())
    loaded = search_codec.decode(encoded)
    assert len(loaded) == len(original) == len(NAMES)
    for query in QUERIES:
        assert loaded.search(query) == original.search(query), query
    assert loaded.search("wcdm")[0].product_id == 1


def test_the_callers_meta_is_read_without_the_payload(encoded: bytes) -> None:
    assert search_codec.read_meta(encoded) == {"generation": 7}
    source = io.BytesIO(encoded)
    header = search_codec.read_header(source)
    assert header["meta"] == {"generation": 7}
    assert header["version"] == search_codec.VERSION
    assert search_codec.read_index(source, header).search("恩施")[0].product_id == 2


def test_an_empty_index_round_trips() -> None:
    loaded = search_codec.decode(search_codec.encode(SearchIndex([]), {}))
    assert len(loaded) == 0
    assert loaded.search("茶") == []


def test_a_changed_byte_in_the_payload_is_caught(encoded: bytes) -> None:
    damaged = bytearray(encoded)
    damaged[-5] ^= 0x01
    with pytest.raises(ValueError, match="CRC"):
        search_codec.decode(bytes(damaged))


def test_a_short_file_is_caught(encoded: bytes) -> None:
    with pytest.raises(ValueError, match="cut short"):
        search_codec.decode(encoded[:-1])
    with pytest.raises(ValueError, match="not an index"):
        search_codec.decode(encoded[:3])


def test_extra_bytes_are_caught(encoded: bytes) -> None:
    with pytest.raises(ValueError, match="after the last section"):
        search_codec.decode(encoded + b"\0")


def _with_header(encoded: bytes, change: dict[str, object]) -> bytes:
    size = int.from_bytes(encoded[4:8], "little")
    header = json.loads(encoded[8 : 8 + size])
    header.update(change)
    head = json.dumps(header).encode()
    return encoded[:4] + len(head).to_bytes(4, "little") + head + encoded[8 + size :]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": search_codec.VERSION + 1}, "another format version"),
        ({"byteorder": "middle"}, "byte order"),
        ({"meta": None}, "no meta"),
        ({"sections": [["ids", "q", 8, 0]]}, "ids damaged"),
        ({"sections": "nonsense"}, "malformed"),
        ({"sections": [["ids", "x", 0, 0]]}, "malformed section list"),
        ({"sections": [["ids", "q", -8, 0]]}, "malformed section list"),
        ({"sections": [["ids", "q", 8]]}, "malformed section list"),
    ],
)
def test_a_header_that_does_not_fit_is_refused(
    encoded: bytes, change: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        search_codec.decode(_with_header(encoded, change))


def test_a_missing_section_is_named(encoded: bytes) -> None:
    size = int.from_bytes(encoded[4:8], "little")
    header = json.loads(encoded[8 : 8 + size])
    kept = [s for s in header["sections"] if s[0] != "pinyin.tok_pos"]
    skip = next(s[2] for s in header["sections"] if s[0] == "pinyin.tok_pos")
    # cut the section's bytes out of the payload, so only the gap remains
    payload = bytearray()
    at = 8 + size
    for name, _kind, length, _crc in header["sections"]:
        if name != "pinyin.tok_pos":
            payload += encoded[at : at + length]
        at += length
    assert len(payload) == len(encoded) - 8 - size - skip
    header.update(sections=kept)
    head = json.dumps(header).encode()
    with pytest.raises(ValueError, match=r"pinyin\.tok_pos"):
        search_codec.decode(encoded[:4] + len(head).to_bytes(4, "little") + head + bytes(payload))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_garbage_is_only_ever_a_value_error(data: bytes) -> None:
    with pytest.raises(ValueError):
        search_codec.decode(search_codec.MAGIC + data)
