"""The customer-facing screen (客显): the cart, the total, and the resident's
points, on a second monitor when one is connected. It only mirrors the
checkout window: it shares the cart model and repaints on its signals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from pos_app.ui.widgets.customer_panel import CustomerPanel

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow


class CustomerDisplay(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.w = window
        self.setWindowTitle(self.tr("Customer display"))
        layout = QVBoxLayout(self)
        store = QLabel(window.context.settings.store.name)
        store.setObjectName("customerStore")
        self.store = store
        store.setAlignment(Qt.AlignmentFlag.AlignCenter)
        store.setStyleSheet("font-size: 22pt; font-weight: bold;")
        layout.addWidget(store)
        self.cart_view = QTableView()
        self.cart_view.setModel(window.cart_model)
        self.cart_view.verticalHeader().hide()
        self.cart_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.cart_view.setStyleSheet("font-size: 16pt;")
        self.cart_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.cart_view, 1)
        self.total = QLabel()
        self.total.setObjectName("customerTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.total.setStyleSheet("font-size: 40pt; font-weight: bold; color: #c0392b;")
        layout.addWidget(self.total)
        self.member = CustomerPanel()
        layout.addWidget(self.member)
        window.sig_cart_changed.connect(self.on_window_sig_cart_changed)
        window.sig_settings_changed.connect(self.on_window_sig_settings_changed)
        self.on_window_sig_cart_changed()

    def on_window_sig_settings_changed(self) -> None:
        self.store.setText(self.w.context.settings.store.name)

    def on_window_sig_cart_changed(self) -> None:
        checkout = self.w.checkout
        self.total.setText(
            self.tr("Total {total}").format(total=checkout.cart.totals().total.format())
        )
        self.member.show_member(checkout.member, checkout.points_preview())
        rows = self.w.cart_model.rowCount()
        if rows:
            self.cart_view.scrollTo(self.w.cart_model.index(rows - 1, 0))


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
