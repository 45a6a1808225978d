"""抹零 in the payment window: its own line, the amount due rounded for cash, the
unrounded amount the moment a wallet is chosen, and the sale stored with it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import text

from tests.gui.helpers import RICE, WATER, scanner_burst
from tests.gui.test_tender import open_tender


def rounding_on(context, rule: str = "yuan") -> None:
    context.save_setting("store.cash_rounding", rule)


def test_cash_shows_the_rounding_line_and_stores_the_rounded_sale(qtbot, window, context):
    rounding_on(context)
    scanner_burst(qtbot, RICE)
    scanner_burst(qtbot, WATER)  # ¥91.90
    dialog = open_tender(qtbot, window)
    assert dialog.due_label.text() == "Due ¥91.00"
    assert dialog.rounding_label.isVisible()
    assert dialog.rounding_label.text() == "Rounded off -¥0.90 (total ¥91.90)"
    assert dialog.amount_edit.text() == "91.00"
    labels = [b.text() for b in dialog.quick_buttons if b.isVisible()]
    assert labels[0] == "¥91.00" and "¥100.00" in labels
    hundred = next(b for b in dialog.quick_buttons if b.text() == "¥100.00")
    qtbot.mouseClick(hundred, Qt.MouseButton.LeftButton)
    assert dialog.sale is not None and "¥9.00" in dialog.change_label.text()
    assert dialog.rounding_label.isVisible()  # the recorded sale's rounding stays shown
    with context.engine.connect() as conn:
        row = conn.execute(text("SELECT total_fen, rounding_fen, change_fen FROM sales")).one()
    assert tuple(row) == (9190, 90, 900)


def test_a_total_with_nothing_to_round_off_shows_no_rounding_line(qtbot, window, context):
    rounding_on(context, "jiao")
    scanner_burst(qtbot, RICE)
    scanner_burst(qtbot, WATER)  # ¥91.90: a whole jiao already
    dialog = open_tender(qtbot, window)
    assert dialog.due_label.text() == "Due ¥91.90"
    assert not dialog.rounding_label.isVisible()


def test_a_wallet_in_a_cash_only_store_is_charged_to_the_fen(qtbot, window, context):
    rounding_on(context)
    scanner_burst(qtbot, RICE)
    scanner_burst(qtbot, WATER)
    dialog = open_tender(qtbot, window)
    assert dialog.rounding_label.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_F2)  # WeChat Pay
    assert dialog.due_label.text() == "Due ¥91.90"
    assert not dialog.rounding_label.isVisible()
    assert dialog.amount_edit.text() == "91.90"
    qtbot.keyClick(dialog, Qt.Key.Key_F1)  # back to cash: rounded again
    assert dialog.due_label.text() == "Due ¥91.00" and dialog.rounding_label.isVisible()
