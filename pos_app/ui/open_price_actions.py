"""无码商品 on the checkout window: open the open-price dialog, add the line through
the checkout, and show it in the cart like a scanned item.

One function, `open_price_item(window)`, for the main window to bind to a
button of its touch panel and to a key. Above the store's limit a manager's
PIN is asked over the dialog; once given, the item is added (the checkout's
own approval finds the PIN approval held for it). The dialog is non-blocking (`open`):
a scan or a message never waits behind it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.services.approvals import ApprovalAction, ApprovalRequest
from pos_app.services.cart_change import CartChange
from pos_app.services.pin_approval import pin_hook
from pos_app.ui.dialogs.approval_dialog import ApprovalDialog
from pos_app.ui.dialogs.open_price_dialog import OpenPriceDialog

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow


def open_price_item(window: MainWindow) -> OpenPriceDialog:
    """Ask for the category and amount of an item with no barcode, then add it."""
    checkout = window.checkout
    if window.scanner is not None:
        window.scanner.flush()  # a scan typed just before belongs to the cart first

    hook = pin_hook(window.context.approval)
    approved: list[int] = []  # amounts a manager's PIN approved (held for the checkout)

    def add_approved(amount: Money) -> None:
        approved.append(amount.fen)
        dialog.add_item()

    def add(category: str, amount: Money) -> CartChange:
        request = ApprovalRequest(
            ApprovalAction.OPEN_PRICE,
            amount.fen,
            reference=checkout.sale_id,
            terminal_code=window.context.settings.terminal.code,
        )
        if (
            hook is not None
            and hook.needs_manager(request)
            and not any(amount.fen <= fen for fen in approved)
        ):
            # above the limit: a manager's PIN now, then the item is added again
            pin = ApprovalDialog(hook, request, amount.format(), dialog, hold=True)
            pin.sig_approved.connect(lambda _a: add_approved(amount))
            pin.finished.connect(lambda _r: pin.deleteLater())
            pin.open()
            raise PosError(
                ErrorCode.OPEN_PRICE_NOT_APPROVED,
                fen=amount.fen,
                limit_fen=checkout.open_price_limit().fen,
            )
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
