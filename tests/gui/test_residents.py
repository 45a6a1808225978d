"""Residents in the real window: identified by a 2D scanner burst, points shown
live, sale earns, the receipt QR opens the return, the return claws back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_app.demo import demo_code
from pos_app.ui.customer_display import CustomerDisplay
from tests.gui.helpers import LOTTERY, RICE, WATER, scanner_burst


def pay_exact(qtbot, window):
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: window.tender_dialog is not None and window.tender_dialog.isVisible())
    dialog = window.tender_dialog
    dialog.take_payment()  # the amount field holds the amount due
    assert dialog.sale is not None
    sale = dialog.sale
    dialog.accept()
    qtbot.waitUntil(lambda: window.tender_dialog is None)
    return sale


def test_membership_qr_burst_identifies_and_shows_points_live(qtbot, window):
    scanner_burst(qtbot, WATER)
    code = demo_code("R0001")
    assert len(code) > 150  # a 2D scanner types the whole QR payload
    scanner_burst(qtbot, code)
    panel = window.customer_panel
    assert panel.name.text() == "张*明"
    assert "1,280" in panel.balance.text()
    assert "5" in panel.earn.text()  # member price 1.90 → 5 points
    assert "张*明" in window.status_message.text()
    scanner_burst(qtbot, RICE)
    assert "275 (¥2.75)" in panel.earn.text()  # (190 + 8990) × 10 % × 30 % = 275.4 → 275


def test_bad_codes_in_the_window_each_say_why(qtbot, window):
    expired = demo_code("R0001", now=int((datetime.now(UTC) - timedelta(minutes=30)).timestamp()))
    cases = {
        expired: "expired",
        demo_code("R0901"): "another property company",
        "YCM1.not-a-real-code": "malformed",
        "YCM1." + "A" * 450: "too long",
    }
    for code, words in cases.items():
        scanner_burst(qtbot, code)
        assert words in window.status_message.text(), code
        assert window.checkout.member is None
        assert QApplication.activeModalWidget() is None


def test_sale_with_resident_then_return_by_scanning_the_receipt_qr(
    qtbot, window, context, approve_as_manager
):
    for code in (WATER, WATER, RICE, LOTTERY):
        scanner_burst(qtbot, code)
    scanner_burst(qtbot, demo_code("R0001"))
    sale = pay_exact(qtbot, window)
    assert sale.points == 281
    assert window.checkout.member is None and window.customer_panel.name.text() == ""

    scanner_burst(qtbot, "YCR1." + sale.receipt_no)  # the QR printed on the receipt
    qtbot.waitUntil(lambda: window.residents.refund_dialog is not None)
    dialog = window.residents.refund_dialog
    assert dialog.sale is not None and dialog.sale.receipt_no == sale.receipt_no
    model = dialog.model
    assert model.rowCount() == 3
    model.setData(model.index(1, model.NOW), "1")  # the rice comes back
    # 281 earned on 93.70; 3.80 kept → 11 points: 270 taken back
    assert "¥89.90" in dialog.summary.text() and "270" in dialog.summary.text()
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    confirmation = dialog.confirmation  # asks first, showing the amounts
    assert confirmation is not None and confirmation.isVisible()
    assert confirmation.amounts_shown() == [
        ("Give back", "¥89.90"),
        ("Points taken back", "270 (¥2.70)"),
    ]
    qtbot.mouseClick(confirmation.confirm_button, Qt.MouseButton.LeftButton)
    approve_as_manager()  # every refund needs a manager's PIN
    assert "R000001" in dialog.message.text()
    assert context.members.repo.resident("R0001").shown_balance == 1280 + 281 - 270
    # what was returned cannot be returned twice
    assert not model.setData(model.index(1, model.NOW), "1")


def test_clear_resident_key(qtbot, window):
    scanner_burst(qtbot, WATER)
    scanner_burst(qtbot, demo_code("R0002"))
    assert window.totals.total.text() == "¥1.90"
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F10)
    assert window.checkout.member is None and window.totals.total.text() == "¥2.00"


def test_customer_display_mirrors_cart_total_and_points(qtbot, window):
    display = CustomerDisplay(window)
    qtbot.addWidget(display)
    scanner_burst(qtbot, RICE)
    assert display.total.text().endswith("¥89.90")
    assert display.cart_view.model().rowCount() == 1
    scanner_burst(qtbot, demo_code("R0001"))
    assert display.member.name.text() == "张*明"
    assert "269" in display.member.earn.text()


def test_return_started_from_the_sales_history(qtbot, window, context):
    from pos_app.ui.dialogs.history_dialog import HistoryDialog

    scanner_burst(qtbot, RICE)
    sale = pay_exact(qtbot, window)
    history = HistoryDialog(context.checkout, context.printing, window)
    qtbot.addWidget(history)
    history.sig_return_requested.connect(window.residents.open_refund)
    assert history.model.rowCount() == 1
    history.view.selectRow(0)
    history.on_return_clicked()
    dialog = window.residents.refund_dialog
    assert dialog is not None and dialog.sale is not None
    assert dialog.sale.receipt_no == sale.receipt_no
