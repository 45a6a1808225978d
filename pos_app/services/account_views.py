"""What the central server says about a resident's points, as the till shows it:
frozen dataclasses built from the sync protocol's messages, so the UI never
depends on the wire format (`sync.protocol`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sync.protocol.accounts import (
    BillOut,
    ClaimResponse,
    MemberCandidate,
    MemberLookupResponse,
    RedemptionResponse,
    ResidentOut,
)


@dataclass(frozen=True)
class ResidentAccount:
    """A resident's points account, live from the central server."""

    resident_id: str
    masked_name: str
    balance: int  # points (1 point = 1 分 of property fee)


@dataclass(frozen=True)
class FeeBill:
    """A property-fee bill; amounts in 分."""

    bill_id: str
    period: str  # e.g. "2026-11"
    amount_fen: int
    paid_fen: int

    @property
    def open_fen(self) -> int:
        return self.amount_fen - self.paid_fen


@dataclass(frozen=True)
class Redemption:
    """Points paid against a bill, as the server recorded it."""

    redemption_id: uuid.UUID
    points: int
    bill_id: str
    bill_open_fen: int  # what the bill still owes after this redemption
    balance: int  # the resident's points left


@dataclass(frozen=True)
class Claim:
    """Points of an anonymous sale's receipt credited to a resident."""

    receipt_no: str
    points: int
    balance: int


@dataclass(frozen=True)
class PhoneMatch:
    """A resident whose phone ends with the digits asked: what tells them apart."""

    resident_id: str
    masked_name: str  # 张*明
    masked_phone: str  # 138****1234 online; *******1234 from the till's cache
    community_id: str
    community_name: str


@dataclass(frozen=True)
class PhoneMatches:
    """The answer to "whose phone ends with these four digits?"."""

    candidates: tuple[PhoneMatch, ...]
    truncated: bool  # more residents matched than were listed
    offline: bool = False  # from this till's resident cache: the server was not reached


def phone_match_of(message: MemberCandidate) -> PhoneMatch:
    return PhoneMatch(
        message.resident_id,
        message.masked_name,
        message.masked_phone,
        message.community_id,
        message.community_name,
    )


def phone_matches_of(message: MemberLookupResponse) -> PhoneMatches:
    return PhoneMatches(tuple(phone_match_of(c) for c in message.candidates), message.truncated)


def account_of(message: ResidentOut) -> ResidentAccount:
    return ResidentAccount(message.resident_id, message.masked_name, message.balance)


def bill_of(message: BillOut) -> FeeBill:
    return FeeBill(message.bill_id, message.period, message.amount_fen, message.paid_fen)


def redemption_of(message: RedemptionResponse) -> Redemption:
    return Redemption(
        message.redemption_id,
        message.points,
        message.bill_id,
        message.bill_open_fen,
        message.balance,
    )


def claim_of(message: ClaimResponse) -> Claim:
    return Claim(message.receipt_no, message.points, message.balance)
