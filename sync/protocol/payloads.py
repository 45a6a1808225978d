"""What a till's outbox items carry: sales, refunds and closed shifts, amounts in
fen, times UTC.

Every field is bounded (sync.protocol.types): the bounds are the till's own
limits, so a real till never exceeds them and anything beyond is refused by
name before it reaches a database.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sync.protocol.types import (
    MAX_COUNTER,
    MAX_FEN,
    Bps,
    ChainSeq,
    Counter,
    Fen,
    Hex64,
    Id36,
    Points,
    Quantity,
    RoundingFen,
    RowId,
    SignedFen,
    Text16,
    Text32,
    Text40,
    Text64,
    Text128,
    Text400,
    UtcTime,
)

#: The till's cart limit; a sale never has more lines.
MAX_LINES = 500
#: Tenders of one sale or refund.
MAX_PAYMENTS = 20
PaymentKind = Literal["cash", "wechat", "alipay", "unionpay"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


#: Promotions one line may name (the till's engine gives a line at most one item
#: promotion and each threshold of its alternative: far fewer).
MAX_LINE_PROMOTIONS = 16


class LinePromotion(_Strict):
    """A promotion the till applied to a line and what it saved there: a claim the
    server re-prices with its own definitions, never a figure it stores as truth."""

    id: Text64
    saving_fen: Fen


class SaleLine(_Strict):
    line_no: Counter
    product_id: RowId | None
    sku: Text64
    name: Text128
    category: Text32
    points_eligible: bool
    unit: Literal["piece", "kg"]
    unit_price: Fen  # per piece, or per kg for a weighed line
    quantity: Quantity  # pieces, or grams when unit is "kg"
    barcode: Text64 | None = None
    fixed_amount: Fen | None = None  # a price-embedded label's amount: replaces price×qty
    discount: Fen
    voided: bool
    #: 无码商品: no product, sold by category and typed amount (sku empty, fixed_amount
    #: the amount); the server checks its category and its own open-price limit
    open_price: bool = False
    #: the promotions the till applied (already inside `discount`); empty: none
    promotions: list[LinePromotion] = Field(default_factory=list, max_length=MAX_LINE_PROMOTIONS)


class SalePayment(_Strict):
    kind: PaymentKind
    amount_fen: Fen
    tendered_fen: Fen
    reference: Text64 = ""


class SaleMember(_Strict):
    resident_id: Text40
    community_id: Text40
    property_company_id: Text40
    code_nonce: Text40 = ""
    #: the YCM1 code the resident showed, as scanned: the server checks its signature and
    #: judges revocations and contracts by its signed time, not by the till's clock
    code: Text400 | None = None


class ContractRef(_Strict):
    community_id: Text40
    effective_from: UtcTime
    share_bps: Bps
    points_bps: Bps


class ChainRef(_Strict):
    """Where a record sits in its till's hash chain: its position and hash, and those
    of the till's previous sale or refund (the chain's ledger and audit entries in
    between stay on the till). The server keeps the last one per terminal and flags
    a gap or a fork; a till older than the chain sends none."""

    seq: Counter
    hash: Hex64
    prev_seq: ChainSeq
    prev_hash: Hex64


class SalePayload(_Strict):
    sale_id: Id36
    receipt_no: Text40
    store_code: Text16
    terminal_code: Text16
    cashier: Text64
    created_at: UtcTime
    subtotal_fen: Fen
    discount_fen: Fen
    total_fen: Fen  # the lines' total, before 抹零
    #: 抹零 taken off total_fen: the payments add up to total_fen - rounding_fen
    rounding_fen: RoundingFen = 0
    change_fen: Fen
    eligible_fen: Fen
    lines: list[SaleLine] = Field(min_length=1, max_length=MAX_LINES)
    payments: list[SalePayment] = Field(max_length=MAX_PAYMENTS)
    member: SaleMember | None = None
    points: Points = 0
    contract: ContractRef | None = None
    chain: ChainRef | None = None
    #: the tasting event the sale was made at (its event prices), if any
    event_id: Text64 | None = None


class RefundLine(_Strict):
    line_no: Counter
    quantity: Quantity
    amount_fen: Fen


class RefundPayment(_Strict):
    kind: PaymentKind
    amount_fen: Fen
    reference: Text64 = ""


class RefundPayload(_Strict):
    refund_id: Id36
    refund_no: Text40
    sale_id: Id36
    created_at: UtcTime
    cashier: Text64
    approved_by: Text64 = ""
    total_fen: Fen
    eligible_fen: Fen
    points_clawback: Points
    resident_id: Text40 | None = None
    lines: list[RefundLine] = Field(min_length=1, max_length=MAX_LINES)
    payments: list[RefundPayment] = Field(max_length=MAX_PAYMENTS)
    chain: ChainRef | None = None


#: Cash movements (备用金 in, 取款 out) of one shift.
MAX_MOVEMENTS = 500
#: Notes or coins of one denomination in a count (pos_app.core.shift.MAX_PIECES).
MAX_PIECES = 100_000
#: The denominations a count may name, in fen (pos_app.core.shift.Denomination).
Denomination = Literal["10000", "5000", "2000", "1000", "500", "100", "50", "10"]
TenderTotals = dict[PaymentKind, Fen]


class ShiftMovement(_Strict):
    kind: Literal["cash_in", "cash_out"]
    amount_fen: Annotated[int, Field(ge=1, le=MAX_FEN)]
    reason: Text64
    at: UtcTime


class ShiftFigures(_Strict):
    """The till's X/Z figures (pos_app.core.shift.ShiftFigures): kept beside the
    server's own, never taken as truth."""

    float_fen: Fen
    sale_count: Annotated[int, Field(ge=0, le=MAX_COUNTER)]
    refund_count: Annotated[int, Field(ge=0, le=MAX_COUNTER)]
    sales_by_tender: TenderTotals
    refunds_by_tender: TenderTotals
    sales_total_fen: Fen
    refunds_total_fen: Fen
    rounding_fen: Fen
    cash_tendered_fen: Fen
    change_fen: Fen
    cash_in_fen: Fen
    cash_out_fen: Fen
    points_issued: Points
    points_clawed_back: Points
    points_redeemed: Points
    expected_cash_fen: SignedFen


class ShiftPayload(_Strict):
    """A closed shift (交班): its span, float, cash movements, count and Z figures."""

    shift_id: Id36
    shift_no: Text40
    store_code: Text16
    terminal_code: Text16
    opened_at: UtcTime
    closed_at: UtcTime
    opened_by: Text64
    closed_by: Text64
    approved_by: Text64 = ""
    float_fen: Fen
    movements: list[ShiftMovement] = Field(max_length=MAX_MOVEMENTS)
    counted: dict[Denomination, Annotated[int, Field(ge=0, le=MAX_PIECES)]]
    counted_fen: Fen
    difference_fen: SignedFen
    figures: ShiftFigures


def parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value)
