"""Fields that expect a typed code take it whole at any typing speed.

Real key events go through the application's scanner filter (installed by the
launcher, as in the till) into the returns dialog's receipt number and the
payment dialog's reference. The filter's clock advances by the typing interval
of each key; the keys themselves are sent at once, so the filter's real-time
flush timer never fires on a loaded machine and the timing under test is
exactly the one given.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from pos_app.ui.scanner import is_typed_code_field
from tests.gui.helpers import RICE, WATER, scanner_burst
from tests.gui.test_tender import open_tender

# ms per key: scanner speed, a fast typist just under and just over the 35 ms
# threshold, a person; "uneven" is the typist who lost half a receipt number:
# about 30 ms a key, a few keys slower than the threshold.
SPEEDS: dict[str, list[int]] = {
    **{f"{ms}ms": [ms] for ms in (5, 20, 30, 34, 36, 50, 120)},
    "uneven": [30, 28, 41, 30, 33, 29, 31, 34],
}


def type_at(qtbot, window, field: QLineEdit, text: str, intervals: list[int]) -> None:
    """`text` then Enter into `field`, one key every `intervals` ms (cycled)."""
    now = [100.0]
    window.scanner._clock = lambda: now[0]
    for index, char in enumerate(text + "\r"):
        ms = intervals[index % len(intervals)]
        now[0] += ms / 1000
        assert QApplication.focusWidget() is field
        if char == "\r":
            qtbot.keyClick(field, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(field, char)


@pytest.fixture
def scans(window) -> Iterator[list[str]]:
    """What the filter emits as scans; a test clears it when its setup is done."""
    scanned: list[str] = []
    window.scanner.sig_scanned.connect(scanned.append)
    yield scanned
    window.scanner.sig_scanned.disconnect(scanned.append)


def sell_water(qtbot, window) -> str:
    scanner_burst(qtbot, WATER)
    dialog = open_tender(qtbot, window)
    dialog.take_payment()  # cash, the amount due
    assert dialog.sale is not None
    receipt_no = dialog.sale.receipt_no
    dialog.accept()
    qtbot.waitUntil(lambda: window.tender_dialog is None)
    return receipt_no


def open_returns(qtbot, window):
    window.residents.open_refund()
    dialog = window.residents.refund_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.receipt_edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.receipt_edit)
    looked_up: list[str] = []
    load = dialog.load

    def recording_load(text: str) -> bool:
        looked_up.append(text)
        return load(text)

    dialog.load = recording_load  # the real lookup runs; the test sees each call
    return dialog, looked_up


@pytest.mark.parametrize("speed", SPEEDS)
def test_a_receipt_number_typed_at_any_speed_arrives_whole_once(
    qtbot, window, scans, speed: str
) -> None:
    receipt_no = sell_water(qtbot, window)
    dialog, looked_up = open_returns(qtbot, window)
    scans.clear()
    type_at(qtbot, window, dialog.receipt_edit, receipt_no, SPEEDS[speed])
    assert looked_up == [receipt_no]
    assert dialog.sale is not None and dialog.sale.receipt_no == receipt_no
    assert dialog.receipt_edit.text() == receipt_no
    assert scans == []
    assert window.checkout.cart.is_empty()  # nothing leaked to the checkout behind


@pytest.mark.parametrize("speed", SPEEDS)
def test_a_payment_reference_typed_at_any_speed_arrives_whole_once(
    qtbot, window, context, scans, speed: str
) -> None:
    scanner_burst(qtbot, RICE)
    dialog = open_tender(qtbot, window)
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_F4)  # UnionPay card: the slip's reference
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reference_edit)
    reference = "UP-20261127-0042"
    scans.clear()
    type_at(qtbot, window, dialog.reference_edit, reference, SPEEDS[speed])
    assert [(p.kind.value, p.reference) for p in dialog.tender.payments] == [
        ("unionpay", reference)
    ]
    assert dialog.sale is not None and dialog.sale.payments[0].reference == reference
    assert scans == []


def test_a_payment_code_scanned_into_the_reference_pays_with_its_wallet(
    qtbot, window, scans
) -> None:
    scanner_burst(qtbot, RICE)
    dialog = open_tender(qtbot, window)
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_F3)  # Alipay chosen...
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reference_edit)
    dialog.amount_edit.setText("50.00")  # part of the ¥89.90 due
    wechat_code = "134567890123456789"  # ...but the customer shows a WeChat code
    scans.clear()
    type_at(qtbot, window, dialog.reference_edit, wechat_code, [5])
    assert [(p.kind.value, p.amount.fen, p.reference) for p in dialog.tender.payments] == [
        ("wechat", 5000, wechat_code)
    ]
    assert dialog.sale is None and dialog.reference_edit.text() == ""
    assert scans == []


def test_a_membership_code_scanned_into_the_reference_is_refused_and_not_kept(
    qtbot, window
) -> None:
    from pos_app.demo import demo_code

    scanner_burst(qtbot, RICE)
    dialog = open_tender(qtbot, window)
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reference_edit)
    type_at(qtbot, window, dialog.reference_edit, demo_code("R0002"), [5])
    assert dialog.tender.payments == [] and dialog.sale is None
    assert dialog.reference_edit.text() == ""  # a credential is not left in the field
    assert "reference" in dialog.message.text().lower()


def test_a_receipt_qr_scanned_elsewhere_in_the_returns_dialog_is_still_a_scan(
    qtbot, window, scans
) -> None:
    receipt_no = sell_water(qtbot, window)
    dialog, looked_up = open_returns(qtbot, window)
    dialog.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.view)
    scans.clear()
    scanner_burst(qtbot, "YCR1." + receipt_no)
    assert scans == ["YCR1." + receipt_no]
    assert looked_up == ["YCR1." + receipt_no]
    assert dialog.receipt_edit.text() == receipt_no


@pytest.mark.parametrize("speed", SPEEDS)
def test_the_main_window_scan_field_still_tells_scans_from_typing(
    qtbot, window, scans, speed: str
) -> None:
    assert not is_typed_code_field(window.scan_field)
    intervals = SPEEDS[speed]
    now = [100.0]
    window.scanner._clock = lambda: now[0]
    for index, char in enumerate(WATER + "\r"):
        now[0] += intervals[index % len(intervals)] / 1000
        if char == "\r":
            qtbot.keyClick(window.scan_field, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(window.scan_field, char)
    assert [line.name for line in window.checkout.cart.active_lines] == ["硒泉水 550ml"]
    burst = max(intervals) <= 34
    assert scans == ([WATER] if burst else [])
    assert window.scan_field.text() == ""


def test_marked_fields_have_no_input_method(qtbot, window) -> None:
    # a Chinese IME switched on would swallow a scanner's keys in these fields
    scanner_burst(qtbot, WATER, window.scan_field)
    tender = open_tender(qtbot, window)
    fields = [tender.reference_edit]
    window.residents.open_refund()  # the dialogs are only built, not driven, here
    fields.append(window.residents.refund_dialog.receipt_edit)
    for field in fields:
        assert is_typed_code_field(field)
        assert not field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
