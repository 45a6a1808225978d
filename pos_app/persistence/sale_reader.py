"""A completed sale read back from the database into a core `Sale`, exactly as
it was recorded (lines, voided ones included, payments, totals): what a
reprint, a refund or an audit starts from."""

from __future__ import annotations

from sqlalchemy import Engine, RowMapping, select

from pos_app.core.cart import CartLine, Totals
from pos_app.core.catalog import Unit
from pos_app.core.money import Money
from pos_app.core.sale import Sale
from pos_app.core.tender import Payment, TenderKind
from pos_app.persistence.models import SaleLineRow, SalePaymentRow, SaleRow

S = SaleRow.__table__
L = SaleLineRow.__table__
PAY = SalePaymentRow.__table__


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
            lines = tuple(_line(row) for row in line_rows)
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
        active = [ln for ln in lines if not ln.voided]
        totals = Totals(
            subtotal=Money(head["subtotal_fen"]),
            discount=Money(head["discount_fen"]),
            total=Money(head["total_fen"]),
            # as Cart.totals counts: a weighed or scale-priced line is one item
            item_count=sum(
                1 if (ln.weighed or ln.fixed_amount is not None) else ln.quantity for ln in active
            ),
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
        )

    def load_by_receipt(self, receipt_no: str) -> Sale | None:
        with self._engine.connect() as conn:
            sale_id = conn.execute(select(S.c.id).where(S.c.receipt_no == receipt_no)).scalar()
        return None if sale_id is None else self.load(sale_id)


def _line(row: RowMapping) -> CartLine:
    fixed = row["fixed_amount_fen"]
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
        discount=Money(row["discount_fen"]),
        voided=bool(row["voided"]),
    )
