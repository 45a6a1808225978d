"""Orders of the online shop (revision 0014): the order with its delivery point and
attribution, its lines as the server priced them, its refunds and their lines,
and the audit of every attribution an operator made by hand.

Delivery points are stored in WGS-84 (the point as the shop gave it is kept
beside, with its system). An order the geofences placed in no community or in
several has no `community_id` until an operator attributes it, and earns no
points meanwhile; `online_attributions` keeps who did it, when and why.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models.base import Base, BigId, UtcDateTime


class OnlineOrder(Base):
    __tablename__ = "online_orders"
    __table_args__ = (
        CheckConstraint(
            "status IN ('geofence', 'overlap', 'outside', 'operator')",
            name="ck_online_orders_status",
        ),
        # the listing of orders waiting for an operator
        Index("ix_online_orders_unattributed", "status", "created_at"),
        Index("ix_online_orders_community_created", "community_id", "created_at"),
    )
    order_id: Mapped[str] = mapped_column(String(40), primary_key=True)  # the shop's id
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    token_id: Mapped[str] = mapped_column(String(16))  # the shop's API token that pushed it
    #: the delivery point as given, and its system (wgs84 | gcj02)
    crs: Mapped[str] = mapped_column(String(8))
    lon_given: Mapped[float] = mapped_column(Float)
    lat_given: Mapped[float] = mapped_column(Float)
    #: the delivery point in WGS-84, what the geofences are tested with
    lon: Mapped[float] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(10))
    community_id: Mapped[str | None] = mapped_column(ForeignKey("communities.id"))
    #: the communities whose fences cover the point, comma-separated (an overlap's choice)
    candidates: Mapped[str] = mapped_column(String(400), default="")
    #: the resident the shop named; `earner_id` the one who earns (None: nobody)
    resident_id: Mapped[str | None] = mapped_column(ForeignKey("residents.id"))
    earner_id: Mapped[str | None] = mapped_column(ForeignKey("residents.id"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contract_versions.id"))
    total_fen: Mapped[int] = mapped_column(BigInteger)
    eligible_fen: Mapped[int] = mapped_column(BigInteger)
    refunded_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    refunded_eligible_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    #: points credited net of clawbacks (0 while unattributed)
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    #: sha256 of the canonical order body: a repeat must carry the same
    body_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)


class OnlineOrderLine(Base):
    __tablename__ = "online_order_lines"
    order_id: Mapped[str] = mapped_column(ForeignKey("online_orders.order_id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), index=True)
    category: Mapped[str] = mapped_column(String(32))  # the server's, at the order's time
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_fen: Mapped[int] = mapped_column(BigInteger)
    discount_fen: Mapped[int] = mapped_column(BigInteger)
    net_fen: Mapped[int] = mapped_column(BigInteger)  # what the customer paid for it
    points_eligible: Mapped[bool] = mapped_column(Boolean)
    refunded_quantity: Mapped[int] = mapped_column(Integer, default=0)
    refunded_fen: Mapped[int] = mapped_column(BigInteger, default=0)


class OnlineRefund(Base):
    __tablename__ = "online_refunds"
    refund_id: Mapped[str] = mapped_column(String(40), primary_key=True)  # the shop's id
    order_id: Mapped[str] = mapped_column(ForeignKey("online_orders.order_id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    total_fen: Mapped[int] = mapped_column(BigInteger)
    eligible_fen: Mapped[int] = mapped_column(BigInteger)
    clawback: Mapped[int] = mapped_column(BigInteger)  # points taken back (≥ 0)
    body_hash: Mapped[str] = mapped_column(String(64))


class OnlineRefundLine(Base):
    __tablename__ = "online_refund_lines"
    refund_id: Mapped[str] = mapped_column(ForeignKey("online_refunds.refund_id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    quantity: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    eligible_fen: Mapped[int] = mapped_column(BigInteger)


class OnlineAttribution(Base):
    """An operator's attribution of an order (the audit: append-only)."""

    __tablename__ = "online_attributions"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("online_orders.order_id"), index=True)
    previous_status: Mapped[str] = mapped_column(String(10))
    candidates: Mapped[str] = mapped_column(String(400))
    community_id: Mapped[str] = mapped_column(ForeignKey("communities.id"))
    by: Mapped[str] = mapped_column(String(80))  # "token k-…" or "cli <login>"
    note: Mapped[str] = mapped_column(String(200), default="")
    points: Mapped[int] = mapped_column(BigInteger)  # what the attribution credited
    at: Mapped[datetime] = mapped_column(UtcDateTime)
