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
from typing import Protocol

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


class ColumnSource(Protocol):
    """The catalog's searchable text, one column at a time, every column in the
    same (catalog) order: the index is built from columns, not from an object
    per product (300,000 of them cost seconds and a few hundred MiB), and asks
    for one column only when the previous one is indexed, so that one column's
    strings at a time are in memory beside the index."""

    def ids(self) -> list[int]: ...

    def column(self, name: str) -> list[str]:
        """`name` from `FIELD_NAMES`: names as written; codes as "sku barcode…",
        the SKU lowered; pinyin and initials as `pinyin.pinyin_keys` gives them."""
        ...


@dataclass(slots=True)
class SearchColumns:
    """A `ColumnSource` held in lists (tests, and `SearchIndex(entries)`)."""

    product_ids: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    pinyin: list[str] = field(default_factory=list)
    initials: list[str] = field(default_factory=list)

    def add(self, entry: SearchEntry) -> None:
        self.product_ids.append(entry.product_id)
        self.names.append(entry.name)
        self.codes.append(" ".join((entry.sku.lower(), *entry.barcodes)))
        self.pinyin.append(entry.pinyin_full)
        self.initials.append(entry.pinyin_initials)

    def ids(self) -> list[int]:
        return self.product_ids

    def column(self, name: str) -> list[str]:
        if name not in FIELD_NAMES:
            raise ValueError(f"no search column {name!r}")
        values: list[str] = getattr(self, name)
        return values


class SearchIndex:
    """Immutable index over the active catalog; rebuild it after an import."""

    ids: array[int]  # product ids, in rank order
    names: Field
    initials: Field
    pinyin: Field
    codes: Field

    def __init__(self, entries: Iterable[SearchEntry]) -> None:
        columns = SearchColumns()
        for entry in entries:
            columns.add(entry)
        self._build(columns)

    @classmethod
    def from_source(cls, source: ColumnSource) -> SearchIndex:
        index = cls.__new__(cls)
        index._build(source)
        return index

    def _build(self, source: ColumnSource) -> None:
        names = source.column("names")
        order = rank_order(list(map(len, names)))
        ids = source.ids()
        if len(ids) != len(order):
            raise ValueError("search columns of different lengths")
        self.ids = array("q", map(ids.__getitem__, order))
        del ids
        # a name without capitals (any Chinese one) keeps its own string object
        lowered = [n if (low := n.lower()) == n else low for n in map(names.__getitem__, order)]
        del names
        self.names = build_field(lowered, suffix_keys=True)
        del lowered
        for name, pairs in (("initials", True), ("pinyin", True), ("codes", False)):
            values = source.column(name)
            if len(values) != len(order):
                raise ValueError("search columns of different lengths")
            setattr(self, name, build_field(list(map(values.__getitem__, order)), pairs=pairs))
            del values

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
