"""Big, readable running totals beside the cart."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from pos_app.core.cart import Totals
from pos_app.core.money import Money


class TotalsPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("totalsPanel")
        layout = QVBoxLayout(self)
        self.caption = QLabel()
        self.total = QLabel()
        self.total.setObjectName("totalAmount")
        self.total.setStyleSheet("font-size: 36pt; font-weight: bold; color: #c0392b;")
        self.detail = QLabel()
        self.last_sale = QLabel()
        self.last_sale.setWordWrap(True)
        self.last_sale.setStyleSheet("color: #2e7d32; font-size: 13pt;")
        for widget in (self.caption, self.total, self.detail, self.last_sale):
            layout.addWidget(widget)
        self.show_totals(Totals(Money(0), Money(0), Money(0), 0))

    def show_totals(self, totals: Totals) -> None:
        self.caption.setText(self.tr("Total due"))
        self.total.setText(totals.total.format())
        text = self.tr("{count} items · subtotal {subtotal}").format(
            count=totals.item_count, subtotal=totals.subtotal.format()
        )
        if totals.discount:
            text += self.tr(" · discount {discount}").format(discount=totals.discount.format())
        self.detail.setText(text)

    def show_last_sale(self, receipt_no: str, total: Money, change: Money) -> None:
        self.last_sale.setText(
            self.tr("Last sale {receipt}: {total}, change {change}").format(
                receipt=receipt_no, total=total.format(), change=change.format()
            )
        )
