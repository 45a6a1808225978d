"""Translated sentences for the core's coded errors.

The core raises `PosError(code, **params)`; only here do codes become text,
through Qt's translator, so the same error reads in Chinese or English. What
the central server answers becomes text in `server_messages.py`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.ui.server_messages import server_reason_text, transport_text


def _fen(value: object) -> str:
    return Money(int(value)).format() if isinstance(value, int) else str(value)


def error_text(error: PosError) -> str:
    p = error.params
    c = ErrorCode
    texts = {
        c.SCAN_EMPTY: QCoreApplication.translate("Errors", "Nothing was scanned."),
        c.SCAN_TOO_LONG: QCoreApplication.translate(
            "Errors", "Scan too long ({length} characters): not a product code."
        ),
        c.SCAN_BAD_CHARS: QCoreApplication.translate(
            "Errors", "The scan contains control characters: scan again."
        ),
        c.SCAN_BAD_CHECK_DIGIT: QCoreApplication.translate(
            "Errors", "Barcode {scanned} has a wrong check digit: scan again."
        ),
        c.SCAN_UNKNOWN_PRODUCT: QCoreApplication.translate(
            "Errors", "Unknown barcode {scanned}: not in the catalog."
        ),
        c.SCAN_PAYMENT_CODE_IN_CART: QCoreApplication.translate(
            "Errors", "That is a customer payment code: scan it in the payment window."
        ),
        c.SCAN_INACTIVE_PRODUCT: QCoreApplication.translate(
            "Errors", "{name} is discontinued and cannot be sold."
        ),
        c.SCAN_SCALE_ITEM_UNKNOWN: QCoreApplication.translate(
            "Errors", "Scale label for unknown PLU {plu}."
        ),
        c.WEIGHED_NEEDS_LABEL: QCoreApplication.translate(
            "Errors", "{name} is sold by weight: weigh it and scan the scale label."
        ),
        c.QR_MALFORMED: QCoreApplication.translate(
            "Errors", "This QR code is not a membership code of ours (malformed)."
        ),
        c.QR_TOO_LONG: QCoreApplication.translate(
            "Errors", "This QR code is far too long to be ours."
        ),
        c.QR_FORGED: QCoreApplication.translate(
            "Errors", "Membership code not issued by our server (unknown key): refused."
        ),
        c.QR_TAMPERED: QCoreApplication.translate(
            "Errors", "Membership code has been altered (signature does not match): refused."
        ),
        c.QR_EXPIRED: QCoreApplication.translate(
            "Errors", "Membership code expired: ask the resident to refresh it in the app."
        ),
        c.QR_NOT_YET_VALID: QCoreApplication.translate(
            "Errors", "Membership code is from the future: check this till's clock."
        ),
        c.QR_REVOKED: QCoreApplication.translate(
            "Errors", "This membership is revoked (lost phone or moved out): no points."
        ),
        c.QR_WRONG_COMMUNITY: QCoreApplication.translate(
            "Errors",
            "Resident of another property company (community {community}): "
            "they can buy, but earn no points here.",
        ),
        c.QR_REPLAYED: QCoreApplication.translate(
            "Errors", "This membership code was already used for a sale: ask for a fresh code."
        ),
        c.MEMBER_UNKNOWN: QCoreApplication.translate("Errors", "Unknown resident."),
        c.REFUND_QUANTITY_INVALID: QCoreApplication.translate(
            "Errors", "Line {line_no}: at most {left} can still be returned."
        ),
        c.REFUND_NOTHING_SELECTED: QCoreApplication.translate(
            "Errors", "Choose what comes back first."
        ),
        c.REFUND_SALE_NOT_FOUND: QCoreApplication.translate(
            "Errors", "No sale with receipt {receipt}."
        ),
        c.REFUND_NOT_APPROVED: QCoreApplication.translate(
            "Errors", "The manager did not approve the refund."
        ),
        c.SERVER_NOT_ENROLLED: QCoreApplication.translate(
            "Errors", "This till is not connected to the central server yet (enroll it first)."
        ),
        c.SERVER_OFFLINE: QCoreApplication.translate(
            "Errors",
            "The central server cannot be reached ({detail}): this needs it online. "
            "Sales go on offline; try again when the network is back.",
        ),
        c.MONEY_PARSE: QCoreApplication.translate(
            "Errors", '"{text}" is not an amount (e.g. 12.50).'
        ),
        c.AMOUNT_OVERFLOW: QCoreApplication.translate("Errors", "Amount too large."),
        c.QUANTITY_INVALID: QCoreApplication.translate(
            "Errors", "Quantity {quantity} is not allowed."
        ),
        c.DISCOUNT_INVALID: QCoreApplication.translate(
            "Errors", "Discount must be between zero and the line amount."
        ),
        c.CART_EMPTY: QCoreApplication.translate("Errors", "The cart is empty."),
        c.LINE_NOT_FOUND: QCoreApplication.translate("Errors", "Select a line first."),
        c.LINE_NOT_EDITABLE: QCoreApplication.translate(
            "Errors", "This line's quantity comes from the scale and cannot be changed."
        ),
        c.TENDER_OVERPAY: QCoreApplication.translate(
            "Errors", "Only cash can exceed the amount due."
        ),
        c.TENDER_INSUFFICIENT: QCoreApplication.translate(
            "Errors", "The amount due is not fully paid."
        ),
        c.TENDER_REFERENCE_REQUIRED: QCoreApplication.translate(
            "Errors", "Scan the payment code or enter the transaction reference."
        ),
        c.TENDER_AMOUNT_INVALID: QCoreApplication.translate(
            "Errors", "Enter an amount above zero."
        ),
        c.PAYMENT_DECLINED: QCoreApplication.translate("Errors", "Payment declined: {message}"),
        c.STORAGE_LOCKED: QCoreApplication.translate(
            "Errors",
            "The database is busy (locked by another program). Nothing was lost: try again.",
        ),
        c.STORAGE_READONLY: QCoreApplication.translate(
            "Errors",
            "The database is read-only. Nothing was lost: call the manager, then try again.",
        ),
        c.STORAGE_FULL: QCoreApplication.translate(
            "Errors", "The disk is full. Nothing was lost: free space, then try again."
        ),
        c.STORAGE_FAILED: QCoreApplication.translate(
            "Errors", "Saving failed. Nothing was lost: try again."
        ),
        c.INTERNAL: QCoreApplication.translate(
            "Errors",
            "Internal error (a fault in the program, not the disk). Nothing was saved:"
            " call the manager; the log has the details.",
        ),
        c.HELD_ORDER_NOT_FOUND: QCoreApplication.translate("Errors", "That held order is gone."),
        c.IMPORT_FAILED: QCoreApplication.translate("Errors", "Import failed."),
        c.OPEN_PRICE_CATEGORY_UNKNOWN: QCoreApplication.translate(
            "Errors", "Choose the item's category first."
        ),
        c.OPEN_PRICE_AMOUNT_INVALID: QCoreApplication.translate(
            "Errors", "Type the item's amount (more than ¥0.00)."
        ),
        c.OPEN_PRICE_NOT_APPROVED: QCoreApplication.translate(
            "Errors",
            "An item of {fen} is above the {limit_fen} limit: a manager did not approve it.",
        ),
        c.SHIFT_NOT_OPEN: QCoreApplication.translate(
            "Errors", "No shift is open: open a shift with its float before selling."
        ),
        c.SHIFT_ALREADY_OPEN: QCoreApplication.translate(
            "Errors", "A shift is already open: close it before opening another."
        ),
        c.SHIFT_AMOUNT_INVALID: QCoreApplication.translate(
            "Errors", "Type an amount of cash (more than ¥0.00)."
        ),
        c.SHIFT_REASON_REQUIRED: QCoreApplication.translate(
            "Errors", "Give a reason for the cash in or out."
        ),
        c.SHIFT_COUNT_INVALID: QCoreApplication.translate(
            "Errors", "The count of a note or coin is not a valid number."
        ),
        c.SHIFT_DIFFERENCE_NOT_APPROVED: QCoreApplication.translate(
            "Errors",
            "The drawer differs by {difference_fen}: a manager did not approve the close.",
        ),
        c.CASH_OUT_NOT_APPROVED: QCoreApplication.translate(
            "Errors", "Taking {amount_fen} out of the drawer needs a manager's PIN."
        ),
        c.PIN_INVALID: QCoreApplication.translate(
            "Errors", "A PIN is {min} to {max} digits, not 0000, 1234 or the like."
        ),
        c.PIN_WRONG: QCoreApplication.translate(
            "Errors", "Wrong PIN: {left} tries left before a 5-minute lockout."
        ),
        c.STAFF_LOCKED_OUT: QCoreApplication.translate(
            "Errors", "Too many wrong PINs: locked out for {seconds} seconds."
        ),
        c.STAFF_UNKNOWN: QCoreApplication.translate("Errors", "Tap your name first."),
        c.STAFF_NAME_INVALID: QCoreApplication.translate(
            "Errors", "A name is 1 to 32 printable characters."
        ),
        c.NOT_A_MANAGER: QCoreApplication.translate(
            "Errors", "Only a manager can do this: a manager types their PIN."
        ),
        c.NOT_SIGNED_IN: QCoreApplication.translate("Errors", "Sign in first."),
        c.PROMO_INVALID: QCoreApplication.translate(
            "Errors", "This promotion is refused: its field {field} is missing or out of range."
        ),
        c.PROMO_NOT_FOUND: QCoreApplication.translate(
            "Errors", "There is no promotion {promo_id} on this till."
        ),
        c.PROMO_NOT_APPROVED: QCoreApplication.translate(
            "Errors", "A manager's approval is needed to set up or change a promotion."
        ),
        c.EVENT_INVALID: QCoreApplication.translate(
            "Errors", "This event is refused: its field {field} is missing or out of range."
        ),
        c.EVENT_NOT_FOUND: QCoreApplication.translate(
            "Errors", "There is no event {event_id} on this till."
        ),
        c.EVENT_NOT_RUNNING: QCoreApplication.translate(
            "Errors", "The event is not running now: start event mode during its hours."
        ),
        c.EVENT_NOT_PROMOTER: QCoreApplication.translate(
            "Errors", "Only a promoter of this event (or a manager) can run it."
        ),
        c.EVENT_PRODUCT_UNKNOWN: QCoreApplication.translate(
            "Errors", "Product {sku} is not one of this event's products."
        ),
        c.FEEDBACK_INVALID: QCoreApplication.translate(
            "Errors", "This feedback is refused: check its {field}."
        ),
        c.EVENT_CONSENT_REQUIRED: QCoreApplication.translate(
            "Errors", "A follow-up needs the resident's consent."
        ),
        c.SECRET_KEY_LOST: QCoreApplication.translate(
            "Errors",
            "This till's key (the OS keyring entry or the key file) is lost or damaged, so its "
            "sealed server credential cannot be read. Sales and records waiting to sync are "
            "intact and will sync once the till is enrolled again: ask for an enrollment code "
            "and run yuancang-pos enroll.",
        ),
        c.SECRET_KEY_DIR_INVALID: QCoreApplication.translate(
            "Errors",
            "The till's key folder is inside its data folder: set YC_POS_KEY_DIR elsewhere.",
        ),
    }
    if error.code is c.SERVER_REFUSED:
        return _refusal_text(str(p.get("reason", "")), str(p.get("message", "")))
    text = texts.get(error.code, str(error.code.value))
    values: dict[str, object] = {k: _fen(v) if k.endswith("fen") else v for k, v in p.items()}
    if error.code is c.SERVER_OFFLINE:
        # the client's code ("offline", "timeout"…), never shown as is
        values["detail"] = transport_text(str(p.get("detail", "")))
    try:
        return text.format(**values)
    except (KeyError, IndexError):
        return text


def _refusal_text(reason: str, message: str) -> str:
    """A server refusal by its code; the server's English message is never shown.
    A membership code the server found invalid names why, as the till would."""
    if reason == "member_code_invalid" and message.startswith("qr_"):
        try:
            return error_text(PosError(ErrorCode(message)))
        except ValueError:
            pass
    return server_reason_text(reason)
