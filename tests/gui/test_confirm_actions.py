"""Cancelling an order with lines and giving a line away (100 %) ask first,
with the amounts; cancelled, the cart is untouched."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_app.core.money import Money
from pos_app.services.approvals import ApprovalAction
from pos_app.ui.confirm_actions import (
    confirm_clear_cart,
    confirm_full_discount,
    gives_line_away,
)
from pos_app.ui.dialogs.confirm_dialog import ConfirmDialog
from tests.gui.helpers import RICE, WATER, scanner_burst


class Hook:
    def __init__(self) -> None:
        self.asked = []

    def approve(self, request):
        self.asked.append(request)
        return ""


def test_empty_cart_clears_without_asking(qtbot, window):
    assert confirm_clear_cart(window) is None


def test_clear_cart_asks_with_the_total_and_cancel_keeps_the_lines(qtbot, window, context):
    scanner_burst(qtbot, WATER)
    scanner_burst(qtbot, WATER)
    scanner_burst(qtbot, RICE)
    dialog = confirm_clear_cart(window)
    shown = dict(dialog.amounts_shown())
    assert (shown["Items"], shown["Total"]) == ("3", "¥93.90")
    qtbot.keyClick(dialog.cancel_button, Qt.Key.Key_Escape)
    assert len(window.checkout.cart.active_lines) == 2


def test_clear_cart_confirmed_clears_after_the_hook(qtbot, window, context):
    context.approval = hook = Hook()
    scanner_burst(qtbot, RICE)
    sale_id = window.checkout.sale_id
    dialog = confirm_clear_cart(window)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert window.checkout.cart.is_empty()
    assert window.status_message.text() == "Order cancelled."
    [request] = hook.asked
    assert (request.action, request.amount_fen, request.reference) == (
        ApprovalAction.CLEAR_CART,
        8990,
        sale_id,
    )


def test_full_discount_detected_by_amount_or_percent(qtbot, window):
    scanner_burst(qtbot, RICE)
    line_no = window.selected_line_no()
    assert gives_line_away(window, line_no, "100%")
    assert gives_line_away(window, line_no, "89.90")
    assert not gives_line_away(window, line_no, "89.89")
    assert not gives_line_away(window, line_no, "99%")
    assert not gives_line_away(window, line_no, "abc")  # the cart refuses it itself


def test_full_discount_asks_and_applies_only_when_confirmed(qtbot, window, context):
    context.approval = hook = Hook()
    scanner_burst(qtbot, RICE)
    line_no = window.selected_line_no()
    applied: list[int] = []
    dialog = confirm_full_discount(window, line_no, lambda: applied.append(line_no))
    assert dialog.amounts_shown() == [
        ("Price", "¥89.90"),
        ("Discount", "¥89.90"),
        ("To pay for this line", "¥0.00"),
    ]
    qtbot.keyClick(dialog.cancel_button, Qt.Key.Key_Return)  # focus on Cancel: cancels
    assert applied == [] and hook.asked == []
    dialog = confirm_full_discount(
        window, line_no, lambda: window.actions_._apply_discount(line_no, "100%")
    )
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert window.checkout.cart.totals().total == Money(0)
    assert hook.asked[0].action is ApprovalAction.FULL_DISCOUNT
    assert hook.asked[0].amount_fen == 8990


def test_typing_a_100_percent_discount_asks_first(qtbot, window, context):
    context.approval = hook = Hook()
    scanner_burst(qtbot, RICE)
    line_no = window.selected_line_no()
    window.actions_.set_discount(line_no, "100%")  # what F5 and the number pad call
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ConfirmDialog)
    assert window.checkout.cart.totals().total == Money(8990)  # nothing given away yet
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert window.checkout.cart.totals().total == Money(0)
    assert hook.asked[0].action is ApprovalAction.FULL_DISCOUNT
    window.actions_.set_discount(line_no, "10%")  # a partial discount: no question
    assert QApplication.activeModalWidget() is None
    assert window.checkout.cart.totals().total == Money(8091)


def test_the_cancel_order_key_asks_first(qtbot, window, context):
    context.approval = Hook()
    scanner_burst(qtbot, RICE)
    window.actions_.cancel_order()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ConfirmDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not window.checkout.cart.is_empty()
    window.actions_.cancel_order()
    qtbot.mouseClick(QApplication.activeModalWidget().confirm_button, Qt.MouseButton.LeftButton)
    assert window.checkout.cart.is_empty()
