"""Building search fields: rank order, value grouping, token tables, pairs and blocks."""

from __future__ import annotations

from array import array

from pos_app.core.search_build import adjacent_pairs, build_field, rank_order, sorted_blocks
from pos_app.core.search_text import BLOCK


def test_rank_order_is_shorter_names_first_then_entry_order() -> None:
    assert rank_order([3, 1, 2, 1, 3]) == [1, 3, 2, 0, 4]
    assert rank_order([]) == []


def test_values_are_distinct_in_first_row_order_and_know_their_rows() -> None:
    field = build_field(["b a", "c", "b a", "a", "c"])
    assert field.blob == "\nb a\nc\na\n"
    assert list(field.starts) == [1, 5, 7]
    values = [field.rows[field.ptr[v] : field.ptr[v + 1]].tolist() for v in range(len(field))]
    assert values == [[0, 2], [1, 4], [3]]


def test_the_token_table_is_sorted_by_token_text_with_equal_tokens_in_value_order() -> None:
    field = build_field(["b a", "c", "a"])
    tokens = [field.blob[p : field.blob.index("\n", p)].split(" ")[0] for p in field.tok_pos]
    assert tokens == ["a", "a", "b", "c"]
    assert list(field.tok_val) == [0, 2, 0, 1]


def test_suffix_keys_order_tokens_by_the_rest_of_the_value() -> None:
    # "x b" (from value 0) and "x a" (value 1): by token alone they tie and keep
    # value order; by suffix "x a" comes first
    by_token = build_field(["q x b", "x a"])
    by_suffix = build_field(["q x b", "x a"], suffix_keys=True)
    assert [by_token.tok_val[i] for i in (3, 4)] == [0, 1]
    assert [by_suffix.tok_val[i] for i in (3, 4)] == [1, 0]


def test_adjacent_pairs_cover_every_neighbour_and_only_ascii() -> None:
    pairs = adjacent_pairs("\nab\nca\n")
    assert pairs is not None
    found = {chr(p & 0xFF) + chr(p >> 8) for p in pairs}
    assert found == {"\na", "ab", "b\n", "\nc", "ca", "a\n"}
    assert adjacent_pairs("\n茶\n") is None


def test_the_alphabet_of_an_ascii_field_comes_from_its_pairs() -> None:
    field = build_field(["ab", "zq"], pairs=True)
    assert field.alphabet == frozenset("abzq")
    assert field.could_hold("ab")
    assert not field.could_hold("az")  # both letters occur, never side by side
    assert not field.could_hold("abc")


def test_sorted_blocks_sort_each_block_only() -> None:
    values = array("i", list(range(2 * BLOCK + 3))[::-1])
    blocks = sorted_blocks(values)
    assert blocks[:BLOCK].tolist() == sorted(values[:BLOCK].tolist())
    assert blocks[BLOCK : 2 * BLOCK].tolist() == sorted(values[BLOCK : 2 * BLOCK].tolist())
    assert blocks[2 * BLOCK :].tolist() == [0, 1, 2]


def test_an_empty_field() -> None:
    field = build_field([])
    assert len(field) == 0
    assert field.blob == "\n\n"
    assert list(field.ptr) == [0]
