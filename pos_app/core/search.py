"""In-memory product search: name substring, full pinyin, pinyin initials, SKU, barcode.

Hits are ranked by how they matched (exact code, then prefixes, then
substrings; name before pinyin before codes), then by name length (shorter
first), then by catalog order. Rows are stored in that second order (see
`search_build`), and each match class is gathered in turn until `limit`
rows are found, so a query does the work of its best `limit` answers, not
of every match: at 300,000 products a query is a few milliseconds, and a
query that matches nothing scans each field's text once.

The index is a handful of strings and integer arrays, so it is small in
memory and is saved as bytes next to the database (`search_codec`): a till
starting on a large catalog loads it instead of rebuilding it.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from heapq import merge

from pos_app.core.search_build import build_field, rank_order
from pos_app.core.search_text import Field


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

FIELD_NAMES = ("names", "initials", "pinyin", "codes")


@dataclass(slots=True)
class SearchColumns:
    """The catalog's searchable text, one list per field, in catalog order: what
    the index is built from, without an object per product (300,000 of them
    would cost seconds and a few hundred MiB)."""

    ids: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # as written; lowered when indexed
    codes: list[str] = field(default_factory=list)  # "sku barcode barcode…", sku lowered
    pinyin: list[str] = field(default_factory=list)
    initials: list[str] = field(default_factory=list)

    def add(self, entry: SearchEntry) -> None:
        self.append(
            entry.product_id,
            entry.name,
            " ".join((entry.sku.lower(), *entry.barcodes)),
            entry.pinyin_full,
            entry.pinyin_initials,
        )

    def append(self, product_id: int, name: str, codes: str, pinyin: str, initials: str) -> None:
        self.ids.append(product_id)
        self.names.append(name)
        self.codes.append(codes)
        self.pinyin.append(pinyin)
        self.initials.append(initials)


class SearchIndex:
    """Immutable index over the active catalog; rebuild it after an import."""

    def __init__(self, entries: Iterable[SearchEntry]) -> None:
        columns = SearchColumns()
        for entry in entries:
            columns.add(entry)
        self._build(columns)

    @classmethod
    def from_columns(cls, columns: SearchColumns) -> SearchIndex:
        """An index over `columns`, which it empties as it goes (to keep the peak low)."""
        index = cls.__new__(cls)
        index._build(columns)
        return index

    def _build(self, columns: SearchColumns) -> None:
        order = rank_order(list(map(len, columns.names)))

        def ranked(values: list[str]) -> list[str]:
            out = list(map(values.__getitem__, order))
            values.clear()
            return out

        self.ids = array("q", map(columns.ids.__getitem__, order))
        columns.ids.clear()
        self.names = build_field([n.lower() for n in ranked(columns.names)], suffix_keys=True)
        self.initials = build_field(ranked(columns.initials), pairs=True)
        self.pinyin = build_field(ranked(columns.pinyin), pairs=True)
        self.codes = build_field(ranked(columns.codes))

    @classmethod
    def from_parts(cls, ids: array[int], fields: dict[str, Field]) -> SearchIndex:
        """An index from its stored parts (see `search_codec`)."""
        index = cls.__new__(cls)
        index.ids = ids
        index.names, index.initials = fields["names"], fields["initials"]
        index.pinyin, index.codes = fields["pinyin"], fields["codes"]
        return index

    def fields(self) -> dict[str, Field]:
        texts = (self.names, self.initials, self.pinyin, self.codes)
        return dict(zip(FIELD_NAMES, texts, strict=True))

    def __len__(self) -> int:
        return len(self.ids)

    def search(self, query: str, limit: int = 50, candidates: int = 5000) -> list[SearchHit]:
        """The best `min(limit, candidates)` hits, best first."""
        q = " ".join(query.lower().split())
        need = min(limit, candidates)
        if not q or need <= 0:
            return []
        compact = q.replace(" ", "")
        hits: list[SearchHit] = []
        taken: set[int] = set()

        def take(text: Field, score: int, values: Iterable[int]) -> bool:
            """Add the best rows of `values`; True once `need` rows are in hand."""
            for row in text.best_rows(iter(values), need - len(hits), taken):
                taken.add(row)
                hits.append(SearchHit(self.ids[row], score))
            return len(hits) >= need

        forms = [q] if compact == q else [q, compact]
        names = self.names if any(self.names.could_hold(f) for f in forms) else None
        # pinyin and codes hold ASCII only; a digits-only query is a code, not pinyin
        coded = [
            (text, prefix, sub)
            for text, prefix, sub in (
                (self.initials, INITIALS_PREFIX, INITIALS_SUB),
                (self.pinyin, PINYIN_PREFIX, PINYIN_SUB),
                (self.codes, CODE_PREFIX, CODE_SUB),
            )
            if compact.isascii()
            and text.could_hold(compact)
            and (text is self.codes or not compact.isdigit())
        ]
        has_codes = any(text is self.codes for text, _, _ in coded)
        if has_codes and " " not in q and take(self.codes, EXACT, self.codes.exact_values(q)[:1]):
            return hits
        if names is not None and take(names, NAME_PREFIX, _merged(names.prefix_values, forms)):
            return hits
        for text, prefix, _sub in coded:
            if take(text, prefix, text.prefix_values(compact)):
                return hits
        if names is not None and take(names, NAME_SUB, _merged(names.substring_values, forms)):
            return hits
        for text, _prefix, sub in coded:
            if take(text, sub, text.substring_values(compact)):
                return hits
        return hits


def _merged(find: Callable[[str], Iterator[int]], forms: list[str]) -> Iterator[int]:
    """Values matching any of the query's forms, each once, in value order."""
    streams = [find(form) for form in forms]
    last = -1
    for value in merge(*streams):
        if value != last:
            yield value
            last = value
