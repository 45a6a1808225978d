"""The confirmation dialog: amounts shown exactly, Enter confirms only from the
Confirm button, Esc cancels, the approval hook decides after the cashier, big
touch buttons, fits 1024×768."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from pos_app.core.money import Money
from pos_app.services.approvals import Approval, ApprovalAction, ApprovalRequest
from pos_app.ui.dialogs.confirm_dialog import ConfirmDialog

REQUEST = ApprovalRequest(ApprovalAction.REFUND, 123456, reference="S001-T01-000007")


class Hook:
    def __init__(self, answer: str | None = "") -> None:
        self.answer = answer
        self.asked: list[ApprovalRequest] = []

    def approve(self, request: ApprovalRequest) -> str | None:
        self.asked.append(request)
        return self.answer


def make(qtbot, hook: Hook, destructive: bool = True) -> tuple[ConfirmDialog, list[Approval]]:
    dialog = ConfirmDialog(
        "Confirm the refund",
        "Refund receipt S001-T01-000007",
        [("Give back", Money(123456)), ("Points taken back", "270 (¥2.70)")],
        REQUEST,
        hook,
        destructive=destructive,
    )
    qtbot.addWidget(dialog)
    confirmed: list[Approval] = []
    dialog.sig_confirmed.connect(confirmed.append)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog, confirmed


def test_amounts_are_shown_exactly(qtbot):
    dialog, _ = make(qtbot, Hook())
    assert dialog.amounts_shown() == [
        ("Give back", "¥1,234.56"),
        ("Points taken back", "270 (¥2.70)"),
    ]


def test_enter_on_cancel_cancels_and_asks_nobody(qtbot):
    hook = Hook()
    dialog, confirmed = make(qtbot, hook)
    assert dialog.focusWidget() is dialog.cancel_button  # destructive: focus starts on Cancel
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert confirmed == [] and hook.asked == []


def test_enter_on_confirm_confirms_after_the_hook(qtbot):
    hook = Hook("王店长")
    dialog, confirmed = make(qtbot, hook)
    dialog.confirm_button.setFocus()
    qtbot.keyClick(dialog.confirm_button, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert hook.asked == [REQUEST]
    assert confirmed == [Approval(REQUEST, "王店长")] and dialog.approval == confirmed[0]


def test_enter_elsewhere_does_not_confirm(qtbot):
    hook = Hook()
    dialog, confirmed = make(qtbot, hook)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # the default button: Cancel
    assert confirmed == [] and hook.asked == []
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_escape_cancels_even_from_confirm(qtbot):
    hook = Hook()
    dialog, confirmed = make(qtbot, hook)
    dialog.confirm_button.setFocus()
    qtbot.keyClick(dialog.confirm_button, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert confirmed == [] and hook.asked == []


def test_a_refusing_manager_keeps_the_dialog_open(qtbot):
    hook = Hook(None)
    dialog, confirmed = make(qtbot, hook)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert hook.asked == [REQUEST] and confirmed == []
    assert dialog.isVisible() and dialog.message.isVisibleTo(dialog)
    assert dialog.message.text() == "The manager did not approve: nothing was done."


def test_touch_sized_buttons_and_fits_a_small_screen(qtbot):
    dialog, _ = make(qtbot, Hook())
    for button in (dialog.confirm_button, dialog.cancel_button):
        assert button.height() >= 48 and button.width() >= 120
    assert dialog.width() <= 1024 and dialog.height() <= 768


def test_a_non_destructive_act_starts_on_confirm(qtbot):
    dialog, _ = make(qtbot, Hook(), destructive=False)
    assert dialog.focusWidget() is dialog.confirm_button
