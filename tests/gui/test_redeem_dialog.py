"""The redemption dialog without a server: it says why, and a bug's English
text never reaches the screen (only the log)."""

from __future__ import annotations

from pos_app.core.errors import ErrorCode, PosError
from pos_app.ui.dialogs.redeem_dialog import RedeemDialog
from pos_app.ui.messages import error_text


def test_not_enrolled_and_a_bug_are_both_said_in_the_tills_words(qtbot, context):
    dialog = RedeemDialog(context.sync, "R0001")
    qtbot.addWidget(dialog)
    not_enrolled = error_text(PosError(ErrorCode.SERVER_NOT_ENROLLED))
    qtbot.waitUntil(lambda: dialog.message.text() == not_enrolled)
    assert dialog.balance.text() == "Balance not available"
    dialog.confirm()  # nothing known: nothing to confirm
    assert dialog.confirmation is None
    dialog._failed(RuntimeError("boom: a traceback in English"))
    assert dialog.message.text() == error_text(PosError(ErrorCode.INTERNAL))
    dialog.reject()
