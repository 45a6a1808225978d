"""Tenders: cash with change, and payments taken by other means (WeChat Pay,
Alipay, UnionPay), possibly split across several of them.

External payments go through a `PaymentProvider` port. Today's provider only
records what staff confirmed on the customer's phone or the card terminal,
with its reference; a gateway adapter can replace it without touching the
checkout.

抹零 (`pos_app.core.rounding`): the store's rule takes the small change off the
amount due. By default only a sale paid all in cash is rounded, so the
rounding disappears the moment a wallet or card payment is added, and what
that payment may charge is counted on the unrounded total.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Protocol

from pos_app.core.barcodes import PaymentCode, Wallet
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.rounding import RoundingRule, rounding_for

MAX_REFERENCE_LENGTH = 64


class TenderKind(enum.Enum):
    CASH = "cash"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    UNIONPAY = "unionpay"

    @classmethod
    def for_wallet(cls, wallet: Wallet) -> TenderKind:
        return cls(wallet.value)


@dataclass(frozen=True, slots=True)
class Payment:
    kind: TenderKind
    amount: Money  # applied to the sale
    tendered: Money  # handed over (cash) or charged (others)
    reference: str = ""

    @property
    def change(self) -> Money:
        return self.tendered - self.amount


@dataclass(frozen=True, slots=True)
class ChargeRequest:
    sale_id: str
    kind: TenderKind
    amount: Money
    reference: str  # a scanned 付款码 or the reference staff typed in


@dataclass(frozen=True, slots=True)
class ChargeResult:
    approved: bool
    reference: str
    message: str = ""


class PaymentProvider(Protocol):
    """Port for non-cash payments; a real gateway adapter implements this."""

    def charge(self, request: ChargeRequest) -> ChargeResult: ...


class ManualPaymentProvider:
    """Records a payment that staff saw succeed on the wallet or card terminal."""

    def charge(self, request: ChargeRequest) -> ChargeResult:
        return ChargeResult(approved=True, reference=request.reference)


@dataclass
class Tender:
    """Payments collected against one sale total, less its 抹零 when the rule applies."""

    total: Money  # the cart's total, before rounding
    payments: list[Payment] = field(default_factory=list)
    rounding_rule: RoundingRule = RoundingRule.OFF
    #: round only a sale paid all in cash (the default, as most shops do)
    rounding_cash_only: bool = True

    @property
    def paid(self) -> Money:
        return sum((p.amount for p in self.payments), Money(0))

    def _rounding_with(self, kinds: set[TenderKind]) -> Money:
        if self.rounding_cash_only and kinds - {TenderKind.CASH}:
            return Money(0)
        return rounding_for(self.total, self.rounding_rule)

    @property
    def rounding(self) -> Money:
        """What 抹零 takes off the total with the payments made so far."""
        return self._rounding_with({p.kind for p in self.payments})

    @property
    def due(self) -> Money:
        """What the customer pays: the total less the rounding."""
        return self.total - self.rounding

    @property
    def remaining(self) -> Money:
        return self.due - self.paid

    def rounding_if(self, kind: TenderKind) -> Money:
        """The 抹零 once a payment of `kind` is added (what the payment screen shows
        while that tender is chosen)."""
        return self._rounding_with({p.kind for p in self.payments} | {kind})

    def remaining_if(self, kind: TenderKind) -> Money:
        """What would remain to pay once a payment of `kind` is added: a wallet or
        card payment in a cash-only store ends the rounding, so it may charge the
        unrounded rest."""
        return self.total - self.rounding_if(kind) - self.paid

    @property
    def change(self) -> Money:
        return sum((p.change for p in self.payments), Money(0))

    @property
    def settled(self) -> bool:
        return self.remaining.fen <= 0

    def add_cash(self, tendered: Money) -> Payment:
        if tendered.fen <= 0:
            raise PosError(ErrorCode.TENDER_AMOUNT_INVALID, fen=tendered.fen)
        if self.settled:
            raise PosError(ErrorCode.TENDER_OVERPAY, fen=tendered.fen)
        applied = min(tendered, self.remaining)
        payment = Payment(TenderKind.CASH, applied, tendered)
        self.payments.append(payment)
        return payment

    def add_external(
        self,
        kind: TenderKind,
        amount: Money,
        reference: str,
        provider: PaymentProvider,
        sale_id: str,
    ) -> Payment:
        """Charge through the provider; other tenders never give change."""
        reference = reference.strip()
        if kind is TenderKind.CASH:
            raise PosError(ErrorCode.TENDER_AMOUNT_INVALID, kind=kind.value)
        if amount.fen <= 0:
            raise PosError(ErrorCode.TENDER_AMOUNT_INVALID, fen=amount.fen)
        if self.settled:
            raise PosError(ErrorCode.TENDER_OVERPAY, fen=amount.fen)
        remaining = self.remaining_if(kind)
        if amount > remaining:
            raise PosError(ErrorCode.TENDER_OVERPAY, fen=amount.fen, remaining=remaining.fen)
        if not reference or len(reference) > MAX_REFERENCE_LENGTH or not reference.isprintable():
            raise PosError(ErrorCode.TENDER_REFERENCE_REQUIRED, kind=kind.value)
        result = provider.charge(ChargeRequest(sale_id, kind, amount, reference))
        if not result.approved:
            raise PosError(ErrorCode.PAYMENT_DECLINED, message=result.message)
        payment = Payment(kind, amount, amount, result.reference or reference)
        self.payments.append(payment)
        return payment

    def add_payment_code(
        self, code: PaymentCode, amount: Money, provider: PaymentProvider, sale_id: str
    ) -> Payment:
        """A customer's 付款码 scanned in the tender dialog: its wallet picks the tender."""
        return self.add_external(
            TenderKind.for_wallet(code.wallet), amount, code.code, provider, sale_id
        )

    def remove(self, index: int) -> Payment:
        return self.payments.pop(index)


BANKNOTE_STEPS = (1000, 2000, 5000, 10000)  # ¥10 ¥20 ¥50 ¥100


def quick_cash_amounts(due: Money) -> list[Money]:
    """Exact amount, then the banknote sums a customer is likely to hand over."""
    amounts = [due]
    for note in BANKNOTE_STEPS:
        rounded = -(-due.fen // note) * note
        if rounded > due.fen and Money(rounded) not in amounts:
            amounts.append(Money(rounded))
    return amounts[:4]
