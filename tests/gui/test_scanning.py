"""Scanner bursts, typing and searching in the real checkout window."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_app.core.barcodes import with_check_digit
from pos_app.ui.scanner import ScannerInputFilter
from tests.gui.helpers import DISCONTINUED, RICE, WATER, commit_text, scanner_burst


def cart_names(window) -> list[str]:
    return [line.name for line in window.checkout.cart.active_lines]


def test_scanner_burst_adds_line_and_leaves_field_empty(qtbot, window):
    scanner_burst(qtbot, WATER)
    scanner_burst(qtbot, WATER)
    scanner_burst(qtbot, RICE)
    lines = window.checkout.cart.active_lines
    assert [(ln.name, ln.quantity) for ln in lines] == [
        ("硒泉水 550ml", 2),
        ("五常大米 稻花香2号 5kg", 1),
    ]
    assert window.cart_model.rowCount() == 2
    assert window.scan_field.text() == ""
    assert window.totals.total.text() == "¥93.90"
    # the line the cashier just scanned is the selected one
    assert window.cart_view.currentIndex().row() == 1


def test_scan_is_caught_whatever_widget_has_focus(qtbot, window):
    window.search_field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search_field)
    scanner_burst(qtbot, RICE)
    assert cart_names(window) == ["五常大米 稻花香2号 5kg"]
    assert window.search_field.text() == ""


def test_input_method_is_off_on_the_scan_path_only(window):
    assert not window.scan_field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert window.search_field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)


def test_slow_typing_reaches_the_field_and_is_not_a_scan(qtbot, window):
    ticks = itertools.count()
    window.scanner._clock = lambda: next(ticks) * 0.2  # a person: 200 ms a key
    scanned: list[str] = []
    window.scanner.sig_scanned.connect(scanned.append)
    qtbot.keyClicks(window.scan_field, "wcdm")
    qtbot.waitUntil(lambda: window.scan_field.text() == "wcdm", timeout=2000)
    assert scanned == []
    # the live search offers 五常大米 by its pinyin initials
    assert window.results_view.isVisible()
    first = window.results_model.row_at(0)
    assert first is not None and first.name.startswith("五常大米")
    qtbot.keyClick(window.scan_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_Return)
    second = window.results_model.row_at(1)
    assert len(cart_names(window)) == 1
    assert cart_names(window)[0].startswith("五常大米")
    assert second is None or window.results_view.isHidden()


def test_pinyin_initials_by_scanner_speed_then_enter_adds_top_hit(qtbot, window):
    scanner_burst(qtbot, "wcdm")  # typed fast: treated as a query, never as a product code
    assert window.results_model.rowCount() >= 5
    assert window.checkout.cart.is_empty()
    qtbot.keyClick(window.scan_field, Qt.Key.Key_Return)
    assert cart_names(window)[0].startswith("五常大米")


def test_chinese_name_search_with_one_character(qtbot, window):
    window.search_field.setFocus()
    commit_text(window.search_field, "茶")
    assert window.search_field.text() == "茶"
    names = [window.results_model.row_at(r).name for r in range(window.results_model.rowCount())]
    assert names and all("茶" in n for n in names)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert len(cart_names(window)) == 1 and "茶" in cart_names(window)[0]
    assert window.scan_field.hasFocus() or QApplication.focusWidget() is window.scan_field


def test_unknown_barcode_message_beep_no_modal_and_next_scan_works(qtbot, window):
    unknown = with_check_digit("690000000001")
    scanner_burst(qtbot, unknown)
    assert unknown in window.status_message.text()
    assert QApplication.activeModalWidget() is None
    assert window.checkout.cart.is_empty()
    scanner_burst(qtbot, WATER)
    assert cart_names(window) == ["硒泉水 550ml"]


def test_bad_scans_each_get_a_message_and_change_nothing(qtbot, window):
    scanner_burst(qtbot, WATER)
    before = window.checkout.cart.to_dict()
    cases = {
        "6975321000013": "check digit",  # one digit off
        "9" * 70: "too long",
        "134567890123456789": "payment",  # a WeChat payment code at the product scan
        DISCONTINUED: "discontinued",
    }
    for code, words in cases.items():
        window.status_message.clear()
        scanner_burst(qtbot, code)
        assert words in window.status_message.text().lower(), code
        assert window.checkout.cart.to_dict() == before
        assert QApplication.activeModalWidget() is None


def test_scanner_filter_replays_short_fast_input_as_typing(qtbot, qapp, window):
    # two keys and Enter are too short for a scan: they are typing
    scanned: list[str] = []
    window.scanner.sig_scanned.connect(scanned.append)
    qtbot.keyClicks(window.scan_field, "12")
    qtbot.keyClick(window.scan_field, Qt.Key.Key_Return)
    assert scanned == []
    assert isinstance(window.scanner, ScannerInputFilter)


def test_live_search_without_hits_says_so(window):
    window.on_query_edited("lftc")  # 来凤藤茶
    assert window.results_model.rowCount() > 0
    window.on_query_edited("lftczz")
    assert window.results_model.rowCount() == 0 and window.results_view.isHidden()
    assert "lftczz" in window.status_message.text()


def test_scanner_pressing_shift_for_capitals_is_still_one_burst(qtbot, window):
    """A keyboard-wedge scanner sends Shift down/up around every capital letter."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    from pos_app.demo import demo_code

    code = demo_code("R0002")
    target = window.scan_field
    for ch in code:
        if ch.isupper():
            QApplication.sendEvent(
                target,
                QKeyEvent(
                    QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier
                ),
            )
        mods = Qt.KeyboardModifier.ShiftModifier if ch.isupper() else Qt.KeyboardModifier.NoModifier
        key = Qt.Key(ord(ch.upper())) if ch.isalnum() else Qt.Key.Key_unknown
        QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, key, mods, ch))
        if ch.isupper():
            QApplication.sendEvent(
                target,
                QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier),
            )
    qtbot.keyClick(target, Qt.Key.Key_Return)
    assert window.checkout.member is not None
    assert window.customer_panel.name.text() == "欧**平"
    assert window.scan_field.text() == ""


def test_held_keys_go_to_the_field_they_were_typed_in(qtbot, window):
    # fast typing is held as a possible scan; a tap on another field before it is
    # replayed must not carry the typed text along
    window.search_field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search_field)
    scanner = window.scanner
    for ch in "tea":
        scanner.eventFilter(window.search_field, _key(ch))
    assert scanner.pending() == "tea"
    window.scan_field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.scan_field)
    scanner.flush()
    assert window.search_field.text() == "tea"
    assert window.scan_field.text() == ""


def _key(ch: str):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QEvent.Type.KeyPress, ord(ch.upper()), Qt.KeyboardModifier.NoModifier, ch)


def test_the_counter_fields_leave_ctrl_shortcuts_to_the_window(window):
    # on X11 a line edit claims Ctrl+E (end of line): event mode's key did nothing there
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for field in (window.scan_field, window.search_field):
        for key, kept in ((Qt.Key.Key_E, False), (Qt.Key.Key_P, False), (Qt.Key.Key_V, True)):
            event = QKeyEvent(
                QEvent.Type.ShortcutOverride, key, Qt.KeyboardModifier.ControlModifier
            )
            event.accept()  # as a line edit would on X11 for Ctrl+E
            field.event(event)
            assert event.isAccepted() is kept, (field, key)
