"""SQLAlchemy tables of the terminal's local database.

Money columns are integers of 分 named `*_fen`; times are stored as UTC ISO
8601 text through `UtcDateTime`, so no naive time ever reaches the disk.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetime in, aware UTC datetime out, ISO text in between."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value, dialect):  # type: ignore[no-untyped-def]
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused; store UTC")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value, dialect):  # type: ignore[no-untyped-def]
        return None if value is None else datetime.fromisoformat(value)


class Base(DeclarativeBase):
    pass


class CategoryRow(Base):
    __tablename__ = "categories"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    points_eligible: Mapped[bool] = mapped_column(Boolean, default=True)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class ProductRow(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    category: Mapped[str] = mapped_column(ForeignKey("categories.code"))
    unit: Mapped[str] = mapped_column(String(8), default="piece")
    unit_label: Mapped[str] = mapped_column(String(8), default="件")
    price_fen: Mapped[int] = mapped_column(Integer)
    member_price_fen: Mapped[int | None] = mapped_column(Integer)
    plu: Mapped[str | None] = mapped_column(String(8), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    pinyin_full: Mapped[str] = mapped_column(Text, default="")
    pinyin_initials: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    __table_args__ = (
        CheckConstraint("price_fen >= 0", name="price_not_negative"),
        CheckConstraint(
            "member_price_fen IS NULL OR member_price_fen >= 0", name="member_price_ok"
        ),
    )


class BarcodeRow(Base):
    __tablename__ = "product_barcodes"
    barcode: Mapped[str] = mapped_column(String(14), primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )


class SaleRow(Base):
    __tablename__ = "sales"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    store_code: Mapped[str] = mapped_column(String(16))
    terminal_code: Mapped[str] = mapped_column(String(16))
    sequence: Mapped[int] = mapped_column(Integer)
    cashier: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    subtotal_fen: Mapped[int] = mapped_column(Integer)
    discount_fen: Mapped[int] = mapped_column(Integer)
    total_fen: Mapped[int] = mapped_column(Integer)
    change_fen: Mapped[int] = mapped_column(Integer)
    eligible_fen: Mapped[int] = mapped_column(Integer)
    line_count: Mapped[int] = mapped_column(Integer)
    #: 抹零 taken off total_fen: the customer paid total_fen - rounding_fen (0008)
    rounding_fen: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: the tasting event the sale was made at (its event prices applied), if any (0015)
    event_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    __table_args__ = (
        CheckConstraint("total_fen = subtotal_fen - discount_fen", name="total_consistent"),
        CheckConstraint("total_fen >= 0 AND change_fen >= 0", name="amounts_not_negative"),
        CheckConstraint(
            "rounding_fen >= 0 AND rounding_fen < 100 AND rounding_fen <= total_fen",
            name="rounding_bounded",
        ),
    )


class SaleLineRow(Base):
    __tablename__ = "sale_lines"
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int | None] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(128))
    category: Mapped[str] = mapped_column(String(32))
    points_eligible: Mapped[bool] = mapped_column(Boolean)
    unit: Mapped[str] = mapped_column(String(8))
    unit_price_fen: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    barcode: Mapped[str | None] = mapped_column(String(64))
    fixed_amount_fen: Mapped[int | None] = mapped_column(Integer)
    gross_fen: Mapped[int] = mapped_column(Integer)
    discount_fen: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(Integer)
    voided: Mapped[bool] = mapped_column(Boolean)
    #: a 无码商品 line: category and typed amount, no product (0008)
    open_price: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class SalePaymentRow(Base):
    __tablename__ = "sale_payments"
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(Integer)
    tendered_fen: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str] = mapped_column(String(64), default="")


class OutboxRow(Base):
    """Records waiting to reach the central server, written with what they describe."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    aggregate_id: Mapped[str] = mapped_column(String(36))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    rejected_reason: Mapped[str | None] = mapped_column(Text)  # kept for the manager
    flags: Mapped[str | None] = mapped_column(Text)  # server remarks, e.g. points_mismatch
    __table_args__ = (Index("ix_outbox_pending", "sent_at", "id"),)


class HeldOrderRow(Base):
    __tablename__ = "held_orders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cart_json: Mapped[str] = mapped_column(Text)
    item_count: Mapped[int] = mapped_column(Integer)
    total_fen: Mapped[int] = mapped_column(Integer)
    cashier: Mapped[str] = mapped_column(String(32))
    held_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CounterRow(Base):
    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class SettingRow(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
