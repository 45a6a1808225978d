"""Receipts from the real window to a loopback "printer": a sale with a resident
prints its lines, points and QR; a refund prints its own receipt; a printer
that is off never blocks the sale and prints once it comes back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pos_app.demo import demo_code
from pos_app.receipts.escpos_decoder import PaperCut, decode
from pos_app.receipts.profiles import PROFILES
from tests.gui.helpers import RICE, WATER, scanner_burst
from tests.unit.printing.fake_printer import FakePrinter, refusing_port


def sell(qtbot, window):
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: window.tender_dialog is not None and window.tender_dialog.isVisible())
    dialog = window.tender_dialog
    dialog.amount_edit.setText("100")
    dialog.take_payment()
    sale = dialog.sale
    dialog.accept()
    qtbot.waitUntil(lambda: window.tender_dialog is None)
    return sale


def jobs(qtbot, printer: FakePrinter, count: int) -> list[bytes]:
    # the print worker runs on Qt's event loop: wait with it running
    qtbot.waitUntil(lambda: len(printer.jobs) >= count, timeout=8000)
    return printer.jobs


def use_printer(window, url: str) -> None:
    window.context.save_setting("printer.connection", url)
    window.context.save_setting("printer.timeout_s", 1.0)
    window.printing.start()


def test_member_sale_and_its_refund_print_in_chinese(qtbot, window, approve_as_manager):
    with FakePrinter() as printer:
        use_printer(window, printer.url)
        scanner_burst(qtbot, RICE)
        scanner_burst(qtbot, WATER)
        scanner_burst(qtbot, demo_code("R0001"))
        sale = sell(qtbot, window)
        job = decode(jobs(qtbot, printer, 1)[0])
        text = "\n".join(job.texts)
        assert sale.receipt_no in text and "五常大米" in text and "张*明" in text
        assert "本单积分" in text and "275" in text  # (8990 + 190) × 10 % × 30 % = 275.4
        assert job.qr_payloads == ["YCR1." + sale.receipt_no]
        assert job.count(PaperCut) == 1

        window.residents.open_refund("YCR1." + sale.receipt_no)
        dialog = window.residents.refund_dialog
        dialog.model.request(1, 1)
        dialog.confirm()
        dialog.confirmation.confirm_button.click()  # the confirmation with the amounts
        approve_as_manager()  # every refund needs a manager's PIN
        refund_job = decode(jobs(qtbot, printer, 2)[1])
        refund_text = "\n".join(refund_job.texts)
        assert (
            "退货" in refund_text and sale.receipt_no in refund_text and "五常大米" in refund_text
        )
        # 275 earned; the water kept (190) earns 5: 270 taken back, shown once, negative
        assert [t for t in refund_job.texts if t.startswith("本单积分")] == [
            "本单积分" + " " * 36 + "-270"
        ]
        assert "+-" not in refund_text and "扣回积分" not in refund_text
        assert "收银员小王" in refund_text  # the signed-in cashier, not the setting


def test_printer_off_never_blocks_the_sale_and_prints_when_back(qtbot, window, context):
    use_printer(window, f"tcp://127.0.0.1:{refusing_port()}")
    scanner_burst(qtbot, WATER)
    sale = sell(qtbot, window)
    assert context.sales.count() == 1  # committed first, whatever the printer does
    qtbot.waitUntil(lambda: "Printer" in window.printing.status.text(), timeout=5000)
    assert context.printing.status().pending == 1
    with FakePrinter() as printer:
        window.context.save_setting("printer.connection", printer.url)
        window.printing.worker.retry_now()
        job = decode(jobs(qtbot, printer, 1)[0])
    assert sale.receipt_no in "\n".join(job.texts)
    qtbot.waitUntil(lambda: context.printing.status().pending == 0, timeout=5000)


def printer_dialog(window):
    from PySide6.QtWidgets import QDialog

    window.printing.open_settings()
    dialog = window.findChild(QDialog, "printerDialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


@pytest.mark.parametrize("profile", ["generic58", "generic80", "epson_tm_t88"])
def test_printer_dialog_test_print_turns_the_status_green(qtbot, window, profile):
    label = window.printing.status
    with FakePrinter() as printer:
        window.context.save_setting("printer.timeout_s", 1.0)
        window.printing.start()
        dialog = printer_dialog(window)
        dialog.connection.setText(printer.url)
        dialog.profile.setCurrentIndex(dialog.profile.findData(profile))
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        job = decode(jobs(qtbot, printer, 1)[0])
    assert window.context.settings.printer.profile == profile
    assert "打印测试 / Test print" in job.texts
    assert any("0.512kg x 39.80/kg" in t for t in job.texts)
    if PROFILES[profile].qr_native:
        assert job.qr_payloads == ["YCR1.TEST"]
    else:
        assert len(job.rasters) == 1  # the QR, as an image
    qtbot.waitUntil(lambda: label.text() == "Printer ready", timeout=5000)
    assert "color: green" in label.styleSheet()


def test_a_receipt_that_cannot_be_rendered_turns_the_status_red(qtbot, window, context):
    label = window.printing.status
    with FakePrinter() as printer:
        use_printer(window, printer.url)
        context.printing.jobs.add(  # e.g. written by a newer version of the till
            job_key="unrenderable",
            sale_id=None,
            kind="sale",
            payload='{"kind": "coupon"}',
            kick_drawer=False,
            now=context.printing.clock(),
        )
        dialog = printer_dialog(window)
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        assert "打印测试 / Test print" in decode(jobs(qtbot, printer, 1)[0]).texts
        qtbot.waitUntil(lambda: "could not be prepared" in label.text(), timeout=5000)
    assert label.text() == "Printer: a receipt could not be prepared"
    assert "color: red" in label.styleSheet()
    assert "1 receipt could not be prepared (see the log)" in label.toolTip()
    assert "click to retry now" in label.toolTip()
