"""For the manager: records the central server refused, kept on the till with
the server's reason (nothing is ever dropped), and sent again on request."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.persistence.outbox_repo import OutboxRepository
from pos_app.ui.models.rows import RowsModel
from pos_app.ui.text import local_time


class RejectedModel(RowsModel[dict]):  # type: ignore[type-arg]
    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Kind"), self.tr("Record"), self.tr("Server's reason")]

    def cell(self, row: dict, column: int, index: int) -> str:  # type: ignore[type-arg]
        if column == 0:
            return local_time(row["created_at"])
        if column == 1:
            return str(row["kind"])
        if column == 2:
            return str(row["aggregate_id"])[:8]
        return str(row["rejected_reason"])


class SyncProblemsDialog(QDialog):
    def __init__(self, outbox: OutboxRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Records refused by the central server"))
        self.setMinimumSize(640, 360)
        self.outbox = outbox
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "These records stay on this till. Send them again once the cause is fixed "
                    "(a refund refused because its sale had not arrived goes through later)."
                )
            )
        )
        self.model = RejectedModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.retry_button = QPushButton(self.tr("Send all again"))
        self.retry_button.clicked.connect(self.retry_all)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self.outbox.rejected())
        self.retry_button.setEnabled(self.model.rowCount() > 0)

    def retry_all(self) -> None:
        ids = [str(self.model.row_at(i)["item_id"]) for i in range(self.model.rowCount())]  # type: ignore[index]
        self.outbox.requeue(ids)
        self.reload()
