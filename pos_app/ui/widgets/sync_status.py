"""Status-bar indicator of sync: online or offline (and since when), records
waiting, records the server refused (for the manager), last successful sync."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from pos_app.services.sync import SyncStatus
from pos_app.ui.text import local_time


class SyncStatusLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")

    def show_status(self, status: SyncStatus) -> None:
        if not status.enrolled:
            text = self.tr("Not connected to the central server · {pending} to sync").format(
                pending=status.pending
            )
            color = "#7f8c8d"
        elif status.online:
            text = self.tr("Online · {pending} to sync").format(pending=status.pending)
            color = "#2e7d32"
        else:
            text = self.tr("Offline · {pending} to sync").format(pending=status.pending)
            color = "#c0392b"
        if status.last_success is not None:
            text += " · " + self.tr("last sync {time}").format(
                time=local_time(status.last_success)[5:16]
            )
        if status.rejected:
            text += " · " + self.tr("{n} refused by the server (see manager)").format(
                n=status.rejected
            )
        self.setText(text)
        self.setStyleSheet(f"color: {color};")
