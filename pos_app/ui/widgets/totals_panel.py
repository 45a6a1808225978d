"""Big, readable running totals beside the cart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from pos_app.core.cart import Totals
from pos_app.core.money import Money
from pos_app.core.rounding import NO_ROUNDING

TOTAL_POINTS = 36
MIN_TOTAL_POINTS = 16


def _total_style(points: int) -> str:
    return f"font-size: {points}pt; font-weight: bold; color: #c0392b;"


class TotalsPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("totalsPanel")
        layout = QGridLayout(self)
        layout.setVerticalSpacing(2)
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.total = QLabel()
        self.total.setObjectName("totalAmount")
        self.total.setStyleSheet(_total_style(TOTAL_POINTS))
        # its width is the panel's to give; the text shrinks to fit (see _fit_total)
        self.total.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.detail = QLabel()
        self.detail.setWordWrap(True)  # the panel's width is fixed: long English wraps
        self.last_sale = QLabel()
        self.last_sale.setWordWrap(True)
        self._last: tuple[str, Money, Money] | None = None
        self.last_sale.setStyleSheet("color: #2e7d32; font-size: 13pt;")
        # the caption beside the amount, not above it: the panel fits 1024×768
        layout.addWidget(self.caption, 0, 0)
        layout.addWidget(self.total, 0, 1)
        layout.addWidget(self.detail, 1, 0, 1, 2)
        layout.addWidget(self.last_sale, 2, 0, 1, 2)
        layout.setColumnStretch(1, 1)
        # heights reserved for the longest text (two lines where it wraps), so the
        # keys below never move when a total or a message changes
        for label, lines in ((self.detail, 2), (self.last_sale, 2)):
            label.ensurePolished()
            label.setMinimumHeight(lines * label.fontMetrics().lineSpacing())
        self.total.ensurePolished()
        self.total.setMinimumHeight(self.total.fontMetrics().height())
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.show_totals(Totals(Money(0), Money(0), Money(0), 0))

    def show_totals(self, totals: Totals, cash_rounding: Money = NO_ROUNDING) -> None:
        """`cash_rounding`: the 抹零 a cash payment would get now (0: none, or off)."""
        self.caption.setText(self.tr("Total due"))
        self.total.setText(totals.total.format())
        self._fit_total()
        text = self.tr("%n item(s) · subtotal {subtotal}", "", totals.item_count).format(
            subtotal=totals.subtotal.format()
        )
        if totals.discount:
            text += self.tr(" · discount {discount}").format(discount=totals.discount.format())
        if cash_rounding:
            text += self.tr(" · in cash {due} (rounding −{rounding})").format(
                due=(totals.total - cash_rounding).format(), rounding=cash_rounding.format()
            )
        self.detail.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_total()

    def _fit_total(self) -> None:
        """The amount in the biggest size that fits whole (¥16,409.80 included)."""
        room = self.total.contentsRect().width()
        if room <= 0:
            return
        font = QFont(self.total.font())
        points = TOTAL_POINTS
        while points > MIN_TOTAL_POINTS:
            font.setPointSize(points)
            if QFontMetrics(font).horizontalAdvance(self.total.text()) <= room:
                break
            points -= 2
        self.total.setStyleSheet(_total_style(points))

    def show_last_sale(self, receipt_no: str, total: Money, change: Money) -> None:
        self._last = (receipt_no, total, change)
        self.retranslate()

    def retranslate(self) -> None:
        """The last sale's line again in the current language (totals come with show_totals)."""
        if self._last is None:
            return
        receipt_no, total, change = self._last
        self.last_sale.setText(
            self.tr("Last sale {receipt}: {total}, change {change}").format(
                receipt=receipt_no, total=total.format(), change=change.format()
            )
        )
