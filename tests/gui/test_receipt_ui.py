"""Receipt preview, sales history with reprint, printer status and the print
worker: offscreen, never blocking (dialogs opened with open(), not exec())."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from pos_app.app import AppContext
from pos_app.core.money import Money
from pos_app.core.sale import Sale
from pos_app.persistence.print_jobs_repo import PrintJobsRepository
from pos_app.persistence.sale_reader import SaleReader
from pos_app.printing import connections
from pos_app.printing.connections import Connection
from pos_app.printing.errors import PrinterErrorCode
from pos_app.receipts.escpos_decoder import decode
from pos_app.receipts.profiles import PROFILES
from pos_app.services.printing import PrinterState, PrinterStatus, PrintService
from pos_app.ui.dialogs.history_dialog import HistoryDialog, SalesHistoryModel
from pos_app.ui.dialogs.receipt_preview import ReceiptPreviewDialog
from pos_app.ui.print_worker import PrintWorker
from pos_app.ui.printer_status import PrinterStatusLabel
from tests.gui.helpers import RICE, WATER
from tests.unit.printing.fake_printer import FakePrinter, refusing_port


@pytest.fixture
def printing(context: AppContext) -> PrintService:
    return PrintService(
        jobs=PrintJobsRepository(context.engine),
        sales=SaleReader(context.engine),
        printer=lambda: context.settings.printer,
        store=lambda: context.settings.store,
        terminal=lambda: context.settings.terminal,
    )


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    with FakePrinter("ok") as fake:
        yield fake


def ring_up(context: AppContext, *codes: str) -> Sale:
    for code in codes:
        context.checkout.scan(code)
    tender = context.checkout.start_tender()
    tender.add_cash(Money(100_000))
    return context.checkout.complete(tender)


@pytest.mark.parametrize(("profile", "dots"), [("generic58", 384), ("generic80", 576)])
def test_preview_dialog_shows_the_paper_width(
    qtbot, context: AppContext, printing: PrintService, profile: str, dots: int
) -> None:
    sale = ring_up(context, WATER, RICE)
    job = printing.render(printing.receipt_for_sale(sale), profile=PROFILES[profile])
    dialog = ReceiptPreviewDialog.for_job(job, PROFILES[profile])
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.isVisible()
    assert dialog.image_size().width() == dots
    assert dialog.image_size().height() > 600
    with qtbot.waitSignal(dialog.sig_print_requested):
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_history_model(qtmodeltester, context: AppContext) -> None:
    ring_up(context, WATER)
    ring_up(context, RICE)
    model = SalesHistoryModel()
    model.set_rows(context.sales.recent())
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.data(model.index(0, 0)).endswith("000002")  # newest first
    assert model.data(model.index(0, 4)) == "¥89.90"


def test_history_lists_sales_and_reprint_queues_a_reprint(
    qtbot, context: AppContext, printing: PrintService, printer: FakePrinter
) -> None:
    context.settings.set("printer.connection", printer.url)
    first = ring_up(context, WATER)
    second = ring_up(context, RICE)
    dialog = HistoryDialog(context.checkout, printing)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.model.rowCount() == 2
    assert dialog.selected().receipt_no == second.receipt_no  # type: ignore[union-attr]

    dialog.lookup_field.setText(f"YCR1.{first.receipt_no}")  # a scanned lookup QR
    qtbot.keyClick(dialog.lookup_field, Qt.Key.Key_Return)
    assert dialog.model.rowCount() == 1
    assert dialog.selected().sale_id == first.sale_id  # type: ignore[union-attr]

    with qtbot.waitSignal(dialog.sig_reprint_queued) as queued:
        qtbot.mouseClick(dialog.reprint_button, Qt.MouseButton.LeftButton)
    job = printing.jobs.get(queued.args[0])
    assert job is not None and job.kind == "reprint" and job.sale_id == first.sale_id
    assert first.receipt_no in dialog.message.text()

    assert printing.process_pending().printed == (job.id,)
    (received,) = printer.wait_for_jobs(1)
    assert "** 重打 REPRINT **" in decode(received).texts


def test_history_lookup_of_an_unknown_number(qtbot, context: AppContext, printing) -> None:  # type: ignore[no-untyped-def]
    ring_up(context, WATER)
    dialog = HistoryDialog(context.checkout, printing)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.lookup_field.setText("S001-T01-999999")
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    assert "S001-T01-999999" in dialog.message.text()
    assert dialog.model.rowCount() == 1  # the list is left as it was


def test_history_preview_opens_without_blocking(
    qtbot, context: AppContext, printing: PrintService
) -> None:
    context.settings.set("printer.profile", "generic58")
    ring_up(context, WATER)
    dialog = HistoryDialog(context.checkout, printing)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    preview = dialog.preview_dialog
    assert preview is not None and preview.isVisible()
    assert preview.image_size().width() == 384
    assert not preview.print_button.isEnabled()  # no printer configured
    preview.close()


def test_printer_status_label(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = PrinterStatusLabel()
    qtbot.addWidget(label)
    label.on_print_worker_status_changed(
        PrinterStatus(PrinterState.OK, None, 0, None, None, "tcp://10.0.0.9:9100")
    )
    assert label.text() == "Printer ready"
    with qtbot.assertNotEmitted(label.sig_retry_requested):
        qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    label.on_print_worker_status_changed(
        PrinterStatus(PrinterState.ERROR, PrinterErrorCode.TIMEOUT, 3, None, None, "tcp://x")
    )
    assert "not responding" in label.text() and "3" in label.text()
    with qtbot.waitSignal(label.sig_retry_requested):
        qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    label.on_print_worker_status_changed(
        PrinterStatus(PrinterState.DISABLED, None, 0, None, None, "none")
    )
    assert label.text() == "No printer"


def test_print_worker_prints_off_the_gui_thread(
    qtbot, context: AppContext, printer: FakePrinter
) -> None:
    sent_on: list[int] = []

    def send(connection: Connection, data: bytes, *, timeout: float) -> None:
        sent_on.append(threading.get_ident())  # the real send, watched
        connections.send(connection, data, timeout=timeout)

    printing = PrintService(
        jobs=PrintJobsRepository(context.engine),
        sales=SaleReader(context.engine),
        printer=lambda: context.settings.printer,
        store=lambda: context.settings.store,
        terminal=lambda: context.settings.terminal,
        send=send,
    )
    context.settings.set("printer.connection", printer.url)
    worker = PrintWorker(printing, idle_ms=60_000)
    job_id = printing.enqueue_sale(ring_up(context, WATER))
    with qtbot.waitSignal(worker.sig_status_changed, timeout=5000) as changed:
        worker.start()
    try:
        assert changed.args[0].state is PrinterState.OK and changed.args[0].pending == 0
        assert len(printer.wait_for_jobs(1)) == 1
        gui_thread = threading.get_ident()  # the test runs on the GUI thread
        assert len(sent_on) == 1 and sent_on[0] != gui_thread
        assert printing.jobs.get(job_id).state == "printed"  # type: ignore[union-attr]
        assert worker.next_run_in_ms() > 50_000  # idle: next look in a minute
    finally:
        worker.stop()


def test_print_worker_backs_off_and_reports_the_error(
    qtbot, context: AppContext, printing: PrintService
) -> None:
    context.settings.set("printer.connection", f"tcp://127.0.0.1:{refusing_port()}")
    worker = PrintWorker(printing, idle_ms=60_000)
    printing.enqueue_sale(ring_up(context, WATER))
    with qtbot.waitSignal(worker.sig_run_finished, timeout=5000) as finished:
        worker.start()
    try:
        run = finished.args[0]
        assert run.error is PrinterErrorCode.OFFLINE
        assert 1000 <= worker.next_run_in_ms() <= 2500  # the 2 s backoff, not the idle minute
        label = PrinterStatusLabel()
        qtbot.addWidget(label)
        worker.sig_status_changed.connect(label.on_print_worker_status_changed)
        label.sig_retry_requested.connect(worker.retry_now)
        with qtbot.waitSignal(worker.sig_status_changed, timeout=5000):
            worker.retry_now()
        assert "off or unreachable" in label.text()
    finally:
        worker.stop()
