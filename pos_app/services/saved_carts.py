"""The checkout's saved carts: the cart on screen written to disk at each change
(a crash loses no scans), held orders (挂单), and a saved cart read back.

A cart read back brings its resident only once they are checked again (never
trusted blindly), and a cart saved before lines kept their shelf and member
prices gets them from the catalog, so it can be re-priced.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from pos_app.core.cart import Cart, RestoredCart
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.member import Member
from pos_app.core.sale import new_sale_id
from pos_app.persistence.held_repo import HeldOrder, HeldOrderRepository
from pos_app.services.catalog import CatalogService
from pos_app.services.members import MemberService

# the checkout's own area: these are steps of its use cases
log = logging.getLogger("pos_app.checkout")


@dataclass(frozen=True, slots=True)
class LoadedCart:
    """A saved cart back in memory, and why its resident did not come back, if not."""

    cart: Cart
    sale_id: str
    member_dropped: ErrorCode | None


class SavedCarts:
    """Writes and reads the checkout's carts through the held-orders repository."""

    def __init__(
        self,
        *,
        held: HeldOrderRepository,
        catalog: CatalogService,
        members: MemberService | None,
    ) -> None:
        self.held = held
        self.catalog = catalog
        self.members = members

    def save_current(self, cart: Cart, sale_id: str) -> bool:
        """The cart on screen, to disk; False when the autosave failed (disk full,
        locked…): the scan still counts on screen, the status bar says it is not saved."""
        try:
            data = None if cart.is_empty() and not cart.lines else cart.to_dict()
            self.held.save_current(None if data is None else {"cart": data, "sale_id": sale_id})
        except PosError as exc:
            log.warning("cart autosave failed: %s", exc.code.value)
            return False
        return True

    def load_current(self) -> LoadedCart | None:
        """The cart that was on screen when the app stopped; None when none was saved."""
        data = self.held.load_current()
        return self.load(data) if data else None

    def hold(self, cart: Cart, sale_id: str, cashier: str) -> int:
        t = cart.totals()
        return self.held.hold(
            {"cart": cart.to_dict(), "sale_id": sale_id},
            item_count=t.item_count,
            total_fen=t.total.fen,
            cashier=cashier,
        )

    def held_orders(self) -> list[HeldOrder]:
        return self.held.list()

    def take(self, held_id: int) -> LoadedCart:
        """The held order `held_id`, no longer held (HELD_ORDER_NOT_FOUND if gone)."""
        data = self.held.take(held_id)
        if data is None:
            raise PosError(ErrorCode.HELD_ORDER_NOT_FOUND, held_id=held_id)
        return self.load(data)

    def load(self, data: dict[str, Any]) -> LoadedCart:
        restored: RestoredCart = Cart.from_dict(
            self._with_offers(data["cart"]), check_member=self._check_saved_member
        )
        if restored.member_dropped is not None:
            log.info("saved resident not restored: %s", restored.member_dropped.value)
        return LoadedCart(
            restored.cart, data.get("sale_id") or new_sale_id(), restored.member_dropped
        )

    def _check_saved_member(self, member: Member) -> Member:
        if self.members is None:  # no way to check them: never trusted blindly
            raise PosError(ErrorCode.MEMBER_UNKNOWN)
        return self.members.check_saved(member)

    def _with_offers(self, cart: dict[str, Any]) -> dict[str, Any]:
        """A cart saved before lines kept their shelf and member prices gets them
        from the catalog, so it can be re-priced (to shelf prices, above all)."""
        lines = cart.get("lines", [])
        if all("list_price" in line for line in lines):
            return cart
        upgraded = []
        for line in lines:
            product = None if "list_price" in line else self.catalog.by_sku(line["sku"])
            if product is not None:
                member_price = product.unit_price(member=True)
                offer = member_price if member_price < product.price else None
                line = {
                    **line,
                    "list_price": product.price.fen,
                    "member_price": None
                    if offer is None or line.get("fixed_amount") is not None
                    else offer.fen,
                }
            upgraded.append(line)
        return {**cart, "lines": upgraded}
