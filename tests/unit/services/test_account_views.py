"""The central server's answers about a resident's points, turned into the frozen
dataclasses the UI shows: every field carried over exactly."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime

import pytest

from pos_app.services.account_views import (
    Claim,
    FeeBill,
    Redemption,
    ResidentAccount,
    account_of,
    bill_of,
    claim_of,
    redemption_of,
)
from sync.protocol.accounts import BillOut, ClaimResponse, RedemptionResponse, ResidentOut

RID = uuid.UUID("7d1f0e38-3c7e-4f1f-9d4e-3f7a1b2c4d5e")


def test_a_resident_account() -> None:
    message = ResidentOut(
        resident_id="R0001",
        community_id="C01",
        property_company_id="P01",
        masked_name="张*明",
        community_name="示范社区",
        balance=-120,
        balance_as_of=datetime(2026, 11, 27, 4, tzinfo=UTC),
    )
    assert account_of(message) == ResidentAccount("R0001", "张*明", -120)


def test_a_bill_and_what_it_still_owes() -> None:
    bill = bill_of(BillOut(bill_id="B1", period="2026-11", amount_fen=5000, paid_fen=1200))
    assert bill == FeeBill("B1", "2026-11", 5000, 1200)
    assert bill.open_fen == 3800
    with pytest.raises(dataclasses.FrozenInstanceError):
        bill.paid_fen = 0  # type: ignore[misc]


def test_a_redemption() -> None:
    message = RedemptionResponse(
        redemption_id=RID, status="duplicate", points=1200, bill_id="B1", bill_open_fen=3800,
        balance=34,
    )  # fmt: skip
    assert redemption_of(message) == Redemption(RID, 1200, "B1", 3800, 34)


def test_a_claim() -> None:
    message = ClaimResponse(status="claimed", receipt_no="T01-0007", points=269, balance=304)
    assert claim_of(message) == Claim("T01-0007", 269, 304)
