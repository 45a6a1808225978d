"""The catalog the tills pull: categories, products, their barcodes and prices,
and each product's priced facts over time (what pushed lines are checked against)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models.base import Base, BigId, UtcDateTime


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
