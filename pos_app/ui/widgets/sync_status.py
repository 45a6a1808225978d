"""Status-bar indicator of sync: online or offline (and since when), records
waiting, records the server refused (for the manager), last successful sync.

A till enrolled with --allow-insecure-http over plain http to another machine
says "unencrypted connection" in every state, online or not, for as long as
it stays so: the token and the sales cross the network readable, and whoever
looks at the till must be able to see it. A URL the till refuses to use
(plain http without that permission) is named as the reason sync stops, and so
is a lost sealing key (the credential cannot be read until the till enrolls again).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

from pos_app.services.sync import SyncStatus
from pos_app.ui.text import local_time


class SyncStatusLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.status: SyncStatus | None = None

    def changeEvent(self, event: QEvent) -> None:
        """A language switch redraws the last status in the new language."""
        if event.type() == QEvent.Type.LanguageChange and self.status is not None:
            self.show_status(self.status)
        super().changeEvent(event)

    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        if not status.enrolled:
            text = self.tr("Not connected to the central server · {pending} to sync").format(
                pending=status.pending
            )
            color = "#7f8c8d"
        elif status.error == "secret_key_lost":  # until enrolled again: nothing can leave
            text = self.tr("Sync stopped: this till's key is lost, enroll it again") + (
                " · " + self.tr("{pending} to sync").format(pending=status.pending)
            )
            color = "#c0392b"
        elif status.error in ("insecure_http", "bad_url"):
            text = (
                self._refusal(status.error)
                + " · "
                + self.tr("{pending} to sync").format(pending=status.pending)
            )
            color = "#c0392b"
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
        if status.notices:
            text += " · " + self.tr(
                "%n notice(s) from the server (see manager)", "", status.notices
            )
        if status.insecure:
            text = "⚠ " + self.tr("Unencrypted connection") + " · " + text
            color = "#c0392b" if color == "#c0392b" else "#d35400"
            self.setToolTip(
                self.tr(
                    "This till syncs over plain http: the till's token and its sales can be "
                    "read on the network. Enroll it again with an https:// address."
                )
            )
        else:
            self.setToolTip("")
        self.setText(text)
        self.setStyleSheet(f"color: {color};")

    def _refusal(self, code: str) -> str:
        if code == "insecure_http":
            return self.tr("Sync stopped: the server address is unencrypted http://")
        return self.tr("Sync stopped: the server address is invalid")
