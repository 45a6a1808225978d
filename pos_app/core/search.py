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
    """One field of every entry: its distinct values concatenated, each value
    knowing the rows that carry it (half the names and pinyin strings of a real
    catalog repeat, so this halves the text each query scans)."""

    def __init__(self, values: list[str], prefix_score: int, sub_score: int) -> None:
        owners: dict[str, list[int]] = {}
        for row, value in enumerate(values):
            owners.setdefault(value, []).append(row)
        self.owners = list(owners.values())
        self.starts: list[int] = []
        pos = 0
        for value in owners:
            self.starts.append(pos)
            pos += len(value) + 1
        self.blob = "\n".join(owners) + "\n"
        self.prefix_score = prefix_score
        self.sub_score = sub_score

    def scan(self, query: str, best: dict[int, int], limit: int) -> None:
        blob, starts, owners, find = self.blob, self.starts, self.owners, self.blob.find
        pos = find(query)
        while pos != -1 and len(best) < limit:
            value = bisect_right(starts, pos) - 1
            before = blob[pos - 1] if pos else "\n"
            score = self.prefix_score if before in "\n " else self.sub_score
            for row in owners[value]:
                if score < best.get(row, 99):
                    best[row] = score
            if score == self.prefix_score:  # nothing better in this value: skip to the next
                pos = find(query, starts[value + 1] if value + 1 < len(starts) else len(blob))
            else:
                pos = find(query, pos + 1)


class SearchIndex:
    """Immutable index over the active catalog; rebuild it after an import."""

    def __init__(self, entries: Iterable[SearchEntry]) -> None:
        entries = list(entries)
        self._ids = [e.product_id for e in entries]
        self._name_len = [len(e.name) for e in entries]
        self._by_code: dict[str, int] = {}
        for row, entry in enumerate(entries):
            self._by_code.setdefault(entry.sku.lower(), row)
            for code in entry.barcodes:
                self._by_code.setdefault(code, row)
        self._names = _Field([e.name.lower() for e in entries], NAME_PREFIX, NAME_SUB)
        self._initials = _Field([e.pinyin_initials for e in entries], INITIALS_PREFIX, INITIALS_SUB)
        self._pinyin = _Field([e.pinyin_full for e in entries], PINYIN_PREFIX, PINYIN_SUB)
        self._codes = _Field(
            [" ".join((e.sku.lower(), *e.barcodes)) for e in entries], CODE_PREFIX, CODE_SUB
        )

    def __len__(self) -> int:
        return len(self._ids)

    def _fields_for(self, query: str) -> list[_Field]:
        # Pinyin and code fields hold ASCII only: a Chinese query needs names alone.
        if not query.isascii():
            return [self._names]
        if query.replace(" ", "").isdigit():
            return [self._codes, self._names]
        return [self._names, self._initials, self._pinyin, self._codes]

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
        for field in self._fields_for(q):
            field.scan(q, best, candidates)
            if compact != q:
                field.scan(compact, best, candidates)
        ranked = sorted(best.items(), key=lambda item: (item[1], self._name_len[item[0]], item[0]))
        return [SearchHit(self._ids[row], score) for row, score in ranked[:limit]]
