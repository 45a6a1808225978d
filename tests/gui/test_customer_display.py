"""The customer display (客显): the cart with prices never cut, and after payment
the amount paid, the change and the points, until the time is up or the next scan."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from pos_app.core.barcodes import with_check_digit
from pos_app.core.money import Money
from pos_app.demo import demo_code
from pos_app.ui import customer_display
from pos_app.ui.customer_display import CustomerDisplay
from pos_app.ui.models.cart_model import CartTableModel
from tests.gui.helpers import DUCK_PLU, RICE, TEA, WATER, scanner_burst
from tests.gui.layout_check import layout_problems


@pytest.fixture
def display(qtbot, window):
    shown = CustomerDisplay(window)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _pay_cash(window, fen: int):
    tender = window.checkout.start_tender()
    tender.add_cash(Money(fen))
    sale = window.checkout.complete(tender)
    window.pay.on_tender_sig_sale_completed(sale)  # what the tender dialog calls
    return sale


@pytest.mark.parametrize("size", [QSize(1024, 768), QSize(800, 600)], ids=["1024", "800"])
def test_prices_never_cut_and_nothing_clipped(qtbot, window, display, size: QSize) -> None:
    display.resize(size)
    for code in (WATER, RICE, TEA, with_check_digit("21" + DUCK_PLU + "02320")):
        scanner_burst(qtbot, code, window.scan_field)
    qtbot.wait(20)
    view = display.cart_view
    model = window.cart_model
    assert model.data(model.index(3, CartTableModel.PRICE)) == "¥58.00/kg"
    for column in CartTableModel.numeric_columns:
        assert view.columnWidth(column) >= view.sizeHintForColumn(column), column
    right = view.horizontalHeader().sectionViewportPosition(CartTableModel.AMOUNT)
    assert right + view.columnWidth(CartTableModel.AMOUNT) <= view.viewport().width()
    assert display.total.text() == "Total ¥513.10"
    assert layout_problems(display, size) == [], layout_problems(display, size)


def test_after_payment_paid_change_and_points_then_back(qtbot, window, display) -> None:
    scanner_burst(qtbot, RICE, window.scan_field)  # ¥89.90
    scanner_burst(qtbot, demo_code("R0001"), window.scan_field)
    sale = _pay_cash(window, 10_000)
    assert sale.points == 269  # floor(8990 × 10% × 30%)
    assert display.showing_sale()
    assert display.paid.text() == "Total ¥89.90 · paid ¥100.00"
    assert display.change.text() == "Change ¥10.10"
    assert display.points.text() == "Points earned: 269 (¥2.69)"
    assert display.points.isVisible()
    display.resize(800, 600)
    qtbot.wait(20)
    assert layout_problems(display, QSize(800, 600)) == []
    # the next customer's first scan brings the cart back at once
    scanner_burst(qtbot, WATER, window.scan_field)
    assert not display.showing_sale()
    assert display.total.text() == "Total ¥2.00"


def test_paid_screen_times_out(qtbot, window, display, monkeypatch) -> None:
    display.back_timer.setInterval(50)
    scanner_burst(qtbot, WATER, window.scan_field)
    _pay_cash(window, 500)
    assert display.showing_sale()
    assert display.change.text() == "Change ¥3.00"
    assert display.points.isHidden()  # no resident: no points line
    qtbot.waitUntil(lambda: not display.showing_sale(), timeout=2000)
    assert display.total.text() == "Total ¥0.00"


def test_paid_seconds_is_a_few_seconds() -> None:
    assert 5 <= customer_display.PAID_SECONDS <= 15
