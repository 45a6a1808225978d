"""Shifts (交班): the drawer a shift should hold, and the figures of its X and Z reads.

A shift opens with a float (备用金) counted into the drawer. During it the till
records sales, refunds, cash movements (备用金 top-ups in, 取款 pick-ups out) and
the redemptions (核销) the central server granted at this till.
`summarize` turns those records into `ShiftFigures`, and ONE function,
`expected_drawer`, computes the cash the drawer should hold. The X read (during
the shift) and the Z close (at its end) both call `summarize`, so the two can
never drift apart: a Z is an X plus a count.

Counted cash comes by denomination (`CashCount`: denomination → number of
notes or coins), never as a typed total, so the report shows how it was made.
Everything is integer 分.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import MAX_FEN

CASH = "cash"  # the tender kind that reaches the drawer (TenderKind.CASH.value)
MAX_REASON = 64  # characters of a cash in/out reason
MAX_PIECES = 100_000  # notes or coins of one denomination: a typo, beyond this


class Denomination(enum.IntEnum):
    """A note or coin of 人民币, valued in 分."""

    Y100 = 10000
    Y50 = 5000
    Y20 = 2000
    Y10 = 1000
    Y5 = 500
    Y1 = 100
    J5 = 50  # 5 角
    J1 = 10  # 1 角


#: denomination → how many were counted (absent = none)
CashCount = Mapping[Denomination, int]


def new_shift_id() -> str:
    return str(uuid.uuid4())


def counted_total(count: CashCount) -> int:
    """The counted cash in 分; a negative or absurd count is refused."""
    total = 0
    for denomination, pieces in count.items():
        denomination = Denomination(denomination)  # a stray value fails here
        if isinstance(pieces, bool) or not isinstance(pieces, int):
            raise TypeError("a count is an int of pieces")
        if not 0 <= pieces <= MAX_PIECES:
            raise PosError(ErrorCode.SHIFT_COUNT_INVALID, denomination=int(denomination))
        total += int(denomination) * pieces
    return total


class MovementKind(enum.StrEnum):
    CASH_IN = "cash_in"  # 备用金 added to the drawer
    CASH_OUT = "cash_out"  # 取款: cash picked up from the drawer


@dataclass(frozen=True, slots=True)
class CashMovement:
    """Cash put into or taken out of the drawer outside a sale, with its reason."""

    kind: MovementKind
    amount_fen: int
    reason: str
    at: datetime
    cashier: str = ""
    movement_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def __post_init__(self) -> None:
        check_amount(self.amount_fen, allow_zero=False)
        if not self.reason.strip() or len(self.reason) > MAX_REASON:
            raise PosError(ErrorCode.SHIFT_REASON_REQUIRED)


def check_amount(fen: int, *, allow_zero: bool = True) -> int:
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError("an amount is an int of fen")
    if fen < 0 or fen > MAX_FEN or (fen == 0 and not allow_zero):
        raise PosError(ErrorCode.SHIFT_AMOUNT_INVALID, fen=fen)
    return fen


@dataclass(frozen=True, slots=True)
class TenderAmount:
    """One payment of a sale or refund: its tender kind, what it applied, and
    (cash) what was handed over; change = tendered - amount."""

    kind: str
    amount_fen: int
    tendered_fen: int | None = None  # None: the same as amount (no change)

    @property
    def change_fen(self) -> int:
        return 0 if self.tendered_fen is None else self.tendered_fen - self.amount_fen


@dataclass(frozen=True, slots=True)
class ShiftSale:
    total_fen: int  # before 抹零
    rounding_fen: int
    payments: tuple[TenderAmount, ...]
    points: int = 0  # issued to the resident


@dataclass(frozen=True, slots=True)
class ShiftRefund:
    total_fen: int
    payments: tuple[TenderAmount, ...]
    points_clawback: int = 0


@dataclass(frozen=True, slots=True)
class ShiftRedemption:
    """Points a resident redeemed against a property-fee bill (核销) at this till
    during the shift, as the central server answered them."""

    points: int

    def __post_init__(self) -> None:
        if isinstance(self.points, bool) or not isinstance(self.points, int):
            raise TypeError("points are an int")
        if self.points <= 0:
            raise ValueError("a redemption uses at least one point")


@dataclass(frozen=True, slots=True)
class ShiftFigures:
    """What a shift's records add up to (X read; the Z adds the count)."""

    float_fen: int
    sale_count: int
    refund_count: int
    sales_by_tender: Mapping[str, int]  # what each tender took (cash after change)
    refunds_by_tender: Mapping[str, int]
    sales_total_fen: int  # what customers paid (after 抹零)
    refunds_total_fen: int
    rounding_fen: int  # 抹零 given
    cash_tendered_fen: int  # cash handed over by customers
    change_fen: int  # change handed back
    cash_in_fen: int
    cash_out_fen: int
    points_issued: int
    points_clawed_back: int
    points_redeemed: int
    expected_cash_fen: int  # expected_drawer() of the above


def expected_drawer(
    *,
    float_fen: int,
    cash_tendered_fen: int,
    change_fen: int,
    cash_in_fen: int,
    cash_out_fen: int,
    cash_refunds_fen: int,
) -> int:
    """THE drawer computation, the only one: float + cash paid - change given +
    cash in - cash out - cash refunded. Both X and Z reads come through here."""
    paid_in = float_fen + cash_tendered_fen + cash_in_fen
    paid_out = change_fen + cash_out_fen + cash_refunds_fen
    return paid_in - paid_out


def summarize(
    *,
    float_fen: int,
    sales: Iterable[ShiftSale],
    refunds: Iterable[ShiftRefund],
    movements: Iterable[CashMovement],
    redemptions: Iterable[ShiftRedemption] = (),
) -> ShiftFigures:
    """The figures of a shift from its records, for an X read or a Z close
    (the till's own redemptions, or the server's records of that till's)."""
    check_amount(float_fen)
    sales, refunds, movements = list(sales), list(refunds), list(movements)
    by_tender: dict[str, int] = {}
    tendered = change = rounding = points = 0
    for sale in sales:
        rounding += sale.rounding_fen
        points += sale.points
        for p in sale.payments:
            by_tender[p.kind] = by_tender.get(p.kind, 0) + p.amount_fen
            if p.kind == CASH:
                tendered += p.amount_fen if p.tendered_fen is None else p.tendered_fen
                change += p.change_fen
    back: dict[str, int] = {}
    for refund in refunds:
        for p in refund.payments:
            back[p.kind] = back.get(p.kind, 0) + p.amount_fen
    cash_in = sum(m.amount_fen for m in movements if m.kind is MovementKind.CASH_IN)
    cash_out = sum(m.amount_fen for m in movements if m.kind is MovementKind.CASH_OUT)
    return ShiftFigures(
        float_fen=float_fen,
        sale_count=len(sales),
        refund_count=len(refunds),
        sales_by_tender=dict(sorted(by_tender.items())),
        refunds_by_tender=dict(sorted(back.items())),
        sales_total_fen=sum(by_tender.values()),
        refunds_total_fen=sum(back.values()),
        rounding_fen=rounding,
        cash_tendered_fen=tendered,
        change_fen=change,
        cash_in_fen=cash_in,
        cash_out_fen=cash_out,
        points_issued=points,
        points_clawed_back=sum(r.points_clawback for r in refunds),
        # points pay a property-fee bill, never cash: the drawer does not move
        points_redeemed=sum(r.points for r in redemptions),
        expected_cash_fen=expected_drawer(
            float_fen=float_fen,
            cash_tendered_fen=tendered,
            change_fen=change,
            cash_in_fen=cash_in,
            cash_out_fen=cash_out,
            cash_refunds_fen=back.get(CASH, 0),
        ),
    )


@dataclass(frozen=True, slots=True)
class ZClose:
    """A Z close: the figures, the count by denomination and the difference."""

    figures: ShiftFigures
    counted: Mapping[Denomination, int]
    counted_fen: int
    difference_fen: int  # counted - expected: > 0 over (长款), < 0 short (短款)


def close(figures: ShiftFigures, count: CashCount) -> ZClose:
    counted = counted_total(count)
    clean = {Denomination(d): n for d, n in sorted(count.items(), reverse=True) if n}
    return ZClose(figures, clean, counted, counted - figures.expected_cash_fen)


def figures_to_dict(f: ShiftFigures) -> dict[str, object]:
    """Plain data for storage and sync (amounts in fen)."""
    return {
        "float_fen": f.float_fen,
        "sale_count": f.sale_count,
        "refund_count": f.refund_count,
        "sales_by_tender": dict(f.sales_by_tender),
        "refunds_by_tender": dict(f.refunds_by_tender),
        "sales_total_fen": f.sales_total_fen,
        "refunds_total_fen": f.refunds_total_fen,
        "rounding_fen": f.rounding_fen,
        "cash_tendered_fen": f.cash_tendered_fen,
        "change_fen": f.change_fen,
        "cash_in_fen": f.cash_in_fen,
        "cash_out_fen": f.cash_out_fen,
        "points_issued": f.points_issued,
        "points_clawed_back": f.points_clawed_back,
        "points_redeemed": f.points_redeemed,
        "expected_cash_fen": f.expected_cash_fen,
    }


def figures_from_dict(d: Mapping[str, object]) -> ShiftFigures:
    values = dict(d)
    return ShiftFigures(**values)  # type: ignore[arg-type]
