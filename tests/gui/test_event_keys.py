"""The counter's keys in event mode, in the REAL window: F3 (search), F4 (quantity),
F6 (hold) and the other counter-only keys do nothing to the hidden counter while the
event screen shows (the screen says why); F12 pays the event's sale through the
event screen; back at the counter every key works again, and a lock during the
event neither re-enables nor loses them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from pos_app.app import AppContext
from pos_app.ui.main_window import MainWindow
from tests.gui import test_event_in_window as in_window
from tests.gui.conftest import type_pin
from tests.gui.test_event_in_window import (
    PROMOTER,
    PROMOTER_PIN,
    WATER,
    open_event_mode,
    tap,
    tap_tile,
)

# the event-mode window test's fixtures: the demo till with its event, a window maker
till, make_window = in_window.till, in_window.make_window
NOT_HERE = "That key works at the counter: end event mode to use it."


def press(qtbot, window: MainWindow, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """A key typed where the keyboard's focus is (the window's shortcuts see it)."""
    focus = QApplication.focusWidget()
    assert focus is not None and focus.window() is window
    qtbot.keyClick(focus, key)


@pytest.mark.parametrize("size", [QSize(1024, 768), QSize(1920, 1080)])
def test_counter_keys_are_inert_in_event_mode_and_pay_pays_the_event_sale(  # type: ignore[no-untyped-def]
    qtbot, make_window, till: AppContext, size: QSize
) -> None:
    window = make_window(size)
    open_event_mode(qtbot, window, PROMOTER, PROMOTER_PIN)
    screen = window.event_actions.screen
    assert screen is not None and screen.isVisible()
    window.activateWindow()  # offscreen, the closed list gives the window back by hand
    qtbot.waitActive(window)
    qtbot.waitUntil(screen.scan_field.hasFocus)  # the promoter's keyboard and scanner field
    tap_tile(qtbot, screen, WATER)
    assert screen.sale_model.rowCount() == 1

    press(qtbot, window, Qt.Key.Key_F3)  # search: the hidden search field gets no focus
    assert not window.search_field.hasFocus()
    assert screen.message.text() == NOT_HERE
    screen.say("")
    press(qtbot, window, Qt.Key.Key_F6)  # hold: the event's sale stays
    assert screen.message.text() == NOT_HERE
    assert not till.checkout.cart.is_empty() and till.checkout.held_orders() == []
    for key in (Qt.Key.Key_F4, Qt.Key.Key_F5, Qt.Key.Key_F8, Qt.Key.Key_F7, Qt.Key.Key_F9,
                Qt.Key.Key_F1, Qt.Key.Key_F11, Qt.Key.Key_F2):  # fmt: skip
        press(qtbot, window, key)
        assert [w for w in QApplication.topLevelWidgets()
                if w.isVisible() and w is not window] == [], key  # fmt: skip
    assert [ln.quantity for ln in till.checkout.cart.lines if not ln.voided] == [1]

    # F12: the event screen's Pay, the counter's tender window for the event's sale
    press(qtbot, window, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: window.tender_dialog is not None and window.tender_dialog.isVisible())
    assert window.tender_dialog is not None
    window.tender_dialog.reject()
    qtbot.waitUntil(lambda: window.tender_dialog is None or not window.tender_dialog.isVisible())

    # a lock during the event: the keys stay inert after it, and work again at the counter
    window.staff_actions.lock()
    type_pin(qtbot, window.staff_actions.page.entry, PROMOTER, PROMOTER_PIN)
    assert screen.isVisible()
    screen.say("")
    press(qtbot, window, Qt.Key.Key_F3)
    assert screen.message.text() == NOT_HERE and not window.search_field.hasFocus()
    screen.sale_view.selectRow(0)
    tap(qtbot, screen.remove_button)
    tap(qtbot, screen.stop_button)
    assert window.event_actions.screen is None
    qtbot.waitUntil(window.cart_view.isVisible)
    press(qtbot, window, Qt.Key.Key_F3)
    qtbot.waitUntil(window.search_field.hasFocus)
