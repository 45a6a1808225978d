"""What a till's outbox items carry: sales and refunds, amounts in fen, times UTC."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

Fen = int


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SaleLine(_Strict):
    line_no: int = Field(ge=1)
    product_id: int | None
    sku: str = Field(max_length=64)
    name: str = Field(max_length=128)
    category: str = Field(max_length=32)
    points_eligible: bool
    unit: Literal["piece", "kg"]
    unit_price: Fen = Field(ge=0)
    quantity: int = Field(ge=1)
    barcode: str | None = Field(default=None, max_length=64)
    fixed_amount: Fen | None = Field(default=None, ge=0)
    discount: Fen = Field(ge=0)
    voided: bool


class SalePayment(_Strict):
    kind: Literal["cash", "wechat", "alipay", "unionpay"]
    amount_fen: Fen = Field(ge=0)
    tendered_fen: Fen = Field(ge=0)
    reference: str = Field(default="", max_length=64)


class SaleMember(_Strict):
    resident_id: str = Field(max_length=40)
    community_id: str = Field(max_length=40)
    property_company_id: str = Field(max_length=40)
    code_nonce: str = Field(default="", max_length=40)
    #: the YCM1 code the resident showed, as scanned: the server checks its signature and
    #: judges revocations and contracts by its signed time, not by the till's clock
    code: str | None = Field(default=None, max_length=400)


class ContractRef(_Strict):
    community_id: str
    effective_from: AwareDatetime
    share_bps: int = Field(ge=0, le=10000)
    points_bps: int = Field(ge=0, le=10000)


class SalePayload(_Strict):
    sale_id: str = Field(min_length=36, max_length=36)
    receipt_no: str = Field(max_length=40)
    store_code: str
    terminal_code: str
    cashier: str
    created_at: AwareDatetime
    subtotal_fen: Fen
    discount_fen: Fen
    total_fen: Fen = Field(ge=0)
    change_fen: Fen = Field(ge=0)
    eligible_fen: Fen = Field(ge=0)
    lines: list[SaleLine] = Field(min_length=1, max_length=500)
    payments: list[SalePayment] = Field(max_length=20)
    member: SaleMember | None = None
    points: int = Field(default=0, ge=0)
    contract: ContractRef | None = None


class RefundLine(_Strict):
    line_no: int = Field(ge=1)
    quantity: int = Field(ge=1)
    amount_fen: Fen = Field(ge=0)


class RefundPayment(_Strict):
    kind: Literal["cash", "wechat", "alipay", "unionpay"]
    amount_fen: Fen = Field(ge=0)
    reference: str = Field(default="", max_length=64)


class RefundPayload(_Strict):
    refund_id: str = Field(min_length=36, max_length=36)
    refund_no: str = Field(max_length=40)
    sale_id: str = Field(min_length=36, max_length=36)
    created_at: AwareDatetime
    cashier: str
    approved_by: str = ""
    total_fen: Fen = Field(ge=0)
    eligible_fen: Fen = Field(ge=0)
    points_clawback: int = Field(ge=0)
    resident_id: str | None = None
    lines: list[RefundLine] = Field(min_length=1)
    payments: list[RefundPayment]


def parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value)
