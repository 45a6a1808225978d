"""Is a pushed sale line what the server's catalog says it was? Pure checks, no database.

A line is believed only as far as the catalog history explains it:

* its SKU has a version in force at the sale's trusted time (else `unknown_sku`);
* its category is the SERVER's category of that version, and that category
  is one the server knows (else `unknown_category`): the till's label is ignored;
* its unit is the catalog's (else `unit_mismatch`);
* its unit price is a catalog price, or with a verified member a member price,
  of a version in force at some moment of the grace period before the trusted
  time (else `price_unexplained`): a till offline for days sells at the
  prices it last pulled;
* a price-embedded scale label (`fixed_amount`) must agree with that price: on a
  weighed product the till recorded the weight as round(amount × 1000 / price)
  grams, so the amount must lie within half a gram's worth of price × grams
  (or below 1.5 g's worth when the weight was clamped to 1 g); on a counted
  product the label must carry the catalog price of one piece;
* a recorded discount is at most the line's gross (else `discount_invalid`).

A 无码商品 (open-price) line has no product: it is explained by its category
(the server's, else `unknown_category`), a positive amount for one piece
(`fixed_amount` = unit price, else `price_unexplained`) and the server's own
open-price limit (`Settings.open_price_limit_fen`, else `open_price_over_limit`);
it earns by its category's rule, like any line.

A line with any flag earns nothing; the sale itself is still stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sync.protocol.codes import ItemFlag
from sync.protocol.payloads import SaleLine
from sync.server.catalog_history import Version, at, in_force_between


@dataclass(frozen=True, slots=True)
class LineVerdict:
    flags: tuple[ItemFlag, ...]
    category: str | None  # the server's category of the line, when the SKU is known
    eligible: bool  # earns points: no flag, an eligible category, and the till claimed it

    @property
    def detail(self) -> dict[str, object]:
        return {"flags": [f.value for f in self.flags], "category_server": self.category}


def gross_fen(line: SaleLine) -> int:
    """The line before its discount, exactly as the till's CartLine.gross rounds it."""
    if line.fixed_amount is not None:
        return line.fixed_amount
    if line.unit == "kg":
        # Money.scale: half up, to the fen
        return (line.unit_price * line.quantity * 2 + 1000) // 2000
    return line.unit_price * line.quantity


def label_agrees(line: SaleLine) -> bool:
    """Whether a price-embedded label's amount fits the line's price and quantity."""
    amount, price, grams = line.fixed_amount, line.unit_price, line.quantity
    assert amount is not None
    if line.unit != "kg":
        return line.quantity == 1 and amount == price
    if price <= 0:
        return False
    upper = 2000 * amount <= price * (2 * grams + 1)
    lower = grams == 1 or 2000 * amount >= price * (2 * grams - 1)
    return upper and lower


def check_open_price(
    line: SaleLine, *, categories: Mapping[str, bool], limit_fen: int
) -> LineVerdict:
    """The verdict on a non-voided open-price line (no catalog version to look up)."""
    flags: list[ItemFlag] = []
    if line.category not in categories:
        flags.append(ItemFlag.UNKNOWN_CATEGORY)
    amount = line.fixed_amount
    if (
        line.unit != "piece"
        or line.quantity != 1
        or amount is None
        or amount <= 0
        or amount != line.unit_price
    ):
        flags.append(ItemFlag.PRICE_UNEXPLAINED)
    elif amount > limit_fen:
        flags.append(ItemFlag.OPEN_PRICE_OVER_LIMIT)
    if line.discount > gross_fen(line):
        flags.append(ItemFlag.DISCOUNT_INVALID)
    eligible = not flags and line.points_eligible and categories.get(line.category, False)
    category = line.category if line.category in categories else None
    return LineVerdict(tuple(flags), category, eligible)


def check_line(
    line: SaleLine,
    versions: Sequence[Version],
    *,
    when: datetime,
    grace: timedelta,
    member: bool,
    categories: Mapping[str, bool],
) -> LineVerdict:
    """The verdict on one non-voided line at the sale's trusted time `when`."""
    current = at(versions, when)
    if current is None:
        return LineVerdict((ItemFlag.UNKNOWN_SKU,), None, False)
    flags: list[ItemFlag] = []
    if current.category not in categories:
        flags.append(ItemFlag.UNKNOWN_CATEGORY)
    window = in_force_between(versions, when - grace, when)
    if line.unit not in {v.unit for v in window}:
        flags.append(ItemFlag.UNIT_MISMATCH)
    prices = {v.price_fen for v in window}
    if member:
        prices |= {v.member_price_fen for v in window if v.member_price_fen is not None}
    if line.unit_price not in prices or (line.fixed_amount is not None and not label_agrees(line)):
        flags.append(ItemFlag.PRICE_UNEXPLAINED)
    if line.discount > gross_fen(line):
        flags.append(ItemFlag.DISCOUNT_INVALID)
    eligible = not flags and line.points_eligible and categories.get(current.category, False)
    return LineVerdict(tuple(flags), current.category, eligible)
