"""A manager's PIN at the moment it is needed, in the real window at 1024×768:
a discount beyond the store's limit, an open-price item above its limit, a
discount within the limit (no PIN); and the sign-in page in Chinese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_app.app import AppContext
from pos_app.core.money import Money
from pos_app.core.staff import Role
from pos_app.ui.dialogs.approval_dialog import ApprovalDialog
from pos_app.ui.launch import create_window
from pos_app.ui.main_window import MainWindow
from pos_app.ui.open_price_actions import open_price_item
from pos_app.ui.staff_actions import StaffActions
from pos_app.ui.translators import install_translators, remove_translators
from tests.gui.conftest import DEMO_MANAGER, DEMO_MANAGER_PIN, open_approval_dialog, type_pin
from tests.gui.helpers import scanner_burst

WATER = "6975321000012"  # ¥2.00


def _visible_approvals() -> list[ApprovalDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, ApprovalDialog) and w.isVisible()
    ]


def test_a_discount_within_the_limit_needs_no_pin(qtbot, window: MainWindow) -> None:
    scanner_burst(qtbot, WATER)
    window.actions_.set_discount(1, "20%")  # of ¥2.00
    assert not _visible_approvals()
    assert window.checkout.cart.active_lines[0].discount == Money(40)


def test_a_discount_beyond_the_limit_needs_a_manager_pin(
    qtbot, window: MainWindow, context: AppContext
) -> None:
    window.resize(1024, 768)
    scanner_burst(qtbot, WATER)
    window.actions_.set_discount(1, "0.41")  # 20.5 % of ¥2.00: beyond 20 %
    dialog = open_approval_dialog(qtbot)
    assert "21%" in dialog.what.text()
    assert window.checkout.cart.active_lines[0].discount == Money(0)  # not yet
    type_pin(qtbot, dialog.entry, DEMO_MANAGER, "1111")  # wrong: nothing happens
    assert window.checkout.cart.active_lines[0].discount == Money(0)
    type_pin(qtbot, dialog.entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    assert window.checkout.cart.active_lines[0].discount == Money(41)
    rows = [(r.action, r.amount, r.granted) for r in context.approval.inner.repo.approvals()]  # type: ignore[attr-defined]
    assert rows == [("discount", 41, False), ("discount", 41, True)]


def test_an_open_price_item_above_the_limit_after_a_manager_pin(
    qtbot, window: MainWindow, context: AppContext
) -> None:
    context.save_setting("store.open_price_limit_fen", 5_000)
    dialog = open_price_item(window)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.category_buttons["tea"], Qt.MouseButton.LeftButton)
    dialog.amount_edit.setText("80.00")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert window.checkout.cart.is_empty()
    pin = open_approval_dialog(qtbot)
    type_pin(qtbot, pin.entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [ln.amount for ln in window.checkout.cart.active_lines] == [Money(8_000)]
    # the approval served that item once: the next one asks again
    again = open_price_item(window)
    qtbot.waitUntil(again.isVisible)
    qtbot.mouseClick(again.category_buttons["tea"], Qt.MouseButton.LeftButton)
    again.amount_edit.setText("80.00")
    qtbot.mouseClick(again.add_button, Qt.MouseButton.LeftButton)
    assert open_approval_dialog(qtbot).isVisible()
    assert len(window.checkout.cart.active_lines) == 1


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    remove_translators(qapp)
    install_translators(qapp, "zh_CN")
    yield
    remove_translators(qapp)


def test_the_sign_in_page_in_chinese_at_1024(
    qtbot, qapp, context: AppContext, chinese, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(StaffActions, "test_sign_in", None)
    window = create_window(qapp, context)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    page = window.staff_actions.page
    assert window.staff_actions.blocks_input()
    assert page.title.text() == "登录"
    assert page.hint.text() == "点选您的名字,再输入密码。"
    assert page.height() <= 768 and page.entry.pad.keys["1"].height() >= 48
    type_pin(qtbot, page.entry, DEMO_MANAGER, "1111")
    assert page.entry.message.text() == "密码错误:再错 4 次将锁定 5 分钟。"
    if window.scanner is not None:
        qapp.removeEventFilter(window.scanner)
    window.close()


def _type(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    """Non-ASCII text as an input method commits it (keyClicks aborts on it)."""
    from PySide6.QtGui import QInputMethodEvent

    field.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(field, event)


def test_a_manager_adds_staff_on_the_till(qtbot, window: MainWindow, context: AppContext) -> None:
    window.resize(1024, 768)
    dialog = window.staff_actions.add_staff()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.height() <= 768
    _type(qtbot, dialog.name, "收银员小周")
    qtbot.mouseClick(dialog.role_buttons[Role.PROMOTER], Qt.MouseButton.LeftButton)
    # the pad types the new PIN into the field that has the focus
    dialog.pin.setFocus()
    qtbot.waitUntil(lambda: dialog.entry.pad.target is dialog.pin)
    for digit in "8024":
        qtbot.mouseClick(dialog.entry.pad.keys[digit], Qt.MouseButton.LeftButton)
    assert dialog.pin.text() == "8024"
    dialog.pin_again.setText("8025")
    type_pin(qtbot, dialog.entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    assert dialog.isVisible() and dialog.entry.message.text() == "The two PINs differ."
    dialog.pin_again.setText("8024")
    type_pin(qtbot, dialog.entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    assert not dialog.isVisible()
    assert context.staff is not None
    added = [m for m in context.staff.staff() if m.name == "收银员小周"]
    assert [m.role for m in added] == [Role.PROMOTER]
    assert context.staff.check(added[0].id, "8024") == added[0]
    assert window.status_message.text() == "Staff added: 收银员小周"
