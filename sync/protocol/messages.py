"""Requests and responses of the central server's API (prefix /api/v1)."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from typing import Annotated, Any, Literal, Union

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, PlainValidator

from sync.protocol.payloads import RefundPayload, SalePayload, ShiftPayload
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
OutboxKind = Literal["sale", "refund", "shift", "sample", "feedback"]
ChangeKind = Literal[
    "category",
    "product",
    "contract",
    "revocation",
    "resident",
    "membership_key",
    "notice",
    "community",
    "staff",
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
#: The last four digits of a resident's phone, as they tell the cashier.
PhoneLast4 = Annotated[str, Field(pattern=r"^[0-9]{4}$")]


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
    #: the store and its community by name, for the till's screen and receipts
    #: (empty from a server older than these fields: the till keeps its own)
    store_name: Text64 = ""
    community_name: Text64 = ""


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


class ShiftItem(OutboxItem):
    """A closed shift (交班); aggregate_id is its shift_id."""

    kind: Literal["shift"]
    payload: ShiftPayload  # type: ignore[assignment]


class UnsupportedItem(OutboxItem):
    """sample and feedback: rejected as unsupported_kind in protocol 1."""

    kind: Literal["sample", "feedback"]
    payload: dict[str, Any] = Field(max_length=64)


#: A push item as the server reads it: the payload's model follows `kind`.
PushItem = Annotated[
    SaleItem | RefundItem | ShiftItem | UnsupportedItem, Field(discriminator="kind")
]


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
    #: for the till's offline lookup by phone; the number itself never leaves the server
    phone_last4: PhoneLast4 | None = None


#: Most candidates a phone lookup answers: enough for four digits shared within one
#: property company, too few to list its residents by trying every ending.
MAX_PHONE_CANDIDATES = 10


class MemberCandidate(_Msg):
    """A resident whose phone ends with the asked digits: only what tells them apart."""

    resident_id: Id40
    masked_name: Text32  # 张*明
    masked_phone: Text16  # 138****1234
    community_id: Id40
    community_name: Text64


class MemberLookupResponse(_Msg):
    """GET /members/by-phone: candidates of the till's own property company, best first."""

    candidates: list[MemberCandidate] = Field(max_length=MAX_PHONE_CANDIDATES)
    #: more residents matched than were answered: ask the resident for more (their name)
    truncated: bool


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


class CommunityData(_Msg):
    """A community and the property company running it, by name (every terminal):
    a till names them so, never by code ("外部小区", not "C900")."""

    community_id: str
    name: str
    property_company_id: str
    property_company_name: str


class NoticeData(_Msg):
    """A message for one terminal only (change kind "notice"); key: unique per notice.

    `id_conflict`: another till position pushed a sale or refund under an id this
    terminal's record already holds; the other's was refused. Both tills need a look.
    """

    code: Literal["id_conflict"]
    record_kind: Literal["sale", "refund"]
    record_id: str = Field(max_length=36)
    at: AwareDatetime


class StaffData(_Msg):
    """A staff member of one store (change kind "staff", key: the staff id), with
    their PIN as the argon2 hash the server made: the PIN itself never travels.
    A disabled person comes as `active: false` (kept: sales name them)."""

    id: str = Field(min_length=1, max_length=36)
    store_code: str = Field(min_length=1, max_length=16)
    name: str = Field(min_length=1, max_length=32)
    role: Literal["cashier", "promoter", "manager"]
    pin_hash: str = Field(pattern=r"^\$argon2id\$", max_length=200)
    active: bool = True


# resident changes carry ResidentOut as their data


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
    "community": CommunityData,
    "staff": StaffData,
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
