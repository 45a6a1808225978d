"""Translated sentences for the core's coded errors.

The core raises `PosError(code, **params)`; only here do codes become text,
through Qt's translator, so the same error reads in Chinese or English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def _fen(value: object) -> str:
    return Money(int(value)).format() if isinstance(value, int) else str(value)  # type: ignore[arg-type]


def error_text(error: PosError) -> str:
    p = error.params
    c = ErrorCode
    texts = {
        c.SCAN_EMPTY: _tr("Nothing was scanned."),
        c.SCAN_TOO_LONG: _tr("Scan too long ({length} characters): not a product code."),
        c.SCAN_BAD_CHARS: _tr("The scan contains control characters: scan again."),
        c.SCAN_BAD_CHECK_DIGIT: _tr("Barcode {scanned} has a wrong check digit: scan again."),
        c.SCAN_UNKNOWN_PRODUCT: _tr("Unknown barcode {scanned}: not in the catalog."),
        c.SCAN_PAYMENT_CODE_IN_CART: _tr(
            "That is a customer payment code: scan it in the payment window."
        ),
        c.SCAN_INACTIVE_PRODUCT: _tr("{name} is discontinued and cannot be sold."),
        c.SCAN_SCALE_ITEM_UNKNOWN: _tr("Scale label for unknown PLU {plu}."),
        c.WEIGHED_NEEDS_LABEL: _tr("{name} is sold by weight: weigh it and scan the scale label."),
        c.MONEY_PARSE: _tr("\"{text}\" is not an amount (e.g. 12.50)."),
        c.AMOUNT_OVERFLOW: _tr("Amount too large."),
        c.QUANTITY_INVALID: _tr("Quantity {quantity} is not allowed."),
        c.DISCOUNT_INVALID: _tr("Discount must be between zero and the line amount."),
        c.CART_EMPTY: _tr("The cart is empty."),
        c.LINE_NOT_FOUND: _tr("Select a line first."),
        c.LINE_NOT_EDITABLE: _tr("This line's quantity comes from the scale and cannot be changed."),
        c.TENDER_OVERPAY: _tr("Only cash can exceed the amount due."),
        c.TENDER_INSUFFICIENT: _tr("The amount due is not fully paid."),
        c.TENDER_REFERENCE_REQUIRED: _tr("Scan the payment code or enter the transaction reference."),
        c.TENDER_AMOUNT_INVALID: _tr("Enter an amount above zero."),
        c.PAYMENT_DECLINED: _tr("Payment declined: {message}"),
        c.STORAGE_LOCKED: _tr(
            "The database is busy (locked by another program). Nothing was lost: try again."
        ),
        c.STORAGE_READONLY: _tr(
            "The database is read-only. Nothing was lost: call the manager, then try again."
        ),
        c.STORAGE_FULL: _tr("The disk is full. Nothing was lost: free space, then try again."),
        c.STORAGE_FAILED: _tr("Saving failed. Nothing was lost: try again."),
        c.HELD_ORDER_NOT_FOUND: _tr("That held order is gone."),
        c.IMPORT_FAILED: _tr("Import failed."),
    }
    text = texts.get(error.code, error.code.value)
    values = {k: _fen(v) if k.endswith("fen") else v for k, v in p.items()}
    try:
        return text.format(**values)
    except (KeyError, IndexError):
        return text
