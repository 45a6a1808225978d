"""Staff on the real checkout window at 1024×768, by touch on the on-screen
pad: sign-in before the checkout works, the lock (by key and after idle time)
that keeps the cart and ignores scans, Switch cashier, a manager's PIN for a
cancelled order and for the drawer (after its reason, audited once it opened),
and a wrong-PIN storm."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_app.app import AppContext
from pos_app.receipts.escpos_encoder import DRAWER_KICK
from pos_app.services.staff_audit import DrawerReason
from pos_app.ui.dialogs.drawer_reason_dialog import DrawerReasonDialog
from pos_app.ui.dialogs.sign_in import Mode
from pos_app.ui.launch import create_window
from pos_app.ui.main_window import MainWindow
from pos_app.ui.staff_actions import StaffActions
from tests.gui.conftest import (
    DEMO_CASHIER,
    DEMO_CASHIER_PIN,
    DEMO_MANAGER,
    DEMO_MANAGER_PIN,
    open_approval_dialog,
    type_pin,
)
from tests.gui.helpers import scanner_burst

WATER = "6975321000012"
PROMOTER, PROMOTER_PIN = "demo-promoter-zhao", "3690"


@pytest.fixture
def signed_out(
    qtbot, qapp: QApplication, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    """The window as a till starts: nobody signed in yet."""
    monkeypatch.setattr(StaffActions, "test_sign_in", None)
    win = create_window(qapp, context)
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.scanner is not None:
        qapp.removeEventFilter(win.scanner)
    for widget in qapp.topLevelWidgets():
        widget.close()
    win.close()


def _page(window: MainWindow):  # type: ignore[no-untyped-def]
    return window.staff_actions.page


def test_sign_in_before_the_checkout_works(qtbot, signed_out: MainWindow) -> None:
    window = signed_out
    staff = window.staff_actions
    assert staff.blocks_input() and _page(window).mode is Mode.SIGN_IN
    assert _page(window).title.text() == "Sign in"
    assert sorted(_page(window).entry.buttons) == sorted([DEMO_CASHIER, DEMO_MANAGER, PROMOTER])
    for tile in _page(window).entry.buttons.values():
        assert tile.height() >= 48  # touch
    scanner_burst(qtbot, WATER)  # a scan behind the sign-in page reaches nothing
    assert _page(window).entry.message.text() == "Tap your name first."
    window.scanner.sig_scanned.emit(WATER)
    assert window.checkout.cart.is_empty()
    type_pin(qtbot, _page(window).entry, DEMO_CASHIER, "2468")
    assert staff.blocks_input()
    assert _page(window).entry.message.text() == (
        "Wrong PIN: 4 tries left before a 5-minute lockout."
    )
    assert _page(window).entry.field.text() == ""  # never left on screen
    type_pin(qtbot, _page(window).entry, DEMO_CASHIER, DEMO_CASHIER_PIN)
    assert not staff.blocks_input()
    assert window.cashier_label.text() == "收银员小王"
    scanner_burst(qtbot, WATER)
    assert len(window.checkout.cart.active_lines) == 1


def test_lock_keeps_the_cart_and_unlocks_by_the_same_or_a_manager(
    qtbot, window: MainWindow
) -> None:
    window.resize(1024, 768)
    scanner_burst(qtbot, WATER)
    sale_id = window.checkout.sale_id
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.staff_actions.blocks_input() and _page(window).mode is Mode.UNLOCK
    assert "收银员小王" in _page(window).hint.text()
    scanner_burst(qtbot, WATER)  # into the PIN field: no PIN, not counted as a guess
    assert _page(window).entry.message.text() == (
        "Wrong PIN: 5 tries left before a 5-minute lockout."
    )
    window.scanner.sig_scanned.emit(WATER)  # a scan the filter caught: ignored while locked
    qtbot.keyClick(window, Qt.Key.Key_F9)  # every key is off: no cancel behind the lock
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets() if w is not window)
    type_pin(qtbot, _page(window).entry, PROMOTER, PROMOTER_PIN)
    assert window.staff_actions.blocks_input()
    assert "Only a manager" in _page(window).entry.message.text()
    type_pin(qtbot, _page(window).entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    assert not window.staff_actions.blocks_input()
    assert window.cashier_label.text() == "收银员小王"  # the manager only opened it
    assert window.checkout.sale_id == sale_id
    assert [ln.quantity for ln in window.checkout.cart.active_lines] == [1]


def test_idle_time_locks_the_screen(qtbot, window: MainWindow) -> None:
    scanner_burst(qtbot, WATER)
    assert window.staff_actions.idle.interval() == 5 * 60_000  # the default setting
    window.staff_actions.idle.start(50)
    qtbot.waitUntil(window.staff_actions.blocks_input)
    assert window.context.staff is not None and window.context.staff.locked
    type_pin(qtbot, _page(window).entry, DEMO_CASHIER, DEMO_CASHIER_PIN)
    assert len(window.checkout.cart.active_lines) == 1


def test_switch_cashier_keeps_the_order(qtbot, window: MainWindow, context: AppContext) -> None:
    scanner_burst(qtbot, WATER)
    sale_id = window.checkout.sale_id
    qtbot.keyClick(
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert _page(window).mode is Mode.SWITCH
    qtbot.mouseClick(_page(window).cancel, Qt.MouseButton.LeftButton)  # changed their mind
    assert not window.staff_actions.blocks_input()
    window.staff_actions.switch_cashier()
    type_pin(qtbot, _page(window).entry, PROMOTER, PROMOTER_PIN)
    assert window.cashier_label.text() == "促销员小赵"
    assert window.checkout.sale_id == sale_id and len(window.checkout.cart.active_lines) == 1
    tender = window.checkout.start_tender()
    tender.add_cash(tender.total)
    assert window.checkout.complete(tender).cashier == "促销员小赵"


def test_cancelling_an_order_needs_a_manager_pin(
    qtbot, window: MainWindow, context: AppContext
) -> None:
    window.resize(1024, 768)
    scanner_burst(qtbot, WATER)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    confirm = next(
        w
        for w in QApplication.topLevelWidgets()
        if w.objectName() == "confirmDialog" and w.isVisible()
    )
    qtbot.mouseClick(confirm.confirm_button, Qt.MouseButton.LeftButton)
    dialog = open_approval_dialog(qtbot)
    assert dialog.height() <= 768 and dialog.width() <= 1024
    assert list(dialog.entry.buttons) == [DEMO_MANAGER]  # managers only
    # the signed-in cashier's own PIN is not a manager's
    dialog.entry.set_staff([*context.staff.staff()])  # type: ignore[union-attr]
    type_pin(qtbot, dialog.entry, DEMO_CASHIER, DEMO_CASHIER_PIN)
    assert "Only a manager" in dialog.entry.message.text()
    assert len(window.checkout.cart.active_lines) == 1
    type_pin(qtbot, dialog.entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    qtbot.waitUntil(lambda: window.checkout.cart.is_empty())
    rows = [(r.action, r.requested_by, r.approver_name, r.granted, r.reason)
            for r in context.approval.inner.repo.approvals()]  # type: ignore[attr-defined]  # fmt: skip
    assert rows == [
        ("clear_cart", "收银员小王", "收银员小王", False, "not_a_manager"),
        ("clear_cart", "收银员小王", "店长老李", True, "pin"),
    ]


def _reason_dialog(qtbot):  # type: ignore[no-untyped-def]
    found: list[DrawerReasonDialog] = []

    def shown() -> None:
        found[:] = [
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, DrawerReasonDialog) and w.isVisible()
        ]  # fmt: skip
        assert found

    qtbot.waitUntil(shown)
    return found[-1]


def test_drawer_opens_after_a_reason_and_a_manager_pin(
    qtbot, window: MainWindow, context: AppContext, tmp_path
) -> None:
    out = tmp_path / "printer.bin"
    context.save_setting("printer.connection", f"file://{out}")
    # Esc at the reason: nothing asked, nothing opened
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    reasons = _reason_dialog(qtbot)
    assert all(b.height() >= 48 for b in reasons.buttons.values())  # touch
    qtbot.keyClick(reasons, Qt.Key.Key_Escape)
    assert not reasons.isVisible()
    # a reason tapped, then the manager cancels: nothing opened
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(_reason_dialog(qtbot).buttons[DrawerReason.CHANGE], Qt.MouseButton.LeftButton)
    dialog = open_approval_dialog(qtbot)
    assert dialog.request.details == {"reason": "change"}
    qtbot.mouseClick(
        dialog.findChild(type(dialog.entry.pad.keys["1"]), "approvalCancel"),
        Qt.MouseButton.LeftButton,
    )
    assert not out.exists() or DRAWER_KICK not in out.read_bytes()
    assert context.audit.recent(kind="drawer_open") == []
    # by keyboard: 2 (count the cash), then the manager's PIN
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    third = _reason_dialog(qtbot)
    qtbot.waitUntil(third.isActiveWindow)  # keys go to the active window, as at a till
    qtbot.keyClick(third, Qt.Key.Key_2)
    type_pin(qtbot, open_approval_dialog(qtbot).entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    qtbot.waitUntil(lambda: out.exists() and DRAWER_KICK in out.read_bytes())
    qtbot.waitUntil(lambda: window.status_message.text() == "Drawer opened.")
    # its own audit entry once it opened: who, who approved, why, over which order
    qtbot.waitUntil(lambda: len(context.audit.recent(kind="drawer_open")) == 1)
    [opened] = context.audit.recent(kind="drawer_open")
    assert (opened.actor, opened.subject, opened.details) == (
        "收银员小王",
        window.checkout.sale_id,
        {"approved_by": "店长老李", "reason": "count"},
    )


def test_wrong_pin_storm_locks_out_and_the_app_keeps_running(qtbot, signed_out: MainWindow) -> None:
    window = signed_out
    entry = _page(window).entry
    messages = []
    for i in range(12):
        type_pin(qtbot, entry, DEMO_CASHIER, f"{9000 + i}")
        messages.append(entry.message.text())
    assert messages[3] == "Wrong PIN: 1 tries left before a 5-minute lockout."
    assert messages[4] == "Too many wrong PINs: locked out for 300 seconds."
    assert all(m.startswith("Too many wrong PINs") for m in messages[4:])
    type_pin(qtbot, entry, DEMO_CASHIER, DEMO_CASHIER_PIN)  # the right PIN waits too
    assert window.staff_actions.blocks_input()
    # hostile text typed into the PIN field: at most 8 characters, refused
    entry.field.setText("1' OR '1'='1")
    entry.field.returnPressed.emit()
    assert window.staff_actions.blocks_input()
    type_pin(qtbot, entry, DEMO_MANAGER, DEMO_MANAGER_PIN)  # others still sign in
    assert not window.staff_actions.blocks_input()
    assert window.cashier_label.text() == "店长老李"


def test_sign_in_by_keyboard_alone(qtbot, signed_out: MainWindow) -> None:
    """No touch screen: the arrow keys choose the name, the digits and Enter sign in."""
    entry = _page(signed_out).entry
    names = list(entry.buttons)
    qtbot.keyClick(entry.field, Qt.Key.Key_Right)
    assert entry.selected() == names[0]
    qtbot.keyClick(entry.field, Qt.Key.Key_Right)
    qtbot.keyClick(entry.field, Qt.Key.Key_Left)
    qtbot.keyClick(entry.field, Qt.Key.Key_Left)
    assert entry.selected() == names[-1]
    while entry.selected() != DEMO_CASHIER:
        qtbot.keyClick(entry.field, Qt.Key.Key_Down)
    qtbot.keyClicks(entry.field, DEMO_CASHIER_PIN)
    assert entry.field.text() == DEMO_CASHIER_PIN
    qtbot.keyClick(entry.field, Qt.Key.Key_Return)
    assert not signed_out.staff_actions.blocks_input()
    assert signed_out.cashier_label.text() == "收银员小王"
