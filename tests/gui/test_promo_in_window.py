"""The promotions in the real checkout window, which builds its
`PromoActions` over the till's `PromotionsService` (see
`pos_app/ui/promo_actions.py`): a manager sets up a store promotion from the
File menu's action, the cart is priced with it at once, and each scan after
shows the line's promotion, the saving and the next tier."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.ui.main_window import MainWindow
from tests.gui.conftest import DEMO_MANAGER, DEMO_MANAGER_PIN, open_approval_dialog, type_pin
from tests.gui.helpers import RICE, TEA, commit_text, scanner_burst


def test_a_store_promotion_prices_the_cart_on_screen(qtbot: QtBot, window: MainWindow) -> None:
    promos = window.promos
    scanner_burst(qtbot, TEA, window.scan_field)
    assert promos.view.summary.isHidden()
    menu_actions = window.menuBar().actions()[0].menu().actions()
    assert promos.new_action in menu_actions and promos.list_action in menu_actions
    promos.new_action.trigger()
    editor = promos.editor
    assert editor is not None
    qtbot.waitUntil(editor.isVisible)
    commit_text(editor.name, "满500减50")
    qtbot.mouseClick(editor.kinds.keys["threshold"], Qt.MouseButton.LeftButton)
    editor.tiers[0][0].setText("500")
    editor.tiers[0][1].setText("50")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    type_pin(qtbot, open_approval_dialog(qtbot).entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    qtbot.waitUntil(lambda: not editor.isVisible())
    # priced at once: ¥398.00 is ¥102.00 short of 满500减50
    assert promos.view.summary.hint.text() == "¥102.00 more for ¥50.00 off over ¥500.00"
    scanner_burst(qtbot, RICE, window.scan_field)
    scanner_burst(qtbot, RICE, window.scan_field)
    # ¥577.80: ¥50.00 spread over ¥398.00 and ¥179.80
    assert promos.view.note_of(0) == "满500减50 −¥34.44"
    assert promos.view.note_of(1) == "满500减50 −¥15.56"
    assert promos.view.summary.total.text() == "Promotions save ¥50.00"
    assert not promos.view.summary.hint.isVisible()
    assert window.checkout.cart.totals().total.fen == 57780 - 5000
