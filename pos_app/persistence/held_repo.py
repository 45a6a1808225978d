"""Held orders (挂单) and the cart in progress, kept on disk so a restart or a
crash loses neither. A held cart carries its resident, whom the list shows."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pos_app.core.errors import PosError
from pos_app.core.member import Member
from pos_app.persistence.db import writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.models import HeldOrderRow, SettingRow
from pos_app.persistence.sales_repo import CURRENT_CART_KEY

H = HeldOrderRow.__table__
SET = SettingRow.__table__
_CURRENT_CART = CURRENT_CART_KEY


@dataclass(frozen=True, slots=True)
class HeldOrder:
    id: int
    item_count: int
    total_fen: int
    cashier: str
    held_at: datetime
    member: Member | None = None  # the resident it was rung up for; None: a walk-in


class HeldOrderRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)  # BEGIN IMMEDIATE for writes

    def hold(self, cart: dict[str, Any], *, item_count: int, total_fen: int, cashier: str) -> int:
        """Park a cart and clear the in-progress copy in the same transaction."""
        with storage_errors(), self._writer.begin() as conn:
            held_id = conn.execute(
                insert(H).values(
                    cart_json=json.dumps(cart, ensure_ascii=False),
                    item_count=item_count,
                    total_fen=total_fen,
                    cashier=cashier,
                    held_at=datetime.now(UTC),
                )
            ).inserted_primary_key[0]
            conn.execute(delete(SET).where(SET.c.key == _CURRENT_CART))
        return int(held_id)

    def list(self) -> list[HeldOrder]:
        stmt = select(
            H.c.id, H.c.item_count, H.c.total_fen, H.c.cashier, H.c.held_at, H.c.cart_json
        ).order_by(H.c.id)
        with self._engine.connect() as conn:
            return [HeldOrder(*row[:5], member=_member_of(row[5])) for row in conn.execute(stmt)]

    def take(self, held_id: int) -> dict[str, Any] | None:
        """Remove a held order and return its cart, or None if it is gone."""
        with storage_errors(), self._writer.begin() as conn:
            raw = conn.execute(select(H.c.cart_json).where(H.c.id == held_id)).scalar()
            if raw is None:
                return None
            conn.execute(delete(H).where(H.c.id == held_id))
        data: dict[str, Any] = json.loads(raw)
        return data

    def save_current(self, cart: dict[str, Any] | None) -> None:
        with storage_errors(), self._writer.begin() as conn:
            if cart is None:
                conn.execute(delete(SET).where(SET.c.key == _CURRENT_CART))
                return
            stmt = sqlite_insert(SET).values(
                key=_CURRENT_CART, value=json.dumps(cart, ensure_ascii=False)
            )
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=["key"], set_={"value": stmt.excluded.value}
                )
            )

    def load_current(self) -> dict[str, Any] | None:
        with self._engine.connect() as conn:
            raw = conn.execute(select(SET.c.value).where(SET.c.key == _CURRENT_CART)).scalar()
        return None if raw is None else json.loads(raw)


def _member_of(raw: str) -> Member | None:
    """The resident saved in a held cart; None for a walk-in or unreadable data
    (resuming says why the resident did not come back)."""
    try:
        saved = json.loads(raw)["cart"].get("member")
        return None if saved is None else Member.from_dict(saved)
    except (ValueError, KeyError, TypeError, AttributeError, PosError):
        return None
