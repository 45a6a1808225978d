"""Quantity, discount, void, hold and resume from the cashier's keys, a cart
that survives a restart, and the resident who goes with a held or restored order."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_app.app import build_context
from pos_app.core.barcodes import with_check_digit
from pos_app.demo import demo_code
from pos_app.ui.launch import create_window, install_translators
from pos_app.ui.widgets.number_pad import BACKSPACE, ENTER, PERCENT, NumberPadDialog
from tests.gui.helpers import DUCK_PLU, LOTTERY, RICE, WATER, scanner_burst


def test_type_quantity_then_f4(qtbot, window):
    scanner_burst(qtbot, WATER)
    qtbot.keyClicks(window.scan_field, "6")
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F4)
    assert window.checkout.cart.active_lines[0].quantity == 6
    assert window.totals.total.text() == "¥12.00"
    assert window.scan_field.text() == ""


def test_zero_quantity_is_refused_with_message(qtbot, window):
    scanner_burst(qtbot, WATER)
    qtbot.keyClicks(window.scan_field, "0")
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F4)
    assert window.checkout.cart.active_lines[0].quantity == 1
    assert window.status_message.text() == "Quantity 0 is not allowed."


def test_f4_without_number_opens_non_blocking_number_pad(qtbot, window):
    scanner_burst(qtbot, WATER)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F4)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, NumberPadDialog)
    assert not dialog.pad.keys["."].isEnabled()  # pieces: whole numbers only
    for key in ("1", "2", BACKSPACE, "4"):
        qtbot.mouseClick(dialog.pad.keys[key], Qt.MouseButton.LeftButton)
    assert dialog.field.text() == "14"
    qtbot.mouseClick(dialog.pad.keys[ENTER], Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert window.checkout.cart.active_lines[0].quantity == 14


def test_f4_typed_on_the_keyboard_in_the_pad(qtbot, window):
    scanner_burst(qtbot, WATER)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F4)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, NumberPadDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.field)
    qtbot.keyClicks(dialog.field, "3")
    qtbot.wait(60)  # a person's pace: the scanner filter lets the key through
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert window.checkout.cart.active_lines[0].quantity == 3


def test_discount_by_touch_percent_key(qtbot, window):
    scanner_burst(qtbot, RICE)  # ¥89.90
    qtbot.mouseClick(window.keys.buttons[2], Qt.MouseButton.LeftButton)  # Discount [F5]
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, NumberPadDialog)
    for key in ("1", "0", PERCENT, ENTER):
        qtbot.mouseClick(dialog.pad.keys[key], Qt.MouseButton.LeftButton)
    assert window.checkout.cart.active_lines[0].discount.fen == 899


def test_plus_and_minus_step_the_selected_line(qtbot, window):
    scanner_burst(qtbot, WATER)
    scanner_burst(qtbot, RICE)
    window.cart_view.selectRow(0)  # a finger picks the water line
    qtbot.mouseClick(window.line_keys.plus, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.line_keys.plus, Qt.MouseButton.LeftButton)
    assert [ln.quantity for ln in window.checkout.cart.active_lines] == [3, 1]
    qtbot.mouseClick(window.line_keys.minus, Qt.MouseButton.LeftButton)
    assert [ln.quantity for ln in window.checkout.cart.active_lines] == [2, 1]
    assert window.totals.total.text() == "¥93.90"
    window.cart_view.selectRow(1)
    qtbot.mouseClick(window.line_keys.minus, Qt.MouseButton.LeftButton)  # 1 → 0: refused
    assert [ln.quantity for ln in window.checkout.cart.active_lines] == [2, 1]
    assert window.status_message.text() == "Quantity 0 is not allowed."


def test_minus_on_a_weighed_line_is_refused(qtbot, window):
    scanner_burst(qtbot, with_check_digit("21" + DUCK_PLU + "02320"))
    qtbot.mouseClick(window.line_keys.plus, Qt.MouseButton.LeftButton)
    assert window.checkout.cart.active_lines[0].quantity == 400
    assert window.status_message.text()


def test_discount_amount_and_percent(qtbot, window):
    scanner_burst(qtbot, RICE)  # ¥89.90
    qtbot.keyClicks(window.scan_field, "9.90")
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F5)
    assert window.totals.total.text() == "¥80.00"
    qtbot.keyClicks(window.scan_field, "10%")
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F5)
    assert window.checkout.cart.active_lines[0].discount.fen == 899
    qtbot.keyClicks(window.scan_field, "100")
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F5)  # more than the line: refused
    assert window.checkout.cart.active_lines[0].discount.fen == 899
    assert window.status_message.text()


def test_void_selected_line(qtbot, window):
    scanner_burst(qtbot, WATER)
    scanner_burst(qtbot, LOTTERY)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F8)
    assert [ln.name for ln in window.checkout.cart.active_lines] == ["硒泉水 550ml"]
    assert window.cart_model.rowCount() == 1
    assert len(window.checkout.cart.lines) == 2  # kept, flagged voided


def test_scale_label_adds_weighed_line(qtbot, window):
    label = with_check_digit("21" + DUCK_PLU + "02320")  # ¥23.20 of duck neck
    scanner_burst(qtbot, label)
    line = window.checkout.cart.active_lines[0]
    assert line.name.startswith("毛嘴卤鸭脖") and line.amount.fen == 2320
    assert line.weighed and line.quantity == 400  # 23.20 / 58.00 per kg = 0.400 kg
    assert "0.400 kg" in window.cart_model.data(window.cart_model.index(0, 3))


def test_hold_and_resume(qtbot, window):
    scanner_burst(qtbot, RICE)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F6)
    assert window.checkout.cart.is_empty() and window.cart_model.rowCount() == 0
    scanner_burst(qtbot, WATER)  # the next customer
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: window.held_dialog is not None and window.held_dialog.isVisible())
    assert window.held_dialog.model.rowCount() == 1
    window.held_dialog.accept()
    assert [ln.name for ln in window.checkout.cart.active_lines] == ["五常大米 稻花香2号 5kg"]
    # the water customer was held in its place, not lost
    assert len(window.checkout.held_orders()) == 1


def test_held_order_and_open_cart_survive_restart(qtbot, qapp, window, context, data_dir):
    scanner_burst(qtbot, RICE)
    window.checkout.hold()
    scanner_burst(qtbot, WATER)
    scanner_burst(qtbot, WATER)
    qapp.removeEventFilter(window.scanner)
    window.close()
    context.close()

    ctx2 = build_context(data_dir)
    try:
        win2 = create_window(qapp, ctx2)
        qtbot.addWidget(win2)
        assert [(ln.name, ln.quantity) for ln in win2.checkout.cart.active_lines] == [
            ("硒泉水 550ml", 2)
        ]
        assert win2.cart_model.rowCount() == 1
        assert "restored" in win2.status_message.text()
        assert len(win2.checkout.held_orders()) == 1
        qapp.removeEventFilter(win2.scanner)
    finally:
        ctx2.close()


# --- the resident goes with a held order -----------------------------------------


def resume_first_held(qtbot, window) -> list[str]:
    """F7, then Enter on the first order; returns the customer column as shown."""
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: window.held_dialog is not None and window.held_dialog.isVisible())
    dialog = window.held_dialog
    model = dialog.model
    customers = [model.data(model.index(row, model.CUSTOMER)) for row in range(model.rowCount())]
    dialog.view.selectRow(0)
    dialog.accept()
    qtbot.waitUntil(lambda: window.held_dialog is None)
    return customers


def test_f6_f7_keep_the_resident_and_member_prices(qtbot, window):
    scanner_burst(qtbot, WATER)
    scanner_burst(qtbot, demo_code("R0001"))
    assert window.totals.total.text() == "¥1.90"
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F6)
    # the counter is free for a walk-in, at shelf prices and with no resident shown
    assert window.customer_panel.name.text() == ""
    scanner_burst(qtbot, WATER)
    assert window.totals.total.text() == "¥2.00"

    assert resume_first_held(qtbot, window) == ["张*明"]
    assert window.checkout.member is not None
    assert window.customer_panel.name.text() == "张*明"
    assert window.totals.total.text() == "¥1.90"
    assert "(¥0.05)" in window.customer_panel.earn.text()  # 1.90 × 10 % × 30 % → 5 points
    assert "resumed" in window.status_message.text()
    # the walk-in was parked in its place, and is listed as one
    orders = window.checkout.held_orders()
    assert [o.member for o in orders] == [None] and orders[0].total_fen == 200


def test_a_resident_revoked_while_held_resumes_at_shelf_prices_with_a_message(
    qtbot, window, context
):
    scanner_burst(qtbot, WATER)
    scanner_burst(qtbot, demo_code("R0001"))
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F6)
    context.members.repo.revoke("R0001", datetime.now(UTC), "moved out")
    resume_first_held(qtbot, window)
    assert window.checkout.member is None and window.customer_panel.name.text() == ""
    assert window.totals.total.text() == "¥2.00"
    text = window.status_message.text()
    assert "shelf prices" in text and "revoked" in text


def test_a_held_resident_survives_a_restart(qtbot, qapp, window, context, data_dir):
    scanner_burst(qtbot, WATER)
    scanner_burst(qtbot, demo_code("R0002"))
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F6)
    qapp.removeEventFilter(window.scanner)
    window.close()
    context.close()

    ctx2 = build_context(data_dir)
    try:
        win2 = create_window(qapp, ctx2)
        qtbot.addWidget(win2)
        win2.show()
        qtbot.waitExposed(win2)
        win2.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win2)  # F7: a window shortcut
        win2.scan_field.setFocus()
        assert resume_first_held(qtbot, win2) == ["欧**平"]
        assert win2.customer_panel.name.text() == "欧**平"
        assert win2.totals.total.text() == "¥1.90"
        qapp.removeEventFilter(win2.scanner)
        win2.close()
    finally:
        ctx2.close()


def test_the_resident_on_screen_comes_back_after_a_crash(qtbot, qapp, window, context, data_dir):
    scanner_burst(qtbot, RICE)
    scanner_burst(qtbot, WATER)
    scanner_burst(qtbot, demo_code("R0001"))
    qapp.removeEventFilter(window.scanner)
    window.close()
    context.close()  # power cut with the resident's order on screen

    ctx2 = build_context(data_dir)
    try:
        win2 = create_window(qapp, ctx2)
        qtbot.addWidget(win2)
        assert win2.customer_panel.name.text() == "张*明"
        assert win2.totals.total.text() == "¥91.80"  # 89.90 + member 1.90
        assert "restored" in win2.status_message.text()
        qapp.removeEventFilter(win2.scanner)
        win2.close()
    finally:
        ctx2.close()


def test_a_crash_restore_without_its_resident_says_why(qtbot, qapp, window, context, data_dir):
    scanner_burst(qtbot, WATER)
    scanner_burst(qtbot, demo_code("R0001"))
    qapp.removeEventFilter(window.scanner)
    window.close()
    context.settings.set("store.property_company_id", "P900")  # the store changed hands
    context.save_setting("store.property_company_id", "P900")
    context.close()

    ctx2 = build_context(data_dir)
    try:
        win2 = create_window(qapp, ctx2)
        qtbot.addWidget(win2)
        assert win2.checkout.member is None and win2.customer_panel.name.text() == ""
        assert win2.totals.total.text() == "¥2.00"
        assert "another property company" in win2.status_message.text()
        qapp.removeEventFilter(win2.scanner)
        win2.close()
    finally:
        ctx2.close()


def test_the_dropped_resident_message_is_translated(qtbot, qapp, window, context):
    translators = install_translators(qapp, "zh_CN")
    try:
        scanner_burst(qtbot, WATER)
        scanner_burst(qtbot, demo_code("R0001"))
        qtbot.keyClick(window.scan_field, Qt.Key.Key_F6)
        context.members.repo.revoke("R0001", datetime.now(UTC), "moved out")
        resume_first_held(qtbot, window)
        assert window.status_message.text() == (
            "订单已按原价恢复,未带回业主(其会员资格已被注销):请重新扫描业主的会员码。"
        )
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
