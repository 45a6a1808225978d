"""What a Chinese ESC/POS printer can print, and how wide it prints it.

These printers run in "Chinese mode" with a GB18030 font of which cheap models
carry only the two-byte area (GBK-compatible). So every character of a receipt
ends up as either:

* one byte (printable ASCII): a 12-dot half-width glyph, one column;
* two bytes (a GB18030 two-byte code): a 24-dot full-width glyph, two columns.

Width is therefore measured on what is sent, not guessed: `char_width` is the
byte length of the character's code. For Han characters, full-width forms and
other East Asian Wide/Fullwidth characters (`unicodedata.east_asian_width` W/F)
that gives 2, as everywhere. Ambiguous characters (A) are where printers and
terminals differ: a terminal shows `·` `×` `—` `“` `①` `℃` in one column, but
GB18030 codes them in two bytes and the printer draws them with its 24-dot
Chinese font, two columns. We follow the printer (A = 2 when GB has it in two
bytes; an A character GB lacks is replaced, see below, and the replacement is
one column). Measuring them as 1 would push a line with `·` past the paper edge.

Characters the printer cannot carry are replaced visibly, never dropped and
never an exception: a wide character (W/F: a rare Han character from the
four-byte area such as 𠮷, an emoji) by `□` U+25A1 (GB A1F5, the 虚缺号 Chinese
typesetting uses for a missing character), anything else by `?`. Both keep the
width of what they replace, so a name keeps its shape ("张□明"). `¥` U+00A5 has
only a four-byte GB18030 code and becomes `￥` U+FFE5 (A3A4); a no-break space
becomes a space; control characters are dropped.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

WIDE_REPLACEMENT = "□"
NARROW_REPLACEMENT = "?"

# Printable substitutes for characters with no two-byte GB code.
_SUBSTITUTES = {
    "\u00a5": "\uffe5",  # ¥ → ￥
    "\u00a0": " ",  # no-break space
    "\u3000": "  ",  # ideographic space: two ASCII spaces print the same width
    "\t": " ",
    "\u2022": "\u00b7",  # bullet (4-byte in GB18030) → middle dot A1A4
    "\u30fb": "\u00b7",  # katakana middle dot (4-byte) → middle dot A1A4
    "\u00ae": "(R)",
    "\u00a9": "(C)",
}


@lru_cache(maxsize=4096)
def encode_char(ch: str) -> bytes:
    """The printer bytes of one character after substitution: 0, 1 or 2 bytes each.

    Returns b"" for characters that print nothing (controls). Never raises.
    """
    sub = _SUBSTITUTES.get(ch)
    if sub is not None:
        return b"".join(encode_char(c) for c in sub)
    code = ord(ch)
    if code < 0x80:
        return bytes([code]) if 0x20 <= code < 0x7F else b""
    if unicodedata.category(ch)[0] in ("C", "M") or ch in ("\u2028", "\u2029"):
        # controls, format characters (ZWJ, BOM), combining marks left after NFC
        return b""
    try:
        encoded = ch.encode("gb18030")
    except UnicodeEncodeError:  # lone surrogates
        encoded = b""
    if len(encoded) == 2:
        return encoded
    # four-byte area (or unencodable): not on a cheap printer's font chip
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return WIDE_REPLACEMENT.encode("gb18030")
    return NARROW_REPLACEMENT.encode("ascii")


def printable(text: str) -> str:
    """`text` as it will print: substitutions and replacements applied.

    Idempotent, so the layout can apply it and the encoder again safely.
    """
    return "".join(encode_char(ch).decode("gb18030") for ch in unicodedata.normalize("NFC", text))


def char_width(ch: str) -> int:
    """Columns one (already printable) character takes on the paper: 1 or 2."""
    return len(encode_char(ch))


def text_width(text: str) -> int:
    return sum(char_width(ch) for ch in unicodedata.normalize("NFC", text))


def encode_text(text: str) -> bytes:
    """GB18030 two-byte / ASCII bytes of `text`; unprintable characters replaced."""
    return b"".join(encode_char(ch) for ch in unicodedata.normalize("NFC", text))
