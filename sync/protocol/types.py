"""Bounded field types of the wire protocol: every string, integer and time has a limit.

A value the database cannot hold must be refused where it enters, with a coded
4xx that names the field, never discovered by the database as a 500:

* text carries no NUL (PostgreSQL refuses it in TEXT) and no lone surrogate
  (no UTF-8 encoding exists for one), and has a maximum length;
* integers stay far inside a signed 64-bit column (amounts: `MAX_FEN`, the
  till's own ceiling; counters: 2^53, exact in every JSON reader);
* times are timezone-aware, converted to UTC, and fall in 2000–2099, so no
  conversion or column can overflow.

`Message` is the base of every request and response: an unknown field is refused.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

#: ¥99,999,999.99: the till's Money ceiling (pos_app.core.money.MAX_FEN), repeated
#: here because the protocol imports neither side.
MAX_FEN = 9_999_999_999
#: Sequence numbers, cursors and other counters: exact in IEEE doubles (JavaScript).
MAX_COUNTER = 2**53 - 1
#: Points of one record: at most the points of the largest possible amount.
MAX_POINTS = MAX_FEN
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


#: one scan at C speed for both (every string of a 500-sale push passes here)
_UNCLEAN = re.compile("[\x00\ud800-\udfff]")


def _clean_text(value: str) -> str:
    bad = _UNCLEAN.search(value)
    if bad is None:
        return value
    if bad.group() == "\x00":
        raise ValueError("text may not contain a NUL character")
    raise ValueError("text may not contain a lone surrogate")


def _utc_in_range(value: datetime) -> datetime:
    try:
        utc = value.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise ValueError("time out of range") from exc
    if not EARLIEST <= utc < LATEST:
        raise ValueError("time must fall in the years 2000-2099")
    return utc


#: Marks a str field as clean text: `Annotated[str, Field(max_length=N), CLEAN]`.
CLEAN = AfterValidator(_clean_text)

# the lengths in use; a new one is one more line here
Text16 = Annotated[str, Field(max_length=16), CLEAN]
Text32 = Annotated[str, Field(max_length=32), CLEAN]
Text36 = Annotated[str, Field(max_length=36), CLEAN]
Text40 = Annotated[str, Field(max_length=40), CLEAN]
Text64 = Annotated[str, Field(max_length=64), CLEAN]
Text128 = Annotated[str, Field(max_length=128), CLEAN]
Text200 = Annotated[str, Field(max_length=200), CLEAN]
Text400 = Annotated[str, Field(max_length=400), CLEAN]
Text600 = Annotated[str, Field(max_length=600), CLEAN]

#: An amount in fen, 0 … MAX_FEN.
Fen = Annotated[int, Field(ge=0, le=MAX_FEN)]
#: A signed amount in fen (a difference), −MAX_FEN … MAX_FEN.
SignedFen = Annotated[int, Field(ge=-MAX_FEN, le=MAX_FEN)]
#: A positive counter (sequence number, line number, quantity…), 1 … 2^53−1.
Counter = Annotated[int, Field(ge=1, le=MAX_COUNTER)]
#: A line's quantity: pieces (1 … 9,999 on the till) or grams of a weighed line
#: (1 … 99,999: a scale label's five digits).
MAX_QUANTITY = 99_999
Quantity = Annotated[int, Field(ge=1, le=MAX_QUANTITY)]
#: A till's own row id (a product id): 0 … 2^53−1.
RowId = Annotated[int, Field(ge=0, le=MAX_COUNTER)]
#: An id of exactly 36 characters (the till writes a UUID in its canonical text form).
Id36 = Annotated[str, Field(min_length=36, max_length=36), CLEAN]
#: 抹零 taken off a sale's total: 0 … 99 分 (less than one 元, the largest unit any
#: rounding rule uses); the server checks it against the lines (pos_app.core.rounding).
MAX_ROUNDING_FEN = 99
RoundingFen = Annotated[int, Field(ge=0, le=MAX_ROUNDING_FEN)]
#: Basis points, 0 … 10000 (100%).
Bps = Annotated[int, Field(ge=0, le=10_000)]
#: Points, 0 … MAX_POINTS.
Points = Annotated[int, Field(ge=0, le=MAX_POINTS)]
#: A SHA-256 digest in lower-case hex (a till's hash chain, pos_app.core.chain).
Hex64 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
#: A position in a till's hash chain, 0 (none yet) … 2^53−1.
ChainSeq = Annotated[int, Field(ge=0, le=MAX_COUNTER)]
#: An aware time, converted to UTC, in 2000–2099.
UtcTime = Annotated[AwareDatetime, AfterValidator(_utc_in_range)]
#: Ids of residents, bills, communities and companies (as stored: at most 40 characters).
Id40 = Annotated[str, Field(min_length=1, max_length=40), CLEAN]


class Message(BaseModel):
    """A request or response of the API: a field it does not declare is refused."""

    model_config = ConfigDict(extra="forbid")
