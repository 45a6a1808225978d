"""The codes the central server answers with: ErrorBody.code of a refused request,
ItemResult.reason of a rejected push item, ItemResult.flags of an accepted one.

Stable identifiers a till switches on and translates; docs/sync-protocol.md and
docs/protocol-reference.md give their meanings and HTTP statuses.
"""

from __future__ import annotations

import enum


class ErrorCode(enum.StrEnum):
    """ErrorBody.code of a refused request; docs/sync-protocol.md gives the HTTP status."""

    BAD_TOKEN = "bad_token"
    TERMINAL_REVOKED = "terminal_revoked"
    INVALID_REQUEST = "invalid_request"
    UNSUPPORTED_PROTOCOL = "unsupported_protocol"
    NOT_FOUND = "not_found"
    ENROLLMENT_CODE_INVALID = "enrollment_code_invalid"  # unknown, used or expired
    BAD_PUBLIC_KEY = "bad_public_key"
    KEY_ALREADY_ENROLLED = "key_already_enrolled"
    BAD_CURSOR = "bad_cursor"
    RESIDENT_NOT_FOUND = "resident_not_found"
    WRONG_COMPANY = "wrong_company"
    BILL_NOT_FOUND = "bill_not_found"
    OVER_BILL = "over_bill"
    OVER_BALANCE = "over_balance"
    REDEMPTION_CONFLICT = "redemption_conflict"  # same redemption_id, other content
    CLAIM_FORGED = "claim_forged"
    CLAIM_EXPIRED = "claim_expired"
    ALREADY_CLAIMED = "already_claimed"
    SALE_UNKNOWN = "sale_unknown"
    MEMBER_CODE_INVALID = "member_code_invalid"  # message: the qr_* reason
    MEMBER_CODE_USED = "member_code_used"  # this membership code already claimed a receipt
    CLAIM_HELD = "claim_held"  # the sale's points wait for (or were refused by) a review
    METHOD_NOT_ALLOWED = "method_not_allowed"
    PAYLOAD_TOO_LARGE = "payload_too_large"  # the body is over the server's limit
    RATE_LIMITED = "rate_limited"  # too many enrollment attempts: wait Retry-After seconds
    DATABASE_UNAVAILABLE = "database_unavailable"
    INTERNAL_ERROR = "internal_error"
    # access scopes (sync/server/api/auth.py): an API token of a person's role
    TOKEN_REVOKED = "token_revoked"  # an API token withdrawn by `token revoke`
    OUT_OF_SCOPE = "out_of_scope"  # this role may not call this route at all
    WRONG_STORE = "wrong_store"  # a store manager's token, another store's path
    # promotions managed by operations (sync/server/api/promotions.py)
    PROMOTION_INVALID = "promotion_invalid"  # a definition, window or store that cannot be
    PROMOTION_EXISTS = "promotion_exists"  # a promotion of that id exists already
    PROMOTION_STATE = "promotion_state"  # its status does not allow it (an ended one…)
    # tasting events managed by operations and store managers (sync/server/api/events.py)
    EVENT_INVALID = "event_invalid"  # an event, store, product or promoter that cannot be
    EVENT_EXISTS = "event_exists"  # an event of that id exists already
    EVENT_STATE = "event_state"  # its status does not allow it (a closed one…)
    # property-fee bills and payments (sync/server/api/bills.py)
    IMPORT_REJECTED = "import_rejected"  # a bill or payment file with bad rows: nothing done
    PAYMENT_CONFLICT = "payment_conflict"  # same payment reference, other content
    # orders of the online shop (sync/server/api/online.py)
    ORDER_INVALID = "order_invalid"  # a line, SKU, price, total or time the server refuses
    ID_CONFLICT = "id_conflict"  # this order or refund id was sent with other content
    REFUND_EXCEEDS_ORDER = "refund_exceeds_order"  # more than the order line has left
    ORDER_ATTRIBUTED = "order_attributed"  # the order already belongs to a community
    GEOFENCE_INVALID = "geofence_invalid"  # a ring not closed, out of range, self-crossing…


class RejectReason(enum.StrEnum):
    """ItemResult.reason of a rejected push item (kept on the server for the manager)."""

    INVALID_PAYLOAD = "invalid_payload"  # fails SalePayload / RefundPayload validation
    UNSUPPORTED_KIND = "unsupported_kind"  # sample / feedback: not handled in v1
    AGGREGATE_MISMATCH = "aggregate_mismatch"  # aggregate_id is not the sale/refund id
    WRONG_TERMINAL = "wrong_terminal"  # store or terminal code of another till
    AMOUNT_OUT_OF_RANGE = "amount_out_of_range"
    SALE_UNKNOWN = "sale_unknown"  # a refund of a sale the server has not received
    REFUND_LINE_UNKNOWN = "refund_line_unknown"
    REFUND_EXCEEDS_SALE = "refund_exceeds_sale"
    ITEM_ID_CONFLICT = "item_id_conflict"  # the item id is another terminal's
    #: the sale or refund id is already stored for another till position: this till's
    #: record is refused (never "duplicate"), and the first till gets a `notice` change
    ID_CONFLICT = "id_conflict"
    #: a closed shift that cannot be true: closed before it opened or in the future, a
    #: count that does not add up to its counted_fen (field and detail say which)
    SHIFT_INVALID = "shift_invalid"
    #: a closed shift overlapping another shift of the same till position
    SHIFT_OVERLAP = "shift_overlap"
    # a tasting event's record (event_sample, event_feedback, event_visitors, event_lead)
    EVENT_UNKNOWN = "event_unknown"  # no event of that id for this till's store
    PROMOTER_UNKNOWN = "promoter_unknown"  # not a staff member of this store
    #: the record's time is outside the event's hours (± the clock skew) or in the future
    EVENT_TIME_OUT_OF_BOUNDS = "event_time_out_of_bounds"
    #: a record the event cannot have (field and detail say which): a product not at the
    #: event or in another unit, a tag not on its form, a resident without consent or
    #: unknown to the server
    EVENT_RECORD_INVALID = "event_record_invalid"
    # a store-only promotion or event set up at a till (store_promotion, store_event)
    APPROVER_UNKNOWN = "approver_unknown"  # no active staff member of this store by that id
    NOT_A_MANAGER = "not_a_manager"  # the approver is this store's staff, not a manager
    #: a definition the server's own management would refuse (field and detail say which)
    PROMOTION_INVALID = "promotion_invalid"
    EVENT_INVALID = "event_invalid"  # an event the server's own management would refuse
    #: the id is a central promotion's or event's, or another store's: never taken over
    ID_TAKEN = "id_taken"
    #: a status its life does not allow (an ended promotion never comes back, a spent
    #: budget never resumes): the server's own status is sent to the tills again
    PROMOTION_STATE = "promotion_state"


class ItemFlag(enum.StrEnum):
    """ItemResult.flags of an accepted item: what the server did not believe, and why.

    A flagged line earns no points; a held sale's points wait for a manager's review.
    """

    POINTS_MISMATCH = "points_mismatch"  # the server credited its own figure
    TOTAL_MISMATCH = "total_mismatch"  # lines do not add up to total_fen
    # a sale line (it earns nothing; listed for review)
    UNKNOWN_SKU = "unknown_sku"  # not in the server's catalog at the sale time
    UNKNOWN_CATEGORY = "unknown_category"  # the product's category is not the server's
    UNIT_MISMATCH = "unit_mismatch"  # piece / kg differs from the catalog
    PRICE_UNEXPLAINED = "price_unexplained"  # no catalog or member price of that time
    DISCOUNT_INVALID = "discount_invalid"  # a discount above the line's gross
    OPEN_PRICE_OVER_LIMIT = "open_price_over_limit"  # a 无码商品 line above the server's limit
    # a sale's time and member (its points are held for review, or not earned)
    SALE_TIME_OUT_OF_BOUNDS = "sale_time_out_of_bounds"  # after receipt + skew, or pre-enrollment
    MEMBER_UNVERIFIED = "member_unverified"  # no membership code, or one that does not verify
    MEMBER_INELIGIBLE = "member_ineligible"  # unknown, other company, or revoked when issued
    MEMBER_CODE_REUSED = "member_code_reused"  # the code's nonce already earned elsewhere
    MEMBER_CODE_TIME = "member_code_time"  # sale time far outside the code's validity
    # a refund
    REFUND_TOTAL_MISMATCH = "refund_total_mismatch"  # the till's total is not its lines' sum
    REFUND_PAYMENTS_MISMATCH = "refund_payments_mismatch"  # payments do not add up
    # the till's hash chain (pos_app.core.chain): the record is stored all the same
    CHAIN_GAP = "chain_gap"  # a pushed record between the last one seen and this is missing
    CHAIN_FORK = "chain_fork"  # this record does not follow on from the last one seen
    # promotions the till applied (the server re-prices with its own definitions)
    PROMOTION_UNEXPLAINED = "promotion_unexplained"  # a line's savings are not the server's
    PROMOTION_OVER_BUDGET = "promotion_over_budget"  # a promotion's discount went past its cap
    #: a store-only promotion's budget was missing or above the server's limit: capped at it
    PROMOTION_BUDGET_CAPPED = "promotion_budget_capped"
    # a tasting event's records and sales
    SAMPLE_COST_MISMATCH = "sample_cost_mismatch"  # the server stored its own cost
    PROMOTER_NOT_LISTED = "promoter_not_listed"  # neither on the event's list nor a manager
    EVENT_CANCELLED = "event_cancelled"  # a record of an event cancelled since
    EVENT_UNATTRIBUTED = "event_unattributed"  # a sale's event the server does not credit
    # a closed shift
    SHIFT_MISMATCH = "shift_mismatch"  # the till's figures are not the server's own
