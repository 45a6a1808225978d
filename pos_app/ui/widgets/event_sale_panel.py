"""The running sale on the event screen: its lines (a table a finger can pick
rows in), a button that takes a line out, the total, and the big Pay button.
`touch_button` makes the screen's other buttons alike."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.event_ports import RunningSale, SaleLine
from pos_app.ui.models.event_sale_model import EventSaleModel

BUTTON_HEIGHT = 56
PAY_HEIGHT = 64
ROW_HEIGHT = 40  # a row a finger can pick


def touch_button(
    name: str, height: int = BUTTON_HEIGHT, style: str = "font-size: 14pt;"
) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.setMinimumHeight(height)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
    button.setStyleSheet(style)
    return button


class EventSalePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.sale_model = EventSaleModel(self)
        self.sale_view = QTableView()
        self.sale_view.setObjectName("eventSale")
        self.sale_view.setModel(self.sale_model)
        self.sale_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sale_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sale_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sale_view.verticalHeader().hide()
        self.sale_view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.sale_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.sale_view.setMinimumHeight(84)
        layout.addWidget(self.sale_view, 1)
        total_row = QHBoxLayout()
        self.remove_button = touch_button("eventRemoveLine", 48)
        total_row.addWidget(self.remove_button)
        self.total = QLabel()
        self.total.setObjectName("eventTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.total.setStyleSheet("font-size: 20pt; font-weight: bold;")
        total_row.addWidget(self.total, 1)
        layout.addLayout(total_row)
        self.pay = touch_button(
            "eventPay", PAY_HEIGHT, "font-size: 20pt; background: #c0392b; color: white;"
        )
        layout.addWidget(self.pay)

    def show_sale(self, sale: RunningSale) -> None:
        self.sale_model.set_rows(list(sale.lines))
        self.total.setText(sale.total.format())
        self.pay.setEnabled(bool(sale.lines))
        self.remove_button.setEnabled(bool(sale.lines))

    def chosen_line(self) -> SaleLine | None:
        """The selected line, or the last one when none is selected."""
        rows = self.sale_view.selectionModel().selectedRows()
        row = rows[0].row() if rows else self.sale_model.rowCount() - 1
        return self.sale_model.row_at(row)

    def retranslate(self) -> None:
        self.remove_button.setText(self.tr("Remove line"))
        self.pay.setText(self.tr("Pay"))
