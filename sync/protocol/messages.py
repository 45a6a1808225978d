"""Requests and responses of the central server's API (prefix /api/v1)."""

from __future__ import annotations

import enum
import uuid
from typing import Annotated, Any, Literal, Union

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from sync.protocol.types import (
    CLEAN,
    MAX_COUNTER,
    MAX_POINTS,
    Fen,
    Points,
    Text16,
    Text32,
    Text40,
    Text64,
    Text128,
)

MAX_BATCH = 500
OutboxKind = Literal["sale", "refund", "sample", "feedback"]
ChangeKind = Literal["category", "product", "contract", "revocation", "resident", "membership_key"]


class _Msg(BaseModel):
    model_config = ConfigDict(extra="forbid")


#: Ids of residents, bills, communities and companies (as stored: at most 40 characters).
Id40 = Annotated[str, Field(min_length=1, max_length=40), CLEAN]
#: Points moved by one request: at least 1.
PositivePoints = Annotated[int, Field(ge=1, le=MAX_POINTS)]
#: Largest page a till may ask GET /changes for (the server clamps it to its own maximum).
MAX_PAGE = 20_000
#: Largest body a claim or member code can be: a real one is ~200 characters.
MAX_CODE_TEXT = 600
#: A balance (points) is a sum of entries, and may go negative after a clawback.
Balance = Annotated[int, Field(ge=-MAX_COUNTER, le=MAX_COUNTER)]
#: Position in the change feed.
Seq = Annotated[int, Field(ge=1, le=MAX_COUNTER)]


# --- enrollment -------------------------------------------------------------------


class EnrollRequest(_Msg):
    #: one-time, from `yuancang-central enroll`
    code: Annotated[str, Field(min_length=6, max_length=64), CLEAN]
    terminal_public_key: Text64  # base64url of the raw Ed25519 key
    app_version: Text32 = ""


class EnrollResponse(_Msg):
    terminal_id: Text40
    store_code: Text16
    terminal_code: Text16
    community_id: Id40
    property_company_id: Id40
    token: Text128  # bearer credential; the server keeps only its hash
    #: key id → base64url public key
    membership_keys: dict[Text40, Text64] = Field(max_length=64)
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
    seq: Seq
    kind: ChangeKind
    op: Literal["upsert", "delete"]
    key: Annotated[str, Field(max_length=100), CLEAN]
    #: one of the models of CHANGE_DATA (by kind), kept as a mapping for the till to validate
    data: dict[str, Any] | None = None


class ChangesResponse(_Msg):
    changes: list[Change] = Field(max_length=MAX_PAGE)
    next_cursor: Annotated[str, Field(max_length=20), CLEAN]
    more: bool
    server_time: AwareDatetime


# --- residents, bills, redemption, claims ------------------------------------------------


class ResidentOut(_Msg):
    resident_id: Id40
    community_id: Id40
    property_company_id: Id40
    masked_name: Text32
    community_name: Text64
    balance: Balance
    balance_as_of: AwareDatetime


class BillOut(_Msg):
    bill_id: Id40
    period: Annotated[str, Field(max_length=7), CLEAN]  # e.g. "2026-11"
    amount_fen: Fen
    paid_fen: Fen

    @property
    def open_fen(self) -> int:
        return self.amount_fen - self.paid_fen


class RedemptionRequest(_Msg):
    redemption_id: uuid.UUID  # the till's id: a retried request redeems once
    resident_id: Id40
    bill_id: Id40
    points: PositivePoints


class RedemptionResponse(_Msg):
    redemption_id: uuid.UUID
    status: Literal["done", "duplicate"]
    points: PositivePoints
    bill_id: Id40
    bill_open_fen: Fen
    balance: Balance


class ClaimRequest(_Msg):
    claim_code: Annotated[str, Field(min_length=1, max_length=MAX_CODE_TEXT), CLEAN]  # YCC1…
    member_code: Annotated[str, Field(min_length=1, max_length=400), CLEAN]  # YCM1… shown


class ClaimResponse(_Msg):
    status: Literal["claimed"]
    receipt_no: Text40
    points: Points
    balance: Balance


class ErrorBody(_Msg):
    code: Text40  # an ErrorCode: terminal_revoked, bad_token, over_balance, claim_expired…
    #: for people and logs, never parsed; invalid_request names the field first ("body.points: …")
    message: Annotated[str, Field(max_length=400)] = ""


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


# --- codes the server answers with (ErrorBody.code, ItemResult.reason, ItemResult.flags) ---


class ErrorCode(enum.StrEnum):
    """ErrorBody.code of a refused request; docs/sync-protocol.md gives the HTTP status."""

    BAD_TOKEN = "bad_token"
    TERMINAL_REVOKED = "terminal_revoked"
    INVALID_REQUEST = "invalid_request"
    UNSUPPORTED_PROTOCOL = "unsupported_protocol"
    NOT_FOUND = "not_found"
    ENROLLMENT_CODE_INVALID = "enrollment_code_invalid"  # unknown, used or expired
    BAD_PUBLIC_KEY = "bad_public_key"
    KEY_ALREADY_ENROLLED = "key_already_enrolled"
    BAD_CURSOR = "bad_cursor"
    RESIDENT_NOT_FOUND = "resident_not_found"
    WRONG_COMPANY = "wrong_company"
    BILL_NOT_FOUND = "bill_not_found"
    OVER_BILL = "over_bill"
    OVER_BALANCE = "over_balance"
    REDEMPTION_CONFLICT = "redemption_conflict"  # same redemption_id, other content
    CLAIM_FORGED = "claim_forged"
    CLAIM_EXPIRED = "claim_expired"
    ALREADY_CLAIMED = "already_claimed"
    SALE_UNKNOWN = "sale_unknown"
    MEMBER_CODE_INVALID = "member_code_invalid"  # message: the qr_* reason
    MEMBER_CODE_USED = "member_code_used"  # this membership code already claimed a receipt
    METHOD_NOT_ALLOWED = "method_not_allowed"
    PAYLOAD_TOO_LARGE = "payload_too_large"  # the body is over the server's limit
    RATE_LIMITED = "rate_limited"  # too many enrollment attempts: wait Retry-After seconds
    DATABASE_UNAVAILABLE = "database_unavailable"
    INTERNAL_ERROR = "internal_error"


class RejectReason(enum.StrEnum):
    """ItemResult.reason of a rejected push item (kept on the server for the manager)."""

    INVALID_PAYLOAD = "invalid_payload"  # fails SalePayload / RefundPayload validation
    UNSUPPORTED_KIND = "unsupported_kind"  # sample / feedback: not handled in v1
    AGGREGATE_MISMATCH = "aggregate_mismatch"  # aggregate_id is not the sale/refund id
    WRONG_TERMINAL = "wrong_terminal"  # store or terminal code of another till
    AMOUNT_OUT_OF_RANGE = "amount_out_of_range"
    SALE_UNKNOWN = "sale_unknown"  # a refund of a sale the server has not received
    REFUND_LINE_UNKNOWN = "refund_line_unknown"
    REFUND_EXCEEDS_SALE = "refund_exceeds_sale"
    ITEM_ID_CONFLICT = "item_id_conflict"  # the item id is another terminal's


class ItemFlag(enum.StrEnum):
    POINTS_MISMATCH = "points_mismatch"  # the server credited its own figure
    TOTAL_MISMATCH = "total_mismatch"  # lines do not add up to total_fen


# --- which model each change kind's data has ----------------------------------------------

#: Change.kind → model of Change.data (an upsert; a delete carries no data).
#: A "resident" change carries a ResidentOut (masked name and current balance).
CHANGE_DATA: dict[str, type[BaseModel]] = {
    "category": CategoryData,
    "product": ProductData,
    "contract": ContractData,
    "resident": ResidentOut,
    "revocation": RevocationData,
    "membership_key": MembershipKeyData,
}


class HealthResponse(_Msg):
    status: Literal["ok"]
    protocol: int
    server_time: AwareDatetime


# --- OpenAPI only: a change whose data has its real schema ---------------------------------

#: Any model of CHANGE_DATA (the kind says which); built from the table so a new kind follows.
ChangeData = Union[tuple(CHANGE_DATA.values())]  # type: ignore[valid-type]  # noqa: UP007


class DocumentedChange(Change):
    """Change as GET /changes documents it; tills read it as Change (data kept as a mapping)."""

    data: ChangeData | None = None  # type: ignore[valid-type]


class DocumentedChangesResponse(ChangesResponse):
    changes: list[DocumentedChange] = Field(max_length=MAX_PAGE)  # type: ignore[assignment]
