"""The central database: typed SQLAlchemy 2 models (the Alembic revisions mirror them).

Personal data is minimal on purpose: a resident is an opaque id, a community,
a property company and a *masked* name. Money and points are integers (fen).
Everything a till may send twice is keyed by the till's own id under a
UNIQUE constraint, so de-duplication holds however many server processes
share one PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

#: A 64-bit autoincrement key on PostgreSQL; SQLite needs INTEGER for its rowid alias.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both back-ends (SQLite stores naive ISO text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: store UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


# --- who: companies, communities, stores, terminals ------------------------------------


class PropertyCompany(Base):
    __tablename__ = "property_companies"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))


class Community(Base):
    __tablename__ = "communities"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    property_company_id: Mapped[str] = mapped_column(ForeignKey("property_companies.id"))
    #: GeoJSON Polygon/MultiPolygon (lon, lat): online orders delivered inside count here
    geofence: Mapped[str | None] = mapped_column(Text)


class ContractVersion(Base):
    __tablename__ = "contract_versions"
    __table_args__ = (
        UniqueConstraint("community_id", "effective_from"),
        CheckConstraint("share_bps BETWEEN 0 AND 10000", name="ck_contract_share_bps"),
        CheckConstraint("points_bps BETWEEN 0 AND 10000", name="ck_contract_points_bps"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = mapped_column(ForeignKey("communities.id"))
    effective_from: Mapped[datetime] = mapped_column(UtcDateTime)
    share_bps: Mapped[int] = mapped_column(Integer)
    points_bps: Mapped[int] = mapped_column(Integer)


class Store(Base):
    __tablename__ = "stores"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    community_id: Mapped[str] = mapped_column(ForeignKey("communities.id"))


class Terminal(Base):
    __tablename__ = "terminals"
    __table_args__ = (
        # one live terminal per till position; re-enrolling revokes the old one
        Index(
            "ux_terminals_live_code",
            "store_code",
            "terminal_code",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    store_code: Mapped[str] = mapped_column(ForeignKey("stores.code"))
    terminal_code: Mapped[str] = mapped_column(String(16))
    public_key: Mapped[str] = mapped_column(String(64))  # base64url raw Ed25519
    #: "t-" + sha256(public key)[:12], as in claim codes; not unique: a till that
    #: re-enrolls keeps its key, and its old (revoked) row keeps verifying claims
    key_id: Mapped[str] = mapped_column(String(20), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex
    app_version: Mapped[str] = mapped_column(String(32), default="")
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ApiToken(Base):
    """A bearer credential of a person's role (revision 0010; sync/server/tokens.py).

    Tills authenticate with their terminal token; operations, a property company
    and a store manager with one of these. Only the token's sha256 is kept.
    """

    __tablename__ = "api_tokens"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # "k-" + 12 hex, printable
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(24))  # operations property-company store-manager
    property_company_id: Mapped[str | None] = mapped_column(ForeignKey("property_companies.id"))
    store_code: Mapped[str | None] = mapped_column(ForeignKey("stores.code"))
    label: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class EnrollmentCode(Base):
    __tablename__ = "enrollment_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_code: Mapped[str] = mapped_column(ForeignKey("stores.code"))
    terminal_code: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    terminal_id: Mapped[str | None] = mapped_column(String(36))


# --- catalog -----------------------------------------------------------------------------


class Category(Base):
    __tablename__ = "categories"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    points_eligible: Mapped[bool] = mapped_column(Boolean)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (Index("ux_products_plu", "plu", unique=True),)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    category: Mapped[str] = mapped_column(ForeignKey("categories.code"))
    unit: Mapped[str] = mapped_column(String(8))  # piece | kg
    unit_label: Mapped[str] = mapped_column(String(16))
    plu: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    pinyin_full: Mapped[str] = mapped_column(Text, default="")
    pinyin_initials: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Barcode(Base):
    __tablename__ = "barcodes"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    sku: Mapped[str] = mapped_column(ForeignKey("products.sku", ondelete="CASCADE"), index=True)


class Price(Base):
    """Kept apart from products: prices change weekly, product data rarely."""

    __tablename__ = "prices"
    __table_args__ = (CheckConstraint("price_fen >= 0", name="ck_price_nonnegative"),)
    sku: Mapped[str] = mapped_column(
        ForeignKey("products.sku", ondelete="CASCADE"), primary_key=True
    )
    price_fen: Mapped[int] = mapped_column(BigInteger)
    member_price_fen: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ProductVersion(Base):
    """What a product's priced facts were from `effective_from` until its next version.

    Pushed sale lines are checked against these, never against the till's labels:
    a till offline for days sells at what it last pulled, so the past matters.
    """

    __tablename__ = "product_versions"
    __table_args__ = (UniqueConstraint("sku", "effective_from", name="ux_product_versions"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    sku: Mapped[str] = mapped_column(String(64))
    effective_from: Mapped[datetime] = mapped_column(UtcDateTime)
    category: Mapped[str] = mapped_column(String(32))
    unit: Mapped[str] = mapped_column(String(8))
    price_fen: Mapped[int] = mapped_column(BigInteger)
    member_price_fen: Mapped[int | None] = mapped_column(BigInteger)
    active: Mapped[bool] = mapped_column(Boolean)


# --- residents, keys, revocations ------------------------------------------------------------


class Resident(Base):
    __tablename__ = "residents"
    __table_args__ = (
        # "find by the last four digits of the phone", always within one property company
        Index("ix_residents_company_phone_tag", "property_company_id", "phone_tag"),
    )
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    community_id: Mapped[str] = mapped_column(ForeignKey("communities.id"))
    property_company_id: Mapped[str] = mapped_column(
        ForeignKey("property_companies.id"), index=True
    )
    masked_name: Mapped[str] = mapped_column(String(32))  # never the full name
    #: personal data, sealed with AES-GCM under the key file (revision 0009,
    #: sync/server/personal_data.py); NULL when not given. The bill address is the
    #: property-fee bill's 楼栋-单元-房号, which the fee office matches bills by.
    name_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    phone_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    address_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    #: HMAC-SHA256 (separate key) of the phone's last four digits: the lookup of a
    #: resident without their phone matches it, the database holds no digit of it
    phone_tag: Mapped[str | None] = mapped_column(String(64))
    #: cache of SUM(points_ledger.points), updated in the ledger's own transaction
    balance: Mapped[int] = mapped_column(BigInteger, default=0)
    balance_as_of: Mapped[datetime] = mapped_column(UtcDateTime)


class MembershipKey(Base):
    """Public halves of the membership signing keys; the private one is in the key file."""

    __tablename__ = "membership_keys"
    key_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Revocation(Base):
    __tablename__ = "revocations"
    resident_id: Mapped[str] = mapped_column(ForeignKey("residents.id"), primary_key=True)
    reason: Mapped[str] = mapped_column(String(64), default="")
    revoked_at: Mapped[datetime] = mapped_column(UtcDateTime)


# --- the change log the tills pull -------------------------------------------------------------


class Change(Base):
    """Full-state changes of pulled entities; compacted to the latest per (kind, key)."""

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_kind_key", "kind", "key"), {"sqlite_autoincrement": True})
    # AUTOINCREMENT on SQLite: compaction deletes rows, and a reused seq would
    # hide a change from a till whose cursor already passed it
    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    op: Mapped[str] = mapped_column(String(8))
    key: Mapped[str] = mapped_column(String(100))
    data: Mapped[str | None] = mapped_column(Text)  # JSON text, spliced into responses as is
    #: visibility: NULL = every till; else only tills of that community / company
    community_id: Mapped[str | None] = mapped_column(String(40))
    property_company_id: Mapped[str | None] = mapped_column(String(40))
    #: ... or only that one terminal (a notice such as an id conflict)
    terminal_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


# --- what tills push ------------------------------------------------------------------------------


class ReceivedItem(Base):
    __tablename__ = "received_items"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    item_id: Mapped[str] = mapped_column(String(36), unique=True)  # the till's uuid
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(BigInteger)
    aggregate_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)  # on the till
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(10))  # accepted | rejected
    reason: Mapped[str | None] = mapped_column(String(40))
    flags: Mapped[str] = mapped_column(String(200), default="")  # comma-separated
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    payload: Mapped[str] = mapped_column(Text)  # as received, for the manager


class Order(Base):
    __tablename__ = "orders"
    sale_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(40))
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    store_code: Mapped[str] = mapped_column(ForeignKey("stores.code"), index=True)
    community_id: Mapped[str] = mapped_column(ForeignKey("communities.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    total_fen: Mapped[int] = mapped_column(BigInteger)
    #: 抹零 taken off total_fen, checked against the lines (migration 0004)
    rounding_fen: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    eligible_fen: Mapped[int] = mapped_column(BigInteger)  # recomputed by the server
    #: line numbers that earned, by the server's checks ("1,3"): a refund gives back
    #: eligibility only for them (NULL: an order stored before the checks existed)
    earning_lines: Mapped[str | None] = mapped_column(Text)
    refunded_eligible_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    member_id: Mapped[str | None] = mapped_column(String(40))  # as the till identified
    #: who holds the order's points: the member, or the resident who claimed it
    resident_id: Mapped[str | None] = mapped_column(ForeignKey("residents.id"), index=True)
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contract_versions.id"))
    points_terminal: Mapped[int] = mapped_column(BigInteger, default=0)
    points_server: Mapped[int] = mapped_column(BigInteger, default=0)
    payload: Mapped[str] = mapped_column(Text)


class MemberCodeUse(Base):
    """A membership code's nonce, spent by the one sale that earned with it."""

    __tablename__ = "member_code_uses"
    key_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(40), primary_key=True)
    sale_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Refund(Base):
    __tablename__ = "refunds"
    refund_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("orders.sale_id"), index=True)
    refund_no: Mapped[str] = mapped_column(String(40))
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    total_fen: Mapped[int] = mapped_column(BigInteger)
    eligible_fen: Mapped[int] = mapped_column(BigInteger)  # recomputed by the server
    clawback_terminal: Mapped[int] = mapped_column(BigInteger, default=0)
    clawback_server: Mapped[int] = mapped_column(BigInteger, default=0)
    #: total_fen is the SERVER's figure (from the lines); the till's own figures beside it
    total_terminal: Mapped[int | None] = mapped_column(BigInteger)
    payments_fen: Mapped[int | None] = mapped_column(BigInteger)
    payments_terminal: Mapped[int | None] = mapped_column(BigInteger)
    payload: Mapped[str] = mapped_column(Text)


# --- points: the authoritative ledger, flags, bills, redemptions, claims --------------------------


class LedgerEntry(Base):
    __tablename__ = "points_ledger"
    # one entry per source: a sale earns once, a refund claws back once, ...
    __table_args__ = (UniqueConstraint("source_kind", "source_id", name="ux_ledger_source"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("residents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # opening earn clawback claim redemption
    points: Mapped[int] = mapped_column(BigInteger)
    source_kind: Mapped[str] = mapped_column(String(16))  # opening sale refund claim redemption
    source_id: Mapped[str] = mapped_column(String(40))
    sale_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PointsFlag(Base):
    __tablename__ = "points_flags"
    __table_args__ = (UniqueConstraint("source_kind", "source_id", "flag"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    item_id: Mapped[str] = mapped_column(String(36))
    source_kind: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[str] = mapped_column(String(40))
    flag: Mapped[str] = mapped_column(String(32))
    terminal_points: Mapped[int] = mapped_column(BigInteger)
    server_points: Mapped[int] = mapped_column(BigInteger)
    detail: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ReviewItem(Base):
    """Something a manager must look at: a flagged line, or a sale whose points are held.

    kind "line": a sale line that earned nothing (unknown SKU, price nothing
    explains…); kind "hold": the points of a whole sale, computed but not
    credited (time out of bounds, member unverified) until released.
    """

    __tablename__ = "review_items"
    __table_args__ = (
        UniqueConstraint("source_kind", "source_id", "line_no", "code", name="ux_review_items"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8))  # line | hold
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    item_id: Mapped[str] = mapped_column(String(36))
    source_kind: Mapped[str] = mapped_column(String(16))  # sale | refund
    source_id: Mapped[str] = mapped_column(String(40))
    line_no: Mapped[int] = mapped_column(Integer)  # 0: the whole record
    code: Mapped[str] = mapped_column(String(120))  # ItemFlag value(s), comma-separated
    resident_id: Mapped[str | None] = mapped_column(String(40))
    points: Mapped[int] = mapped_column(BigInteger)  # held points (kind hold)
    detail: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), index=True)  # open released dismissed
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class IdConflict(Base):
    """A sale or refund id pushed by a till position other than the one that stored it."""

    __tablename__ = "id_conflicts"
    __table_args__ = (
        UniqueConstraint("record_kind", "record_id", "terminal_id", name="ux_id_conflicts"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_kind: Mapped[str] = mapped_column(String(16))  # sale | refund
    record_id: Mapped[str] = mapped_column(String(36))
    owner_terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))  # the refused one
    item_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Bill(Base):
    __tablename__ = "bills"
    __table_args__ = (
        UniqueConstraint("resident_id", "period"),
        CheckConstraint("paid_fen >= 0 AND paid_fen <= amount_fen", name="ck_bill_paid"),
    )
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("residents.id"), index=True)
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    paid_fen: Mapped[int] = mapped_column(BigInteger, default=0)


class Redemption(Base):
    __tablename__ = "redemptions"
    redemption_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("residents.id"))
    bill_id: Mapped[str] = mapped_column(ForeignKey("bills.id"))
    points: Mapped[int] = mapped_column(BigInteger)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Claim(Base):
    __tablename__ = "claims"
    # one membership code (its nonce) claims at most one receipt (revision 0003)
    __table_args__ = (Index("ux_claims_member_nonce", "resident_id", "member_nonce", unique=True),)
    sale_id: Mapped[str] = mapped_column(ForeignKey("orders.sale_id"), primary_key=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("residents.id"))
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    points: Mapped[int] = mapped_column(BigInteger)
    member_nonce: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class TerminalChain(Base):
    """The last link of a till position's hash chain the server has seen (revision 0006).

    Keyed by store and terminal code, not terminal id: a re-enrolled till keeps its
    database, so its chain goes on. A pushed sale or refund that does not follow on
    from it is stored all the same and flagged (`sync.server.chain_check`).
    """

    __tablename__ = "terminal_chains"
    store_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    terminal_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class StaffMember(Base):
    """A store's staff: the PIN only as an argon2id hash made here (sync/server/staff.py)."""

    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    store_code: Mapped[str] = mapped_column(ForeignKey("stores.code"), index=True)
    name: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


# the shifts table lives in its own module (this one is long enough); imported here so
# that Base.metadata, and so Alembic and the schema test, always know it
from sync.server import shift_models as shift_models  # noqa: E402
