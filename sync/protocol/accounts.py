"""A resident's account at the central server: the resident and their balance,
the lookup by phone, property-fee bills, redemption (核销) and the claim of an
anonymous receipt's points."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field

from sync.protocol.types import (
    CLEAN,
    MAX_COUNTER,
    MAX_POINTS,
    Fen,
    Id40,
    Message,
    Points,
    Text16,
    Text32,
    Text40,
    Text64,
)

#: Points moved by one request: at least 1.
PositivePoints = Annotated[int, Field(ge=1, le=MAX_POINTS)]
#: Largest body a claim or member code can be: a real one is ~200 characters.
MAX_CODE_TEXT = 600
#: A balance (points) is a sum of entries, and may go negative after a clawback.
Balance = Annotated[int, Field(ge=-MAX_COUNTER, le=MAX_COUNTER)]
#: The last four digits of a resident's phone, as they tell the cashier.
PhoneLast4 = Annotated[str, Field(pattern=r"^[0-9]{4}$")]


class ResidentOut(Message):
    resident_id: Id40
    community_id: Id40
    property_company_id: Id40
    masked_name: Text32
    community_name: Text64
    balance: Balance
    balance_as_of: AwareDatetime
    #: for the till's offline lookup by phone; the number itself never leaves the server
    phone_last4: PhoneLast4 | None = None


#: Most candidates a phone lookup answers: enough for four digits shared within one
#: property company, too few to list its residents by trying every ending.
MAX_PHONE_CANDIDATES = 10


class MemberCandidate(Message):
    """A resident whose phone ends with the asked digits: only what tells them apart."""

    resident_id: Id40
    masked_name: Text32  # 张*明
    masked_phone: Text16  # 138****1234
    community_id: Id40
    community_name: Text64


class MemberLookupResponse(Message):
    """GET /members/by-phone: candidates of the till's own property company, best first."""

    candidates: list[MemberCandidate] = Field(max_length=MAX_PHONE_CANDIDATES)
    #: more residents matched than were answered: ask the resident for more (their name)
    truncated: bool


class BillOut(Message):
    bill_id: Id40
    period: Annotated[str, Field(max_length=7), CLEAN]  # e.g. "2026-11"
    amount_fen: Fen
    paid_fen: Fen

    @property
    def open_fen(self) -> int:
        return self.amount_fen - self.paid_fen


class RedemptionRequest(Message):
    redemption_id: uuid.UUID  # the till's id: a retried request redeems once
    resident_id: Id40
    bill_id: Id40
    points: PositivePoints


class RedemptionResponse(Message):
    redemption_id: uuid.UUID
    status: Literal["done", "duplicate"]
    points: PositivePoints
    bill_id: Id40
    bill_open_fen: Fen
    balance: Balance


class ClaimRequest(Message):
    claim_code: Annotated[str, Field(min_length=1, max_length=MAX_CODE_TEXT), CLEAN]  # YCC1…
    member_code: Annotated[str, Field(min_length=1, max_length=400), CLEAN]  # YCM1… shown


class ClaimResponse(Message):
    status: Literal["claimed"]
    receipt_no: Text40
    points: Points
    balance: Balance
