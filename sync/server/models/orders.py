"""What tills push and what its checks recorded: each received outbox item, the
orders and refunds (the server's own figures beside the till's), points flags,
review items a manager must look at, and sale or refund ids claimed by two tills."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models.base import Base, BigId, UtcDateTime


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
    kind: Mapped[str] = mapped_column(String(8))  # line | hold | chain | promo
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
