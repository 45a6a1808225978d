"""One searchable field of the catalog, laid out as a single string.

Searching the text of 300,000 products must take milliseconds, and SQLite's
FTS5 trigram tokenizer cannot match the one- and two-character Chinese
queries (茶, 牛奶) that are the commonest at a counter. So each field keeps
its *distinct* values in one newline-separated string, searched with
`str.find`, which runs in C. Half the names and pinyin strings of a real
catalog repeat, so each value knows the rows that carry it (`rows`).

The rows are numbered in rank order (shorter names first; see
`search_build`), and the values in the order of their first row. Both facts
let a query stop early: the first matches it meets are the best ones.

Prefix matches (a token, i.e. the value's start or a word after a blank,
starting with the query) come from a table of token start positions sorted by
their text: a binary search gives the range of tokens with the prefix, and a
copy of the table sorted by value within blocks of `BLOCK` tokens gives the
range's lowest values without sorting the range.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator
from heapq import merge

#: Tokens per block of `tok_blocks` (each block sorted by value).
BLOCK = 1024


class Field:
    """Distinct values of one field, the rows owning each, and the sorted token table.

    `blob` is "\\n" + values joined by "\\n" + "\\n"; `starts[v]` is where value
    v begins. The rows of value v are `rows[ptr[v]:ptr[v + 1]]`, ascending.
    `tok_pos[i]` is where the i-th token in text order starts, `tok_val[i]` its
    value; `tok_blocks` is `tok_val` with each block of `BLOCK` sorted.
    `pairs`: in an ASCII field, every two adjacent characters of the text, as
    the little-endian 16-bit number of their bytes.
    `suffix_keys`: tokens were ordered by the text up to the value's end (so a
    query with blanks can be a prefix), not by the token alone.
    """

    __slots__ = (
        "alphabet",
        "blob",
        "pairs",
        "ptr",
        "rows",
        "starts",
        "suffix_keys",
        "tok_blocks",
        "tok_pos",
        "tok_val",
    )

    def __init__(
        self,
        blob: str,
        starts: array[int],
        ptr: array[int],
        rows: array[int],
        tok_pos: array[int],
        tok_val: array[int],
        tok_blocks: array[int],
        *,
        suffix_keys: bool,
        alphabet: str,
        pairs: array[int] | None,
    ) -> None:
        self.blob = blob
        self.starts = starts
        self.ptr = ptr
        self.rows = rows
        self.tok_pos = tok_pos
        self.tok_val = tok_val
        self.tok_blocks = tok_blocks
        self.suffix_keys = suffix_keys
        self.alphabet = frozenset(alphabet)
        self.pairs = None if pairs is None else frozenset(pairs)

    def __len__(self) -> int:
        return len(self.starts)

    def could_hold(self, text: str) -> bool:
        """False when `text` has a character (blanks aside), or in an ASCII field two
        adjacent characters, that no value of this field has: a query that cannot
        match costs a few set lookups, not a scan (pinyin never has "zz" or "hn")."""
        if not set(text) - {" "} <= self.alphabet:
            return False
        if self.pairs is not None and " " not in text:
            data = text.encode("ascii")  # ASCII: its alphabet is
            return all(data[i] | data[i + 1] << 8 in self.pairs for i in range(len(data) - 1))
        return True

    # --- substrings: a scan in value order --------------------------------------

    def substring_values(self, query: str) -> Iterator[int]:
        """Values whose text contains `query`, each once, in value order."""
        blob, starts = self.blob, self.starts
        find, end, count = blob.find, len(blob), len(starts)
        pos = find(query)
        while pos != -1:
            value = bisect_right(starts, pos) - 1
            yield value
            nxt = value + 1
            pos = find(query, starts[nxt] if nxt < count else end)

    # --- prefixes and exact tokens: the token table ----------------------------

    def token_range(self, query: str) -> tuple[int, int]:
        """[lo, hi) of the sorted tokens that start with `query`.

        Past a token come "\\n" or " ", which sort before every character a
        query can hold (`could_hold` keeps control characters out), so
        comparing the first len(query) characters orders tokens as their
        sort keys do.
        """
        blob, m = self.blob, len(query)

        def key(pos: int) -> str:
            return blob[pos : pos + m]

        lo = bisect_left(self.tok_pos, query, key=key)
        hi = bisect_right(self.tok_pos, query, lo=lo, key=key)
        return lo, hi

    def exact_values(self, query: str) -> list[int]:
        """Values having a token equal to `query` (a blank-free query)."""
        lo, hi = self.token_range(query)
        blob, end, out = self.blob, len(query), set()
        for i in range(lo, hi):  # a token equal to the query sorts first in the range
            if blob[self.tok_pos[i] + end] not in "\n ":
                break
            out.add(self.tok_val[i])
        return sorted(out)

    def prefix_values(self, query: str) -> Iterator[int]:
        """Values with a token starting with `query`, each once, in value order."""
        lo, hi = self.token_range(query)
        if hi - lo <= 2 * BLOCK:
            return iter(sorted(set(self.tok_val[lo:hi])))
        first, last = -(-lo // BLOCK), hi // BLOCK  # whole blocks inside [lo, hi)
        blocks = memoryview(self.tok_blocks)
        parts: list[Iterator[int]] = [
            iter(sorted(self.tok_val[lo : first * BLOCK])),
            iter(sorted(self.tok_val[last * BLOCK : hi])),
        ]
        parts += [iter(blocks[b * BLOCK : (b + 1) * BLOCK]) for b in range(first, last)]
        return _once(merge(*parts))

    # --- rows ------------------------------------------------------------------

    def best_rows(self, values: Iterator[int], need: int, taken: set[int]) -> list[int]:
        """The `need` lowest rows, not in `taken`, owned by `values` (given in order).

        Values come in the order of their first row, so once `need` rows are
        in hand, a value whose first row is past the worst of them cannot
        improve the answer: the scan stops there.
        """
        ptr, rows = self.ptr, self.rows
        best: list[int] = []
        for value in values:
            first = ptr[value]
            if len(best) >= need and rows[first] > best[-1]:
                break
            for row in rows[first : ptr[value + 1]]:
                if row in taken:
                    continue
                if len(best) < need:
                    insort(best, row)
                elif row < best[-1]:
                    insort(best, row)
                    best.pop()
                else:
                    break  # a value's rows ascend: the rest are worse too
        return best


def _once(values: Iterator[int]) -> Iterator[int]:
    """An ascending stream without its repeats."""
    last = -1
    for value in values:
        if value != last:
            yield value
            last = value
