"""A real checkout window on a real database, with the scanner filter installed
on the application exactly as the launcher does it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from pos_app.app import AppContext
from pos_app.ui.launch import create_window
from pos_app.ui.main_window import MainWindow
from pos_app.ui.staff_actions import StaffActions
from pos_app.ui.translators import install_translators, remove_translators


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    """The till in English, as a cashier sees it: with the English plural forms
    ("1 point", "2 points"), not the source texts' "point(s)". A test that switches
    to Chinese replaces them; each test starts in English again."""
    install_translators(qapp, "en")
    yield
    remove_translators(qapp)


#: the demo cashier every window of a test is signed in as when it opens
DEMO_CASHIER, DEMO_CASHIER_PIN = "demo-cashier-wang", "1357"
DEMO_MANAGER, DEMO_MANAGER_PIN = "demo-manager-li", "2468"


@pytest.fixture(autouse=True)
def signed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """Test mode: each window opens with the demo cashier signed in, at the
    checkout, as before staff existed. Sign-in tests set it back to None."""
    monkeypatch.setattr(StaffActions, "test_sign_in", (DEMO_CASHIER, DEMO_CASHIER_PIN))


@pytest.fixture
def window(qtbot, qapp: QApplication, context: AppContext) -> Iterator[MainWindow]:
    win = create_window(qapp, context)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitActive(win)
    win.scan_field.setFocus()
    yield win
    if win.scanner is not None:
        qapp.removeEventFilter(win.scanner)
    for widget in qapp.topLevelWidgets():  # dialogs left open by the test
        widget.close()
    win.close()


def type_pin(qtbot, entry, staff_id: str, pin: str) -> None:  # type: ignore[no-untyped-def]
    """Tap `staff_id`'s tile, then the PIN on the on-screen pad, then Enter."""
    from PySide6.QtCore import Qt

    qtbot.mouseClick(entry.buttons[staff_id], Qt.MouseButton.LeftButton)
    for digit in pin:
        qtbot.mouseClick(entry.pad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(entry.pad.keys["↵"], Qt.MouseButton.LeftButton)


def open_approval_dialog(qtbot):  # type: ignore[no-untyped-def]
    """The manager-PIN dialog the act opened (waits for it)."""
    from pos_app.ui.dialogs.approval_dialog import ApprovalDialog

    found: list[ApprovalDialog] = []

    def shown() -> None:
        found[:] = [
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, ApprovalDialog) and w.isVisible()
        ]  # fmt: skip
        assert found

    qtbot.waitUntil(shown)
    return found[-1]


@pytest.fixture
def approve_as_manager(qtbot):  # type: ignore[no-untyped-def]
    """Call it after an act that needs a manager: the demo manager types their
    PIN on the pad of the approval dialog it opened."""

    def approve() -> None:
        dialog = open_approval_dialog(qtbot)
        type_pin(qtbot, dialog.entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
        assert not dialog.isVisible()

    return approve
