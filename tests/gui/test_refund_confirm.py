"""A refund asks first: cancelled, nothing is refunded; confirmed, it is
recorded with the approver the hook named."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import text

from tests.gui.helpers import RICE, WATER, scanner_burst
from tests.gui.test_residents import pay_exact


def refunds(context) -> list[tuple[str, int]]:
    with context.engine.connect() as conn:
        return [
            tuple(r) for r in conn.execute(text("SELECT approved_by, total_fen FROM refunds")).all()
        ]


def open_return(qtbot, window, receipt_no: str):
    window.residents.open_refund(receipt_no)
    dialog = window.residents.refund_dialog
    assert dialog is not None and dialog.sale is not None
    return dialog


def test_cancelled_refund_does_nothing(qtbot, window, context):
    scanner_burst(qtbot, WATER)
    scanner_burst(qtbot, RICE)
    sale = pay_exact(qtbot, window)
    dialog = open_return(qtbot, window, sale.receipt_no)
    dialog.model.request_all()
    refunded: list[object] = []
    dialog.sig_refunded.connect(refunded.append)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    confirmation = dialog.confirmation
    assert confirmation.amounts_shown() == [("Give back", "¥91.90")]
    qtbot.keyClick(confirmation.cancel_button, Qt.Key.Key_Escape)
    assert not confirmation.isVisible()
    assert refunded == [] and refunds(context) == []
    assert dialog.message.text() == ""


def test_confirmed_refund_goes_through_with_the_approver(qtbot, window, context):
    class Manager:
        def approve(self, request):
            return "王店长" if request.amount_fen == 200 else None

    context.refunds.approval = Manager()
    scanner_burst(qtbot, WATER)
    sale = pay_exact(qtbot, window)
    dialog = open_return(qtbot, window, sale.receipt_no)
    dialog.model.request_all()
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    confirmation = dialog.confirmation
    confirmation.confirm_button.setFocus()
    qtbot.keyClick(confirmation.confirm_button, Qt.Key.Key_Return)
    assert refunds(context) == [("王店长", 200)]
    assert "R000001" in dialog.message.text()
