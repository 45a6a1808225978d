"""The index answers exactly what a brute-force reading of the ranking rules answers.

`reference` below is the rule set written as plainly as possible: every row
scored by its best match, sorted by (score, name length, catalog order). The
index reaches the same answer by early stops, token tables, blocks and
character-pair filters; random catalogs and queries must never tell them apart.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.core.search import (
    CODE_PREFIX,
    CODE_SUB,
    EXACT,
    INITIALS_PREFIX,
    INITIALS_SUB,
    NAME_PREFIX,
    NAME_SUB,
    PINYIN_PREFIX,
    PINYIN_SUB,
    SearchEntry,
    SearchHit,
    SearchIndex,
)
from pos_app.core.search_text import BLOCK


def _prefix(text: str, query: str) -> bool:
    return text.startswith(query) or f" {query}" in text


def reference(entries: list[SearchEntry], query: str, limit: int = 50) -> list[SearchHit]:
    q = " ".join(query.lower().split())
    if not q or limit <= 0:
        return []
    compact = q.replace(" ", "")
    forms = {q, compact}
    rank = {i: (len(e.name), i) for i, e in enumerate(entries)}
    codes = [" ".join((e.sku.lower(), *e.barcodes)) for e in entries]
    exact = [i for i, c in enumerate(codes) if q in c.split(" ")]
    exact_row = min(exact, key=rank.__getitem__) if exact and " " not in q else None
    coded = compact.isascii()
    best: dict[int, int] = {}
    for i, e in enumerate(entries):
        name = e.name.lower()
        scores = []
        if i == exact_row:
            scores.append(EXACT)
        if any(_prefix(name, f) for f in forms):
            scores.append(NAME_PREFIX)
        elif any(f in name for f in forms):
            scores.append(NAME_SUB)
        if coded:
            fields = [(codes[i], CODE_PREFIX, CODE_SUB)]
            if not compact.isdigit():
                fields += [
                    (e.pinyin_initials, INITIALS_PREFIX, INITIALS_SUB),
                    (e.pinyin_full, PINYIN_PREFIX, PINYIN_SUB),
                ]
            for text, prefix, sub in fields:
                if _prefix(text, compact):
                    scores.append(prefix)
                elif compact in text:
                    scores.append(sub)
        if scores:
            best[i] = min(scores)
    ranked = sorted(best, key=lambda i: (best[i], rank[i]))
    return [SearchHit(entries[i].product_id, best[i]) for i in ranked[:limit]]


word = st.text(alphabet="茶牛奶米水红abcxyz0123-", min_size=1, max_size=5)
name = st.lists(word, min_size=1, max_size=3).map(" ".join)
pinyin = st.lists(st.text(alphabet="abchnxyz12", min_size=1, max_size=8), max_size=3).map(" ".join)
code = st.text(alphabet="0123456789", min_size=3, max_size=8)


@st.composite
def catalogs(draw: st.DrawFn) -> list[SearchEntry]:
    count = draw(st.integers(1, 40))
    # real catalogs repeat names and pinyin (sizes, flavours): a value then has
    # several rows, which the early stop must still rank one by one
    names = st.one_of(name, st.sampled_from(draw(st.lists(name, min_size=1, max_size=3))))
    pinyins = st.one_of(pinyin, st.sampled_from(draw(st.lists(pinyin, min_size=1, max_size=3))))
    out = []
    for i in range(count):
        out.append(
            SearchEntry(
                product_id=1000 + i,
                sku=draw(st.sampled_from(["A-", "b", "Z9-"])) + str(i),
                name=draw(names),
                barcodes=tuple(draw(st.lists(code, max_size=2, unique=True))),
                pinyin_full=draw(pinyins),
                pinyin_initials=draw(pinyins),
            )
        )
    return out


def queries(entries: list[SearchEntry]) -> st.SearchStrategy[str]:
    texts = [e.name for e in entries] + [e.pinyin_full for e in entries]
    texts += [" ".join((e.sku, *e.barcodes)) for e in entries]
    pieces = st.sampled_from(texts).flatmap(
        lambda t: st.tuples(st.integers(0, len(t)), st.integers(0, len(t))).map(
            lambda ab: t[min(ab) : max(ab)]
        )
    )
    return st.one_of(pieces, word, st.text(max_size=6))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_random_catalogs_and_queries_match_the_reference(data: st.DataObject) -> None:
    entries = data.draw(catalogs())
    index = SearchIndex(entries)
    query = data.draw(queries(entries))
    limit = data.draw(st.sampled_from([1, 2, 3, 50]))
    assert index.search(query, limit=limit) == reference(entries, query, limit)


def test_a_dense_prefix_spanning_many_blocks_gives_the_best_rows() -> None:
    # more tokens share the prefix than fit in two blocks: the range is read
    # through the per-block sorted copy, merged, not sorted whole
    count = 3 * BLOCK + 17
    entries = [
        SearchEntry(i, f"S{i}", f"茶{'叶' * (i % 7)} {i}", (), f"cha{i}", f"c{i}")
        for i in range(count)
    ]
    index = SearchIndex(entries)
    for query in ("茶", "cha", "c", "s", "茶叶叶", "cha1"):
        assert index.search(query) == reference(entries, query), query
        assert index.search(query, limit=count) == reference(entries, query, count), query


def test_each_match_class_gathers_only_what_the_limit_needs() -> None:
    # one row per class: with limit 1 the better class wins even when the
    # worse one comes first in the catalog
    entries = [
        SearchEntry(1, "X1", "苹果汁", (), "pingguozhi", "pgz"),
        SearchEntry(2, "X2", "汁", (), "zhi", "z"),
    ]
    index = SearchIndex(entries)
    assert index.search("汁", limit=1) == [SearchHit(2, NAME_PREFIX)]
    assert index.search("汁") == [SearchHit(2, NAME_PREFIX), SearchHit(1, NAME_SUB)]


def test_a_repeated_name_does_not_stop_the_gathering_early() -> None:
    # rows 0 and 2 share one name: row 1, of a later value but better than
    # row 2, must still be found
    entries = [
        SearchEntry(1, "A1", "绿茶", (), "", ""),
        SearchEntry(2, "A2", "红茶", (), "", ""),
        SearchEntry(3, "A3", "绿茶", (), "", ""),
    ]
    index = SearchIndex(entries)
    assert [h.product_id for h in index.search("茶", limit=2)] == [1, 2]
    assert [h.product_id for h in index.search("茶")] == [1, 2, 3]


@pytest.mark.parametrize("query", ["zzzq", "hn", "\x01", "茶\x00"])
def test_impossible_queries_answer_nothing(query: str) -> None:
    entries = [SearchEntry(1, "T-1", "恩施玉露", (), "enshiyulu", "esyl")]
    assert SearchIndex(entries).search(query) == []
