"""Promotions the central server manages: the definition (validated JSON of
`pos_app.core.promo_codec`), the stores each applies to, its status and when that
changed, each definition it had and from when, its budget cap and the discount given
so far; what each sale got of each promotion; and the order lines the sales-uplift
report reads.

The status and definition histories are kept (not just the current ones) because a
sale is judged at its own moment: a sale made before a pause, or before its window
was moved, is still explained by the promotion as it then stood.

A promotion's origin is "central" (operations set it up) or "store" (a store
manager set it up at a till, sync/server/push_store.py): a store one keeps its
store, its approving manager, the till's revision it last applied, and the budget
the till asked for beside the one the server capped it at.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models.base import Base, BigId, UtcDateTime


class Promotion(Base):
    __tablename__ = "promotions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: promotion_to_dict of the definition, canonical JSON; budget_fen inside it is the cap
    definition: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8))  # active | paused | ended
    #: the cap on the discount it may give in all (None: no cap), and what it gave so far
    budget_fen: Mapped[int | None] = mapped_column(BigInteger)
    given_fen: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    origin: Mapped[str] = mapped_column(String(8), default="central", server_default="central")
    #: a store promotion's store, approving manager (staff id) and last applied revision
    store_code: Mapped[str | None] = mapped_column(String(16))
    approver: Mapped[str | None] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: the budget the till asked for (None: none); budget_capped: the server's cap replaced it
    claimed_budget_fen: Mapped[int | None] = mapped_column(BigInteger)
    budget_capped: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class PromotionStore(Base):
    """A store a promotion applies to; a promotion with none applies to every store."""

    __tablename__ = "promotion_stores"
    promotion_id: Mapped[str] = mapped_column(ForeignKey("promotions.id"), primary_key=True)
    store_code: Mapped[str] = mapped_column(ForeignKey("stores.code"), primary_key=True)


class PromotionStatusChange(Base):
    """Each status a promotion took and when (its first row: created, active)."""

    __tablename__ = "promotion_status_changes"
    __table_args__ = (Index("ix_promotion_status_changes_promo_at", "promotion_id", "at"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    promotion_id: Mapped[str] = mapped_column(ForeignKey("promotions.id"))
    status: Mapped[str] = mapped_column(String(8))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    reason: Mapped[str] = mapped_column(String(32))  # create, pause, resume, end, budget


class PromotionVersion(Base):
    """Each definition a promotion had and from when (its first: the creation; then each
    new window): a sale is priced with the definition of its own moment, never with a
    window set after it was made."""

    __tablename__ = "promotion_versions"
    __table_args__ = (Index("ix_promotion_versions_promo_since", "promotion_id", "since"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    promotion_id: Mapped[str] = mapped_column(ForeignKey("promotions.id"))
    definition: Mapped[str] = mapped_column(Text)
    since: Mapped[datetime] = mapped_column(UtcDateTime)


class PromotionUse(Base):
    """What one sale got of one promotion, as the server explains it (its own re-pricing)."""

    __tablename__ = "promotion_uses"
    __table_args__ = (Index("ix_promotion_uses_promo_at", "promotion_id", "created_at"),)
    sale_id: Mapped[str] = mapped_column(ForeignKey("orders.sale_id"), primary_key=True)
    promotion_id: Mapped[str] = mapped_column(ForeignKey("promotions.id"), primary_key=True)
    store_code: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)  # the sale's time
    saving_fen: Mapped[int] = mapped_column(BigInteger)  # explained: the server's, ≤ the till's
    claimed_fen: Mapped[int] = mapped_column(BigInteger)  # the till's, kept beside it


class OrderLine(Base):
    """A stored sale's non-voided line, by the server's category: what the uplift of a
    promotion's products is summed from (an order's payload is text, not queryable)."""

    __tablename__ = "order_lines"
    __table_args__ = (
        Index("ix_order_lines_sku_at", "sku", "created_at"),
        Index("ix_order_lines_category_at", "category", "created_at"),
    )
    sale_id: Mapped[str] = mapped_column(ForeignKey("orders.sale_id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_code: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)  # the sale's time
    sku: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(32))
    quantity: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(BigInteger)  # gross − discount, as paid
    # settlement's figures (migration 0016, sync/server/settlement_lines.py):
    #: what the till says its promotions saved on the line (inside the discount)
    promo_saving_fen: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    #: earns points by the server's checks (the order's earning_lines)
    eligible: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    #: the amount less its share of the 抹零: the nets add up to total_fen − rounding_fen
    net_fen: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    #: what the line adds to the order's eligible_fen (0 for a line that does not earn)
    eligible_fen: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    #: the order's points_server spread over its earning lines by eligible_fen
    points: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
