"""Real promotions priced by the real engine on a real window's cart, for the
promotion screens' tests (no result is made by hand)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pos_app.core.cart import Cart
from pos_app.core.promo_codec import promotion_from_dict
from pos_app.core.promo_engine import PromoBook, PromoResult, price
from pos_app.core.promotions import PromoContext, PromoLine, Promotion

# the demo catalog's SKUs and categories (pos_app/demo): water ¥2.00, rice ¥89.90, tea ¥398.00
T300: dict[str, Any] = {
    "id": "T300",
    "name": "满300减30 满500减60",
    "kind": "threshold",
    "tiers": [{"min_fen": 30000, "off_fen": 3000}, {"min_fen": 50000, "off_fen": 6000}],
}
TEA9: dict[str, Any] = {
    "id": "P_TEA9",
    "name": "茶叶9折",
    "kind": "percent_off",
    "percent_bps": 1000,
    "scope": {"categories": ["tea"], "skus": []},
}
WATER21: dict[str, Any] = {
    "id": "B21",
    "name": "饮用水买二送一",
    "kind": "buy_n_get_m",
    "buy": 2,
    "get": 1,
    "scope": {"categories": ["water"], "skus": []},
}
WEDNESDAY = datetime(2026, 3, 4, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, a Wednesday


def promotions(*data: dict[str, Any]) -> list[Promotion]:
    return [promotion_from_dict(d) for d in data]


def promo_lines(cart: Cart) -> list[PromoLine]:
    """The cart's lines as the engine takes them (what the checkout will pass)."""
    return [
        PromoLine(
            line.line_no,
            line.sku,
            line.category,
            line.unit_price,
            line.quantity,
            line.unit,
            line.points_eligible,
            line.fixed_amount,
        )
        for line in cart.active_lines
    ]


def priced(cart: Cart, *data: dict[str, Any]) -> PromoResult:
    return price(promo_lines(cart), PromoBook(promotions(*data)), PromoContext(WEDNESDAY))
