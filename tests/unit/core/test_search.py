"""In-memory product search: ranking, pinyin, codes, limits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.pinyin import pinyin_keys
from pos_app.core.search import (
    CODE_PREFIX,
    CODE_SUB,
    EXACT,
    INITIALS_PREFIX,
    NAME_PREFIX,
    NAME_SUB,
    PINYIN_PREFIX,
    PINYIN_SUB,
    SearchEntry,
    SearchHit,
    SearchIndex,
)


def entry(product_id: int, sku: str, name: str, *barcodes: str) -> SearchEntry:
    full, initials = pinyin_keys(name)
    return SearchEntry(product_id, sku, name, tuple(barcodes), full, initials)


CATALOG = [
    entry(1, "RICE-5KG", "五常大米 5kg", "6901234567892"),
    entry(2, "TEA-YL", "恩施玉露"),
    entry(3, "TEA-LCH", "利川红茶"),
    entry(4, "TEA-LF", "来凤藤茶"),
    entry(5, "MILK-250", "纯牛奶 250ml", "6909876543217"),
    entry(6, "MILK-SOUR", "酸牛奶"),
    entry(7, "CANDY-MILK", "牛奶糖"),
    entry(8, "CUP-1", "茶杯"),
    entry(9, "WATER", "硒泉水 550ml", "6900000000019"),
    entry(10, "tea", "Tea Set 茶具"),
    entry(11, "WINE", "长城干红"),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(CATALOG)


def ids(hits: list[SearchHit]) -> list[int]:
    return [hit.product_id for hit in hits]


def score_of(hits: list[SearchHit], product_id: int) -> int:
    return next(hit.score for hit in hits if hit.product_id == product_id)


def test_index_size(index: SearchIndex) -> None:
    assert len(index) == len(CATALOG)
    assert len(SearchIndex([])) == 0


@pytest.mark.parametrize("query", ["", " ", "   \t ", "\n"])
def test_empty_query_returns_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_empty_index_returns_nothing() -> None:
    assert SearchIndex([]).search("茶") == []


def test_exact_sku_comes_first(index: SearchIndex) -> None:
    hits = index.search("tea")
    assert hits[0] == SearchHit(10, EXACT)
    # the other TEA-* SKUs follow as code prefixes, after the name prefix 'Tea Set'
    assert set(ids(hits)) >= {2, 3, 4, 10}
    assert score_of(hits, 2) == CODE_PREFIX


def test_exact_sku_is_case_insensitive(index: SearchIndex) -> None:
    assert index.search("rice-5kg")[0] == SearchHit(1, EXACT)
    assert index.search("RICE-5KG")[0] == SearchHit(1, EXACT)
    assert index.search("  Rice-5kg  ")[0] == SearchHit(1, EXACT)


def test_exact_barcode_comes_first(index: SearchIndex) -> None:
    hits = index.search("6909876543217")
    assert hits[0] == SearchHit(5, EXACT)
    assert ids(hits) == [5]


def test_barcode_prefix_and_substring(index: SearchIndex) -> None:
    hits = index.search("690987")
    assert hits == [SearchHit(5, CODE_PREFIX)]
    hits = index.search("9876543")
    assert hits == [SearchHit(5, CODE_SUB)]


def test_sku_substring(index: SearchIndex) -> None:
    assert index.search("sour") == [SearchHit(6, CODE_SUB)]


def test_name_prefix_before_substring(index: SearchIndex) -> None:
    hits = index.search("牛奶")
    assert ids(hits) == [7, 6, 5]  # 牛奶糖 (prefix), then 酸牛奶 (shorter), 纯牛奶 250ml
    assert [hit.score for hit in hits] == [NAME_PREFIX, NAME_SUB, NAME_SUB]


def test_one_character_chinese_query(index: SearchIndex) -> None:
    hits = index.search("茶")
    assert hits[0] == SearchHit(8, NAME_PREFIX)  # 茶杯
    assert set(ids(hits)) == {8, 3, 4, 10}
    # 'Tea Set 茶具': a word start counts as a prefix; then substrings, shorter
    # names first, then catalog order
    assert ids(hits) == [8, 10, 3, 4]
    assert [hit.score for hit in hits] == [NAME_PREFIX, NAME_PREFIX, NAME_SUB, NAME_SUB]


def test_pinyin_initials_find_the_name(index: SearchIndex) -> None:
    assert index.search("wcdm")[0] == SearchHit(1, INITIALS_PREFIX)
    assert index.search("WCDM")[0] == SearchHit(1, INITIALS_PREFIX)
    assert index.search("esyl")[0] == SearchHit(2, INITIALS_PREFIX)


def test_initials_substring(index: SearchIndex) -> None:
    hits = index.search("cdm")
    assert score_of(hits, 1) > INITIALS_PREFIX


def test_full_pinyin_finds_the_name(index: SearchIndex) -> None:
    assert index.search("wuchang")[0] == SearchHit(1, PINYIN_PREFIX)
    assert index.search("wuchangdami")[0] == SearchHit(1, PINYIN_PREFIX)
    assert index.search("Wu Chang")[0] == SearchHit(1, PINYIN_PREFIX)  # spaces dropped


def test_full_pinyin_substring(index: SearchIndex) -> None:
    hits = index.search("niunai")
    assert set(ids(hits)) == {5, 6, 7}
    assert score_of(hits, 7) == PINYIN_PREFIX  # niunaitang
    assert score_of(hits, 6) == PINYIN_SUB  # suanniunai


def test_every_pinyin_variant_is_searchable(index: SearchIndex) -> None:
    # 恩施玉露 has several readings; the less common ones still find it
    assert 2 in ids(index.search("enshiyulou"))


def test_case_insensitive_ascii_names(index: SearchIndex) -> None:
    assert index.search("set") == index.search("SET") == index.search("Set")
    assert index.search("set")[0].product_id == 10
    assert index.search("ml") == index.search("ML")


def test_word_start_in_name_counts_as_prefix(index: SearchIndex) -> None:
    hits = index.search("550ml")
    assert hits[0] == SearchHit(9, NAME_PREFIX)


def test_unknown_query(index: SearchIndex) -> None:
    assert index.search("zzzz") == []
    assert index.search("咖啡") == []


def test_each_product_is_listed_once_with_its_best_score(index: SearchIndex) -> None:
    hits = index.search("tea")
    assert len(ids(hits)) == len(set(ids(hits)))
    assert score_of(hits, 10) == EXACT


def test_results_are_sorted_by_score(index: SearchIndex) -> None:
    for query in ("茶", "牛奶", "tea", "n", "c", "6"):
        scores = [hit.score for hit in index.search(query)]
        assert scores == sorted(scores)


def test_limit_is_respected() -> None:
    many = SearchIndex(entry(i, f"SKU{i}", f"绿茶 {i}") for i in range(200))
    assert len(many.search("茶")) == 50
    assert len(many.search("茶", limit=7)) == 7
    assert many.search("茶", limit=0) == []
    assert len(many.search("茶", limit=500)) == 200


def test_candidates_bound_the_work() -> None:
    many = SearchIndex(entry(i, f"SKU{i}", f"绿茶 {i}") for i in range(200))
    assert len(many.search("茶", limit=500, candidates=20)) == 20


def test_index_only_holds_the_entries_it_was_given() -> None:
    active = [e for e in CATALOG if e.product_id != 2]  # the caller dropped an inactive one
    small = SearchIndex(active)
    assert 2 not in ids(small.search("恩施"))
    assert 2 not in ids(small.search("esyl"))
    assert small.search("TEA-YL") == []


def test_first_entry_wins_a_duplicated_code() -> None:
    dup = SearchIndex(
        [entry(1, "A1", "甲", "6901234567892"), entry(2, "A2", "乙", "6901234567892")]
    )
    hits = dup.search("6901234567892")
    assert hits[0] == SearchHit(1, EXACT)
    assert hits[1] == SearchHit(2, CODE_PREFIX)


def test_entries_from_a_generator_are_kept() -> None:
    idx = SearchIndex(e for e in CATALOG)
    assert len(idx) == len(CATALOG)
    assert idx.search("wcdm")[0].product_id == 1


names = st.text(alphabet="茶牛奶米水红abcxyz0123", min_size=1, max_size=12)


@given(st.lists(names, min_size=1, max_size=30), st.data())
def test_any_name_substring_finds_its_product(all_names: list[str], data: st.DataObject) -> None:
    idx = SearchIndex(SearchEntry(i, f"S{i}", name) for i, name in enumerate(all_names))
    row = data.draw(st.integers(0, len(all_names) - 1))
    name = all_names[row]
    start = data.draw(st.integers(0, len(name) - 1))
    end = data.draw(st.integers(start + 1, len(name)))
    query = name[start:end]
    hits = idx.search(query, limit=len(all_names))
    assert row in ids(hits)
    expected = NAME_PREFIX if name.startswith(query) else NAME_SUB
    assert score_of(hits, row) <= expected
    for hit in hits:
        found = all_names[hit.product_id]
        assert query in found or query in f"s{hit.product_id}"
