"""Every table model passes Qt's model tester with real rows in it."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from pos_app.core.cart import Cart
from pos_app.core.member import Member
from pos_app.core.money import Money
from pos_app.core.tender import Payment, TenderKind
from pos_app.services.checkout import HeldOrder
from pos_app.ui.models.cart_model import CartTableModel
from pos_app.ui.models.held_model import HeldOrdersModel
from pos_app.ui.models.payment_model import PaymentsModel, masked_reference
from pos_app.ui.models.product_model import ProductListModel
from tests.gui.helpers import RICE, WATER


def test_cart_model(qtmodeltester, context):
    cart = Cart()
    for code in (WATER, RICE):
        cart.add_product(context.catalog.by_barcode(code))
    cart.void(1)
    model = CartTableModel()
    model.set_cart(cart)
    qtmodeltester.check(model)
    assert model.rowCount() == 1  # the voided line is not shown
    assert model.data(model.index(0, CartTableModel.AMOUNT)) == "¥89.90"


def test_product_model(qtmodeltester, context):
    model = ProductListModel()
    model.set_rows(context.catalog.search("茶"))
    qtmodeltester.check(model)
    assert model.rowCount() > 5


def test_payments_model_masks_payment_codes(qtmodeltester):
    model = PaymentsModel()
    model.set_rows(
        [
            Payment(TenderKind.CASH, Money(9190), Money(10000)),
            Payment(TenderKind.WECHAT, Money(100), Money(100), "134567890123456789"),
        ]
    )
    qtmodeltester.check(model)
    assert "134567890123456789" not in model.data(model.index(1, 2))
    assert masked_reference("134567890123456789") == "…456789"


def test_held_orders_model_shows_shanghai_time(qtmodeltester):
    model = HeldOrdersModel()
    held = datetime(2026, 11, 26, 16, 30, tzinfo=UTC)
    model.set_rows([HeldOrder(1, 3, 9190, "收银员01", held)])
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)) == "2026-11-27 00:30:00"


#: nonce, expiry and code of a membership QR shown at the counter
QR = ("nonce", 0, "YCM1.code")


def test_held_orders_model_shows_the_customer(qtmodeltester):
    model = HeldOrdersModel()
    held = datetime(2026, 11, 26, 16, 30, tzinfo=UTC)
    model.set_rows(
        [
            HeldOrder(1, 3, 9190, "收银员01", held),
            HeldOrder(2, 1, 190, "收银员01", held, Member("R0001", "C001", "P001", "张*明", *QR)),
            HeldOrder(3, 1, 190, "收银员01", held, Member("R0007", "C001", "P001", "", *QR)),
            HeldOrder(4, 1, 190, "收银员01", held, Member("R0005", "C002", "P001", "陈*华")),
        ]
    )
    qtmodeltester.check(model)
    column = HeldOrdersModel.CUSTOMER
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Customer"
    # masked name, or the id of a resident not synced to this till yet; walk-ins say so,
    # and a resident found by phone (no code) too: that order's points wait for review
    assert [model.data(model.index(row, column)) for row in range(4)] == [
        "Walk-in",
        "张*明",
        "Resident R0007",
        "陈*华 (by phone)",
    ]
    assert model.data(model.index(1, HeldOrdersModel.TOTAL)) == "¥1.90"
