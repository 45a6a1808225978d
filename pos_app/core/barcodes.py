"""What a scanned string is: a product GTIN, a scale label, a payment code or a SKU.

GS1 check digits (EAN-8, UPC-A, EAN-13, GTIN-14), price- and weight-embedded
in-store codes from electronic scales (layout configurable per store, see
`ScaleLayout`), and customer payment codes (付款码), which must never be looked
up as products.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from pos_app.core.errors import ErrorCode, PosError

#: Longest product-path scan; anything longer is a stuck key or a pasted text.
MAX_SCAN_LENGTH = 64
#: Signed QR codes of our own (membership, receipts) start with these.
MEMBER_PREFIX = "YCM1."
RECEIPT_PREFIXES = ("YCR1.", "YCC1.")  # see core.receipt_codes
#: Longest input read at all; signed codes are checked against their own limits.
MAX_RAW_LENGTH = 512
GTIN_LENGTHS = (8, 12, 13, 14)


def gs1_check_digit(data: str) -> int:
    """Check digit for the data digits of any GTIN (weights 3,1,3… from the right)."""
    if not data.isdigit() or not data.isascii():
        raise ValueError("digits only")
    # digit sums by C-level slicing and map: a catalog import checks every barcode
    # (a generator over the digits was the import's hottest line)
    backwards = data[::-1]
    total = 3 * sum(map(int, backwards[0::2])) + sum(map(int, backwards[1::2]))
    return (10 - total % 10) % 10


def is_valid_gtin(code: str) -> bool:
    return (
        code.isascii()
        and code.isdigit()
        and len(code) in GTIN_LENGTHS
        and gs1_check_digit(code[:-1]) == int(code[-1])
    )


def with_check_digit(data: str) -> str:
    return data + str(gs1_check_digit(data))


def normalize_gtin(code: str) -> str:
    """UPC-A and GTIN-14 with a leading 0 become their EAN-13 form; EAN-8 stays."""
    if len(code) == 12:
        return "0" + code
    if len(code) == 14 and code.startswith("0"):
        return code[1:]
    return code


class ScaleValue(enum.Enum):
    PRICE = "price"  # the label carries the amount to pay, in 分
    WEIGHT = "weight"  # the label carries the weight, in grams


@dataclass(frozen=True, slots=True)
class ScaleLayout:
    """One electronic-scale label layout: flag digits, PLU digits, value digits, check.

    The default is the most common Chinese one: `FF PPPPP $$$$$ C` with flags
    20–24 (25–29 collide with Alipay codes on 18-digit labels).
    """

    flags: tuple[str, ...] = ("20", "21", "22", "23", "24")
    plu_length: int = 5
    value_length: int = 5
    value: ScaleValue = ScaleValue.PRICE

    @property
    def flag_length(self) -> int:
        return len(self.flags[0])

    @property
    def length(self) -> int:
        return self.flag_length + self.plu_length + self.value_length + 1

    def matches(self, code: str) -> bool:
        return len(code) == self.length and code[: self.flag_length] in self.flags

    @classmethod
    def from_spec(cls, spec: str) -> ScaleLayout:
        """Parse 'flags=20-24;plu=5;value=5;kind=price' (the settings form)."""
        fields = dict(part.split("=", 1) for part in spec.split(";") if part)
        lo, _, hi = fields.get("flags", "20-24").partition("-")
        width = len(lo)
        flags = tuple(str(n).zfill(width) for n in range(int(lo), int(hi or lo) + 1))
        return cls(
            flags=flags,
            plu_length=int(fields.get("plu", 5)),
            value_length=int(fields.get("value", 5)),
            value=ScaleValue(fields.get("kind", "price")),
        )


class Wallet(enum.Enum):
    WECHAT = "wechat"
    ALIPAY = "alipay"
    UNIONPAY = "unionpay"


@dataclass(frozen=True, slots=True)
class ProductCode:
    """A GTIN to look up, in normalized (EAN-13 or EAN-8) form."""

    gtin: str


@dataclass(frozen=True, slots=True)
class ScaleCode:
    plu: str
    value: ScaleValue
    amount: int  # fen for PRICE, grams for WEIGHT
    raw: str


@dataclass(frozen=True, slots=True)
class PaymentCode:
    wallet: Wallet
    code: str


@dataclass(frozen=True, slots=True)
class MemberCode:
    """A resident's membership QR, to verify (see core.membership)."""

    code: str


@dataclass(frozen=True, slots=True)
class ReceiptCode:
    """The QR of one of our receipts (lookup or points claim): starts a return."""

    code: str


@dataclass(frozen=True, slots=True)
class TextQuery:
    """Anything else: a SKU, pinyin initials or part of a name."""

    text: str


Scan = ProductCode | ScaleCode | PaymentCode | MemberCode | ReceiptCode | TextQuery


def payment_wallet(code: str) -> Wallet | None:
    """Which wallet issued a 付款码, from its length and prefix, if any."""
    if not (code.isascii() and code.isdigit()):
        return None
    n, head = len(code), int(code[:2]) if len(code) >= 2 else -1
    if n == 18 and 10 <= head <= 15:
        return Wallet.WECHAT
    if 16 <= n <= 24 and 25 <= head <= 30:
        return Wallet.ALIPAY
    if 16 <= n <= 19 and head == 62:
        return Wallet.UNIONPAY
    return None


def clean_scan(raw: str) -> str:
    """Strip the scanner's suffix and surrounding blanks; refuse control characters."""
    text = raw.strip().strip("\r\n\t")
    if not text:
        raise PosError(ErrorCode.SCAN_EMPTY)
    if len(text) > MAX_RAW_LENGTH:
        raise PosError(ErrorCode.SCAN_TOO_LONG, length=len(text), limit=MAX_SCAN_LENGTH)
    if any(not ch.isprintable() for ch in text):
        raise PosError(ErrorCode.SCAN_BAD_CHARS)
    return text


def classify(raw: str, layouts: Sequence[ScaleLayout] = (ScaleLayout(),)) -> Scan:
    """Decide what a scan is. A wrong GS1 check digit is an error, not a search."""
    text = clean_scan(raw)
    if text.startswith(MEMBER_PREFIX):
        return MemberCode(text)
    if text.startswith(RECEIPT_PREFIXES):
        return ReceiptCode(text)
    if len(text) > MAX_SCAN_LENGTH:
        raise PosError(ErrorCode.SCAN_TOO_LONG, length=len(text), limit=MAX_SCAN_LENGTH)
    if not (text.isascii() and text.isdigit()):
        return TextQuery(text)
    wallet = payment_wallet(text)
    if wallet is not None and len(text) not in (12, 13, 14):
        return PaymentCode(wallet, text)
    if len(text) in GTIN_LENGTHS:
        if not is_valid_gtin(text):
            raise PosError(ErrorCode.SCAN_BAD_CHECK_DIGIT, scanned=text)
        for layout in layouts:
            if layout.matches(text):
                return _scale_code(text, layout)
        return ProductCode(normalize_gtin(text))
    if wallet is not None:
        return PaymentCode(wallet, text)
    return TextQuery(text)


def _scale_code(code: str, layout: ScaleLayout) -> ScaleCode:
    start = layout.flag_length
    plu = code[start : start + layout.plu_length]
    value = code[start + layout.plu_length : start + layout.plu_length + layout.value_length]
    return ScaleCode(plu=plu, value=layout.value, amount=int(value), raw=code)
