"""Requests and responses of the central server's API (prefix /api/v1)."""

from __future__ import annotations

import enum
import uuid
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

MAX_BATCH = 500
OutboxKind = Literal["sale", "refund", "sample", "feedback"]
ChangeKind = Literal["category", "product", "contract", "revocation", "resident", "membership_key"]


class _Msg(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- enrollment -------------------------------------------------------------------


class EnrollRequest(_Msg):
    code: str = Field(min_length=6, max_length=64)  # one-time, from `yuancang-central enroll`
    terminal_public_key: str = Field(max_length=64)  # base64url of the raw Ed25519 key
    app_version: str = Field(default="", max_length=32)


class EnrollResponse(_Msg):
    terminal_id: str
    store_code: str
    terminal_code: str
    community_id: str
    property_company_id: str
    token: str  # bearer credential; the server keeps only its hash
    membership_keys: dict[str, str]  # key id → base64url public key
    server_time: AwareDatetime


# --- push -----------------------------------------------------------------------------


class OutboxItem(_Msg):
    item_id: uuid.UUID  # the till's id: the server stores each item once
    kind: OutboxKind
    aggregate_id: str = Field(max_length=36)
    seq: int = Field(ge=1)  # the till's outbox order
    created_at: AwareDatetime
    payload: dict[str, Any]


class PushRequest(_Msg):
    protocol: int = 1
    items: list[OutboxItem] = Field(min_length=1, max_length=MAX_BATCH)


class ItemStatus(enum.StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


class ItemResult(_Msg):
    item_id: uuid.UUID
    status: ItemStatus
    reason: str | None = None  # a code, for rejected items: kept and shown to the manager
    flags: list[str] = Field(default_factory=list)  # e.g. "points_mismatch"


class PushResponse(_Msg):
    results: list[ItemResult]
    server_time: AwareDatetime


# --- pull -----------------------------------------------------------------------------


class Change(_Msg):
    seq: int
    kind: ChangeKind
    op: Literal["upsert", "delete"]
    key: str
    data: dict[str, Any] | None = None


class ChangesResponse(_Msg):
    changes: list[Change]
    next_cursor: str
    more: bool
    server_time: AwareDatetime


# --- residents, bills, redemption, claims ------------------------------------------------


class ResidentOut(_Msg):
    resident_id: str
    community_id: str
    property_company_id: str
    masked_name: str
    community_name: str
    balance: int
    balance_as_of: AwareDatetime


class BillOut(_Msg):
    bill_id: str
    period: str  # e.g. "2026-11"
    amount_fen: int
    paid_fen: int

    @property
    def open_fen(self) -> int:
        return self.amount_fen - self.paid_fen


class RedemptionRequest(_Msg):
    redemption_id: uuid.UUID  # the till's id: a retried request redeems once
    resident_id: str
    bill_id: str
    points: int = Field(gt=0)


class RedemptionResponse(_Msg):
    redemption_id: uuid.UUID
    status: Literal["done", "duplicate"]
    points: int
    bill_id: str
    bill_open_fen: int
    balance: int


class ClaimRequest(_Msg):
    claim_code: str = Field(max_length=600)  # YCC1… from the receipt
    member_code: str = Field(max_length=400)  # YCM1… shown by the resident


class ClaimResponse(_Msg):
    status: Literal["claimed"]
    receipt_no: str
    points: int
    balance: int


class ErrorBody(_Msg):
    code: str  # e.g. terminal_revoked, bad_token, over_balance, claim_expired
    message: str = ""


# --- the `data` of each change kind (GET /changes) ------------------------------------


class CategoryData(_Msg):
    code: str
    name: str
    points_eligible: bool
    sort: int = 0


class ProductData(_Msg):
    sku: str
    name: str
    category: str
    unit: Literal["piece", "kg"] = "piece"
    unit_label: str = "件"
    price_fen: int = Field(ge=0)
    member_price_fen: int | None = Field(default=None, ge=0)
    barcodes: list[str] = Field(default_factory=list)
    plu: str | None = None
    active: bool = True


class ContractData(_Msg):
    community_id: str
    effective_from: AwareDatetime
    share_bps: int = Field(ge=0, le=10000)
    points_bps: int = Field(ge=0, le=10000)


class RevocationData(_Msg):
    resident_id: str
    revoked_at: AwareDatetime
    reason: str = ""


class MembershipKeyData(_Msg):
    key_id: str
    public_key: str  # base64url raw Ed25519


# resident changes carry ResidentOut as their data
