"""无码商品: an item with no barcode, sold by choosing its category and typing the amount.

A loose portion at a tasting, a single piece from a broken case: the cashier
picks the category and types what the customer pays. The line has no product
(product_id None, no SKU); its category decides whether it earns points, by
the category's own rule, as any other line. It is one piece at the typed
amount (`fixed_amount`, like a price-embedded scale label), so it never merges
with another line and its quantity cannot be changed.

The amount is bounded by the store's limit: above it the checkout asks a
manager (`services.checkout`); the central server checks the line again
against its own limit and its catalog's categories (`sync.server.line_check`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pos_app.core.cart import CartLine
from pos_app.core.catalog import Category, Unit
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money

#: The line's name on screen and on the receipt, with the category's name after it
#: (the receipt is a Chinese document, as the store's and products' names are).
OPEN_PRICE_NAME = "无码商品"


def open_price_label(category: Category) -> str:
    """'无码商品 (茶叶)'."""
    return f"{OPEN_PRICE_NAME} ({category.name})"


def needs_approval(amount: Money, limit: Money) -> bool:
    """Above the store's limit a manager must approve the item."""
    return amount > limit


def open_price_line(
    categories: Mapping[str, Category], category_code: str, amount: Money
) -> Callable[[int], CartLine]:
    """The line of a known category for a positive amount, to add with `Cart.add_line`
    (which numbers it); checked here, before anyone is asked to approve it."""
    category = categories.get(category_code)
    if category is None:
        raise PosError(ErrorCode.OPEN_PRICE_CATEGORY_UNKNOWN, category=category_code)
    if amount.fen <= 0:
        raise PosError(ErrorCode.OPEN_PRICE_AMOUNT_INVALID, fen=amount.fen)
    return lambda line_no: CartLine(
        line_no=line_no,
        product_id=None,
        sku="",
        name=open_price_label(category),
        category=category.code,
        points_eligible=category.points_eligible,
        unit=Unit.PIECE,
        unit_price=amount,
        quantity=1,
        fixed_amount=amount,
        list_price=amount,
        open_price=True,
    )
