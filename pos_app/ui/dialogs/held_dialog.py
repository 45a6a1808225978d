"""Pick a held order (挂单) to bring back to the counter."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.checkout import HeldOrder
from pos_app.ui.models.held_model import HeldOrdersModel


class HeldOrdersDialog(QDialog):
    sig_order_chosen = Signal(int)

    def __init__(self, orders: list[HeldOrder], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Held orders"))
        self.setMinimumSize(640, 320)  # five columns, the customer among them
        layout = QVBoxLayout(self)
        if not orders:
            layout.addWidget(QLabel(self.tr("No held orders.")))
        self.model = HeldOrdersModel(self)
        self.model.set_rows(orders)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _index: self.accept())
        layout.addWidget(self.view)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if orders:
            self.view.selectRow(len(orders) - 1)
        self.view.setFocus()

    def accept(self) -> None:
        order = self.model.row_at(self.view.currentIndex().row())
        super().accept()
        if order is not None:
            self.sig_order_chosen.emit(order.id)
