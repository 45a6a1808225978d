"""Which QR a sale's receipt carries: a points claim when an anonymous sale
earned something claimable, otherwise a lookup code for returns.

Without the terminal key (its sealing key was lost: the till sells on until it is
enrolled again) every receipt carries the lookup code: a claim code needs the
key, and one signed by a new key would not match the sale's till on the server."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pos_app.core.receipt_codes import ClaimPayload, claim_code, lookup_code
from pos_app.core.sale import Sale
from pos_app.options import PointsSettings
from pos_app.persistence.terminal_key import key_id


class ReceiptQr:
    def __init__(self, key: Ed25519PrivateKey | None, points: Callable[[], PointsSettings]) -> None:
        self._key = key
        self._key_id = "" if key is None else key_id(key)
        self._points = points  # read at each sale: a changed window applies at once

    def for_sale(self, sale: Sale) -> str:
        if self._key is None or sale.member is not None or sale.eligible_amount.fen <= 0:
            return lookup_code(sale.receipt_no)
        deadline = sale.created_at + timedelta(days=self._points().claim_window_days)
        return claim_code(
            self._key,
            ClaimPayload(
                key_id=self._key_id,
                sale_id=sale.sale_id,
                receipt_no=sale.receipt_no,
                store_code=sale.store_code,
                eligible_fen=sale.eligible_amount.fen,
                sale_time=int(sale.created_at.timestamp()),
                deadline=int(deadline.timestamp()),
            ),
        )
