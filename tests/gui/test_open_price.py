"""无码商品 in the real window: the dialog by touch (category button, digit buttons)
and by keyboard, the line in the cart, a refusal shown in the dialog, and the
dialog fitting a 1024×768 screen in English and in Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_app.core.money import Money
from pos_app.ui.dialogs.open_price_dialog import OpenPriceDialog
from pos_app.ui.launch import install_translators
from pos_app.ui.open_price_actions import open_price_item
from tests.gui.helpers import press


def tap(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_by_touch_a_category_and_the_digit_pad_add_the_item(qtbot, window):
    dialog = open_price_item(window)
    qtbot.waitUntil(dialog.isVisible)
    tap(qtbot, dialog.category_buttons["tea"])
    for key in ("3", "5", ".", "5", "0", "9"):  # a third decimal is not taken
        tap(qtbot, dialog.pad_buttons[key])
    assert dialog.amount_edit.text() == "35.50"
    tap(qtbot, dialog.pad_buttons["back"])
    tap(qtbot, dialog.pad_buttons["5"])
    tap(qtbot, dialog.add_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [line] = window.checkout.cart.lines
    assert (line.name, line.amount, line.open_price) == ("无码商品 (茶叶)", Money(3_555), True)
    assert window.totals.total.text() == "¥35.55"
    assert "无码商品 (茶叶)" in window.status_message.text()


def test_by_keyboard_the_amount_is_typed_and_enter_adds(qtbot, window):
    dialog = open_price_item(window)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitActive(dialog)
    dialog.category_buttons["deli"].click()
    qtbot.waitUntil(dialog.amount_edit.hasFocus)
    qtbot.keyClicks(dialog.amount_edit, "12.8", delay=60)  # a person, not a scanner burst
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [line] = window.checkout.cart.lines  # added once, not by Enter and the button both
    assert line.amount == Money(1_280)


def test_no_category_or_amount_is_said_in_the_dialog_which_stays_open(qtbot, window):
    dialog = open_price_item(window)
    qtbot.waitUntil(dialog.isVisible)
    tap(qtbot, dialog.pad_buttons["5"])
    tap(qtbot, dialog.add_button)
    assert dialog.isVisible()
    assert dialog.message.text() == "Choose the item's category first."
    tap(qtbot, dialog.category_buttons["tea"])
    tap(qtbot, dialog.pad_buttons["clear"])
    tap(qtbot, dialog.add_button)
    assert dialog.message.text() == "Type the item's amount (more than ¥0.00)."
    assert window.checkout.cart.is_empty()
    press(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.checkout.cart.is_empty()


class Refusing:
    def approve(self, request: object) -> str | None:
        return None


def test_a_manager_refusing_an_item_over_the_limit_is_shown(qtbot, window, context):
    context.save_setting("store.open_price_limit_fen", 5_000)
    window.checkout.approval = Refusing()
    dialog = open_price_item(window)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.limit_label.text() == "Above ¥50.00 a manager must approve the item."
    tap(qtbot, dialog.category_buttons["tea"])
    dialog.amount_edit.setText("50.01")
    tap(qtbot, dialog.add_button)
    assert dialog.isVisible() and window.checkout.cart.is_empty()
    assert dialog.message.text() == (
        "An item of ¥50.01 is above the ¥50.00 limit: a manager did not approve it."
    )


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_dialog_fits_1024_by_768_with_big_buttons(qtbot, context, language):
    app = QApplication.instance()
    translators = install_translators(app, language)
    try:
        dialog = OpenPriceDialog(context.checkout.categories(), Money(20_000), lambda c, a: None)
        qtbot.addWidget(dialog)
        dialog.resize(dialog.sizeHint())
        dialog.show()
        qtbot.waitExposed(dialog)
        size = dialog.size()
        assert size.width() <= 1024 and size.height() <= 768 - 40  # a title bar's room
        buttons = [*dialog.category_buttons.values(), *dialog.pad_buttons.values()]
        assert len(dialog.category_buttons) == 15
        assert all(b.height() >= 48 and b.width() >= 48 for b in buttons)
        assert all(b.fontMetrics().horizontalAdvance(b.text()) <= b.width() for b in buttons)
        if language == "zh_CN":
            assert dialog.windowTitle() == "无码商品"
        dialog.close()
    finally:
        for translator in translators:
            app.removeTranslator(translator)
