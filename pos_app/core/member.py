"""The resident identified for a sale, as the till keeps them in the cart.

No full name and no balance: ids, the masked name to show, and the
membership QR they showed (signed by the central server), so that a held or
interrupted cart can check its resident again before member prices return.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from pos_app.core.errors import ErrorCode, PosError


@dataclass(frozen=True, slots=True)
class Member:
    """The resident identified for a sale, as the till knows them (no full name)."""

    resident_id: str
    community_id: str
    property_company_id: str
    masked_name: str = ""
    code_nonce: str = ""  # of the QR shown, to flag a code reused for another sale
    code_expires_at: int = 0  # unix s; used codes are kept until then
    code: str = ""  # the membership QR as scanned: signed proof of who the resident is

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: object) -> Member:
        """A saved member, or QR_MALFORMED when the data is not one (edited, truncated)."""
        if not isinstance(data, dict):
            raise PosError(ErrorCode.QR_MALFORMED)
        values: dict[str, Any] = {}
        for f in fields(cls):
            value = data.get(f.name, f.default)
            kind = int if f.name == "code_expires_at" else str
            if isinstance(value, bool) or not isinstance(value, kind):
                raise PosError(ErrorCode.QR_MALFORMED)
            values[f.name] = value
        if not (values["resident_id"] and values["property_company_id"]):
            raise PosError(ErrorCode.QR_MALFORMED)
        return cls(**values)
