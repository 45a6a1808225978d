"""Building the search fields from catalog entries (see `search_text` for the layout).

Rows are put in rank order once, here: shorter names first, then the order
the entries came in (the catalog's id order). A query then meets its best
matches first and can stop after `limit` of them.

The loops over hundreds of thousands of strings are written as `map`,
`sorted(key=...)` and `Counter` calls, which run in C: a 300,000-product
index builds in a few seconds, and is then saved (`search_codec`).
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate

from pos_app.core.search_text import BLOCK, Field


def rank_order(name_lengths: Sequence[int]) -> list[int]:
    """Entry positions in rank order: shorter names first, then entry order."""
    return sorted(range(len(name_lengths)), key=name_lengths.__getitem__)


def build_field(
    values_by_row: Sequence[str], *, suffix_keys: bool = False, pairs: bool = False
) -> Field:
    """A `Field` over one value per row (rows already in rank order).

    `suffix_keys`: order tokens by their text up to the end of the value, so
    that a query with blanks ("农夫山泉 饮用") finds a prefix across words;
    otherwise by the token alone, which is cheaper and enough for fields only
    searched with blank-free queries (pinyin, codes).
    `pairs`: keep the set of adjacent character pairs (ASCII fields), with which
    a query that cannot occur is answered without a scan.
    """
    number = {value: v for v, value in enumerate(dict.fromkeys(values_by_row))}
    values = list(number)
    value_of_row = list(map(number.__getitem__, values_by_row))
    del number
    # rows grouped by value, ascending within each (a stable sort)
    rows = array("i", sorted(range(len(value_of_row)), key=value_of_row.__getitem__))
    counts = Counter(value_of_row)
    del value_of_row
    ptr = array("i", [0])
    ptr.extend(accumulate(map(counts.__getitem__, range(len(values)))))
    starts = array("i", accumulate((len(v) + 1 for v in values[:-1]), initial=1))
    if not values:
        starts = array("i")
    blob = "\n" + "\n".join(values) + "\n"
    tok_pos, tok_val = _token_table(values, starts, suffix_keys)
    del values
    pair_codes = adjacent_pairs(blob) if pairs else None
    if pair_codes is not None:
        alphabet = {chr(p & 0xFF) for p in pair_codes} | {chr(p >> 8) for p in pair_codes}
    else:
        alphabet = set(blob)
    return Field(
        blob,
        starts,
        ptr,
        rows,
        tok_pos,
        tok_val,
        sorted_blocks(tok_val),
        suffix_keys=suffix_keys,
        alphabet="".join(sorted(alphabet - {"\n", " "})),
        pairs=pair_codes,
    )


def _token_table(
    values: list[str], starts: array[int], suffix_keys: bool
) -> tuple[array[int], array[int]]:
    """Start positions of every blank-separated token, sorted by their key, and
    the value each belongs to (a stable sort: equal keys stay in value order)."""
    keys: list[str] = []
    where = array("i")  # arrays, not lists: no int object per token (a third of the peak)
    owner = array("i")
    for v, value in enumerate(values):
        if " " not in value:  # most values: one token
            keys.append(value)
            where.append(starts[v])
            owner.append(v)
            continue
        at = 0
        for token in value.split(" "):
            if token:
                keys.append(value[at:] if suffix_keys else token)
                where.append(starts[v] + at)
                owner.append(v)
            at += len(token) + 1
    order = sorted(range(len(keys)), key=keys.__getitem__)
    del keys
    return array("i", map(where.__getitem__, order)), array("i", map(owner.__getitem__, order))


def sorted_blocks(tok_val: array[int]) -> array[int]:
    """`tok_val` with each block of `BLOCK` entries sorted."""
    out = array("i")
    for b in range(0, len(tok_val), BLOCK):
        out.extend(sorted(tok_val[b : b + BLOCK]))
    return out


def adjacent_pairs(blob: str) -> array[int] | None:
    """Every two adjacent characters of an ASCII text, as the little-endian 16-bit
    number of their bytes (sorted); None for other text. The text is read as
    16-bit words from offsets 0 and 1, so the work is done in C."""
    if not blob.isascii():
        return None
    data = blob.encode("ascii")
    even = array("H", data[: len(data) // 2 * 2])
    odd = array("H", data[1 : 1 + (len(data) - 1) // 2 * 2])
    if sys.byteorder == "big":  # pragma: no cover - the tills are x86 and ARM, little-endian
        even.byteswap()
        odd.byteswap()
    return array("H", sorted(set(even) | set(odd)))
