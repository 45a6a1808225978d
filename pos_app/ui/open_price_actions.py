"""无码商品 on the checkout window: open the open-price dialog, add the line through
the checkout, and show it in the cart like a scanned item.

One function, `open_price_item(window)`, for the main window to bind to a
button of its touch panel and to a key. The dialog is non-blocking (`open`):
a scan or a message never waits behind it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from pos_app.core.money import Money
from pos_app.services.checkout import CartChange
from pos_app.ui.dialogs.open_price_dialog import OpenPriceDialog

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow


def open_price_item(window: MainWindow) -> OpenPriceDialog:
    """Ask for the category and amount of an item with no barcode, then add it."""
    checkout = window.checkout
    if window.scanner is not None:
        window.scanner.flush()  # a scan typed just before belongs to the cart first

    def add(category: str, amount: Money) -> CartChange:
        return checkout.add_open_price(category, amount)

    dialog = OpenPriceDialog(checkout.categories(), checkout.open_price_limit(), add, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda result: _closed(window, dialog, result))
    # never taller than the screen it is on (1024×768 tills)
    screen = window.screen().availableGeometry()
    dialog.setMaximumSize(screen.width(), screen.height())
    dialog.open()
    return dialog


def _closed(window: MainWindow, dialog: OpenPriceDialog, result: int) -> None:
    if result == QDialog.DialogCode.Accepted and isinstance(dialog.change, CartChange):
        window.apply_change(dialog.change)
    window.scan_field.setFocus()
