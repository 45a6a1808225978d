"""Held orders (挂单) waiting to be resumed, each with its customer."""

from __future__ import annotations

from pos_app.core.money import Money
from pos_app.services.checkout import HeldOrder
from pos_app.ui.models.rows import RowsModel
from pos_app.ui.text import local_time


class HeldOrdersModel(RowsModel[HeldOrder]):
    HELD_AT, CUSTOMER, ITEMS, TOTAL, CASHIER = range(5)
    numeric_columns = (ITEMS, TOTAL)

    def headers(self) -> list[str]:
        return [
            self.tr("Held at"),
            self.tr("Customer"),
            self.tr("Items"),
            self.tr("Total"),
            self.tr("Cashier"),
        ]

    def cell(self, row: HeldOrder, column: int, index: int) -> str:
        return [
            local_time(row.held_at),
            self._customer(row),
            str(row.item_count),
            Money(row.total_fen).format(),
            row.cashier,
        ][column]

    def _customer(self, row: HeldOrder) -> str:
        member = row.member
        if member is None:
            return self.tr("Walk-in")
        # the masked name only, as on the customer panel; the id when not synced yet
        name = member.masked_name or self.tr("Resident {id}").format(id=member.resident_id)
        if not member.code:  # found by phone: the order's points will wait for review
            return self.tr("{name} (by phone)").format(name=name)
        return name
