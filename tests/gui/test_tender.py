"""Paying in the real window: cash with change, split tenders, payment codes,
and a storage failure that keeps everything for a retry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import event, text

from tests.gui.helpers import RICE, TEA, WATER, scanner_burst


def open_tender(qtbot, window):
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: window.tender_dialog is not None and window.tender_dialog.isVisible())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.tender_dialog)
    return window.tender_dialog


def stored_sales(context):
    with context.engine.connect() as conn:
        return conn.execute(text("SELECT receipt_no, total_fen, change_fen FROM sales")).all()


def stored_payments(context):
    with context.engine.connect() as conn:
        return conn.execute(
            text("SELECT kind, amount_fen, tendered_fen, reference FROM sale_payments ORDER BY seq")
        ).all()


def test_cash_with_quick_button_gives_change_and_stores_the_sale(qtbot, window, context):
    scanner_burst(qtbot, RICE)
    scanner_burst(qtbot, WATER)
    dialog = open_tender(qtbot, window)
    assert "¥91.90" in dialog.due_label.text()
    # quick buttons: exact, then ¥100 (next ¥10/¥20/¥50 multiples above 91.90)
    labels = [b.text() for b in dialog.quick_buttons if b.isVisible()]
    assert labels[0] == "¥91.90" and "¥100.00" in labels
    hundred = next(b for b in dialog.quick_buttons if b.text() == "¥100.00")
    qtbot.mouseClick(hundred, Qt.MouseButton.LeftButton)
    assert dialog.sale is not None
    assert "¥8.10" in dialog.change_label.text()
    assert stored_sales(context) == [("S001-T01-000001", 9190, 810)]
    assert stored_payments(context) == [("cash", 9190, 10000, "")]
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)  # Enter closes after the sale
    qtbot.waitUntil(lambda: window.tender_dialog is None)
    assert window.checkout.cart.is_empty()
    assert "S001-T01-000001" in window.totals.last_sale.text()
    assert "1" in window.pending_label.text()  # one sale waiting for sync


def test_split_tender_wechat_code_scanned_then_cash(qtbot, window, context):
    scanner_burst(qtbot, TEA)  # ¥398.00
    dialog = open_tender(qtbot, window)
    dialog.amount_edit.setText("300.00")
    wechat_code = "134567890123456789"
    scanner_burst(qtbot, wechat_code)  # the customer's 付款码, read in the payment window
    assert dialog.sale is None
    assert dialog.tender.remaining.fen == 9800
    assert dialog.tender.payments[0].reference == wechat_code
    dialog.amount_edit.setText("100")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert dialog.sale is not None
    assert stored_payments(context) == [
        ("wechat", 30000, 30000, wechat_code),
        ("cash", 9800, 10000, ""),
    ]
    assert stored_sales(context)[0][2] == 200


def test_other_tender_needs_reference_and_cannot_overpay(qtbot, window):
    scanner_burst(qtbot, WATER)
    dialog = open_tender(qtbot, window)
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_F3)  # Alipay
    dialog.amount_edit.setText("2.00")
    qtbot.keyClick(dialog.reference_edit, Qt.Key.Key_Return)
    assert dialog.sale is None and "reference" in dialog.message.text().lower()
    dialog.amount_edit.setText("5.00")
    dialog.reference_edit.setText("ALI-REF-1")
    dialog.take_payment()
    assert dialog.sale is None and "cash" in dialog.message.text().lower()
    dialog.amount_edit.setText("2.00")
    dialog.take_payment()
    assert dialog.sale is not None and dialog.sale.payments[0].reference == "ALI-REF-1"


def test_product_barcode_in_payment_window_is_not_a_payment(qtbot, window, context):
    scanner_burst(qtbot, WATER)
    dialog = open_tender(qtbot, window)
    scanner_burst(qtbot, RICE)
    assert dialog.tender.payments == []
    assert dialog.message.text()
    assert len(window.checkout.cart.active_lines) == 1  # the rice did not join the cart


def test_read_only_database_keeps_dialog_payments_and_cart_for_retry(qtbot, window, context):
    scanner_burst(qtbot, WATER)
    dialog = open_tender(qtbot, window)

    def read_only(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA query_only=ON")

    context.engine.dispose()
    event.listen(context.engine, "connect", read_only)
    dialog.amount_edit.setText("10")
    dialog.take_payment()
    assert dialog.sale is None
    assert "read-only" in dialog.message.text()
    assert dialog.isVisible() and len(dialog.tender.payments) == 1
    assert not window.checkout.cart.is_empty()

    event.remove(context.engine, "connect", read_only)
    context.engine.dispose()
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)  # "Retry saving"
    assert dialog.sale is not None
    assert len(stored_sales(context)) == 1


def test_pay_with_empty_cart_is_refused_without_a_dialog(qtbot, window):
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F12)
    assert window.tender_dialog is None
    assert "empty" in window.status_message.text().lower()


def test_cash_tendered_on_the_number_pad_alone(qtbot, window, context):
    scanner_burst(qtbot, RICE)
    dialog = open_tender(qtbot, window)
    pad = dialog.pad
    for key in ("1", "0", "0"):  # the due amount is selected: the first tap replaces it
        qtbot.mouseClick(pad.keys[key], Qt.MouseButton.LeftButton)
    assert dialog.amount_edit.text() == "100"
    assert dialog.sale is None
    qtbot.mouseClick(pad.keys["↵"], Qt.MouseButton.LeftButton)
    assert dialog.sale is not None
    assert "¥10.10" in dialog.change_label.text()
    assert stored_payments(context) == [("cash", 8990, 10000, "")]
