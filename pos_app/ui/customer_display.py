"""The customer-facing screen (客显): the cart, the total, and the resident's
points, on a second monitor when one is connected. It mirrors the checkout
window (it shares the cart model and repaints on its signals).

Once a sale is paid it shows what the customer paid, their change and the
points the sale earned, for `PAID_SECONDS` or until the next item is scanned:
the customer reads their change before turning away. Prices and amounts are
sized to their contents, so they are never cut ("¥58.0…"); the product name
takes what room is left. Text sizes are for a reader a metre or two away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.money import Money
from pos_app.core.sale import Sale
from pos_app.ui.models.cart_model import CartTableModel
from pos_app.ui.widgets.customer_panel import CustomerPanel, points_text
from pos_app.ui.widgets.tables import name_stretches

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow

#: how long the paid amount, the change and the points stay up after a sale
PAID_SECONDS = 8


def _label(name: str, style: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet(style)
    label.setWordWrap(True)
    # never widens the screen: long words wrap, the checker proves nothing is cut
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


class CustomerDisplay(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.w = window
        self.sale: Sale | None = None  # the paid sale on screen, if any
        layout = QVBoxLayout(self)
        self.store = _label("customerStore", "font-size: 22pt; font-weight: bold;")
        layout.addWidget(self.store)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)

        cart_page = QWidget()
        cart_layout = QVBoxLayout(cart_page)
        cart_layout.setContentsMargins(0, 0, 0, 0)
        self.cart_view = QTableView()
        self.cart_view.setObjectName("customerCart")
        self.cart_view.setModel(window.cart_model)
        self.cart_view.verticalHeader().hide()
        self.cart_view.setStyleSheet("font-size: 16pt;")
        self.cart_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cart_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        name_stretches(self.cart_view, CartTableModel.NAME)
        cart_layout.addWidget(self.cart_view, 1)
        self.total = QLabel()
        self.total.setObjectName("customerTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.total.setStyleSheet("font-size: 40pt; font-weight: bold; color: #c0392b;")
        cart_layout.addWidget(self.total)
        self.member = CustomerPanel()
        self.member.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        cart_layout.addWidget(self.member)
        self.pages.addWidget(cart_page)

        paid_page = QWidget()
        paid_layout = QVBoxLayout(paid_page)
        self.thanks = _label("customerThanks", "font-size: 28pt; font-weight: bold;")
        self.paid = _label("customerPaid", "font-size: 32pt;")
        self.change = _label(
            "customerChange", "font-size: 44pt; font-weight: bold; color: #c0392b;"
        )
        self.points = _label(
            "customerPoints", "font-size: 26pt; color: #2e7d32; font-weight: bold;"
        )
        paid_layout.addStretch(1)
        for label in (self.thanks, self.paid, self.change, self.points):
            paid_layout.addWidget(label)
        paid_layout.addStretch(1)
        self.pages.addWidget(paid_page)
        self.paid_page = paid_page

        self.back_timer = QTimer(self)
        self.back_timer.setSingleShot(True)
        self.back_timer.setInterval(PAID_SECONDS * 1000)
        self.back_timer.timeout.connect(self.show_cart)
        window.sig_cart_changed.connect(self.on_window_sig_cart_changed)
        window.sig_settings_changed.connect(self.on_window_sig_settings_changed)
        window.sig_sale_completed.connect(self.on_window_sig_sale_completed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Customer display"))
        self.on_window_sig_settings_changed()
        self.on_window_sig_cart_changed()
        if self.sale is not None:
            self._show_sale(self.sale)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "back_timer"):
            self.retranslate()
        super().changeEvent(event)

    def on_window_sig_settings_changed(self) -> None:
        self.store.setText(self.w.context.settings.store.name)

    def on_window_sig_cart_changed(self) -> None:
        checkout = self.w.checkout
        if self.sale is not None and not checkout.cart.is_empty():
            self.show_cart()  # the next customer's first item
        self.total.setText(
            self.tr("Total {total}").format(total=checkout.cart.totals().total.format())
        )
        self.member.show_member(checkout.member, checkout.points_preview())
        rows = self.w.cart_model.rowCount()
        if rows:
            self.cart_view.scrollTo(self.w.cart_model.index(rows - 1, 0))

    def on_window_sig_sale_completed(self, sale: Sale) -> None:
        self.sale = sale
        self._show_sale(sale)
        self.pages.setCurrentWidget(self.paid_page)
        self.back_timer.start()

    def _show_sale(self, sale: Sale) -> None:
        paid = sum((p.tendered for p in sale.payments), Money(0))
        self.thanks.setText(self.tr("Thank you!"))
        if sale.rounding:  # 抹零: the customer sees what was taken off
            self.paid.setText(
                self.tr("Total {total} · rounding −{rounding} · paid {paid}").format(
                    total=sale.total.format(),
                    rounding=sale.rounding.format(),
                    paid=paid.format(),
                )
            )
        else:
            self.paid.setText(
                self.tr("Total {total} · paid {paid}").format(
                    total=sale.total.format(), paid=paid.format()
                )
            )
        self.change.setText(self.tr("Change {change}").format(change=sale.change.format()))
        if sale.member is not None:
            self.points.setText(
                self.tr("Points earned: {points}").format(points=points_text(sale.points))
            )
        else:
            self.points.clear()
        self.points.setVisible(sale.member is not None)

    def show_cart(self) -> None:
        self.back_timer.stop()
        self.sale = None
        self.pages.setCurrentIndex(0)

    def showing_sale(self) -> bool:
        return self.pages.currentWidget() is self.paid_page


def show_on_second_screen(window: MainWindow) -> CustomerDisplay | None:
    """Open the customer display full-screen on the second monitor, if any."""
    screens = QGuiApplication.screens()
    if len(screens) < 2:
        return None
    display = CustomerDisplay(window)
    display.setScreen(screens[1])
    display.setGeometry(screens[1].geometry())
    display.showFullScreen()
    return display
