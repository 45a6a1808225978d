"""A completed sale: what is written, synced and printed once payment is settled.

`totals.total` is the cart's total; `rounding` is the 抹零 taken off it, and
`due` what the customer paid. Points are earned on what was paid: each
line's amount is after its promotions, and the rounding is spread over those
nets (`points.net_amounts`). A promoted sale keeps the definitions of the
promotions it applied (`promotions`), so a return re-prices with exactly them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from pos_app.core.cart import Cart, CartLine, Totals
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.member import Member
from pos_app.core.money import Money
from pos_app.core.points import Contract, eligible_amount, net_amounts, points_for
from pos_app.core.promotions import Promotion
from pos_app.core.rounding import NO_ROUNDING
from pos_app.core.tender import Payment, Tender

__all__ = ["Member", "Sale", "build_sale", "new_sale_id", "receipt_number", "sale_to_dict"]


def new_sale_id() -> str:
    return str(uuid.uuid4())


def receipt_number(store_code: str, terminal_code: str, sequence: int) -> str:
    """'S001-T01-000042': unique per terminal without asking the server."""
    return f"{store_code}-{terminal_code}-{sequence:06d}"


@dataclass(frozen=True, slots=True)
class Sale:
    sale_id: str
    receipt_no: str
    store_code: str
    terminal_code: str
    cashier: str
    created_at: datetime  # timezone-aware UTC
    lines: tuple[CartLine, ...]  # voided lines included, flagged
    payments: tuple[Payment, ...]
    totals: Totals
    member: Member | None = None
    contract: Contract | None = None  # the version in force, when a member earns
    points: int = 0
    rounding: Money = NO_ROUNDING  # 抹零 taken off the total
    #: the tasting event the sale was made at (event prices), if any
    event_id: str | None = None
    #: the definitions of the promotions the lines got, by rank
    promotions: tuple[Promotion, ...] = ()

    @property
    def total(self) -> Money:
        """The cart's total, before 抹零."""
        return self.totals.total

    @property
    def due(self) -> Money:
        """What the customer paid: the total less the 抹零."""
        return self.totals.total - self.rounding

    def net_amounts(self) -> dict[int, Money]:
        """Line number → what was paid for the line, its share of the 抹零 taken off."""
        return net_amounts(self.lines, self.rounding)

    @property
    def change(self) -> Money:
        return sum((p.change for p in self.payments), Money(0))

    @property
    def eligible_amount(self) -> Money:
        """What was actually paid for points-eligible lines (after discounts and 抹零)."""
        return eligible_amount(self.lines, self.rounding)


def build_sale(
    *,
    sale_id: str,
    cart: Cart,
    tender: Tender,
    store_code: str,
    terminal_code: str,
    sequence: int,
    cashier: str,
    now: datetime,
    contract: Contract | None = None,
) -> Sale:
    """The sale to record; points are earned only with a member and a contract.

    The sale's member is the cart's: there is no other way to pass one, so the
    lines' prices (member prices only with a member) and the member who earns
    come from the same place and cannot disagree.
    """
    if cart.is_empty():
        raise PosError(ErrorCode.CART_EMPTY)
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("sale time must be timezone-aware")
    totals = cart.totals()
    member = cart.member
    if tender.total != totals.total:
        raise PosError(ErrorCode.TENDER_INSUFFICIENT, total=totals.total.fen)
    if not tender.settled:
        raise PosError(ErrorCode.TENDER_INSUFFICIENT, remaining=tender.remaining.fen)
    rounding = tender.rounding
    return Sale(
        sale_id=sale_id,
        receipt_no=receipt_number(store_code, terminal_code, sequence),
        store_code=store_code,
        terminal_code=terminal_code,
        cashier=cashier,
        created_at=now.astimezone(UTC),  # the documented UTC, whatever zone the clock gave
        lines=tuple(cart.lines),
        payments=tuple(tender.payments),
        totals=totals,
        member=member,
        contract=contract if member is not None else None,
        points=points_for(eligible_amount(cart.lines, rounding), contract)
        if member is not None
        else 0,
        rounding=rounding,
        event_id=None if cart.pricing is None else cart.pricing.event_id,
        promotions=cart.used_promotions(),
    )


def wire_line(line: CartLine) -> dict[str, object]:
    """A line as the sale sends it: its `discount` is everything taken off it (the
    cashier's and the promotions'), and `promotions` what each promotion saved;
    a line without promotions is exactly the cart line's plain data."""
    data = line.to_dict()
    if line.promotions:
        data["discount"] = (line.discount + line.promo_saving).fen
        data["promotions"] = [
            {"id": a.promo_id, "saving_fen": a.saving.fen} for a in line.promotions
        ]
    return data


def sale_to_dict(sale: Sale) -> dict[str, object]:
    """Plain data for the outbox and for audits; amounts in fen, time in UTC ISO.
    `event_id` is there only for a sale made at an event."""
    body: dict[str, object] = {
        "sale_id": sale.sale_id,
        "receipt_no": sale.receipt_no,
        "store_code": sale.store_code,
        "terminal_code": sale.terminal_code,
        "cashier": sale.cashier,
        "created_at": sale.created_at.isoformat(),
        "subtotal_fen": sale.totals.subtotal.fen,
        "discount_fen": sale.totals.discount.fen,
        "total_fen": sale.totals.total.fen,
        "rounding_fen": sale.rounding.fen,
        "change_fen": sale.change.fen,
        "eligible_fen": sale.eligible_amount.fen,
        "member": None
        if sale.member is None
        else {
            "resident_id": sale.member.resident_id,
            "community_id": sale.member.community_id,
            "property_company_id": sale.member.property_company_id,
            "code_nonce": sale.member.code_nonce,
            # the signed QR as scanned: the server judges the sale's member by it
            "code": sale.member.code or None,
        },
        "points": sale.points,
        "contract": None
        if sale.contract is None
        else {
            "community_id": sale.contract.community_id,
            "effective_from": sale.contract.effective_from.isoformat(),
            "share_bps": sale.contract.share_bps,
            "points_bps": sale.contract.points_bps,
        },
        "lines": [wire_line(line) for line in sale.lines],
        "payments": [
            {
                "kind": p.kind.value,
                "amount_fen": p.amount.fen,
                "tendered_fen": p.tendered.fen,
                "reference": p.reference,
            }
            for p in sale.payments
        ],
    }
    if sale.event_id is not None:
        body["event_id"] = sale.event_id
    return body
