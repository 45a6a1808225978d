"""What a GB18030 receipt printer can print, and how many columns it takes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.receipts.text import (
    NARROW_REPLACEMENT,
    WIDE_REPLACEMENT,
    char_width,
    encode_text,
    printable,
    text_width,
)


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("abc 123", 7),
        ("硒泉水", 6),
        ("硒泉水 550ml", 12),
        ("ＡＢ", 4),  # full-width forms (F)
        ("￥12.50", 7),
        ("", 0),
    ],
)
def test_width_is_one_column_per_byte_sent(text: str, width: int) -> None:
    assert text_width(text) == width == len(encode_text(text))


def test_ambiguous_characters_print_full_width_when_gb_codes_them_in_two_bytes() -> None:
    # a terminal shows these in one column; the printer draws them with its
    # 24-dot Chinese font: two columns, or the line would overflow the paper
    for ch in "·×—“”…①℃":
        assert char_width(ch) == 2, ch
        assert len(encode_text(ch)) == 2


def test_yen_sign_becomes_fullwidth_yuan() -> None:
    assert printable("¥9.90") == "￥9.90"
    assert encode_text("¥") == "￥".encode("gb18030") == b"\xa3\xa4"


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("张𠮷明", f"张{WIDE_REPLACEMENT}明"),  # four-byte GB18030 rare character
        ("好评😀", f"好评{WIDE_REPLACEMENT}"),  # emoji
        ("Ω ®", "Ω (R)"),
        ("a\u200db\x1b[0m", "ab[0m"),  # zero-width joiner and ESC dropped
        ("ǅ", NARROW_REPLACEMENT),  # Latin letter outside GBK
        ("e\u0301", "é"),  # combining accent composed first
        ("\u3000x", "  x"),
    ],
)
def test_unprintable_characters_are_replaced_visibly(text: str, printed: str) -> None:
    assert printable(text) == printed
    assert encode_text(text).decode("gb18030") == printed


def test_replacement_keeps_the_width_of_the_character() -> None:
    assert text_width("张𠮷明") == text_width("张三明") == 6


def test_printable_is_idempotent() -> None:
    text = "¥ 张𠮷明 😀 ® ·"
    assert printable(printable(text)) == printable(text)


@given(st.text())
def test_any_text_encodes_to_one_or_two_byte_codes_only(text: str) -> None:
    data = encode_text(text)  # never raises
    decoded = data.decode("gb18030")  # valid GB18030
    assert decoded == printable(text)
    assert text_width(text) == len(data)
    for ch in decoded:
        assert len(ch.encode("gb18030")) in (1, 2)
        assert ch == " " or ch.isprintable()
