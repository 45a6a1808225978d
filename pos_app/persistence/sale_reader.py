"""A completed sale read back from the database into a core `Sale`, exactly as
it was recorded (lines, voided ones included, payments, totals, and the member
it was made for with the points earned and the contract): what a reprint, a
preview, a refund or an audit starts from, whether or not a receipt was ever
queued for it. A promoted sale comes back with what each line got and the
definitions it applied (`sale_promotions`), a line's `discount` the cashier's
part of what was taken off it."""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy import Connection, Engine, RowMapping, select

from pos_app.core.cart import CartLine, Totals
from pos_app.core.catalog import Unit
from pos_app.core.money import Money
from pos_app.core.points import Contract
from pos_app.core.promo_codec import promotion_from_dict
from pos_app.core.promo_engine import Applied
from pos_app.core.promotions import Promotion
from pos_app.core.sale import Member, Sale
from pos_app.core.tender import Payment, TenderKind
from pos_app.persistence.member_models import SaleMemberRow
from pos_app.persistence.models import SaleLineRow, SalePaymentRow, SaleRow
from pos_app.persistence.promo_models import SaleLinePromotionRow, SalePromotionRow

S = SaleRow.__table__
L = SaleLineRow.__table__
PAY = SalePaymentRow.__table__
SM = SaleMemberRow.__table__
SP, SLP = SalePromotionRow.__table__, SaleLinePromotionRow.__table__


class SaleReader:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def load(self, sale_id: str) -> Sale | None:
        """The sale, or None if there is no sale with that id."""
        with self._engine.connect() as conn:
            head = conn.execute(select(S).where(S.c.id == sale_id)).mappings().first()
            if head is None:
                return None
            line_rows = conn.execute(
                select(L).where(L.c.sale_id == sale_id).order_by(L.c.line_no)
            ).mappings()
            definitions, applied = read_promotions(conn, sale_id)
            lines = tuple(_line(row, applied.get(row["line_no"], ())) for row in line_rows)
            payment_rows = conn.execute(
                select(PAY).where(PAY.c.sale_id == sale_id).order_by(PAY.c.seq)
            ).mappings()
            payments = tuple(
                Payment(
                    TenderKind(row["kind"]),
                    Money(row["amount_fen"]),
                    Money(row["tendered_fen"]),
                    row["reference"],
                )
                for row in payment_rows
            )
            member = conn.execute(select(SM).where(SM.c.sale_id == sale_id)).mappings().first()
        totals = Totals(
            subtotal=Money(head["subtotal_fen"]),
            discount=Money(head["discount_fen"]),
            total=Money(head["total_fen"]),
            # counted by the cart's own rule, never a copy of it
            item_count=sum(line.pieces for line in lines if not line.voided),
            promotion=sum((line.promo_saving for line in lines if not line.voided), Money(0)),
        )
        return Sale(
            sale_id=head["id"],
            receipt_no=head["receipt_no"],
            store_code=head["store_code"],
            terminal_code=head["terminal_code"],
            cashier=head["cashier"],
            created_at=head["created_at"],
            lines=lines,
            payments=payments,
            totals=totals,
            member=None if member is None else _member(member),
            contract=None if member is None else _contract(member),
            points=0 if member is None else member["points"],
            rounding=Money(head["rounding_fen"]),
            event_id=head["event_id"],
            promotions=definitions,
        )

    def balance_printed(self, sale_id: str) -> int | None:
        """The points balance the sale's receipt showed; None for a sale without a
        member, or a member whose balance the till did not know then."""
        with self._engine.connect() as conn:
            value = conn.execute(select(SM.c.balance_after).where(SM.c.sale_id == sale_id))
            balance: int | None = value.scalar()
        return balance

    def load_by_receipt(self, receipt_no: str) -> Sale | None:
        with self._engine.connect() as conn:
            sale_id = conn.execute(select(S.c.id).where(S.c.receipt_no == receipt_no)).scalar()
        return None if sale_id is None else self.load(sale_id)


def read_promotions(
    conn: Connection, sale_id: str
) -> tuple[tuple[Promotion, ...], Mapping[int, tuple[Applied, ...]]]:
    """The definitions a sale applied (by rank), and what each line got, in order."""
    found = conn.execute(select(SP.c.definition).where(SP.c.sale_id == sale_id)).scalars()
    definitions = sorted(
        (promotion_from_dict(json.loads(text)) for text in found), key=lambda p: p.rank
    )
    names = {p.promo_id: p.name for p in definitions}
    applied: dict[int, tuple[Applied, ...]] = {}
    rows = conn.execute(
        select(SLP).where(SLP.c.sale_id == sale_id).order_by(SLP.c.line_no, SLP.c.seq)
    ).mappings()
    for row in rows:
        step = Applied(
            row["promo_id"], names.get(row["promo_id"], row["promo_id"]), Money(row["saving_fen"])
        )
        applied[row["line_no"]] = (*applied.get(row["line_no"], ()), step)
    return tuple(definitions), applied


def _line(row: RowMapping, applied: tuple[Applied, ...]) -> CartLine:
    fixed = row["fixed_amount_fen"]
    saved = sum(step.saving.fen for step in applied)
    return CartLine(
        line_no=row["line_no"],
        product_id=row["product_id"],
        sku=row["sku"],
        name=row["name"],
        category=row["category"],
        points_eligible=bool(row["points_eligible"]),
        unit=Unit(row["unit"]),
        unit_price=Money(row["unit_price_fen"]),
        quantity=row["quantity"],
        barcode=row["barcode"],
        fixed_amount=None if fixed is None else Money(fixed),
        discount=Money(row["discount_fen"] - saved),  # the cashier's part
        voided=bool(row["voided"]),
        open_price=bool(row["open_price"]),
        promotions=applied,
    )


def _member(row: RowMapping) -> Member:
    return Member(
        resident_id=row["resident_id"],
        community_id=row["community_id"],
        property_company_id=row["property_company_id"],
        masked_name=row["masked_name"],
        code_nonce=row["code_nonce"],
        code=row["code"],
    )


def _contract(row: RowMapping) -> Contract | None:
    if row["share_bps"] is None or row["contract_from"] is None:
        return None
    return Contract(
        row["community_id"], row["contract_from"], row["share_bps"], row["points_bps"] or 0
    )
