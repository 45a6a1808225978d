"""Requests and responses of the central server's API (prefix /api/v1)."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from typing import Annotated, Any, Literal, Union

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, PlainValidator

from sync.protocol.payloads import RefundPayload, SalePayload
from sync.protocol.types import (
    CLEAN,
    MAX_COUNTER,
    MAX_POINTS,
    Counter,
    Fen,
    Points,
    Text16,
    Text32,
    Text36,
    Text40,
    Text64,
    Text128,
    Text200,
    UtcTime,
)

MAX_BATCH = 500
OutboxKind = Literal["sale", "refund", "sample", "feedback"]
ChangeKind = Literal[
    "category", "product", "contract", "revocation", "resident", "membership_key", "notice"
]


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
    """One outbox item as the till builds it (its payload checked by the server, by kind)."""

    item_id: uuid.UUID  # the till's id: the server stores each item once
    kind: OutboxKind
    aggregate_id: Text36  # the sale_id or refund_id the payload carries
    seq: Counter  # the till's outbox order: 1, 2, 3… per terminal
    created_at: UtcTime
    payload: dict[str, Any]


class SaleItem(OutboxItem):
    """The wire form of a sale item (OpenAPI: `kind` selects the payload's schema)."""

    kind: Literal["sale"]
    payload: SalePayload  # type: ignore[assignment]


class RefundItem(OutboxItem):
    kind: Literal["refund"]
    payload: RefundPayload  # type: ignore[assignment]


class UnsupportedItem(OutboxItem):
    """sample and feedback: rejected as unsupported_kind in protocol 1."""

    kind: Literal["sample", "feedback"]
    payload: dict[str, Any] = Field(max_length=64)


#: A push item as the server reads it: the payload's model follows `kind`.
PushItem = Annotated[SaleItem | RefundItem | UnsupportedItem, Field(discriminator="kind")]


def raw_item(value: object) -> dict[str, Any]:
    """An item as plain JSON: a till's OutboxItem becomes its JSON form; a dict stays.

    Items stay raw JSON in a PushRequest: the server parses each on its own, so
    one bad item is rejected alone.
    """
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if not isinstance(value, dict):
        raise ValueError("an item must be a JSON object")
    return value


#: An item of a push request: a till's OutboxItem, or any JSON object (always held as a
#: dict); OpenAPI shows a PushItem, the form the server accepts.
RawItem = Annotated[
    dict[str, Any] | OutboxItem, PlainValidator(raw_item, json_schema_input_type=PushItem)
]


class PushRequest(_Msg):
    protocol: Counter = 1
    items: Sequence[RawItem] = Field(min_length=1, max_length=MAX_BATCH)


class ItemStatus(enum.StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


class ItemResult(_Msg):
    """The answer to one item; results are positional: one per item, in request order."""

    #: None only for an item whose own item_id is missing or not a UUID
    item_id: uuid.UUID | None
    status: ItemStatus
    reason: Text40 | None = None  # a code, for rejected items: kept and shown to the manager
    flags: list[Text40] = Field(default_factory=list, max_length=32)  # e.g. "points_mismatch"
    #: invalid_payload: the first field that failed, as a dotted path (payload.lines.0.sku)
    field: Text128 | None = None
    #: invalid_payload: what is wrong with that field, in English, for people
    detail: Text200 | None = None


class PushResponse(_Msg):
    results: list[ItemResult] = Field(max_length=MAX_BATCH)
    server_time: UtcTime


# --- pull -----------------------------------------------------------------------------


class Change(_Msg):
    seq: Seq
    #: one of ChangeKind today; any other text is a kind a newer server added, which an
    #: older till must be able to read past (it applies what it knows and skips the rest)
    kind: ChangeKind | Text32
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


class NoticeData(_Msg):
    """A message for one terminal only (change kind "notice"); key: unique per notice.

    `id_conflict`: another till position pushed a sale or refund under an id this
    terminal's record already holds; the other's was refused. Both tills need a look.
    """

    code: Literal["id_conflict"]
    record_kind: Literal["sale", "refund"]
    record_id: str = Field(max_length=36)
    at: AwareDatetime


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
    CLAIM_HELD = "claim_held"  # the sale's points wait for (or were refused by) a review
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
    #: the sale or refund id is already stored for another till position: this till's
    #: record is refused (never "duplicate"), and the first till gets a `notice` change
    ID_CONFLICT = "id_conflict"


class ItemFlag(enum.StrEnum):
    """ItemResult.flags of an accepted item: what the server did not believe, and why.

    A flagged line earns no points; a held sale's points wait for a manager's review.
    """

    POINTS_MISMATCH = "points_mismatch"  # the server credited its own figure
    TOTAL_MISMATCH = "total_mismatch"  # lines do not add up to total_fen
    # a sale line (it earns nothing; listed for review)
    UNKNOWN_SKU = "unknown_sku"  # not in the server's catalog at the sale time
    UNKNOWN_CATEGORY = "unknown_category"  # the product's category is not the server's
    UNIT_MISMATCH = "unit_mismatch"  # piece / kg differs from the catalog
    PRICE_UNEXPLAINED = "price_unexplained"  # no catalog or member price of that time
    DISCOUNT_INVALID = "discount_invalid"  # a discount above the line's gross
    # a sale's time and member (its points are held for review, or not earned)
    SALE_TIME_OUT_OF_BOUNDS = "sale_time_out_of_bounds"  # after receipt + skew, or pre-enrollment
    MEMBER_UNVERIFIED = "member_unverified"  # no membership code, or one that does not verify
    MEMBER_INELIGIBLE = "member_ineligible"  # unknown, other company, or revoked when issued
    MEMBER_CODE_REUSED = "member_code_reused"  # the code's nonce already earned elsewhere
    MEMBER_CODE_TIME = "member_code_time"  # sale time far outside the code's validity
    # a refund
    REFUND_TOTAL_MISMATCH = "refund_total_mismatch"  # the till's total is not its lines' sum
    REFUND_PAYMENTS_MISMATCH = "refund_payments_mismatch"  # payments do not add up


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
    "notice": NoticeData,
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
