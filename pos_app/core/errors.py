"""Coded domain errors.

The core never builds user-facing sentences: it raises a `PosError` carrying an
`ErrorCode` and parameters, and the UI turns that into translated text.
"""

from __future__ import annotations

import enum
from typing import Any


class ErrorCode(enum.Enum):
    # scanning
    SCAN_EMPTY = "scan_empty"
    SCAN_TOO_LONG = "scan_too_long"
    SCAN_BAD_CHARS = "scan_bad_chars"
    SCAN_BAD_CHECK_DIGIT = "scan_bad_check_digit"
    SCAN_UNKNOWN_PRODUCT = "scan_unknown_product"
    SCAN_PAYMENT_CODE_IN_CART = "scan_payment_code_in_cart"
    SCAN_INACTIVE_PRODUCT = "scan_inactive_product"
    SCAN_SCALE_ITEM_UNKNOWN = "scan_scale_item_unknown"
    WEIGHED_NEEDS_LABEL = "weighed_needs_label"
    # membership QR codes
    QR_MALFORMED = "qr_malformed"
    QR_TOO_LONG = "qr_too_long"
    QR_FORGED = "qr_forged"
    QR_TAMPERED = "qr_tampered"
    QR_EXPIRED = "qr_expired"
    QR_NOT_YET_VALID = "qr_not_yet_valid"
    QR_REVOKED = "qr_revoked"
    QR_WRONG_COMMUNITY = "qr_wrong_community"
    QR_REPLAYED = "qr_replayed"
    MEMBER_UNKNOWN = "member_unknown"
    # money and quantities
    MONEY_PARSE = "money_parse"
    AMOUNT_OVERFLOW = "amount_overflow"
    QUANTITY_INVALID = "quantity_invalid"
    DISCOUNT_INVALID = "discount_invalid"
    # cart and tender
    CART_EMPTY = "cart_empty"
    LINE_NOT_FOUND = "line_not_found"
    LINE_NOT_EDITABLE = "line_not_editable"
    TENDER_OVERPAY = "tender_overpay"
    TENDER_INSUFFICIENT = "tender_insufficient"
    TENDER_REFERENCE_REQUIRED = "tender_reference_required"
    TENDER_AMOUNT_INVALID = "tender_amount_invalid"
    PAYMENT_DECLINED = "payment_declined"
    # refunds
    REFUND_QUANTITY_INVALID = "refund_quantity_invalid"
    REFUND_NOTHING_SELECTED = "refund_nothing_selected"
    REFUND_SALE_NOT_FOUND = "refund_sale_not_found"
    REFUND_NOT_APPROVED = "refund_not_approved"
    # central server
    SERVER_NOT_ENROLLED = "server_not_enrolled"
    SERVER_OFFLINE = "server_offline"
    SERVER_REFUSED = "server_refused"
    # storage
    STORAGE_LOCKED = "storage_locked"
    STORAGE_READONLY = "storage_readonly"
    STORAGE_FULL = "storage_full"
    STORAGE_FAILED = "storage_failed"
    HELD_ORDER_NOT_FOUND = "held_order_not_found"
    # a bug (e.g. a violated database constraint), never the disk or the cashier
    INTERNAL = "internal"
    # catalog import
    IMPORT_FAILED = "import_failed"
    # 无码商品 (open-price items)
    OPEN_PRICE_CATEGORY_UNKNOWN = "open_price_category_unknown"
    OPEN_PRICE_AMOUNT_INVALID = "open_price_amount_invalid"
    OPEN_PRICE_NOT_APPROVED = "open_price_not_approved"
    # shifts (交班)
    SHIFT_NOT_OPEN = "shift_not_open"
    SHIFT_ALREADY_OPEN = "shift_already_open"
    SHIFT_AMOUNT_INVALID = "shift_amount_invalid"
    SHIFT_REASON_REQUIRED = "shift_reason_required"
    SHIFT_COUNT_INVALID = "shift_count_invalid"
    SHIFT_DIFFERENCE_NOT_APPROVED = "shift_difference_not_approved"
    CASH_OUT_NOT_APPROVED = "cash_out_not_approved"  # 取款 needs a manager's PIN
    # staff, sign-in and manager approval (pos_app.core.staff)
    PIN_INVALID = "pin_invalid"  # not 4-8 digits, or a trivial one (0000, 1234)
    PIN_WRONG = "pin_wrong"
    STAFF_LOCKED_OUT = "staff_locked_out"  # too many wrong PINs: wait
    STAFF_UNKNOWN = "staff_unknown"  # no such staff member, or disabled
    STAFF_NAME_INVALID = "staff_name_invalid"
    NOT_A_MANAGER = "not_a_manager"  # the PIN is right but the person may not approve
    NOT_SIGNED_IN = "not_signed_in"
    # promotions (pos_app.core.promotions): a definition refused, `field` says which
    PROMO_INVALID = "promo_invalid"
    PROMO_NOT_FOUND = "promo_not_found"  # no promotion of that id on this till
    PROMO_NOT_APPROVED = "promo_not_approved"  # a manager did not approve setting it up
    # tasting events (pos_app.core.events): a definition or record refused, `field` says which
    EVENT_INVALID = "event_invalid"
    EVENT_NOT_FOUND = "event_not_found"  # no event of that id on this till
    EVENT_NOT_RUNNING = "event_not_running"  # no event mode, or the event is over/cancelled
    EVENT_NOT_PROMOTER = "event_not_promoter"  # signed in without the promoter role or list
    EVENT_PRODUCT_UNKNOWN = "event_product_unknown"  # a sample of a product not at the event
    FEEDBACK_INVALID = "feedback_invalid"
    EVENT_CONSENT_REQUIRED = "event_consent_required"  # a lead needs the resident's consent
    # the till's sealed secrets (pos_app.persistence.secret_box)
    SECRET_KEY_LOST = "secret_key_lost"  # keyring entry or key file gone/damaged: enroll again
    SECRET_KEY_DIR_INVALID = "secret_key_dir_invalid"  # the key directory is in the data dir


class PosError(Exception):
    """A domain failure the UI can translate; `params` fill its message."""

    def __init__(self, code: ErrorCode, **params: Any) -> None:
        super().__init__(f"{code.value} {params}" if params else code.value)
        self.code = code
        self.params = params
