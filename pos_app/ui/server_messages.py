"""Sentences for what the central server and the network answer: the server's
refusal codes (`sync.protocol.codes.ErrorCode`), the transport failures the
sync client names (offline, timeout, tls…), the flags the server puts on an
accepted record (`ItemFlag`) and the kinds of records.

The server's own `detail`/`message` is English written for developers: it is
never shown alone. Every code a server or the client can send has its own
translated sentence here, keyed by the code's text (the UI does not import
`sync.*`); a test walks the protocol's enums and fails on any code without one.
An unknown code (a newer server) reads as a generic sentence naming the code.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def server_reason_texts() -> dict[str, str]:
    """The central server's refusal codes, and the client's refusals before sending."""
    return {
        "bad_token": QCoreApplication.translate(
            "Server", "This till's credential is no longer valid: enroll it again."
        ),
        "terminal_revoked": QCoreApplication.translate(
            "Server", "This till has been disconnected from the central server."
        ),
        "invalid_request": QCoreApplication.translate(
            "Server", "The central server could not read the request: update the till."
        ),
        "unsupported_protocol": QCoreApplication.translate(
            "Server", "The central server speaks another protocol version: update the till."
        ),
        "not_found": QCoreApplication.translate(
            "Server", "The central server does not know what was asked for."
        ),
        "enrollment_code_invalid": QCoreApplication.translate(
            "Server", "The enrollment code is unknown, used or expired: ask for a new one."
        ),
        "bad_public_key": QCoreApplication.translate(
            "Server", "The central server refused this till's key."
        ),
        "key_already_enrolled": QCoreApplication.translate(
            "Server", "This till is already enrolled with the central server."
        ),
        "bad_cursor": QCoreApplication.translate(
            "Server", "The sync position is not valid any more: sync again."
        ),
        "resident_not_found": QCoreApplication.translate(
            "Server", "The central server does not know this resident."
        ),
        "wrong_company": QCoreApplication.translate(
            "Server", "That resident belongs to another property company."
        ),
        "bill_not_found": QCoreApplication.translate(
            "Server", "That bill does not exist (or is paid)."
        ),
        "over_bill": QCoreApplication.translate("Server", "More points than the bill still open."),
        "over_balance": QCoreApplication.translate("Server", "Not enough points for that."),
        "redemption_conflict": QCoreApplication.translate(
            "Server", "This redemption was already sent with other figures: start it again."
        ),
        "claim_forged": QCoreApplication.translate(
            "Server", "This receipt's claim code is not genuine."
        ),
        "claim_expired": QCoreApplication.translate(
            "Server", "Too late: the points of this receipt can no longer be claimed."
        ),
        "already_claimed": QCoreApplication.translate(
            "Server", "The points of this receipt were already claimed."
        ),
        "sale_unknown": QCoreApplication.translate(
            "Server", "The server has not received this sale yet: try again after the next sync."
        ),
        "member_code_invalid": QCoreApplication.translate(
            "Server", "The membership code is not valid: ask for a fresh one."
        ),
        "member_code_used": QCoreApplication.translate(
            "Server", "This membership code was already used: ask the resident for a fresh one."
        ),
        "claim_held": QCoreApplication.translate(
            "Server", "The points of this receipt wait for a manager's review: try again later."
        ),
        "method_not_allowed": QCoreApplication.translate(
            "Server", "The central server does not accept this request: update the till."
        ),
        "payload_too_large": QCoreApplication.translate(
            "Server", "The request is larger than the central server accepts."
        ),
        "rate_limited": QCoreApplication.translate(
            "Server", "Too many attempts: wait a minute, then try again."
        ),
        "database_unavailable": QCoreApplication.translate(
            "Server", "The central server's database is unavailable: try again later."
        ),
        "internal_error": QCoreApplication.translate(
            "Server", "The central server had an internal error: try again later."
        ),
        # access scopes: a credential of a person's role where a till's belongs
        "token_revoked": QCoreApplication.translate(
            "Server", "This credential was withdrawn on the central server: enroll the till again."
        ),
        "out_of_scope": QCoreApplication.translate(
            "Server", "This credential may not do that on the central server: ask the manager."
        ),
        "wrong_store": QCoreApplication.translate("Server", "That belongs to another store."),
        # refused by this till before anything is sent (sync.client.session)
        "insecure_http": QCoreApplication.translate(
            "Server",
            "The server address is unencrypted http://: enroll this till again with https://.",
        ),
        "bad_url": QCoreApplication.translate(
            "Server", "The server address is not a valid URL: enroll this till again."
        ),
        "redirect": QCoreApplication.translate(
            "Server", "The server address redirects elsewhere: check the address."
        ),
        "tls": QCoreApplication.translate(
            "Server", "The secure connection failed (certificate): call the manager."
        ),
        # the operations' own refusals (a promotion or an event set up on the server)
        "promotion_invalid": QCoreApplication.translate(
            "Server", "The central server refused the promotion: a field is missing or wrong."
        ),
        "promotion_exists": QCoreApplication.translate(
            "Server", "A promotion with this number exists already on the central server."
        ),
        "promotion_state": QCoreApplication.translate(
            "Server", "The promotion cannot change this way now (ended, or its budget spent)."
        ),
        "event_invalid": QCoreApplication.translate(
            "Server", "The central server refused the event: a field is missing or wrong."
        ),
        "event_exists": QCoreApplication.translate(
            "Server", "An event with this number exists already on the central server."
        ),
        "event_state": QCoreApplication.translate(
            "Server", "The event cannot change this way now (closed or cancelled)."
        ),
        "import_rejected": QCoreApplication.translate(
            "Server",
            "The file has wrong rows: nothing was imported. Correct them and import again.",
        ),
        "payment_conflict": QCoreApplication.translate(
            "Server", "This receipt number is already recorded for another payment."
        ),
        # the online shop's orders (never sent by a till; the shop and operations read these)
        "order_invalid": QCoreApplication.translate(
            "Server", "The central server refused the online order: a line or total is wrong."
        ),
        "id_conflict": QCoreApplication.translate(
            "Server", "This number was already used for a different record on the central server."
        ),
        "refund_exceeds_order": QCoreApplication.translate(
            "Server", "The refund is more than the online order has left."
        ),
        "order_attributed": QCoreApplication.translate(
            "Server", "The online order already belongs to a community."
        ),
        "geofence_invalid": QCoreApplication.translate(
            "Server", "The central server refused the geofence: check its outline."
        ),
    }


def server_reason_text(code: str) -> str:
    text = server_reason_texts().get(code)
    if text is not None:
        return text
    return QCoreApplication.translate(
        "Server", "The central server refused (code {code}): call the manager."
    ).format(code=code)


def transport_text(code: str) -> str:
    """Why the central server could not be reached (SyncError codes of the client)."""
    texts = {
        "offline": QCoreApplication.translate("Server", "no network connection"),
        "timeout": QCoreApplication.translate("Server", "no answer in time"),
        "tls": QCoreApplication.translate("Server", "the secure connection failed"),
        "server_error": QCoreApplication.translate("Server", "the server had an error"),
        "bad_response": QCoreApplication.translate("Server", "the answer was not understood"),
        "cancelled": QCoreApplication.translate("Server", "stopped"),
        "redirect": QCoreApplication.translate("Server", "the address redirects elsewhere"),
    }
    return texts.get(code, QCoreApplication.translate("Server", "connection problem"))


def item_flag_texts() -> dict[str, str]:
    """What the server did not believe in an accepted record (ItemResult.flags)."""
    return {
        "points_mismatch": QCoreApplication.translate(
            "Server", "The server credited its own points figure"
        ),
        "total_mismatch": QCoreApplication.translate(
            "Server", "The lines do not add up to the total"
        ),
        "unknown_sku": QCoreApplication.translate(
            "Server", "A product is not in the server's catalog"
        ),
        "unknown_category": QCoreApplication.translate(
            "Server", "A product's category is not the server's"
        ),
        "unit_mismatch": QCoreApplication.translate(
            "Server", "A product is sold by piece or by weight differently on the server"
        ),
        "price_unexplained": QCoreApplication.translate(
            "Server", "A price matches no catalog or member price of that time"
        ),
        "discount_invalid": QCoreApplication.translate(
            "Server", "A discount is larger than its line"
        ),
        "open_price_over_limit": QCoreApplication.translate(
            "Server", "A no-code item is above the server's limit: it waits for review"
        ),
        "sale_time_out_of_bounds": QCoreApplication.translate(
            "Server", "The sale's time is not plausible: check this till's clock"
        ),
        "member_unverified": QCoreApplication.translate(
            "Server", "The resident's membership code could not be verified"
        ),
        "member_ineligible": QCoreApplication.translate(
            "Server", "The resident may not earn points here"
        ),
        "member_code_reused": QCoreApplication.translate(
            "Server", "The membership code already earned points elsewhere"
        ),
        "member_code_time": QCoreApplication.translate(
            "Server", "The sale is far outside the membership code's validity"
        ),
        "refund_total_mismatch": QCoreApplication.translate(
            "Server", "The refund's lines do not add up to its total"
        ),
        "refund_payments_mismatch": QCoreApplication.translate(
            "Server", "The refund's payments do not add up"
        ),
        "chain_gap": QCoreApplication.translate(
            "Server", "A sale or refund before this one never reached the server: check this till"
        ),
        "chain_fork": QCoreApplication.translate(
            "Server", "This till's records were changed after they were sent: call the manager"
        ),
        "shift_mismatch": QCoreApplication.translate(
            "Server", "The shift's figures differ from the server's own"
        ),
        "promotion_unexplained": QCoreApplication.translate(
            "Server", "A promotion saving the server cannot explain: no points on that line"
        ),
        "promotion_over_budget": QCoreApplication.translate(
            "Server", "The sale took a promotion past its budget: the promotion is paused"
        ),
        "promotion_budget_capped": QCoreApplication.translate(
            "Server", "The store promotion's budget was capped at the server's limit"
        ),
        "event_unattributed": QCoreApplication.translate(
            "Server", "The sale names an event the server could not credit it to"
        ),
        "event_cancelled": QCoreApplication.translate(
            "Server", "A record of an event that was cancelled"
        ),
        "promoter_not_listed": QCoreApplication.translate(
            "Server", "The promoter is not on the event's list"
        ),
        "sample_cost_mismatch": QCoreApplication.translate(
            "Server", "The sample's cost differs from the event's list: the server's is kept"
        ),
    }


def item_flag_text(code: str) -> str:
    return item_flag_texts().get(
        code,
        QCoreApplication.translate("Server", "Flagged by the server ({code})").format(code=code),
    )


def record_kind_text(kind: str) -> str:
    """An outbox record's kind (sale, refund, sample, feedback) for the manager."""
    texts = {
        "sale": QCoreApplication.translate("Server", "Sale"),
        "refund": QCoreApplication.translate("Server", "Refund"),
        "shift": QCoreApplication.translate("Server", "Shift close"),
        "sample": QCoreApplication.translate("Server", "Samples given"),
        "feedback": QCoreApplication.translate("Server", "Product feedback"),
        "redemption": QCoreApplication.translate("Server", "Redemption"),
        "store_promotion": QCoreApplication.translate("Server", "Store promotion"),
        "store_event": QCoreApplication.translate("Server", "Store event"),
    }
    return texts.get(kind, kind)
