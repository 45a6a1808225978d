"""What a receipt says, as plain frozen data: built from a `Sale` and the store's
details, or from generic rows for the kinds later issues fill (refund, shift
close, redemption). It round-trips through JSON so a print job can be rendered
again later, for whatever printer is configured by then.

Times are kept aware (UTC) and shown in Asia/Shanghai by the templates. Only a
masked name of a resident ever reaches a receipt (张*明), never a full name.
A promoted sale lists each promotion applied with what it saved, and each line
what the promotions took off it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from pos_app.core.cart import CartLine
from pos_app.core.money import Money
from pos_app.core.rounding import NO_ROUNDING
from pos_app.core.sale import Sale
from pos_app.core.tender import Payment, TenderKind

MAX_QR_PAYLOAD = 600  # bytes: a signed points-claim code is ~330 (core.receipt_codes)


class ReceiptKind(enum.Enum):
    SALE = "sale"
    REPRINT = "reprint"
    REFUND = "refund"
    SHIFT_CLOSE = "shift_close"
    REDEMPTION = "redemption"
    TEST = "test"  # the printer dialog's test print
    EVENT_REPORT = "event_report"  # a tasting event's report (活动报告)
    DAILY_SUMMARY = "daily_summary"  # the day's sales summary (营业日报)


@dataclass(frozen=True, slots=True)
class StoreInfo:
    name: str
    community: str
    terminal: str
    #: printed by a till in training mode: 培训 / TRAINING in the header and the footer
    #: (kept with a print job, so a reprint says it too)
    training: bool = False


@dataclass(frozen=True, slots=True)
class ResidentBlock:
    """A resident identified at the counter; amounts in points (1 point = ¥0.01)."""

    masked_name: str
    points_earned: int | None = None
    points_balance: int | None = None
    #: where the resident reads their points themselves (the server's /me page)
    page_url: str = ""


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    name: str
    quantity: int  # pieces, or grams when weighed
    weighed: bool
    unit_price: Money  # per piece, or per kg
    discount: Money  # the cashier's
    amount: Money  # after the discount and the promotions
    promo_saving: Money = NO_ROUNDING  # what the promotions took off the line

    @property
    def gross(self) -> Money:
        return self.amount + self.discount + self.promo_saving


@dataclass(frozen=True, slots=True)
class ReceiptPromotion:
    """A promotion the sale got and what it saved on the whole sale."""

    name: str
    saving: Money


@dataclass(frozen=True, slots=True)
class ReceiptPayment:
    kind: str  # TenderKind value, or any label for generic receipts
    amount: Money
    tendered: Money
    reference_tail: str = ""  # last digits only: a payment code is a bearer token

    @property
    def change(self) -> Money:
        return self.tendered - self.amount


def item_count(lines: Iterable[ReceiptLine]) -> int:
    """件数 of every receipt (sale, reprint, refund): pieces, a weighed line
    counting as one. (A scale-priced label of a piece product is always one
    piece, so this agrees with the cart's count on screen.)"""
    return sum(1 if line.weighed else line.quantity for line in lines)


@dataclass(frozen=True, slots=True)
class ReceiptTotals:
    subtotal: Money
    discount: Money
    total: Money
    change: Money
    item_count: int
    #: 抹零 taken off the total (a print job stored before it existed has none)
    rounding: Money = NO_ROUNDING
    #: the promotions' part of `discount` (a job stored before promotions has none)
    promotion: Money = NO_ROUNDING

    @property
    def due(self) -> Money:
        """What the customer paid: the total less the 抹零."""
        return self.total - self.rounding


@dataclass(frozen=True, slots=True)
class ReceiptData:
    kind: ReceiptKind
    store: StoreInfo
    number: str  # receipt number, or a document number for other kinds
    cashier: str
    issued_at: datetime  # aware; when the sale (or shift close…) happened
    lines: tuple[ReceiptLine, ...] = ()
    payments: tuple[ReceiptPayment, ...] = ()
    totals: ReceiptTotals | None = None
    resident: ResidentBlock | None = None
    qr: str | None = None  # receipt lookup or points-claim payload
    qr_caption: str = ""
    rows: tuple[tuple[str, str], ...] = ()  # generic label/value rows
    title: str = ""  # overrides the kind's default title
    footer: tuple[str, ...] = ()
    reprinted_at: datetime | None = None
    sale_id: str | None = None
    promotions: tuple[ReceiptPromotion, ...] = ()  # by rank, as the sale applied them

    def __post_init__(self) -> None:
        if self.issued_at.tzinfo is None:
            raise ValueError("receipt time must be timezone-aware")
        if self.qr is not None and (
            not self.qr
            or len(self.qr.encode("utf-8")) > MAX_QR_PAYLOAD
            or not self.qr.isprintable()
        ):
            raise ValueError(
                f"QR payload must be one printable line of at most {MAX_QR_PAYLOAD} bytes"
            )

    def as_reprint(self, when: datetime) -> ReceiptData:
        return replace(self, kind=ReceiptKind.REPRINT, reprinted_at=when)


def mask_name(name: str) -> str:
    """张三明 → 张*明, 张三 → 张*, 欧阳娜娜 → 欧**娜: enough to recognise, no more."""
    name = name.strip()
    if len(name) <= 1:
        return "*" if name else ""
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def receipt_line(line: CartLine) -> ReceiptLine:
    return ReceiptLine(
        name=line.name,
        quantity=line.quantity,
        weighed=line.weighed,
        unit_price=line.unit_price,
        discount=line.discount,
        amount=line.amount,
        promo_saving=line.promo_saving,
    )


def receipt_promotions(sale: Sale) -> tuple[ReceiptPromotion, ...]:
    """Each promotion the sale's lines got, in rank order, with its whole saving."""
    saved: dict[str, int] = {}
    names: dict[str, str] = {}
    for line in sale.lines:
        if line.voided:
            continue
        for applied in line.promotions:
            saved[applied.promo_id] = saved.get(applied.promo_id, 0) + applied.saving.fen
            names[applied.promo_id] = applied.name
    order = [p.promo_id for p in sale.promotions if p.promo_id in saved]
    order += sorted(set(saved) - set(order))
    return tuple(ReceiptPromotion(names[i], Money(saved[i])) for i in order)


def receipt_payment(payment: Payment) -> ReceiptPayment:
    tail = "" if payment.kind is TenderKind.CASH else payment.reference[-4:]
    return ReceiptPayment(payment.kind.value, payment.amount, payment.tendered, tail)


def receipt_from_sale(
    sale: Sale,
    store: StoreInfo,
    *,
    resident: ResidentBlock | None = None,
    qr: str | None = None,
    qr_caption: str = "",
    footer: tuple[str, ...] = (),
) -> ReceiptData:
    """The customer's receipt of a completed sale; voided lines are not printed.

    Without `resident`, a sale made for a member shows the member's masked name
    and the points the sale earned; the balance comes from the caller (the
    print service passes the one stored with the sale).
    """
    if resident is None and sale.member is not None:
        resident = ResidentBlock(sale.member.masked_name or "*", sale.points, None)
    lines = tuple(receipt_line(ln) for ln in sale.lines if not ln.voided)
    return ReceiptData(
        kind=ReceiptKind.SALE,
        store=store,
        number=sale.receipt_no,
        cashier=sale.cashier,
        issued_at=sale.created_at,
        lines=lines,
        payments=tuple(receipt_payment(p) for p in sale.payments),
        totals=ReceiptTotals(
            subtotal=sale.totals.subtotal,
            discount=sale.totals.discount,
            total=sale.totals.total,
            change=sale.change,
            item_count=item_count(lines),
            rounding=sale.rounding,
            promotion=sale.totals.promotion,
        ),
        resident=resident,
        qr=qr,
        qr_caption=qr_caption,
        footer=footer,
        sale_id=sale.sale_id,
        promotions=receipt_promotions(sale),
    )


# --- JSON round trip (print jobs) ---------------------------------------------

_MONEY_FIELDS = (
    "unit_price",
    "discount",
    "amount",
    "tendered",
    "subtotal",
    "total",
    "change",
    "rounding",
    "promo_saving",
    "saving",
    "promotion",
)


def _plain(value: Any) -> Any:
    if isinstance(value, Money):
        return value.fen
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    return value


def receipt_to_dict(data: ReceiptData) -> dict[str, Any]:
    result: dict[str, Any] = _plain(data)
    return result


def _money_fields(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: Money(v) if k in _MONEY_FIELDS else v for k, v in raw.items()}


def receipt_from_dict(raw: dict[str, Any]) -> ReceiptData:
    totals = raw.get("totals")
    resident = raw.get("resident")
    reprinted = raw.get("reprinted_at")
    return ReceiptData(
        kind=ReceiptKind(raw["kind"]),
        store=StoreInfo(**raw["store"]),
        number=raw["number"],
        cashier=raw["cashier"],
        issued_at=datetime.fromisoformat(raw["issued_at"]),
        lines=tuple(ReceiptLine(**_money_fields(x)) for x in raw.get("lines", ())),
        payments=tuple(ReceiptPayment(**_money_fields(x)) for x in raw.get("payments", ())),
        totals=None if totals is None else ReceiptTotals(**_money_fields(totals)),
        resident=None if resident is None else ResidentBlock(**resident),
        qr=raw.get("qr"),
        qr_caption=raw.get("qr_caption", ""),
        rows=tuple((str(a), str(b)) for a, b in raw.get("rows", ())),
        title=raw.get("title", ""),
        footer=tuple(raw.get("footer", ())),
        reprinted_at=None if reprinted is None else datetime.fromisoformat(reprinted),
        sale_id=raw.get("sale_id"),
        promotions=tuple(ReceiptPromotion(**_money_fields(x)) for x in raw.get("promotions", ())),
    )


__all__ = [
    "ReceiptData",
    "ReceiptKind",
    "ReceiptLine",
    "ReceiptPayment",
    "ReceiptPromotion",
    "ReceiptTotals",
    "ResidentBlock",
    "StoreInfo",
    "item_count",
    "mask_name",
    "receipt_from_dict",
    "receipt_from_sale",
    "receipt_to_dict",
]
