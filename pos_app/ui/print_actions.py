"""Printing in the checkout window: the background print worker, the printer
status in the status bar, a receipt queued right after every sale, refund and
redemption is committed, the sales history with reprints, printer settings.

A printer that is off, out of paper or unplugged never blocks the till: jobs
wait in the durable queue and the worker retries them off the GUI thread.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from pos_app.core.errors import PosError
from pos_app.core.sale import Sale
from pos_app.services.receipt_builders import redemption_receipt, refund_receipt
from pos_app.services.refunds import RecordedRefund
from pos_app.ui.print_worker import PrintWorker
from pos_app.ui.printer_status import PrinterStatusLabel

if TYPE_CHECKING:
    from pos_app.services.account_views import Redemption
    from pos_app.ui.main_window import MainWindow

log = logging.getLogger("pos_app.printer")


class PrintActions:
    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.service = window.context.printing
        self.worker = PrintWorker(self.service, window)
        self.status = PrinterStatusLabel(window)
        window.statusBar().addPermanentWidget(self.status)
        self.worker.sig_status_changed.connect(self.status.on_print_worker_status_changed)
        self.status.sig_retry_requested.connect(self.worker.retry_now)
        window.sig_sale_completed.connect(self.on_window_sig_sale_completed)

    def start(self) -> None:
        self.worker.start()

    def stop(self) -> None:
        self.worker.stop()

    def _queue(self, what: str, enqueue) -> None:  # type: ignore[no-untyped-def]
        try:
            job = enqueue()
        except PosError:
            # the document itself is safe on disk: only its paper copy waits
            log.exception("receipt of %s not queued", what)
            self.w.show_message(
                QCoreApplication.translate(
                    "PrintActions",
                    "Saved, but the receipt was not queued: reprint it from history.",
                ),
                error=True,
            )
            return
        if job is not None:
            self.worker.kick()

    def on_window_sig_sale_completed(self, sale: Sale) -> None:
        # the member block (name, points, balance) comes from the sale as stored
        self._queue(sale.receipt_no, lambda: self.service.enqueue_sale(sale))

    def on_refund(self, refund: RecordedRefund) -> None:
        sale = self.service.sale(refund.sale_id)
        if sale is None:
            return
        balance = None
        if sale.member is not None:
            balance = self.w.context.members.shown_balance(sale.member.resident_id)
        data = refund_receipt(
            refund,
            sale,
            store=self.service.store(),
            cashier=self.w.context.cashier_name(),
            balance=balance,
            footer=self.service.footer(),
        )
        self._queue(refund.refund_no, lambda: self.service.enqueue_receipt(data))

    def on_redeemed(self, response: Redemption, masked_name: str, period: str) -> None:
        data = redemption_receipt(
            response,
            masked_name=masked_name,
            period=period,
            store=self.service.store(),
            cashier=self.w.context.cashier_name(),
            when=datetime.now(UTC),
            footer=self.service.footer(),
        )
        self._queue(data.number, lambda: self.service.enqueue_receipt(data))

    def open_history(self) -> None:
        from pos_app.ui.dialogs.history_dialog import HistoryDialog

        dialog = HistoryDialog(self.w.checkout, self.service, self.w)
        dialog.sig_reprint_queued.connect(lambda _job: self.worker.kick())
        dialog.sig_return_requested.connect(self.w.residents.open_refund)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def open_settings(self) -> None:
        from pos_app.ui.dialogs.printer_dialog import PrinterDialog

        context = self.w.context
        dialog = PrinterDialog(context.settings.printer, self.w)

        def closed(result: int) -> None:
            dialog.deleteLater()
            if result != QDialog.DialogCode.Accepted:
                return
            context.save_settings(lambda s: replace(s, printer=dialog.values(s.printer)))
            if dialog.wants_test:
                self._queue("test", self.service.enqueue_test)
            self.worker.kick()

        dialog.finished.connect(closed)
        dialog.open()
