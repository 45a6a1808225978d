"""Points against a property-fee bill (积分抵物业费, 核销).

Only the central server knows balances for sure, so this needs it online:
the balance and the open bills are fetched, and the redemption is one
idempotent request (its id is kept across retries, so a retried request
after a dropped connection redeems once). Offline, it says so and does nothing.
All network calls run on a worker thread.

Redeem first shows a confirmation naming the points AND the fee they offset
in ¥ (1 point = ¥0.01), and says so plainly when they are all of the
resident's points; the manager-approval hook is asked there.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.services.account_views import FeeBill, Redemption, ResidentAccount
from pos_app.services.approvals import (
    ApprovalAction,
    ApprovalRequest,
    ManagerApproval,
    NoStaffRolesYet,
)
from pos_app.services.redemptions import Online
from pos_app.services.sync import SyncService
from pos_app.ui.dialogs.confirm_dialog import ConfirmDialog, ask_confirmation
from pos_app.ui.messages import error_text
from pos_app.ui.models.rows import RowsModel
from pos_app.ui.widgets.customer_panel import points_text
from pos_app.ui.workers import BackgroundRunner

log = logging.getLogger("pos_app.ui")


class BillsModel(RowsModel[FeeBill]):
    numeric_columns = (1, 2)

    def headers(self) -> list[str]:
        return [self.tr("Period"), self.tr("Amount"), self.tr("Still open")]

    def cell(self, row: FeeBill, column: int, index: int) -> str:
        if column == 0:
            return row.period
        if column == 1:
            return Money(row.amount_fen).format()
        return Money(row.open_fen).format()


class RedeemDialog(QDialog):
    sig_redeemed = Signal(object)  # Redemption

    def __init__(
        self,
        sync: SyncService,
        resident_id: str,
        parent: QWidget | None = None,
        approval: ManagerApproval | None = None,
        redeem: Online | None = None,
        cashier: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Points against the property fee"))
        self.setMinimumSize(560, 380)
        self.sync = sync
        self.resident_id = resident_id
        self.resident: ResidentAccount | None = None
        self.redemption_id = uuid.uuid4()
        self.last_period = ""
        self.approval = approval or NoStaffRolesYet()
        # the till's RedemptionService.redeem (it keeps the answer for the shift);
        # the server alone when the dialog is built without it (tests of the dialog)
        self._redeem: Online = redeem or sync.redeem
        # who asks the manager: the signed-in cashier (AppContext.cashier_name)
        self._cashier = cashier or (lambda: sync.settings.terminal.cashier_name)
        self.confirmation: ConfirmDialog | None = None
        self.runner = BackgroundRunner(self)
        layout = QVBoxLayout(self)
        self.balance = QLabel(self.tr("Asking the central server…"))
        self.balance.setObjectName("redeemBalance")
        self.balance.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.balance)
        self.bills = BillsModel(self)
        self.view = QTableView()
        self.view.setModel(self.bills)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.clicked.connect(lambda _i: self._suggest())
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Points to use:")))
        self.points_edit = QLineEdit()
        self.points_edit.setObjectName("pointsEdit")
        self.points_edit.textEdited.connect(lambda _t: self._new_attempt())
        row.addWidget(self.points_edit)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("redeemMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton(self.tr("Redeem"))
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(self.confirm)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        buttons.addWidget(self.confirm_button)
        layout.addLayout(buttons)
        self.finished.connect(lambda _r: self.runner.shutdown())
        self.refresh()

    def refresh(self) -> None:
        rid = self.resident_id
        self.runner.submit(
            lambda: (self.sync.resident(rid), self.sync.bills(rid)), self._loaded, self._failed
        )

    def _loaded(self, result: tuple[ResidentAccount, list[FeeBill]]) -> None:
        self.resident, bills = result
        open_bills = [b for b in bills if b.open_fen > 0]
        self.bills.set_rows(open_bills)
        self.balance.setText(
            self.tr("{name}: {points} point(s) available", "", self.resident.balance).format(
                name=self.resident.masked_name, points=points_text(self.resident.balance)
            )
        )
        if open_bills:
            self.view.selectRow(0)
            self._suggest()
        else:
            self.message.setText(self.tr("No open property-fee bill."))

    def _suggest(self) -> None:
        bill = self.bills.row_at(self.view.currentIndex().row())
        if bill is None or self.resident is None:
            return
        self.points_edit.setText(str(max(0, min(self.resident.balance, bill.open_fen))))
        self._new_attempt()

    def _new_attempt(self) -> None:
        # a different amount or bill is a different redemption; a retry is the same one
        self.redemption_id = uuid.uuid4()
        self.confirm_button.setEnabled(self.resident is not None)

    def confirm(self) -> None:
        """Show what will be redeemed; redeem once confirmed and approved."""
        bill = self.bills.row_at(self.view.currentIndex().row())
        text = self.points_edit.text().strip()
        if bill is None or not text.isdigit() or int(text) <= 0 or self.resident is None:
            self.message.setText(self.tr("Choose a bill and a number of points."))
            return
        points, resident = int(text), self.resident
        everything = points == resident.balance  # more: the server refuses (over_balance)
        settings = self.sync.settings
        request = ApprovalRequest(
            ApprovalAction.REDEMPTION,
            points,  # 1 point = 1 分 of property fee
            requested_by=self._cashier(),
            reference=bill.bill_id,
            store_code=settings.store.code,
            terminal_code=settings.terminal.code,
            details={
                "resident_id": resident.resident_id,
                "period": bill.period,
                "balance": resident.balance,
                "all_points": int(everything),
            },
        )
        warning = ""
        if everything:
            warning = self.tr(
                "This uses ALL of {name}'s points: the balance will be {balance}."
            ).format(name=resident.masked_name, balance=points_text(resident.balance - points))
        self.confirmation = ask_confirmation(
            self,
            self.tr("Confirm the redemption"),
            self.tr(
                "{name}'s points pay part of the property-fee bill {period}. "
                "Points used cannot be given back at the till."
            ).format(name=resident.masked_name, period=bill.period),
            [
                (self.tr("Points used"), f"{points:,}"),
                (self.tr("Property fee paid"), Money(points)),
                (self.tr("Bill still open after"), Money(max(0, bill.open_fen - points))),
                (self.tr("Points left"), points_text(resident.balance - points)),
            ],
            request,
            self.approval,
            lambda _approval: self.redeem(bill, points),
            confirm_text=self.tr("Redeem"),
            warning=warning,
        )

    def redeem(self, bill: FeeBill, points: int) -> None:
        self.confirm_button.setEnabled(False)
        self.last_period = bill.period
        rid, bill_id, redemption_id = self.resident_id, bill.bill_id, self.redemption_id
        self.runner.submit(
            lambda: self._redeem(rid, bill_id, points, redemption_id),
            self._redeemed,
            self._failed,
        )

    def _redeemed(self, response: Redemption) -> None:
        self.message.setStyleSheet("color: #2e7d32;")
        self.message.setText(
            self.tr(
                "{points} point(s) used: bill {bill} now has {open} open; balance {balance}.",
                "",
                response.points,
            ).format(
                points=response.points,
                bill=response.bill_id,
                open=Money(response.bill_open_fen).format(),
                balance=points_text(response.balance),
            )
        )
        self.sig_redeemed.emit(response)
        self.redemption_id = uuid.uuid4()
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.confirm_button.setEnabled(self.resident is not None)
        self.message.setStyleSheet("color: #c0392b;")
        if not isinstance(exc, PosError):  # a bug: its English text goes to the log only
            log.error("redemption failed: %r", exc)
            exc = PosError(ErrorCode.INTERNAL)
        self.message.setText(error_text(exc))
        if self.resident is None:
            self.balance.setText(self.tr("Balance not available"))
