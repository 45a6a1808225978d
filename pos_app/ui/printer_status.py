"""The printer's state in the status bar: ready, off, out of paper…, a receipt
that could not be prepared, and how many receipts wait. A click on a red state
asks for an immediate retry."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from pos_app.services.printing import PrinterErrorCode, PrinterState, PrinterStatus
from pos_app.ui.text import local_time


def printer_error_text(code: PrinterErrorCode) -> str:
    # QCoreApplication.translate spelled out at each text: lupdate does not see
    # an alias, and filed these under no context, so they showed in English
    c = PrinterErrorCode
    texts = {
        c.OFFLINE: QCoreApplication.translate("Printer", "printer off or unreachable"),
        c.TIMEOUT: QCoreApplication.translate("Printer", "printer not responding (paper? cover?)"),
        c.DROPPED: QCoreApplication.translate("Printer", "connection lost during printing"),
        c.NOT_FOUND: QCoreApplication.translate("Printer", "printer not found"),
        c.PERMISSION: QCoreApplication.translate("Printer", "no permission to use the printer"),
        c.UNSUPPORTED: QCoreApplication.translate("Printer", "connection type not available here"),
        c.BAD_CONFIG: QCoreApplication.translate("Printer", "printer settings are invalid"),
        c.DISABLED: QCoreApplication.translate("Printer", "no printer configured"),
        c.RENDER: QCoreApplication.translate("Printer", "a receipt could not be prepared"),
    }
    return texts[code]


class PrinterStatusLabel(QLabel):
    sig_retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printerStatus")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.status: PrinterStatus | None = None
        self.setText(self.tr("Printer…"))

    def changeEvent(self, event: QEvent) -> None:
        """A language switch redraws the last state in the new language."""
        if event.type() == QEvent.Type.LanguageChange:
            if self.status is None:
                self.setText(self.tr("Printer…"))
            else:
                self.on_print_worker_status_changed(self.status)
        super().changeEvent(event)

    def on_print_worker_status_changed(self, status: PrinterStatus) -> None:
        self.status = status
        waiting = self.tr(" · %n receipt(s) waiting", "", status.pending) if status.pending else ""
        if status.state is PrinterState.DISABLED:
            text, colour = self.tr("No printer"), "gray"
        elif status.state is PrinterState.OK:
            text, colour = self.tr("Printer ready"), "green"
        else:
            problem = printer_error_text(status.error or PrinterErrorCode.OFFLINE)
            text, colour = self.tr("Printer: {problem}").format(problem=problem), "red"
        self.setText(text + waiting)
        self.setStyleSheet(f"QLabel#printerStatus {{ color: {colour}; }}")
        tips = [status.connection]
        if status.last_printed_at is not None:
            tips.append(
                self.tr("last printed {time}").format(time=local_time(status.last_printed_at))
            )
        if status.set_aside:
            tips.append(
                self.tr("%n receipt(s) could not be prepared (see the log)", "", status.set_aside)
            )
        if status.retry_at is not None:
            tips.append(self.tr("next try {time}").format(time=local_time(status.retry_at)))
        if status.retry_at is not None or status.set_aside:
            tips.append(self.tr("click to retry now"))
        self.setToolTip("\n".join(tips))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.status is not None and self.status.state is PrinterState.ERROR:
            self.sig_retry_requested.emit()
        super().mousePressEvent(event)
