"""Tables of the promotions on the till (0015).

`promotions`: the definitions this till knows, pulled from the central server
or set up here by a manager (origin), with the stores they apply to and their
status; paused and ended ones stay, for the returns of older sales.
`sale_promotions` and `sale_line_promotions`: what a sale got, written with it
and append-only like it: the definitions it applied (so a return re-prices with
exactly them, whatever happens to the promotion later) and each line's savings.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.persistence.models import Base, UtcDateTime


class PromotionRow(Base):
    __tablename__ = "promotions"
    promo_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    definition: Mapped[str] = mapped_column(Text)  # promotion_to_dict, as JSON
    stores: Mapped[str] = mapped_column(Text)  # JSON list of store codes; [] = every store
    status: Mapped[str] = mapped_column(String(8))  # active, paused, ended
    origin: Mapped[str] = mapped_column(String(8))  # "server" or "local"
    created_by: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SalePromotionRow(Base):
    __tablename__ = "sale_promotions"
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), primary_key=True)
    promo_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    definition: Mapped[str] = mapped_column(Text)


class SaleLinePromotionRow(Base):
    __tablename__ = "sale_line_promotions"
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)  # the item promotion first
    promo_id: Mapped[str] = mapped_column(String(64))
    saving_fen: Mapped[int] = mapped_column(Integer)
    __table_args__ = (CheckConstraint("saving_fen > 0", name="saving_positive"),)
