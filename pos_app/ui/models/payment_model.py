"""Payments taken so far in the tender dialog."""

from __future__ import annotations

from pos_app.core.tender import Payment
from pos_app.ui.models.rows import RowsModel
from pos_app.ui.text import tender_name


class PaymentsModel(RowsModel[Payment]):
    numeric_columns = (1,)

    def headers(self) -> list[str]:
        return [self.tr("Tender"), self.tr("Amount"), self.tr("Reference")]

    def cell(self, row: Payment, column: int, index: int) -> str:
        if column == 0:
            return tender_name(row.kind)
        if column == 1:
            if row.change:
                return self.tr("{paid} (tendered {tendered})").format(
                    paid=row.amount.format(), tendered=row.tendered.format()
                )
            return row.amount.format()
        return masked_reference(row.reference)


def masked_reference(reference: str) -> str:
    # A payment code is a bearer token for a few seconds: show only its tail.
    return reference if len(reference) <= 8 else "…" + reference[-6:]
