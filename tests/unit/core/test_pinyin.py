"""Pinyin search keys: context readings for words, every reading for lone polyphones, a cap."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.pinyin import MAX_VARIANTS, pinyin_keys


def full_of(name: str) -> list[str]:
    return pinyin_keys(name)[0].split()


def initials_of(name: str) -> list[str]:
    return pinyin_keys(name)[1].split()


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("五常大米", "wuchangdami", "wcdm"),
        ("利川红茶", "lichuanhongcha", "lchc"),
        ("来凤藤茶", "laifengtengcha", "lftc"),
        ("牛奶", "niunai", "nn"),
        ("茶", "cha", "c"),
    ],
)
def test_plain_names(name: str, full: str, initials: str) -> None:
    assert full in full_of(name)
    assert initials in initials_of(name)
    assert full_of(name)[0] == full
    assert initials_of(name)[0] == initials


def test_hang_in_yinhang_and_xing_in_xingzou() -> None:
    # pypinyin reads a known word in context: 行 is háng in 银行, xíng in 行走
    assert "yinhang" in full_of("银行")
    assert "yh" in initials_of("银行")
    assert "xingzou" in full_of("行走")
    assert "xz" in initials_of("行走")
    assert "yinxing" not in full_of("银行")
    assert "hangzou" not in full_of("行走")


def test_chang_in_changcheng_and_zhang_in_zhangda() -> None:
    assert "changcheng" in full_of("长城")
    assert "cc" in initials_of("长城")
    assert "zhangda" in full_of("长大")
    assert "zd" in initials_of("长大")


@pytest.mark.parametrize(
    ("char", "readings", "letters"),
    [
        ("行", {"xing", "hang"}, {"x", "h"}),
        ("长", {"chang", "zhang"}, {"c", "z"}),
        ("乐", {"le", "yue"}, {"l", "y"}),
    ],
)
def test_a_lone_polyphonic_character_gives_several_variants(
    char: str, readings: set[str], letters: set[str]
) -> None:
    assert set(full_of(char)) == readings
    assert set(initials_of(char)) == letters


def test_variants_multiply_across_separate_polyphones() -> None:
    # separated by spaces, each character is read on its own: 2 × 2 readings
    full = full_of("行 乐")
    assert set(full) == {"xingle", "xingyue", "hangle", "hangyue"}
    assert set(initials_of("行 乐")) == {"xl", "xy", "hl", "hy"}


def test_variants_are_capped() -> None:
    name = "行-长-乐-朝-重"  # 2^5 = 32 combinations without a cap
    full = full_of(name)
    initials = initials_of(name)
    assert len(full) == MAX_VARIANTS
    assert len(initials) == MAX_VARIANTS
    assert len(set(full)) == len(full)
    assert all(len(variant) == 5 for variant in initials)


def test_variants_are_deduplicated() -> None:
    # 长城: both characters start with c whatever the reading
    initials = initials_of("长城")
    assert len(initials) == len(set(initials))
    full = full_of("绿茶")
    assert len(full) == len(set(full))


def test_letters_and_digits_kept_lowercased_punctuation_dropped() -> None:
    assert pinyin_keys("硒泉水500ml") == ("xiquanshui500ml", "xqs500ml")
    assert pinyin_keys("ABC矿泉水") == ("abckuangquanshui", "abckqs")
    assert pinyin_keys("五常大米（5kg）") == ("wuchangdami5kg", "wcdm5kg")
    assert pinyin_keys("五常大米 5kg")[1] == "wcdm5kg"


@pytest.mark.parametrize("name", ["", "   ", "!!!", "（）"])
def test_names_without_readings(name: str) -> None:
    assert pinyin_keys(name) == ("", "")


common = "五常大米利川红茶来凤藤牛奶水泉硒玉露恩施鸡汤卤品文创盲盒彩票行长乐朝重"


@given(st.text(alphabet=common, min_size=1, max_size=10))
def test_keys_are_lowercase_ascii_words_within_the_cap(name: str) -> None:
    full, initials = pinyin_keys(name)
    for key in (full, initials):
        variants = key.split(" ")
        assert 1 <= len(variants) <= MAX_VARIANTS
        assert len(variants) == len(set(variants))
        for variant in variants:
            assert variant.isascii() and variant.isalpha() and variant == variant.lower()
    for variant in initials.split(" "):
        assert len(variant) == len(name)  # one letter per character
    assert all(len(f) >= len(name) for f in full.split(" "))
