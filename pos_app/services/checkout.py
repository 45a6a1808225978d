"""The checkout use cases: scan, change lines, identify the resident, hold and
resume, tender, complete.

Each call returns a `CartChange` saying what changed, so the UI refreshes from
it; every change of the cart is saved to disk so a crash loses no scans. The
resident lives in the cart (member prices follow from them), so a held or
restored order brings them back, once checked again, or comes back at shelf
prices with the reason. Saving and reading back carts is `saved_carts`.
Promotions (`PromotionsService.book`) re-price the cart at every change and at
the moment of the sale; `promotions_view()` is the engine's answer for the screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

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
from pos_app.core.cart_promos import CartPricing
from pos_app.core.catalog import Category, Product
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.member import Member
from pos_app.core.money import Money
from pos_app.core.open_price import needs_approval, open_price_line
from pos_app.core.promo_engine import PromoBook, PromoResult
from pos_app.core.rounding import rounding_for
from pos_app.core.sale import Sale, build_sale, new_sale_id
from pos_app.core.tender import ManualPaymentProvider, PaymentProvider, Tender
from pos_app.options import ScaleSettings, StoreSettings, TerminalSettings
from pos_app.persistence.held_repo import HeldOrder, HeldOrderRepository
from pos_app.persistence.sales_repo import SalesRepository, SaleSummary
from pos_app.services.approvals import (
    ApprovalAction,
    ApprovalRequest,
    ManagerApproval,
    NoStaffRolesYet,
)
from pos_app.services.cart_change import CartChange
from pos_app.services.catalog import CatalogService
from pos_app.services.members import MemberService, MemberView
from pos_app.services.saved_carts import LoadedCart, SavedCarts

__all__ = ["CheckoutService", "HeldOrder", "SaleSummary"]

log = logging.getLogger("pos_app.checkout")


class CheckoutService:
    def __init__(
        self,
        *,
        catalog: CatalogService,
        sales: SalesRepository,
        held: HeldOrderRepository,
        store: Callable[[], StoreSettings],
        terminal: Callable[[], TerminalSettings],
        scale: Callable[[], ScaleSettings],
        provider: PaymentProvider | None = None,
        members: MemberService | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        approval: ManagerApproval | None = None,
        open_shift: Callable[[], str | None],
        promotions: Callable[[], PromoBook] | None = None,
    ) -> None:
        self.catalog = catalog
        self.sales = sales
        self.held = held
        # the current settings, read at each use: a change applies without a restart
        self._store = store
        self._terminal = terminal
        self._scale = scale
        self.provider = provider or ManualPaymentProvider()
        self.clock = clock
        self.members = members
        self._saved = SavedCarts(held=held, catalog=catalog, members=members)
        # asked for an open-price item above the store's limit (the staff issue fills
        # it with a manager's PIN); until then everything is approved and logged
        self.approval = approval or NoStaffRolesYet()
        # the open shift's id (ShiftService.current_id): no shift, no sale
        self._open_shift = open_shift
        self._view: MemberView | None = None  # the cart's member, with cached name/balance
        self._promotions = promotions  # the book in force (built once per promotion set)
        self._event_id: str | None = None
        self.cart = self._new_cart()
        self.sale_id = new_sale_id()

    # --- start-up -------------------------------------------------------------

    def restore_cart(self) -> CartChange | None:
        """Bring back the cart that was on screen when the app stopped, with its
        resident if they still check out; None when there is nothing to resume."""
        loaded = self._saved.load_current()
        if loaded is None:
            return None
        dropped = self._put(loaded)
        if self.cart.is_empty():
            return None
        change = self._changed(None, reset=True)  # saved as re-priced, if it was
        return CartChange(
            reset=True, saved=change.saved, member_changed=True, member_dropped=dropped
        )

    def restore(self) -> bool:
        """`restore_cart`, for callers that only ask whether a cart came back."""
        return self.restore_cart() is not None

    # --- scanning -------------------------------------------------------------

    def scan(self, raw: str) -> CartChange:
        # the current layouts, not those at start-up: a changed layout applies at once
        scan = classify(raw, self._scale().parsed)
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

    def add_weighed_by_id(self, product_id: int, grams: int) -> CartChange:
        """A product sold by weight, its weight typed from the scale's display (a tile
        tapped; no label printed): charged at price × weight like a weight label."""
        product = self.catalog.by_id(product_id)
        if product is None:
            raise PosError(ErrorCode.SCAN_UNKNOWN_PRODUCT, scanned=str(product_id))
        _check_active(product)
        line = self.cart.add_weighed(product, grams)
        return self._changed(line.line_no)

    # --- 无码商品 (open-price items) ------------------------------------------------

    def categories(self) -> list[Category]:
        """The categories an open-price item can be sold under, in display order."""
        return list(self.catalog.repo.categories().values())

    def open_price_limit(self) -> Money:
        return Money(self._store().open_price_limit_fen)

    def add_open_price(self, category_code: str, amount: Money) -> CartChange:
        """Sell an item with no barcode: its category and the amount typed. Above the
        store's limit a manager must approve it (OPEN_PRICE_NOT_APPROVED if not)."""
        make = open_price_line(self.catalog.repo.categories(), category_code, amount)
        limit = self.open_price_limit()
        if needs_approval(amount, limit):
            approver = self.approval.approve(self._open_price_request(amount))
            if approver is None:
                raise PosError(
                    ErrorCode.OPEN_PRICE_NOT_APPROVED, fen=amount.fen, limit_fen=limit.fen
                )
            log.info("open-price item of %s fen approved by %r", amount.fen, approver)
        return self._changed(self.cart.add_line(make).line_no)

    def _open_price_request(self, amount: Money) -> ApprovalRequest:
        terminal = self._terminal()
        return ApprovalRequest(
            action=ApprovalAction.OPEN_PRICE,
            amount_fen=amount.fen,
            requested_by=terminal.cashier_name,
            reference=self.sale_id,
            store_code=self._store().code,
            terminal_code=terminal.code,
            details={"limit_fen": self.open_price_limit().fen},
        )

    # --- residents --------------------------------------------------------------

    @property
    def member(self) -> MemberView | None:
        """The cart's resident, with what the till knows of them; None for a walk-in."""
        member = self.cart.member
        if member is None:
            return None
        if self._view is None or self._view.member != member:
            self._view = self._view_of(member)
        return self._view

    def refresh_member(self) -> None:
        """Read the resident's balance again (a sync may have brought a newer one)."""
        self._view = None

    def identify_member(self, code: str) -> CartChange:
        """A resident's QR: member prices apply and the sale will earn points."""
        if self.members is None:
            raise PosError(ErrorCode.QR_FORGED)
        view = self.members.identify(code)
        self.cart.set_member(view.member)
        self._view = view
        change = self._changed(None)
        return CartChange(saved=change.saved, member_changed=True)

    def attach_member(self, view: MemberView) -> CartChange:
        """A resident picked by the cashier (found by phone, no code): as a scan would."""
        self.cart.set_member(view.member)
        self._view = view
        change = self._changed(None)
        return CartChange(saved=change.saved, member_changed=True)

    def clear_member(self) -> CartChange:
        self.cart.set_member(None)
        change = self._changed(None)
        return CartChange(saved=change.saved, member_changed=True)

    def points_preview(self) -> int:
        if self.cart.member is None or self.members is None:
            return 0
        return self.members.points_preview(self.cart)

    def _view_of(self, member: Member) -> MemberView:
        return MemberView(member, None) if self.members is None else self.members.view(member)

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
        self.sale_id = new_sale_id()
        return self._changed(None, reset=True)

    # --- held orders ----------------------------------------------------------

    def hold(self) -> int:
        if self.cart.is_empty():
            raise PosError(ErrorCode.CART_EMPTY)
        held_id = self._saved.hold(self.cart, self.sale_id, self._terminal().cashier_name)
        self.cart = self._new_cart()  # the resident stays with the held order
        self.sale_id = new_sale_id()
        return held_id

    def held_orders(self) -> list[HeldOrder]:
        return self._saved.held_orders()

    def resume(self, held_id: int) -> CartChange:
        """Bring back a held order; a cart in progress is held in its place."""
        if all(order.id != held_id for order in self._saved.held_orders()):
            # before holding anything: a missing order must not park the cart on
            # screen (nor, as ids are reused, hand that same cart back as `held_id`)
            raise PosError(ErrorCode.HELD_ORDER_NOT_FOUND, held_id=held_id)
        if not self.cart.is_empty():
            self.hold()
        dropped = self._put(self._saved.take(held_id))
        change = self._changed(None, reset=True)
        return CartChange(
            reset=True, saved=change.saved, member_changed=True, member_dropped=dropped
        )

    # --- payment --------------------------------------------------------------

    def start_tender(self) -> Tender:
        if self.cart.is_empty():
            raise PosError(ErrorCode.CART_EMPTY)
        store = self._store()
        return Tender(
            total=self.cart.totals().total,
            rounding_rule=store.rounding_rule,
            rounding_cash_only=store.rounding_cash_only,
        )

    def cash_rounding(self) -> Money:
        """The 抹零 a cash payment of the cart would get now: the totals panel's line."""
        return rounding_for(self.cart.totals().total, self._store().rounding_rule)

    def complete(self, tender: Tender) -> Sale:
        """Write the sale durably; the cart is cleared only once it is on disk.
        A sale needs an open shift (SHIFT_NOT_OPEN): its cash must be counted."""
        if self._open_shift() is None:
            raise PosError(ErrorCode.SHIFT_NOT_OPEN)
        store, terminal = self._store(), self._terminal()
        member = self.cart.member
        now = self.clock()
        contract = None
        if member is not None and self.members is not None:
            contract = self.members.store_contract(now)
        self.cart.reprice(now)  # at the sale's moment, as the server checks it (docs)
        sale = self.sales.record(
            lambda sequence: build_sale(
                sale_id=self.sale_id,
                cart=self.cart,
                tender=tender,
                store_code=store.code,
                terminal_code=terminal.code,
                sequence=sequence,
                cashier=terminal.cashier_name,
                now=now,
                contract=contract,
            )
        )
        log.info("sale %s recorded, total %s fen", sale.receipt_no, sale.total.fen)
        self.cart = self._new_cart()
        self.sale_id = new_sale_id()
        return sale

    # --- promotions -------------------------------------------------------------

    def promotions_view(self) -> PromoResult:
        """What the promotions do to the cart now: per line, per promotion, next tiers."""
        return self.cart.promotions()

    def set_event(self, event_id: str | None) -> CartChange:
        """The tasting event the sale is made at (its event prices apply), or None."""
        self._event_id = event_id
        return self.promotions_changed()

    def promotions_changed(self) -> CartChange:
        """The promotions in force (or the event) changed: re-price the cart now."""
        self.cart.set_pricing(self._pricing())
        return self._changed(None)

    def _pricing(self) -> CartPricing | None:
        book, event = self._promotions, self._event_id
        return None if book is None else CartPricing(book, lambda: self.clock(), event)

    def _new_cart(self) -> Cart:
        return Cart(pricing=self._pricing())

    # --- internals ------------------------------------------------------------

    def _put(self, loaded: LoadedCart) -> ErrorCode | None:
        """Put a saved cart on screen; why its resident did not come back, if not."""
        self.cart = loaded.cart
        self.cart.set_pricing(self._pricing())
        self._view = None
        self.sale_id = loaded.sale_id
        return loaded.member_dropped

    def _changed(self, line_no: int | None, reset: bool = False) -> CartChange:
        saved = self._saved.save_current(self.cart, self.sale_id)
        return CartChange(line_no=line_no, reset=reset, saved=saved)

    def recent_sales(self, limit: int = 50) -> list[SaleSummary]:
        """The last sales of this till, newest first, for the history."""
        return self.sales.recent(limit)

    def find_sale(self, receipt_no: str) -> SaleSummary | None:
        return self.sales.find_by_receipt(receipt_no)


def _check_active(product: Product) -> None:
    if not product.active:
        raise PosError(ErrorCode.SCAN_INACTIVE_PRODUCT, sku=product.sku, name=product.name)
