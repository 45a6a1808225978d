"""Residents whose phone ends with the digits a customer gave: the rows the
cashier (or the customer) taps in the member lookup dialog."""

from __future__ import annotations

from pos_app.services.account_views import PhoneMatch
from pos_app.ui.models.rows import RowsModel


class PhoneMatchModel(RowsModel[PhoneMatch]):
    NAME, PHONE, COMMUNITY = range(3)

    def headers(self) -> list[str]:
        return [self.tr("Resident"), self.tr("Phone"), self.tr("Community")]

    def cell(self, row: PhoneMatch, column: int, index: int) -> str:
        return [row.masked_name, row.masked_phone, row.community_name][column]
