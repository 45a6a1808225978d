"""The search index as bytes, so that a till can save it and load it at start.

Building the index of 300,000 products takes seconds; loading its few strings
and integer arrays takes a fraction of one. Layout: the magic `YCSX`, a
4-byte little-endian header length, a JSON header (format version, the
caller's `meta`, byte order, and each section's kind, length and CRC-32),
then the payload: the sections back to back. Any mismatch (another version,
another byte order, a short or damaged file) raises `ValueError`, and the
caller rebuilds.
"""

from __future__ import annotations

import io
import json
import sys
import zlib
from array import array
from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from pos_app.core.search import FIELD_NAMES, SearchIndex
from pos_app.core.search_text import Field

MAGIC = b"YCSX"
VERSION = 1
_KINDS = ("str", "i", "q", "H")
_ARRAYS = ("starts", "ptr", "rows", "tok_pos", "tok_val", "tok_blocks")


class Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


def _sections(index: SearchIndex) -> list[tuple[str, str, Callable[[], bytes]]]:
    """(name, kind, bytes maker): each section made when wanted, so that writing
    holds one section's bytes at a time, not a copy of the whole index."""
    out: list[tuple[str, str, Callable[[], bytes]]] = [("ids", "q", index.ids.tobytes)]
    for name, field in index.fields().items():
        out.append((f"{name}.blob", "str", partial(field.blob.encode, "utf-8")))
        alphabet = "".join(sorted(field.alphabet))
        out.append((f"{name}.alphabet", "str", alphabet.encode))
        for part in _ARRAYS:
            out.append((f"{name}.{part}", "i", getattr(field, part).tobytes))
        if field.pairs is not None:
            out.append((f"{name}.pairs", "H", array("H", sorted(field.pairs)).tobytes))
    return out


def write(index: SearchIndex, meta: dict[str, Any], out: Writable) -> None:
    """Write the index; each section is made twice (for its CRC, then to write)
    rather than held: a tenth of a second instead of the index's size in memory."""
    sections = _sections(index)
    listed = []
    for name, kind, make in sections:
        data = make()
        listed.append([name, kind, len(data), zlib.crc32(data)])
        del data
    header = {
        "version": VERSION,
        "meta": meta,
        "byteorder": sys.byteorder,
        "sections": listed,
        "suffix_keys": {name: f.suffix_keys for name, f in index.fields().items()},
    }
    head = json.dumps(header, separators=(",", ":")).encode()
    out.write(MAGIC + len(head).to_bytes(4, "little") + head)
    for _name, _kind, make in sections:
        out.write(make())


def encode(index: SearchIndex, meta: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    write(index, meta, buffer)
    return buffer.getvalue()


class Readable(Protocol):
    def read(self, size: int, /) -> bytes: ...


def read_header(source: Readable) -> dict[str, Any]:
    """The header (its `meta` is the caller's), leaving `source` at the payload."""
    start = source.read(8)
    if len(start) < 8 or start[:4] != MAGIC:
        raise ValueError("search index: not an index file")
    size = int.from_bytes(start[4:8], "little")
    try:
        header = json.loads(source.read(size))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError("search index: unreadable header") from None
    if not isinstance(header, dict) or header.get("version") != VERSION:
        raise ValueError("search index: another format version")
    if not isinstance(header.get("meta"), dict):
        raise ValueError("search index: no meta")
    sections = header.get("sections")
    if not isinstance(sections, list) or not all(
        isinstance(s, list)
        and len(s) == 4
        and isinstance(s[0], str)
        and s[1] in _KINDS
        and isinstance(s[2], int)
        and s[2] >= 0
        and isinstance(s[3], int)
        for s in sections
    ):
        raise ValueError("search index: malformed section list")
    return header


def read_index(source: Readable, header: dict[str, Any]) -> SearchIndex:
    """The index whose payload follows; one section in memory at a time, beside
    what is already decoded, so loading peaks well under twice the index."""
    try:
        return _read_index(source, header)
    except (TypeError, KeyError, IndexError, AttributeError, OverflowError) as exc:
        raise ValueError(f"search index: malformed ({type(exc).__name__})") from None


def decode(data: bytes) -> SearchIndex:
    source = io.BytesIO(data)
    return read_index(source, read_header(source))


def read_meta(data: bytes) -> dict[str, Any]:
    return dict(read_header(io.BytesIO(data))["meta"])


def _read_index(source: Readable, header: dict[str, Any]) -> SearchIndex:
    if header.get("byteorder") != sys.byteorder:
        raise ValueError("search index: saved on a machine of another byte order")
    parts: dict[str, str | array[int]] = {}
    for name, kind, length, crc in header["sections"]:
        chunk = source.read(length)
        if len(chunk) != length:
            raise ValueError("search index: file cut short")
        if zlib.crc32(chunk) != crc:
            raise ValueError(f"search index: {name} damaged (CRC mismatch)")
        if kind == "str":
            parts[name] = chunk.decode("utf-8")
        else:
            values = array(kind)
            values.frombytes(chunk)
            parts[name] = values
        del chunk
    if source.read(1):
        raise ValueError("search index: bytes after the last section")
    try:
        fields = {
            name: Field(
                *(parts[f"{name}.{p}"] for p in ("blob", *_ARRAYS)),  # type: ignore[arg-type]
                suffix_keys=bool(header["suffix_keys"][name]),
                alphabet=str(parts[f"{name}.alphabet"]),
                pairs=parts.get(f"{name}.pairs"),  # type: ignore[arg-type]
            )
            for name in FIELD_NAMES
        }
        ids = parts["ids"]
    except KeyError as exc:
        raise ValueError(f"search index: section {exc} missing") from None
    if not isinstance(ids, array):
        raise ValueError("search index: ids missing")
    for name, field in fields.items():
        if (
            len(field.ptr) != len(field.starts) + 1
            or field.ptr[-1] != len(ids)
            or len(field.rows) != len(ids)
            or not len(field.tok_pos) == len(field.tok_val) == len(field.tok_blocks)
        ):
            raise ValueError(f"search index: {name} is inconsistent")
    return SearchIndex.from_parts(ids, fields)
