"""For the manager: records the central server refused, kept on the till with
the server's reason (nothing is ever dropped) and sent again on request, and
the notices the server addressed to this till (another till used one of this
till's record ids)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
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

from pos_app.services.sync import SyncService
from pos_app.services.sync_problems import RefusedRecord, ServerNotice
from pos_app.ui.models.rows import RowsModel
from pos_app.ui.server_messages import record_kind_text
from pos_app.ui.text import local_time


def reason_text(stored: str) -> str:
    """A stored refusal ("code" or "code:field") as a sentence the manager can act on."""
    code, _, field = stored.partition(":")
    texts = {
        "invalid_payload": QCoreApplication.translate("SyncProblems", "The record is malformed"),
        "unsupported_kind": QCoreApplication.translate(
            "SyncProblems", "The server does not take this kind of record"
        ),
        "aggregate_mismatch": QCoreApplication.translate(
            "SyncProblems", "The record's ids do not match"
        ),
        "wrong_terminal": QCoreApplication.translate(
            "SyncProblems", "The record names another till"
        ),
        "amount_out_of_range": QCoreApplication.translate(
            "SyncProblems", "An amount is out of range"
        ),
        "sale_unknown": QCoreApplication.translate(
            "SyncProblems", "The server has not received the sale yet: send again later"
        ),
        "refund_line_unknown": QCoreApplication.translate(
            "SyncProblems", "The refund names a line its sale does not have"
        ),
        "refund_exceeds_sale": QCoreApplication.translate(
            "SyncProblems", "The refund gives back more than was sold"
        ),
        "item_id_conflict": QCoreApplication.translate(
            "SyncProblems", "Another till already used this record's id"
        ),
        "payload_too_large": QCoreApplication.translate(
            "SyncProblems", "The record is larger than the server accepts"
        ),
        "id_conflict": QCoreApplication.translate(
            "SyncProblems", "Another till already holds a sale or refund with this id"
        ),
        "shift_invalid": QCoreApplication.translate(
            "SyncProblems", "The shift's times or count cannot be true"
        ),
        "shift_overlap": QCoreApplication.translate(
            "SyncProblems", "The shift overlaps another shift of this till"
        ),
        "event_unknown": QCoreApplication.translate(
            "SyncProblems", "The server does not know this event, or it is another store's"
        ),
        "promoter_unknown": QCoreApplication.translate(
            "SyncProblems", "The server does not know this promoter"
        ),
        "event_time_out_of_bounds": QCoreApplication.translate(
            "SyncProblems", "The record's time is outside the event's hours"
        ),
        "event_record_invalid": QCoreApplication.translate(
            "SyncProblems", "The event cannot have this record (product, unit, tag or consent)"
        ),
        "approver_unknown": QCoreApplication.translate(
            "SyncProblems", "The server does not know the approving manager in this store"
        ),
        "not_a_manager": QCoreApplication.translate(
            "SyncProblems", "The approver is not a manager of this store on the server"
        ),
        "promotion_invalid": QCoreApplication.translate(
            "SyncProblems", "The server refuses this promotion as set up"
        ),
        "event_invalid": QCoreApplication.translate(
            "SyncProblems", "The server refuses this event as set up (products, promoters…)"
        ),
        "id_taken": QCoreApplication.translate(
            "SyncProblems", "The id belongs to a central or another store's promotion or event"
        ),
        "promotion_state": QCoreApplication.translate(
            "SyncProblems", "The promotion cannot take this status: the server's is kept"
        ),
    }
    text = texts.get(code)
    if text is None:  # a code a newer server added: say so, in the till's language
        text = QCoreApplication.translate(
            "SyncProblems", "Refused by the server (code {code})"
        ).format(code=code)
    return f"{text} ({field})" if field else text


class RejectedModel(RowsModel[RefusedRecord]):
    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Kind"), self.tr("Record"), self.tr("Server's reason")]

    def cell(self, row: RefusedRecord, column: int, index: int) -> str:
        if column == 0:
            return local_time(row.created_at)
        if column == 1:
            return record_kind_text(row.kind)
        if column == 2:
            return row.aggregate_id[:8]
        return reason_text(row.reason)


class NoticesModel(RowsModel[ServerNotice]):
    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Kind"), self.tr("Record"), self.tr("Notice")]

    def cell(self, row: ServerNotice, column: int, index: int) -> str:
        if column == 0:
            return local_time(row.at)
        if column == 1:
            return record_kind_text(row.record_kind)
        if column == 2:
            return row.record_id[:8]
        if row.code == "id_conflict":
            return self.tr(
                "Another till sent a record under this id; the server kept this till's. "
                "Check that till's clock and software."
            )
        return self.tr("A notice this version cannot read: update the till.")


class SyncProblemsDialog(QDialog):
    def __init__(self, sync: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Records refused by the central server"))
        self.setMinimumSize(640, 360)
        self.sync = sync
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "These records stay on this till. Send them again once the cause is fixed "
                "(a refund refused because its sale had not arrived goes through later)."
            )
        )
        intro.setWordWrap(True)  # one line of it was wider than the dialog
        layout.addWidget(intro)
        self.model = RejectedModel(self)
        self.view = _table(self.model)
        layout.addWidget(self.view, 2)
        self.notices_label = QLabel(self.tr("Notices from the central server"))
        layout.addWidget(self.notices_label)
        self.notices = NoticesModel(self)
        self.notices_view = _table(self.notices)
        layout.addWidget(self.notices_view, 1)
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
        self.model.set_rows(self.sync.rejected())
        self.retry_button.setEnabled(self.model.rowCount() > 0)
        self.notices.set_rows(self.sync.notices())
        has_notices = self.notices.rowCount() > 0
        self.notices_label.setVisible(has_notices)
        self.notices_view.setVisible(has_notices)

    def retry_all(self) -> None:
        ids = [self.model.row_at(i).item_id for i in range(self.model.rowCount())]  # type: ignore[union-attr]
        self.sync.requeue(ids)
        self.reload()


def _table(model: RowsModel[RefusedRecord] | RowsModel[ServerNotice]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setStretchLastSection(True)
    return view
