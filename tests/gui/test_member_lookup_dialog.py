"""Finding a resident by the last four digits of their phone, in the real window
at 1024×768: big keys or the keyboard, candidates tapped, the cache's answer
said to be offline, and the resident in the cart with "after review" shown."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from pos_app.services.account_views import PhoneMatch
from pos_app.ui.dialogs.member_lookup_dialog import MemberLookupDialog
from pos_app.ui.resident_actions import find_member_by_phone
from tests.gui.helpers import WATER, scanner_burst

SMALL_SCREEN = QRect(0, 0, 1024, 768)


def _rows(dialog: MemberLookupDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _tap_keys(qtbot, dialog: MemberLookupDialog, digits: str) -> None:
    for digit in digits:
        qtbot.mouseClick(dialog.keys[digit], Qt.MouseButton.LeftButton)


def _tap_row(qtbot, dialog: MemberLookupDialog, row: int) -> None:
    rect = dialog.view.visualRect(dialog.model.index(row, 0))
    qtbot.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _fits(dialog: QWidget) -> None:
    """Inside a 1024×768 screen, every visible child inside the dialog, keys for a finger."""
    assert dialog.width() <= SMALL_SCREEN.width() and dialog.height() <= SMALL_SCREEN.height()
    inside = dialog.rect()
    for child in dialog.findChildren(QWidget):
        if child.isVisible() and child.isWindow() is False:
            top_left = child.mapTo(dialog, QPoint(0, 0))
            assert inside.contains(QRect(top_left, child.size())), child.objectName()
    for key in dialog.findChildren(QPushButton):
        assert key.height() >= 48 and key.width() >= 48, key.text()


def test_tapping_four_keys_lists_the_cached_residents_and_says_offline(qtbot, window) -> None:
    window.resize(1024, 768)
    dialog = find_member_by_phone(window)
    qtbot.waitExposed(dialog)
    _fits(dialog)
    _tap_keys(qtbot, dialog, "1239")
    qtbot.mouseClick(dialog.keys["⌫"], Qt.MouseButton.LeftButton)  # a wrong last digit
    assert dialog.digits.text() == "123"
    _tap_keys(qtbot, dialog, "4")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    # a demo till is not enrolled: its own resident cache answered, and says so
    assert _rows(dialog) == [
        ["张*明", "*******1234", "示范社区"],
        ["陈*华", "*******1234", "滨江社区"],
    ]
    assert "Offline" in dialog.status.text()
    assert "after review" in dialog.findChild(QWidget, "lookupReviewNote").text()
    _tap_row(qtbot, dialog, 1)
    qtbot.waitUntil(lambda: window.checkout.member is not None)
    member = window.checkout.member
    assert (member.member.resident_id, member.member.code) == ("R0005", "")
    panel = window.customer_panel
    assert (panel.name.text(), panel.community.text()) == ("陈*华", "滨江社区")
    assert "confirmed after review" in panel.review.text()
    assert "after review" in window.status_message.text()
    assert not dialog.isVisible()
    scanner_burst(qtbot, WATER, window.scan_field)
    assert window.checkout.cart.totals().total.fen == 190  # member price, as with a QR


def test_keyboard_entry_and_enter_pick_the_first_candidate(qtbot, window) -> None:
    dialog = find_member_by_phone(window)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    # the cashier types at once: the digits have the keyboard
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.digits)
    qtbot.keyClicks(dialog.digits, "56x78")  # the x is refused by the field
    assert dialog.digits.text() == "5678"
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert _rows(dialog) == [["欧**平", "*******5678", "示范社区"]]
    with qtbot.waitSignal(dialog.sig_chosen) as chosen:
        qtbot.keyClick(dialog.digits, Qt.Key.Key_Return)
    assert chosen.args == [PhoneMatch("R0002", "欧**平", "*******5678", "C001", "示范社区")]
    qtbot.waitUntil(lambda: window.checkout.member is not None)
    assert window.checkout.member.member.resident_id == "R0002"


def test_no_match_says_so_and_clear_starts_again(qtbot, context) -> None:
    dialog = MemberLookupDialog(context.members)
    qtbot.addWidget(dialog)
    dialog.show()
    _tap_keys(qtbot, dialog, "0000")
    qtbot.waitUntil(lambda: "No resident" in dialog.status.text())
    assert dialog.model.rowCount() == 0
    qtbot.mouseClick(dialog.keys["C"], Qt.MouseButton.LeftButton)
    assert (dialog.digits.text(), dialog.status.text()) == ("", "")
    _tap_keys(qtbot, dialog, "12345")  # a fifth digit is not taken
    assert dialog.digits.text() == "1234"
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    dialog.close()
