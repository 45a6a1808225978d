"""Payments taken so far in the tender dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from pos_app.core.tender import Payment, TenderKind

Index = QModelIndex | QPersistentModelIndex


class PaymentsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._payments: list[Payment] = []

    def kind_name(self, kind: TenderKind) -> str:
        return {
            TenderKind.CASH: self.tr("Cash"),
            TenderKind.WECHAT: self.tr("WeChat Pay"),
            TenderKind.ALIPAY: self.tr("Alipay"),
            TenderKind.UNIONPAY: self.tr("UnionPay card"),
        }[kind]

    def set_payments(self, payments: list[Payment]) -> None:
        self.beginResetModel()
        self._payments = list(payments)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._payments)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return [self.tr("Tender"), self.tr("Amount"), self.tr("Reference")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        p = self._payments[index.row()]
        if index.column() == 0:
            return self.kind_name(p.kind)
        if index.column() == 1:
            if p.change:
                return self.tr("{paid} (tendered {tendered})").format(
                    paid=p.amount.format(), tendered=p.tendered.format()
                )
            return p.amount.format()
        return _masked_reference(p.reference)


def _masked_reference(reference: str) -> str:
    # A payment code is a bearer token for a few seconds: show only its tail.
    return reference if len(reference) <= 8 else "…" + reference[-6:]
