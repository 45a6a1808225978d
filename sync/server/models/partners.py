"""The partners and their places: property companies, the communities they run (and the
day each one's showroom opened) and each community's contract versions (share and points
rates), the stores, and each store's staff (the PIN only as an argon2id hash made here)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models.base import Base, UtcDateTime


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
    #: the day (Asia/Shanghai) the community's showroom opened: the collection rate is
    #: compared before and after it (revision 0015, `yuancang-central showroom`)
    showroom_opened_on: Mapped[date | None] = mapped_column(Date)


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
