"""Confirmations of the checkout window's acts that give money away: cancelling
an order that has lines, and a discount that gives a whole line away (100 %).

Each helper shows the amounts in a `ConfirmDialog`, asks the manager-approval
hook of the app context, and only then does the act. The cart keys
(`cart_actions.py`) call them:

- F9 / Cancel order: `confirm_clear_cart(window)` instead of its question box;
- a discount: `if gives_line_away(window, line_no, text): confirm_full_discount(
  window, line_no, lambda: <apply the discount>)`; else, beyond the store's
  discount limit (`discount_needs_manager`), `approve_discount(...)` asks a
  manager's PIN first; else apply it directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pos_app.core.cart import CartLine
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.services.approvals import (
    ApprovalAction,
    ApprovalRequest,
    ManagerApproval,
)
from pos_app.services.pin_approval import pin_hook
from pos_app.ui.dialogs.approval_dialog import ApprovalDialog
from pos_app.ui.dialogs.confirm_dialog import ConfirmDialog, ask_confirmation

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow


def approval_hook(window: MainWindow) -> ManagerApproval:
    """The app's one manager-approval hook (`AppContext.approval`)."""
    return window.context.approval


def _request(
    window: MainWindow, action: ApprovalAction, fen: int, reference: str, **details: str | int
) -> ApprovalRequest:
    settings = window.context.settings
    return ApprovalRequest(
        action,
        fen,
        requested_by=window.context.staff.cashier_name()
        if window.context.staff is not None
        else settings.terminal.cashier_name,
        reference=reference,
        store_code=settings.store.code,
        terminal_code=settings.terminal.code,
        details=details,
    )


def confirm_clear_cart(window: MainWindow) -> ConfirmDialog | None:
    """Cancel the order after a confirmation that shows what goes; an empty cart
    clears at once (nothing leaves)."""
    checkout = window.checkout
    if checkout.cart.is_empty():
        return None
    totals = checkout.cart.totals()
    lines = len(checkout.cart.active_lines)

    def clear(_approval: object) -> None:
        window.apply_change(checkout.clear())
        window.show_message(QCoreApplication.translate("ConfirmActions", "Order cancelled."))
        window.scan_field.setFocus()

    return ask_confirmation(
        window,
        QCoreApplication.translate("ConfirmActions", "Cancel order"),
        QCoreApplication.translate(
            "ConfirmActions", "Remove every line of this order? Nothing is sold."
        ),
        [
            (QCoreApplication.translate("ConfirmActions", "Lines"), str(lines)),
            (QCoreApplication.translate("ConfirmActions", "Items"), str(totals.item_count)),
            (QCoreApplication.translate("ConfirmActions", "Total"), totals.total),
        ],
        _request(
            window,
            ApprovalAction.CLEAR_CART,
            totals.total.fen,
            checkout.sale_id,
            lines=lines,
            items=totals.item_count,
        ),
        approval_hook(window),
        clear,
        confirm_text=QCoreApplication.translate("ConfirmActions", "Cancel the order"),
    )


def _line(window: MainWindow, line_no: int) -> CartLine | None:
    return next((ln for ln in window.checkout.cart.active_lines if ln.line_no == line_no), None)


def gives_line_away(window: MainWindow, line_no: int, text: str) -> bool:
    """True when the discount typed (`5.00` or `10%`) leaves nothing to pay on a
    line that costs something. A text that is not a discount is left to the cart
    to refuse with its own message."""
    line = _line(window, line_no)
    if line is None or line.gross.fen <= 0:
        return False
    text = text.strip()
    if text.endswith("%"):
        return text[:-1].strip() == "100"
    try:
        return Money.parse(text) == line.gross
    except PosError:
        return False


def confirm_full_discount(
    window: MainWindow, line_no: int, apply: Callable[[], None]
) -> ConfirmDialog | None:
    """Ask before a line is given away for nothing; `apply` sets the discount."""
    line = _line(window, line_no)
    if line is None:
        apply()  # the cart refuses it with its own message
        return None
    return ask_confirmation(
        window,
        QCoreApplication.translate("ConfirmActions", "Give the line away"),
        QCoreApplication.translate(
            "ConfirmActions",
            "100% discount: {name} is given away, the customer pays nothing for it.",
        ).format(name=line.name),
        [
            (QCoreApplication.translate("ConfirmActions", "Price"), line.gross),
            (QCoreApplication.translate("ConfirmActions", "Discount"), line.gross),
            (QCoreApplication.translate("ConfirmActions", "To pay for this line"), Money(0)),
        ],
        _request(
            window,
            ApprovalAction.FULL_DISCOUNT,
            line.gross.fen,
            f"{window.checkout.sale_id}:{line_no}",
            sku=line.sku,
            line_no=line_no,
        ),
        approval_hook(window),
        lambda _approval: apply(),
        confirm_text=QCoreApplication.translate("ConfirmActions", "Give it away"),
    )


def _discount_request(window: MainWindow, line_no: int, text: str) -> ApprovalRequest | None:
    """The request of a discount typed as `5.00` or `10%` on a line (None when the
    text is not a discount: the cart refuses it with its own message)."""
    line = _line(window, line_no)
    if line is None or line.gross.fen <= 0:
        return None
    text = text.strip()
    try:
        if text.endswith("%"):
            percent = int(text[:-1].strip())
            fen = line.gross.fen * percent // 100
        else:
            fen = Money.parse(text).fen
            # rounded up: 20.4 % of a line is beyond a 20 % limit
            percent = -(-fen * 100 // line.gross.fen)
    except (PosError, ValueError):
        return None
    return _request(
        window,
        ApprovalAction.DISCOUNT,
        fen,
        f"{window.checkout.sale_id}:{line_no}",
        sku=line.sku,
        line_no=line_no,
        percent=percent,
    )


def discount_needs_manager(window: MainWindow, line_no: int, text: str) -> bool:
    """True when the discount typed is beyond the store's limit (a manager's PIN)."""
    hook = pin_hook(approval_hook(window))
    request = _discount_request(window, line_no, text)
    return request is not None and hook is not None and hook.needs_manager(request)


def approve_discount(
    window: MainWindow, line_no: int, text: str, apply: Callable[[], None]
) -> ApprovalDialog | None:
    """Ask a manager's PIN for a discount beyond the limit; `apply` sets it once approved."""
    hook = pin_hook(approval_hook(window))
    request = _discount_request(window, line_no, text)
    if request is None or hook is None:
        apply()
        return None
    dialog = ApprovalDialog(
        hook,
        request,
        QCoreApplication.translate(
            "ConfirmActions", "Discount of {amount} ({percent}%) beyond the store's limit"
        ).format(amount=Money(request.amount_fen).format(), percent=request.details["percent"]),
        window,
    )
    dialog.sig_approved.connect(lambda _approval: apply())
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.open()
    return dialog
