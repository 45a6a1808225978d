"""The cashier's keys on the checkout window: quantity, discount, void, hold,
resume, cancel, pay, search. Each key reads the scan field as its argument
when there is one (type 3, press F4), the common POS habit, and otherwise
asks in a small non-blocking dialog with an on-screen number pad, so a finger
alone can do it; the big − and + under the cart step the selected line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.ui.confirm_actions import (
    approve_discount,
    confirm_clear_cart,
    confirm_full_discount,
    discount_needs_manager,
    gives_line_away,
)
from pos_app.ui.open_price_actions import open_price_item
from pos_app.ui.widgets.number_pad import NumberPadDialog

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow


class CartActions:
    def __init__(self, window: MainWindow) -> None:
        self.w = window
        # labels are functions, translated when shown: a language change relabels
        # the keys (each calls translate itself: lupdate does not see an alias)
        window.add_button(
            0,
            0,
            lambda: QCoreApplication.translate("CartActions", "Search"),
            "F3",
            self.focus_search,
        )
        window.add_button(
            0, 1, lambda: QCoreApplication.translate("CartActions", "Quantity"), "F4", self.quantity
        )
        window.add_button(
            1, 0, lambda: QCoreApplication.translate("CartActions", "Discount"), "F5", self.discount
        )
        window.add_button(
            1, 1, lambda: QCoreApplication.translate("CartActions", "Void line"), "F8", self.void
        )
        window.add_button(
            2, 0, lambda: QCoreApplication.translate("CartActions", "Hold order"), "F6", self.hold
        )
        self.held_count = len(window.checkout.held_orders())
        self.resume_key = window.add_button(
            2, 1, self._resume_label, "F7", self.w.held_orders.open_list
        )
        window.add_button(
            3,
            0,
            lambda: QCoreApplication.translate("CartActions", "Cancel order"),
            "F9",
            self.cancel_order,
        )
        window.add_button(  # 无码商品: a loose portion, an item without a barcode
            3,
            1,
            lambda: QCoreApplication.translate("CartActions", "No-code item"),
            "F1",
            lambda: open_price_item(self.w),
        )
        pay = window.add_button(
            0,
            0,
            lambda: QCoreApplication.translate("CartActions", "Pay"),
            "F12",
            self.w.open_tender,
            wide=True,
        )
        pay.setObjectName("payButton")
        pay.setStyleSheet("background: #2e7d32; color: white; font-size: 16pt; font-weight: bold;")

    def _resume_label(self) -> str:
        """取单 with the number of orders waiting: the cashier sees there is one."""
        if not self.held_count:
            return QCoreApplication.translate("CartActions", "Resume order")
        return QCoreApplication.translate("CartActions", "Resume order ({count})").format(
            count=self.held_count
        )

    def show_held_count(self) -> None:
        """After a hold or a resume: the held orders counted again (a few rows)."""
        self.held_count = len(self.w.checkout.held_orders())
        self.resume_key.retranslate()

    def focus_search(self) -> None:
        self.w.search_field.setFocus()
        self.w.search_field.selectAll()

    def _line(self) -> int | None:
        if self.w.scanner is not None:
            self.w.scanner.flush()
        line_no = self.w.selected_line_no()
        if line_no is None:
            self.w.show_error(PosError(ErrorCode.LINE_NOT_FOUND))
        return line_no

    def quantity(self) -> None:
        line_no = self._line()
        if line_no is None:
            return
        text = self.w.scan_field.text().strip()
        if text:
            if not text.isdigit():
                self.w.show_error(PosError(ErrorCode.QUANTITY_INVALID, quantity=text))
                return
            self.set_quantity(line_no, int(text))
            return
        dialog = NumberPadDialog(
            QCoreApplication.translate("CartActions", "Quantity"),
            QCoreApplication.translate("CartActions", "New quantity:"),
            self.w,
            decimal=False,
        )
        dialog.sig_value_entered.connect(lambda text: self._typed_quantity(line_no, text))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def _typed_quantity(self, line_no: int, text: str) -> None:
        if not text.isdigit():
            self.w.show_error(PosError(ErrorCode.QUANTITY_INVALID, quantity=text))
            return
        self.set_quantity(line_no, int(text))

    def step(self, delta: int) -> None:
        """The big − and + under the cart: one less or one more of the selected line."""
        line_no = self._line()
        if line_no is None:
            return
        line = next(ln for ln in self.w.checkout.cart.lines if ln.line_no == line_no)
        self.set_quantity(line_no, line.quantity + delta)

    def set_quantity(self, line_no: int, quantity: int) -> None:
        try:
            self.w.apply_change(self.w.checkout.set_quantity(line_no, quantity))
        except PosError as exc:
            self.w.show_error(exc)

    def discount(self) -> None:
        line_no = self._line()
        if line_no is None:
            return
        text = self.w.scan_field.text().strip()
        if text:
            self.set_discount(line_no, text)
            return
        dialog = NumberPadDialog(
            QCoreApplication.translate("CartActions", "Discount"),
            QCoreApplication.translate(
                "CartActions", "Amount off (e.g. 5.00) or percent off (e.g. 10%):"
            ),
            self.w,
            percent=True,
        )
        dialog.sig_value_entered.connect(lambda value: self.set_discount(line_no, value))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def set_discount(self, line_no: int, text: str) -> None:
        text = text.strip()
        if gives_line_away(self.w, line_no, text):  # 100% off: ask first
            confirm_full_discount(self.w, line_no, lambda: self._apply_discount(line_no, text))
            return
        if discount_needs_manager(self.w, line_no, text):  # beyond the limit: a manager's PIN
            approve_discount(self.w, line_no, text, lambda: self._apply_discount(line_no, text))
            return
        self._apply_discount(line_no, text)

    def _apply_discount(self, line_no: int, text: str) -> None:
        try:
            if text.endswith("%"):
                number = text[:-1].strip()
                if not number.isdigit():
                    raise PosError(ErrorCode.DISCOUNT_INVALID, text=text)
                change = self.w.checkout.set_discount_percent(line_no, int(number))
            else:
                change = self.w.checkout.set_discount(line_no, Money.parse(text))
        except PosError as exc:
            self.w.show_error(exc)
            return
        self.w.apply_change(change)

    def void(self) -> None:
        line_no = self._line()
        if line_no is None:
            return
        try:
            self.w.apply_change(self.w.checkout.void(line_no))
        except PosError as exc:
            self.w.show_error(exc)
            return
        self.w.show_message(QCoreApplication.translate("CartActions", "Line voided."))

    def hold(self) -> None:
        try:
            held_id = self.w.checkout.hold()
        except PosError as exc:
            self.w.show_error(exc)
            return
        self.w.refresh_cart()
        self.show_held_count()
        self.w.show_message(
            QCoreApplication.translate(
                "CartActions", "Order held as #{id}. Resume it with F7."
            ).format(id=held_id)
        )

    def cancel_order(self) -> None:
        """The order goes only after a confirmation showing what goes (and, with staff
        roles, a manager's approval): see confirm_actions."""
        confirm_clear_cart(self.w)
