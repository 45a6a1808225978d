"""The window with a real central server on 127.0.0.1: the status bar shows
offline, then online once synced; the resident's balance comes from the
server; points redeemed against a property-fee bill; an anonymous receipt's
points claimed; both refused clearly when the server is down."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pos_app.demo import demo_code
from pos_app.ui.dialogs.claim_dialog import ClaimDialog
from pos_app.ui.dialogs.redeem_dialog import RedeemDialog
from tests.gui.helpers import RICE, scanner_burst
from tests.sync.conftest import (  # noqa: F401  (fixtures)
    _sqlite_demo_template,
    live_server,
    sqlite_demo_url,
    start_live_server,
)

pytestmark = pytest.mark.slow


def pay(qtbot, window):
    window.open_tender()  # F12 (the key itself is tested elsewhere)
    qtbot.waitUntil(lambda: window.tender_dialog is not None and window.tender_dialog.isVisible())
    dialog = window.tender_dialog
    dialog.take_payment()
    sale = dialog.sale
    dialog.accept()
    qtbot.waitUntil(lambda: window.tender_dialog is None)
    return sale


def test_offline_then_synced_balance_redeem_and_claim(qtbot, window, context, live_server):  # noqa: F811
    # sold offline, before the till ever met the server
    scanner_burst(qtbot, RICE, window.scan_field)
    scanner_burst(qtbot, demo_code("R0001"), window.scan_field)
    member_sale = pay(qtbot, window)
    scanner_burst(qtbot, RICE, window.scan_field)
    anonymous_sale = pay(qtbot, window)
    window.refresh_pending()
    assert (
        "Not connected" in window.pending_label.text()
        and "2 to sync" in window.pending_label.text()
    )

    context.sync.enroll(live_server.url, live_server.enrollment_code())
    status = context.sync.sync_once()
    window.on_sync_sig_status(status)
    assert status.error is None and status.pending == 0 and status.pushed == 2
    assert "Online" in window.pending_label.text()
    assert context.sync.resident("R0001").balance == 1280 + member_sale.points

    scanner_burst(qtbot, demo_code("R0001"), window.scan_field)
    window.residents.open_redeem()
    dialog = window.residents.side_dialog
    assert isinstance(dialog, RedeemDialog)
    qtbot.waitUntil(lambda: dialog.bills.rowCount() > 0, timeout=10000)
    assert "1,549" in dialog.balance.text()  # 1280 + 269
    # all of the resident's points: the confirmation says so, and cancelling does nothing
    dialog.points_edit.setText("1549")
    dialog._new_attempt()
    dialog.confirm()
    confirmation = dialog.confirmation
    assert confirmation.warning.isVisibleTo(confirmation)
    assert "ALL of 张*明's points" in confirmation.warning.text()
    qtbot.keyClick(confirmation.cancel_button, Qt.Key.Key_Escape)
    assert not confirmation.isVisible()
    assert context.sync.resident("R0001").balance == 1549  # nothing redeemed
    # part of them: points AND the fee offset in ¥ are named; confirmed, it goes through
    dialog.points_edit.setText("500")
    dialog._new_attempt()
    dialog.confirm()
    confirmation = dialog.confirmation
    assert not confirmation.warning.isVisibleTo(confirmation)
    shown = dict(confirmation.amounts_shown())
    assert (shown["Points used"], shown["Property fee paid"]) == ("500", "¥5.00")
    assert shown["Points left"] == "1,049 (¥10.49)"
    with qtbot.waitSignal(dialog.sig_redeemed, timeout=10000) as redeemed:
        qtbot.mouseClick(confirmation.confirm_button, Qt.MouseButton.LeftButton)
    assert redeemed.args[0].points == 500 and redeemed.args[0].balance == 1049
    # kept at the till as the server answered it, and counted in the shift's X read
    [kept] = context.redemptions.recorded()
    assert (kept.redemption_id, kept.resident_id, kept.points, kept.balance_after) == (
        str(redeemed.args[0].redemption_id),
        "R0001",
        500,
        1049,
    )
    assert context.shifts.x_read().points_redeemed == 500
    window.shift_keys.x_read()  # and on the X read the cashier sees
    assert window.shift_keys.dialog.values["Points redeemed"].text() == "500"
    window.shift_keys.dialog.close()
    # the approval asked names the signed-in cashier, not the till's setting
    [asked] = [e for e in context.audit.recent(kind="approval") if e.subject == kept.bill_id]
    assert (asked.actor, asked.details["action"], asked.details["amount_fen"]) == (
        "收银员小王",
        "redemption",
        500,
    )
    dialog.reject()

    claim = context.receipt_qr.for_sale(anonymous_sale)
    window.residents.receipt_scanned(claim)
    claim_dialog = window.residents.side_dialog
    assert isinstance(claim_dialog, ClaimDialog)
    with qtbot.waitSignal(claim_dialog.sig_claimed, timeout=10000) as claimed:
        scanner_burst(qtbot, demo_code("R0002"), claim_dialog)  # routed to the claim dialog
    assert claimed.args[0].points == 269 and claimed.args[0].balance == 35 + 269
    claim_dialog.reject()

    live_server.stop()
    status = context.sync.sync_once()
    window.on_sync_sig_status(status)
    assert "Offline" in window.pending_label.text()
    scanner_burst(qtbot, demo_code("R0001"), window.scan_field)
    window.residents.open_redeem()
    dialog = window.residents.side_dialog
    qtbot.waitUntil(lambda: "cannot be reached" in dialog.message.text(), timeout=15000)
    assert dialog.bills.rowCount() == 0
    dialog.reject()
    # the till keeps selling offline
    scanner_burst(qtbot, RICE, window.scan_field)
    assert pay(qtbot, window).total.fen == 8990


def test_refused_records_are_listed_for_the_manager_and_sent_again(qtbot, window, context):
    from pos_app.ui.dialogs.sync_problems_dialog import SyncProblemsDialog
    from sync.protocol.push import ItemResult, ItemStatus

    scanner_burst(qtbot, RICE, window.scan_field)
    pay(qtbot, window)
    item = context.sync.outbox.pending(10)[0]
    context.sync.outbox.record_results(
        [ItemResult(item_id=item.item_id, status=ItemStatus.REJECTED, reason="sale_unknown")]
    )
    window.refresh_pending()
    assert "1 refused" in window.pending_label.text()
    assert context.sync.outbox.pending(10) == []  # kept, not retried blindly
    dialog = SyncProblemsDialog(context.sync, window)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.model.data(dialog.model.index(0, 3)) == (
        "The server has not received the sale yet: send again later"
    )
    assert not dialog.notices_view.isVisibleTo(dialog)  # no notices: no empty table
    dialog.retry_all()
    assert dialog.model.rowCount() == 0
    assert [i.item_id for i in context.sync.outbox.pending(10)] == [item.item_id]


def test_a_malformed_record_names_its_field_and_a_notice_is_listed(qtbot, window, context):
    from pos_app.ui.dialogs.sync_problems_dialog import SyncProblemsDialog
    from sync.protocol.changes import Change
    from sync.protocol.push import ItemResult, ItemStatus

    scanner_burst(qtbot, RICE, window.scan_field)
    sale = pay(qtbot, window)
    item = context.sync.outbox.pending(10)[0]
    context.sync.outbox.record_results(
        [
            ItemResult(
                item_id=item.item_id,
                status=ItemStatus.REJECTED,
                reason="invalid_payload",
                field="payload.lines.0.sku",
            )
        ]
    )
    data = {"code": "id_conflict", "record_kind": "sale", "record_id": sale.sale_id,
            "at": "2026-11-27T04:00:00Z"}  # fmt: skip
    context.sync.state.apply([Change(seq=1, kind="notice", op="upsert", key="n1", data=data)], "1")
    dialog = SyncProblemsDialog(context.sync, window)
    qtbot.addWidget(dialog)
    assert dialog.model.data(dialog.model.index(0, 3)) == (
        "The record is malformed (payload.lines.0.sku)"
    )
    assert dialog.notices_view.isVisibleTo(dialog) and dialog.notices.rowCount() == 1
    assert dialog.notices.data(dialog.notices.index(0, 2)) == sale.sale_id[:8]
    assert dialog.notices.data(dialog.notices.index(0, 3)).startswith("Another till sent a record")
