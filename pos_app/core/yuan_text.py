"""Prices as previous systems and spreadsheets write them, read exactly into 分.

'12.5', '¥12.50', '￥12.50', '12.50元', '１２.５０' (full-width, typed with a
Chinese input method) and '12.500' all mean 1250 分. The value goes through
`Decimal`, never a float, and a text that is not a whole number of 分
('1.005') is refused rather than rounded: a price is the shop's decision, not
ours. No exponent and no thousands separator: '1,000' may be a decimal comma.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money

# sign before or after the currency sign, then plain ASCII digits (NFKC has
# already turned full-width digits and ￥ into their ASCII forms)
_YUAN_RE = re.compile(
    r"^([+-]?)\s*¥?\s*([+-]?)\s*(\d+(?:\.\d*)?|\.\d+)\s*元?$",
    re.ASCII,
)
#: More digits than this is no price at all (and keeps Decimal work bounded).
_MAX_DIGITS = 30


def parse_yuan(text: str) -> Money:
    """The exact amount of a price text in yuan; PosError MONEY_PARSE if it is not
    one, AMOUNT_OVERFLOW if it is beyond any amount Money holds."""
    clean = unicodedata.normalize("NFKC", text).strip()
    match = _YUAN_RE.match(clean)
    if match is None or (match.group(1) and match.group(2)) or len(match.group(3)) > _MAX_DIGITS:
        raise PosError(ErrorCode.MONEY_PARSE, text=text)
    fen = Decimal(match.group(3)) * 100  # the pattern admits only plain decimals
    if fen != fen.to_integral_value():
        raise PosError(ErrorCode.MONEY_PARSE, text=text)  # finer than 1 分
    value = int(fen)
    negative = "-" in (match.group(1), match.group(2))
    return Money(-value if negative else value)
