"""In-memory product search: name substring, full pinyin, pinyin initials, SKU, barcode.

SQLite's FTS5 trigram tokenizer cannot match one- or two-character Chinese
queries (茶, 牛奶), which are the most common ones at a counter. So each field
of every active product is laid out in one newline-separated string and
searched with `str.find`, which runs in C: a 100,000-product catalog is a few
megabytes and a query costs a few milliseconds. Hits are ranked by how they
matched (exact code, prefix, substring) and then by name length.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SearchEntry:
    product_id: int
    sku: str
    name: str
    barcodes: tuple[str, ...] = ()
    pinyin_full: str = ""
    pinyin_initials: str = ""


@dataclass(frozen=True, slots=True)
class SearchHit:
    product_id: int
    score: int  # lower is better


# Ranks: exact code, then prefixes, then substrings; name before pinyin.
EXACT, NAME_PREFIX, INITIALS_PREFIX, PINYIN_PREFIX, CODE_PREFIX = 0, 1, 2, 3, 4
NAME_SUB, INITIALS_SUB, PINYIN_SUB, CODE_SUB = 5, 6, 7, 8


class _Field:
    """One field of every entry, concatenated, with the start offset of each entry."""

    def __init__(self, values: list[str], prefix_score: int, sub_score: int) -> None:
        self.starts: list[int] = []
        pos = 0
        for value in values:
            self.starts.append(pos)
            pos += len(value) + 1
        self.blob = "\n".join(values) + "\n"
        self.prefix_score = prefix_score
        self.sub_score = sub_score

    def scan(self, query: str, best: dict[int, int], limit: int) -> None:
        blob, starts, find = self.blob, self.starts, self.blob.find
        pos = find(query)
        while pos != -1 and len(best) < limit:
            row = bisect_right(starts, pos) - 1
            before = blob[pos - 1] if pos else "\n"
            score = self.prefix_score if before in "\n " else self.sub_score
            if score < best.get(row, 99):
                best[row] = score
            pos = find(query, pos + 1)


class SearchIndex:
    """Immutable index over the active catalog; rebuild it after an import."""

    def __init__(self, entries: Iterable[SearchEntry]) -> None:
        self._entries = list(entries)
        self._by_code: dict[str, int] = {}
        for row, entry in enumerate(self._entries):
            self._by_code.setdefault(entry.sku.lower(), row)
            for code in entry.barcodes:
                self._by_code.setdefault(code, row)
        self._name_len = [len(e.name) for e in self._entries]
        self._fields = [
            _Field([e.name.lower() for e in self._entries], NAME_PREFIX, NAME_SUB),
            _Field([e.pinyin_initials for e in self._entries], INITIALS_PREFIX, INITIALS_SUB),
            _Field([e.pinyin_full for e in self._entries], PINYIN_PREFIX, PINYIN_SUB),
            _Field(
                [" ".join((e.sku.lower(), *e.barcodes)) for e in self._entries],
                CODE_PREFIX,
                CODE_SUB,
            ),
        ]

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, limit: int = 50, candidates: int = 5000) -> list[SearchHit]:
        """Best `limit` hits; `candidates` bounds the work for one-letter queries."""
        q = " ".join(query.lower().split())
        if not q or "\n" in q:
            return []
        best: dict[int, int] = {}
        exact = self._by_code.get(q)
        if exact is not None:
            best[exact] = EXACT
        compact = q.replace(" ", "")
        for field in self._fields:
            field.scan(q, best, candidates)
            if compact != q:
                field.scan(compact, best, candidates)
        ranked = sorted(best.items(), key=lambda item: (item[1], self._name_len[item[0]], item[0]))
        return [SearchHit(self._entries[row].product_id, score) for row, score in ranked[:limit]]
