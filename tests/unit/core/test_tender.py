"""Tenders: cash with change, split payments, external providers and their refusals."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.core.barcodes import PaymentCode, Wallet
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.tender import (
    MAX_REFERENCE_LENGTH,
    ChargeRequest,
    ChargeResult,
    ManualPaymentProvider,
    Payment,
    Tender,
    TenderKind,
    quick_cash_amounts,
)


@dataclass
class FakeProvider:
    """Records every charge; approves or declines as told; may rewrite the reference."""

    approve: bool = True
    reference: str = ""
    message: str = ""
    requests: list[ChargeRequest] = field(default_factory=list)

    def charge(self, request: ChargeRequest) -> ChargeResult:
        self.requests.append(request)
        return ChargeResult(self.approve, self.reference, self.message)


def code_of(call: object) -> ErrorCode:
    with pytest.raises(PosError) as info:
        call()  # type: ignore[operator]
    return info.value.code


# --- cash ---------------------------------------------------------------------


def test_new_tender() -> None:
    tender = Tender(Money(1000))
    assert tender.paid == Money(0)
    assert tender.remaining == Money(1000)
    assert tender.change == Money(0)
    assert not tender.settled


def test_cash_with_change() -> None:
    tender = Tender(Money(8750))
    payment = tender.add_cash(Money(10000))
    assert payment == Payment(TenderKind.CASH, Money(8750), Money(10000))
    assert payment.change == Money(1250)
    assert tender.paid == Money(8750)
    assert tender.remaining == Money(0)
    assert tender.change == Money(1250)
    assert tender.settled


def test_exact_cash() -> None:
    tender = Tender(Money(500))
    assert tender.add_cash(Money(500)).change == Money(0)
    assert tender.settled
    assert tender.change == Money(0)


def test_partial_cash_leaves_a_remainder() -> None:
    tender = Tender(Money(1000))
    tender.add_cash(Money(300))
    assert tender.remaining == Money(700)
    assert not tender.settled
    tender.add_cash(Money(1000))
    assert tender.settled
    assert tender.paid == Money(1000)
    assert tender.change == Money(300)


@pytest.mark.parametrize("fen", [0, -100])
def test_cash_amount_must_be_positive(fen: int) -> None:
    tender = Tender(Money(1000))
    assert code_of(lambda: tender.add_cash(Money(fen))) is ErrorCode.TENDER_AMOUNT_INVALID
    assert tender.payments == []


def test_cash_when_already_settled_is_refused() -> None:
    tender = Tender(Money(1000))
    tender.add_cash(Money(1000))
    assert code_of(lambda: tender.add_cash(Money(100))) is ErrorCode.TENDER_OVERPAY
    assert len(tender.payments) == 1


def test_zero_total_is_settled_without_payment() -> None:
    tender = Tender(Money(0))
    assert tender.settled
    assert code_of(lambda: tender.add_cash(Money(100))) is ErrorCode.TENDER_OVERPAY


# --- external tenders ---------------------------------------------------------


def test_split_cash_and_wechat() -> None:
    provider = FakeProvider()
    tender = Tender(Money(10000))
    tender.add_cash(Money(3000))
    wechat = tender.add_external(TenderKind.WECHAT, Money(7000), " WX-123 ", provider, "sale-1")
    assert wechat == Payment(TenderKind.WECHAT, Money(7000), Money(7000), "WX-123")
    assert wechat.change == Money(0)
    assert tender.settled
    assert tender.paid == Money(10000)
    assert tender.change == Money(0)
    assert provider.requests == [ChargeRequest("sale-1", TenderKind.WECHAT, Money(7000), "WX-123")]


def test_external_then_cash_gives_change_only_from_cash() -> None:
    tender = Tender(Money(10000))
    tender.add_external(TenderKind.ALIPAY, Money(6000), "ALI-1", FakeProvider(), "s")
    cash = tender.add_cash(Money(5000))
    assert cash.amount == Money(4000)
    assert tender.change == Money(1000)
    assert [p.change for p in tender.payments] == [Money(0), Money(1000)]


def test_provider_reference_wins_over_the_typed_one() -> None:
    tender = Tender(Money(100))
    payment = tender.add_external(
        TenderKind.UNIONPAY, Money(100), "typed", FakeProvider(reference="GW-999"), "s"
    )
    assert payment.reference == "GW-999"


def test_external_overpay_refused() -> None:
    provider = FakeProvider()
    tender = Tender(Money(1000))
    with pytest.raises(PosError) as info:
        tender.add_external(TenderKind.WECHAT, Money(1001), "WX", provider, "s")
    assert info.value.code is ErrorCode.TENDER_OVERPAY
    assert info.value.params == {"fen": 1001, "remaining": 1000}
    assert tender.payments == []
    assert provider.requests == []  # never charged


def test_external_overpay_after_partial_payment() -> None:
    tender = Tender(Money(1000))
    tender.add_cash(Money(600))
    assert (
        code_of(
            lambda: tender.add_external(TenderKind.ALIPAY, Money(401), "A", FakeProvider(), "s")
        )
        is ErrorCode.TENDER_OVERPAY
    )
    tender.add_external(TenderKind.ALIPAY, Money(400), "A", FakeProvider(), "s")
    assert tender.settled


@pytest.mark.parametrize(
    "reference", ["", "   ", "\t", "x" * (MAX_REFERENCE_LENGTH + 1), "ab\x00cd"]
)
def test_missing_or_bad_reference_refused(reference: str) -> None:
    provider = FakeProvider()
    tender = Tender(Money(1000))
    with pytest.raises(PosError) as info:
        tender.add_external(TenderKind.WECHAT, Money(1000), reference, provider, "s")
    assert info.value.code is ErrorCode.TENDER_REFERENCE_REQUIRED
    assert info.value.params == {"kind": "wechat"}
    assert tender.payments == []
    assert provider.requests == []


def test_longest_reference_accepted() -> None:
    tender = Tender(Money(1000))
    ref = "R" * MAX_REFERENCE_LENGTH
    assert (
        tender.add_external(TenderKind.WECHAT, Money(1000), ref, FakeProvider(), "s").reference
        == ref
    )


@pytest.mark.parametrize("fen", [0, -1])
def test_external_amount_must_be_positive(fen: int) -> None:
    tender = Tender(Money(1000))
    assert (
        code_of(
            lambda: tender.add_external(TenderKind.WECHAT, Money(fen), "R", FakeProvider(), "s")
        )
        is ErrorCode.TENDER_AMOUNT_INVALID
    )


def test_cash_is_not_an_external_tender() -> None:
    provider = FakeProvider()
    tender = Tender(Money(1000))
    assert (
        code_of(lambda: tender.add_external(TenderKind.CASH, Money(1000), "R", provider, "s"))
        is ErrorCode.TENDER_AMOUNT_INVALID
    )
    assert provider.requests == []


def test_declined_payment_records_nothing() -> None:
    provider = FakeProvider(approve=False, message="余额不足")
    tender = Tender(Money(1000))
    with pytest.raises(PosError) as info:
        tender.add_external(TenderKind.WECHAT, Money(1000), "WX-1", provider, "sale-9")
    assert info.value.code is ErrorCode.PAYMENT_DECLINED
    assert info.value.params == {"message": "余额不足"}
    assert tender.payments == []
    assert tender.paid == Money(0)
    assert not tender.settled
    assert len(provider.requests) == 1  # it was asked, and said no


def test_manual_provider_approves_with_the_given_reference() -> None:
    request = ChargeRequest("s", TenderKind.ALIPAY, Money(5), "ALI-5")
    assert ManualPaymentProvider().charge(request) == ChargeResult(True, "ALI-5")
    tender = Tender(Money(5))
    assert tender.add_external(TenderKind.ALIPAY, Money(5), "ALI-5", ManualPaymentProvider(), "s")
    assert tender.settled


# --- payment codes ------------------------------------------------------------


@pytest.mark.parametrize(
    ("wallet", "kind"),
    [
        (Wallet.WECHAT, TenderKind.WECHAT),
        (Wallet.ALIPAY, TenderKind.ALIPAY),
        (Wallet.UNIONPAY, TenderKind.UNIONPAY),
    ],
)
def test_payment_code_picks_the_wallet_tender(wallet: Wallet, kind: TenderKind) -> None:
    provider = FakeProvider()
    tender = Tender(Money(2000))
    payment = tender.add_payment_code(
        PaymentCode(wallet, "134567890123456789"), Money(2000), provider, "s-1"
    )
    assert payment.kind is kind
    assert payment.reference == "134567890123456789"
    assert provider.requests[0].kind is kind
    assert provider.requests[0].reference == "134567890123456789"
    assert provider.requests[0].sale_id == "s-1"
    assert TenderKind.for_wallet(wallet) is kind


def test_declined_payment_code() -> None:
    tender = Tender(Money(2000))
    code = PaymentCode(Wallet.ALIPAY, "281234567890123456")
    assert (
        code_of(
            lambda: tender.add_payment_code(code, Money(2000), FakeProvider(approve=False), "s")
        )
        is ErrorCode.PAYMENT_DECLINED
    )
    assert tender.payments == []


def test_remove_payment() -> None:
    tender = Tender(Money(1000))
    tender.add_cash(Money(400))
    wx = tender.add_external(TenderKind.WECHAT, Money(600), "W", FakeProvider(), "s")
    assert tender.remove(1) == wx
    assert tender.remaining == Money(600)
    assert not tender.settled


# --- property -----------------------------------------------------------------

steps = st.lists(
    st.tuples(
        st.sampled_from(list(TenderKind)),
        st.integers(-500, 50_000),
        st.booleans(),  # provider approves
    ),
    max_size=12,
)


@settings(max_examples=300)
@given(st.integers(0, 40_000), steps)
def test_any_payment_sequence_keeps_the_books(
    total: int, sequence: list[tuple[TenderKind, int, bool]]
) -> None:
    tender = Tender(Money(total))
    for kind, fen, approve in sequence:
        before = list(tender.payments)
        try:
            if kind is TenderKind.CASH:
                tender.add_cash(Money(fen))
            else:
                tender.add_external(kind, Money(fen), "REF", FakeProvider(approve=approve), "s")
        except PosError:
            assert tender.payments == before
        non_cash = sum(
            (p.amount for p in tender.payments if p.kind is not TenderKind.CASH), Money(0)
        )
        assert non_cash <= tender.total
        assert tender.paid <= tender.total
        assert tender.change.fen >= 0
        for payment in tender.payments:
            assert payment.amount.fen > 0
            if payment.kind is TenderKind.CASH:
                assert payment.tendered >= payment.amount
            else:
                assert payment.change == Money(0)
                assert payment.tendered == payment.amount
        cash_change = sum(
            (p.change for p in tender.payments if p.kind is TenderKind.CASH), Money(0)
        )
        assert tender.change == cash_change
        assert tender.settled == (tender.paid == tender.total)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (9190, [9190, 10000]),
        (1234, [1234, 2000, 5000, 10000]),
        (5000, [5000, 6000, 10000]),
        (10000, [10000]),
        (38, [38, 1000, 2000, 5000]),
    ],
)
def test_quick_cash_amounts_are_the_exact_due_then_banknote_sums(due, expected):
    assert [m.fen for m in quick_cash_amounts(Money(due))] == expected
