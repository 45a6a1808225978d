"""Money as an integer number of 分 (fen), never a float.

`Money` is a small immutable value type; arithmetic stays in integers and every
constructor checks the amount against a ceiling so that a stray scan or a typo
cannot produce an absurd total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from pos_app.core.errors import ErrorCode, PosError

#: ¥99,999,999.99: far above any showroom order, far below SQLite's int64.
MAX_FEN = 9_999_999_999

# Accepts what `format()` and `plain()` print: '-¥1,234.50', '¥-3', '12.5'.
_AMOUNT_RE = re.compile(
    r"^\s*(-?)\s*[¥￥]?\s*(-?)\s*(\d{1,3}(?:,\d{3})+|\d{1,12})(?:\.(\d{1,2}))?\s*$"
)
#: Plain decimal text as found in files: ASCII digits, an optional sign, no exponent.
_DECIMAL_TEXT_RE = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$", re.ASCII)


@dataclass(frozen=True, order=True, slots=True)
class Money:
    """An amount in 分. Use `Money.parse("12.50")` for text from people."""

    fen: int

    def __post_init__(self) -> None:
        if isinstance(self.fen, bool) or not isinstance(self.fen, int):
            raise TypeError("Money holds an int of fen")
        if abs(self.fen) > MAX_FEN:
            raise PosError(ErrorCode.AMOUNT_OVERFLOW, fen=self.fen)

    @classmethod
    def zero(cls) -> Money:
        return cls(0)

    @classmethod
    def yuan(cls, yuan: int) -> Money:
        return cls(yuan * 100)

    @classmethod
    def parse(cls, text: str) -> Money:
        """Parse '12', '12.5', '¥1,234.50' or '-¥3.00'; at most two decimals."""
        match = _AMOUNT_RE.match(text)
        if not match or (match.group(1) and match.group(2)):
            raise PosError(ErrorCode.MONEY_PARSE, text=text)
        sign_before, sign_after, whole, frac = match.groups()
        fen = int(whole.replace(",", "")) * 100 + int((frac or "0").ljust(2, "0"))
        return cls(-fen if (sign_before or sign_after) else fen)

    def __add__(self, other: Money) -> Money:
        return Money(self.fen + other.fen)

    def __sub__(self, other: Money) -> Money:
        return Money(self.fen - other.fen)

    def __neg__(self) -> Money:
        return Money(-self.fen)

    def __mul__(self, qty: int) -> Money:
        if not isinstance(qty, int):
            raise TypeError("multiply Money by an int; use scale() for fractions")
        return Money(self.fen * qty)

    __rmul__ = __mul__

    def __bool__(self) -> bool:
        return self.fen != 0

    def scale(self, numerator: int, denominator: int) -> Money:
        """self * numerator / denominator, rounded half up (weights, percentages)."""
        value = Decimal(self.fen) * numerator / denominator
        return Money(int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP)))

    def format(self, symbol: str = "¥") -> str:
        """'¥1,234.50'; negative amounts as '-¥3.00'."""
        sign = "-" if self.fen < 0 else ""
        whole, frac = divmod(abs(self.fen), 100)
        return f"{sign}{symbol}{whole:,}.{frac:02d}"

    def plain(self) -> str:
        """'1234.50' with no symbol or separators (CSV, entry fields)."""
        sign = "-" if self.fen < 0 else ""
        whole, frac = divmod(abs(self.fen), 100)
        return f"{sign}{whole}.{frac:02d}"

    def __str__(self) -> str:
        return self.format()


def money_from_decimal_text(text: str) -> Money:
    """Stricter parse for files: no symbol, no sign, at most two decimals."""
    if not _DECIMAL_TEXT_RE.match(text.strip()):
        # no exponent ('1e999999' would overflow Decimal), no '_', no non-ASCII digits
        raise PosError(ErrorCode.MONEY_PARSE, text=text)
    try:
        value = Decimal(text.strip())
    except InvalidOperation as exc:
        raise PosError(ErrorCode.MONEY_PARSE, text=text) from exc
    if not value.is_finite() or value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise PosError(ErrorCode.MONEY_PARSE, text=text)
    fen = int(value * 100)
    return Money(fen)
