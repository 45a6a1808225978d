"""The checkout use cases: scan, change lines, hold and resume, tender, complete.

Each call returns a `CartChange` saying what changed, so the UI refreshes from
it; every change of the cart is saved to disk so a crash loses no scans.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pos_app.config import Settings
from pos_app.core.barcodes import (
    MemberCode,
    PaymentCode,
    ProductCode,
    ReceiptCode,
    ScaleCode,
    TextQuery,
    classify,
)
from pos_app.core.cart import Cart
from pos_app.core.catalog import Product
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.sale import Sale, build_sale, new_sale_id
from pos_app.core.tender import ManualPaymentProvider, PaymentProvider, Tender
from pos_app.persistence.held_repo import HeldOrder, HeldOrderRepository
from pos_app.persistence.sales_repo import SalesRepository
from pos_app.services.catalog import CatalogService
from pos_app.services.members import MemberService, MemberView

__all__ = ["CartChange", "CheckoutService", "HeldOrder"]

log = logging.getLogger("pos_app.checkout")


@dataclass(frozen=True, slots=True)
class CartChange:
    """What a call changed: the line to show, or search results to offer."""

    line_no: int | None = None
    reset: bool = False  # the whole cart was replaced (cleared, resumed)
    results: list[Product] = field(default_factory=list)
    saved: bool = True  # False when the autosave failed (disk full, locked…)
    member_changed: bool = False
    receipt_code: str | None = None  # a receipt's QR was scanned: offer the return


class CheckoutService:
    def __init__(
        self,
        *,
        catalog: CatalogService,
        sales: SalesRepository,
        held: HeldOrderRepository,
        settings: Settings,
        provider: PaymentProvider | None = None,
        members: MemberService | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.catalog = catalog
        self.sales = sales
        self.held = held
        self.settings = settings
        self.provider = provider or ManualPaymentProvider()
        self.clock = clock
        self.members = members
        self.member: MemberView | None = None
        self.cart = Cart()
        self.sale_id = new_sale_id()
        self._layouts = settings.scale_layouts

    # --- start-up -------------------------------------------------------------

    def restore(self) -> bool:
        """Bring back the cart that was on screen when the app stopped."""
        data = self.held.load_current()
        if not data:
            return False
        self.cart = Cart.from_dict(data["cart"])
        self.sale_id = data.get("sale_id") or new_sale_id()
        return not self.cart.is_empty()

    # --- scanning -------------------------------------------------------------

    def scan(self, raw: str) -> CartChange:
        scan = classify(raw, self._layouts)
        if isinstance(scan, PaymentCode):
            raise PosError(ErrorCode.SCAN_PAYMENT_CODE_IN_CART)
        if isinstance(scan, MemberCode):
            return self.identify_member(scan.code)
        if isinstance(scan, ReceiptCode):
            return CartChange(receipt_code=scan.code)
        if isinstance(scan, ProductCode):
            product = self.catalog.by_barcode(scan.gtin)
            if product is None:
                raise PosError(ErrorCode.SCAN_UNKNOWN_PRODUCT, scanned=scan.gtin)
            return self.add(product, barcode=scan.gtin)
        if isinstance(scan, ScaleCode):
            product = self.catalog.by_plu(scan.plu)
            if product is None:
                raise PosError(ErrorCode.SCAN_SCALE_ITEM_UNKNOWN, plu=scan.plu)
            _check_active(product)
            line = self.cart.add_scale_label(product, scan)
            return self._changed(line.line_no)
        assert isinstance(scan, TextQuery)
        product = self.catalog.by_sku(scan.text)
        if product is not None:
            return self.add(product)
        return CartChange(results=self.catalog.search(scan.text))

    def add(self, product: Product, quantity: int = 1, barcode: str | None = None) -> CartChange:
        _check_active(product)
        line = self.cart.add_product(product, quantity, barcode)
        return self._changed(line.line_no)

    def add_by_id(self, product_id: int) -> CartChange:
        product = self.catalog.by_id(product_id)
        if product is None:
            raise PosError(ErrorCode.SCAN_UNKNOWN_PRODUCT, scanned=str(product_id))
        return self.add(product)

    # --- residents --------------------------------------------------------------

    def identify_member(self, code: str) -> CartChange:
        """A resident's QR: member prices apply and the sale will earn points."""
        if self.members is None:
            raise PosError(ErrorCode.QR_FORGED)
        self.member = self.members.identify(code)
        self._reprice(member=True)
        change = self._changed(None)
        return CartChange(saved=change.saved, member_changed=True)

    def clear_member(self) -> CartChange:
        self.member = None
        self._reprice(member=False)
        change = self._changed(None)
        return CartChange(saved=change.saved, member_changed=True)

    def points_preview(self) -> int:
        if self.member is None or self.members is None:
            return 0
        return self.members.points_preview(self.cart)

    def _reprice(self, member: bool) -> None:
        self.cart.member_pricing = member
        for line in self.cart.active_lines:
            product = self.catalog.by_sku(line.sku)
            if product is not None:
                self.cart.set_unit_price(line.line_no, product.unit_price(member))

    # --- editing --------------------------------------------------------------

    def set_quantity(self, line_no: int, quantity: int) -> CartChange:
        return self._changed(self.cart.set_quantity(line_no, quantity).line_no)

    def set_discount(self, line_no: int, discount: Money) -> CartChange:
        return self._changed(self.cart.set_discount(line_no, discount).line_no)

    def set_discount_percent(self, line_no: int, percent_off: int) -> CartChange:
        return self._changed(self.cart.set_discount_percent(line_no, percent_off).line_no)

    def void(self, line_no: int) -> CartChange:
        return self._changed(self.cart.void(line_no).line_no)

    def clear(self) -> CartChange:
        self.cart.clear()
        self.member = None
        self.sale_id = new_sale_id()
        return self._changed(None, reset=True)

    # --- held orders ----------------------------------------------------------

    def hold(self) -> int:
        if self.cart.is_empty():
            raise PosError(ErrorCode.CART_EMPTY)
        t = self.cart.totals()
        held_id = self.held.hold(
            {"cart": self.cart.to_dict(), "sale_id": self.sale_id},
            item_count=t.item_count,
            total_fen=t.total.fen,
            cashier=self.settings["cashier.name"],
        )
        self.cart = Cart()
        self.member = None  # codes live a minute: the resident shows a fresh one on resume
        self.sale_id = new_sale_id()
        return held_id

    def held_orders(self) -> list[HeldOrder]:
        return self.held.list()

    def resume(self, held_id: int) -> CartChange:
        """Bring back a held order; a cart in progress is held in its place."""
        if all(order.id != held_id for order in self.held.list()):
            # before holding anything: a missing order must not park the cart on
            # screen (nor, as ids are reused, hand that same cart back as `held_id`)
            raise PosError(ErrorCode.HELD_ORDER_NOT_FOUND, held_id=held_id)
        if not self.cart.is_empty():
            self.hold()
        data = self.held.take(held_id)
        if data is None:
            raise PosError(ErrorCode.HELD_ORDER_NOT_FOUND, held_id=held_id)
        self.cart = Cart.from_dict(data["cart"])
        self.sale_id = data.get("sale_id") or new_sale_id()
        return self._changed(None, reset=True)

    # --- payment --------------------------------------------------------------

    def start_tender(self) -> Tender:
        if self.cart.is_empty():
            raise PosError(ErrorCode.CART_EMPTY)
        return Tender(total=self.cart.totals().total)

    def complete(self, tender: Tender) -> Sale:
        """Write the sale durably; the cart is cleared only once it is on disk."""
        settings = self.settings
        member = None if self.member is None else self.member.member
        now = self.clock()
        contract = None
        if member is not None and self.members is not None:
            contract = self.members.store_contract(now)
        sale = self.sales.record(
            lambda sequence: build_sale(
                sale_id=self.sale_id,
                cart=self.cart,
                tender=tender,
                store_code=settings["store.code"],
                terminal_code=settings["terminal.code"],
                sequence=sequence,
                cashier=settings["cashier.name"],
                now=now,
                member=member,
                contract=contract,
            )
        )
        log.info("sale %s recorded, total %s fen", sale.receipt_no, sale.total.fen)
        self.member = None
        self.cart = Cart()
        self.sale_id = new_sale_id()
        return sale

    # --- internals ------------------------------------------------------------

    def _changed(self, line_no: int | None, reset: bool = False) -> CartChange:
        saved = True
        try:
            cart = None if self.cart.is_empty() and not self.cart.lines else self.cart.to_dict()
            self.held.save_current(
                None if cart is None else {"cart": cart, "sale_id": self.sale_id}
            )
        except PosError as exc:
            # The scan still counts on screen; the status bar says it is not saved.
            log.warning("cart autosave failed: %s", exc.code.value)
            saved = False
        return CartChange(line_no=line_no, reset=reset, saved=saved)


def _check_active(product: Product) -> None:
    if not product.active:
        raise PosError(ErrorCode.SCAN_INACTIVE_PRODUCT, sku=product.sku, name=product.name)
