"""GET /changes: the change feed a till pulls (catalog, contracts, residents,
revocations, keys, communities, staff, promotions, tasting events, notices), the model
of each kind's data, and the documented form OpenAPI shows."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from sync.protocol.accounts import ResidentOut
from sync.protocol.types import CLEAN, MAX_COUNTER, Message, Text32

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
    "promotion",
    "event",
]
#: Largest page a till may ask GET /changes for (the server clamps it to its own maximum).
MAX_PAGE = 20_000
#: Position in the change feed.
Seq = Annotated[int, Field(ge=1, le=MAX_COUNTER)]


class Change(Message):
    seq: Seq
    #: one of ChangeKind today; any other text is a kind a newer server added, which an
    #: older till must be able to read past (it applies what it knows and skips the rest)
    kind: ChangeKind | Text32
    op: Literal["upsert", "delete"]
    key: Annotated[str, Field(max_length=100), CLEAN]
    #: one of the models of CHANGE_DATA (by kind), kept as a mapping for the till to validate
    data: dict[str, Any] | None = None


class ChangesResponse(Message):
    changes: list[Change] = Field(max_length=MAX_PAGE)
    next_cursor: Annotated[str, Field(max_length=20), CLEAN]
    more: bool
    server_time: AwareDatetime


# --- the `data` of each change kind -----------------------------------------------------


class CategoryData(Message):
    code: str
    name: str
    points_eligible: bool
    sort: int = 0


class ProductData(Message):
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


class ContractData(Message):
    community_id: str
    effective_from: AwareDatetime
    share_bps: int = Field(ge=0, le=10000)
    points_bps: int = Field(ge=0, le=10000)


class RevocationData(Message):
    resident_id: str
    revoked_at: AwareDatetime
    reason: str = ""


class MembershipKeyData(Message):
    key_id: str
    public_key: str  # base64url raw Ed25519


class CommunityData(Message):
    """A community and the property company running it, by name (every terminal):
    a till names them so, never by code ("外部小区", not "C900")."""

    community_id: str
    name: str
    property_company_id: str
    property_company_name: str


class NoticeData(Message):
    """A message for one terminal only (change kind "notice"); key: unique per notice.

    `id_conflict`: another till position pushed a sale or refund under an id this
    terminal's record already holds; the other's was refused. Both tills need a look.
    """

    code: Literal["id_conflict"]
    record_kind: Literal["sale", "refund"]
    record_id: str = Field(max_length=36)
    at: AwareDatetime


class StaffData(Message):
    """A staff member of one store (change kind "staff", key: the staff id), with
    their PIN as the argon2 hash the server made: the PIN itself never travels.
    A disabled person comes as `active: false` (kept: sales name them)."""

    id: str = Field(min_length=1, max_length=36)
    store_code: str = Field(min_length=1, max_length=16)
    name: str = Field(min_length=1, max_length=32)
    role: Literal["cashier", "promoter", "manager"]
    pin_hash: str = Field(pattern=r"^\$argon2id\$", max_length=200)
    active: bool = True


#: a SKU or category code in a promotion's scope (no NUL, no lone surrogate)
_PromoText = Annotated[str, Field(min_length=1, max_length=64), CLEAN]


class PromotionScopeData(Message):
    """The lines a promotion looks at: these categories or these SKUs (both empty: all)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    categories: list[_PromoText] = Field(default_factory=list, max_length=500)
    skus: list[_PromoText] = Field(default_factory=list, max_length=500)


class PromotionWindowData(Message):
    """When it is in force, in showroom time (Asia/Shanghai): dates inclusive, ISO
    weekdays (1 = Monday; empty: every day), hours [start, end)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    start_date: str | None = Field(default=None, max_length=10)
    end_date: str | None = Field(default=None, max_length=10)
    weekdays: list[int] = Field(default_factory=list, max_length=7)
    hours: list[str] = Field(default_factory=lambda: ["00:00", "24:00"], max_length=2)


class PromotionTierData(Message):
    """满 `min_fen` 减 `off_fen`."""

    model_config = ConfigDict(extra="forbid", strict=True)

    min_fen: int = Field(ge=1)
    off_fen: int = Field(ge=1)


class PromotionBundleData(Message):
    """One product of a bundle and how many of it the bundle holds."""

    model_config = ConfigDict(extra="forbid", strict=True)

    sku: Annotated[str, Field(min_length=1, max_length=64), CLEAN]
    count: int = Field(ge=1, le=99)


class PromotionDefinition(Message):
    """A promotion as docs/promotions.md writes it: the common fields, then only the
    parameters of its kind (a parameter of another kind is absent, never null).
    Strict: a `true` is no number, a "5" no integer (the till's codec refuses them too)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    id: Annotated[str, Field(min_length=1, max_length=64), CLEAN]
    name: Annotated[str, Field(min_length=1, max_length=100), CLEAN]
    kind: Literal[
        "percent_off",
        "amount_off",
        "special_price",
        "buy_n_get_m",
        "nth_percent",
        "bundle",
        "threshold",
    ]
    priority: int = Field(default=0, ge=-1000, le=1000)
    exclusive: bool = False
    members_only: bool = False
    event_id: Annotated[str, Field(max_length=64), CLEAN] | None = None
    budget_fen: int | None = Field(default=None, ge=0)
    scope: PromotionScopeData = Field(default_factory=PromotionScopeData)
    window: PromotionWindowData = Field(default_factory=PromotionWindowData)
    percent_bps: int | None = Field(default=None, ge=1, le=10000)
    amount_fen: int | None = Field(default=None, ge=1)
    price_fen: int | None = Field(default=None, ge=0)
    buy: int | None = Field(default=None, ge=1, le=99)
    get: int | None = Field(default=None, ge=1, le=99)
    nth: int | None = Field(default=None, ge=2, le=99)
    bundle: list[PromotionBundleData] | None = Field(default=None, max_length=99)
    tiers: list[PromotionTierData] | None = Field(default=None, max_length=10)


class PromotionData(PromotionDefinition):
    """A promotion (change kind "promotion", key: its id), as the central server manages
    it: the definition, the stores it applies to (empty: every store) and its status.
    A till prices with the active ones of its own store; it keeps paused and ended ones
    for the returns of older sales."""

    stores: list[str] = Field(default_factory=list, max_length=1000)
    status: Literal["active", "paused", "ended"]


class EventProductData(Message):
    """A product featured at an event: what ONE sample unit costs (a piece, or a gram
    when `sample_unit` is "g")."""

    model_config = ConfigDict(extra="forbid", strict=True)

    sku: Annotated[str, Field(min_length=1, max_length=64), CLEAN]
    sample_cost_fen: int = Field(ge=0, le=9_999_999_999)
    sample_unit: Literal["piece", "g"]


class EventData(Message):
    """A tasting event (change kind "event", key: its id), for the tills of its store:
    where and when, its promoters (staff ids), its products with their sample cost,
    the sample budget and the feedback form's tags. Event prices are separate
    "promotion" changes carrying the event's id."""

    model_config = ConfigDict(extra="forbid", strict=True)

    event_id: Annotated[str, Field(min_length=1, max_length=40), CLEAN]
    name: Annotated[str, Field(min_length=1, max_length=100), CLEAN]
    store_code: Annotated[str, Field(min_length=1, max_length=16), CLEAN]
    community_code: Annotated[str, Field(min_length=1, max_length=40), CLEAN] | None
    place: Annotated[str, Field(max_length=100), CLEAN]
    starts_at: AwareDatetime = Field(strict=False)
    ends_at: AwareDatetime = Field(strict=False)
    promoters: list[Annotated[str, Field(min_length=1, max_length=40), CLEAN]] = Field(
        max_length=50
    )
    products: list[EventProductData] = Field(max_length=100)
    sample_budget_fen: int = Field(ge=0, le=9_999_999_999)
    feedback_tags: list[Annotated[str, Field(min_length=1, max_length=16), CLEAN]] = Field(
        max_length=12
    )
    status: Literal["planned", "running", "closed", "cancelled"]


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
    "promotion": PromotionData,
    "event": EventData,
}


# --- OpenAPI only: a change whose data has its real schema ---------------------------------

#: Any model of CHANGE_DATA (the kind says which); built from the table so a new kind follows.
ChangeData = Union[tuple(CHANGE_DATA.values())]  # type: ignore[valid-type]  # noqa: UP007


class DocumentedChange(Change):
    """Change as GET /changes documents it; tills read it as Change (data kept as a mapping)."""

    data: ChangeData | None = None  # type: ignore[valid-type]


class DocumentedChangesResponse(ChangesResponse):
    changes: list[DocumentedChange] = Field(max_length=MAX_PAGE)  # type: ignore[assignment]
