"""Claiming the points of an anonymous receipt (补登积分): the receipt's claim QR
plus the resident's membership QR go to the central server, which alone
decides (once per receipt, within the window, right property company)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pos_app.core.barcodes import MEMBER_PREFIX
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.receipt_codes import parse_claim
from pos_app.services.account_views import Claim
from pos_app.services.sync import SyncService
from pos_app.ui.messages import error_text
from pos_app.ui.text import local_time
from pos_app.ui.widgets.customer_panel import points_text
from pos_app.ui.workers import BackgroundRunner


class ClaimDialog(QDialog):
    sig_claimed = Signal(object)  # Claim
    sig_return_instead = Signal(str)  # the claim code, to open the return of that sale

    def __init__(self, sync: SyncService, claim_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Claim the points of a receipt"))
        self.setMinimumWidth(520)
        self.sync = sync
        self.claim_code = claim_code
        self.runner = BackgroundRunner(self)
        self.finished.connect(lambda _r: self.runner.shutdown())
        layout = QVBoxLayout(self)
        self.receipt = QLabel()
        self.receipt.setWordWrap(True)
        layout.addWidget(self.receipt)
        self.prompt = QLabel(self.tr("Resident: scan your membership QR now."))
        self.prompt.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.prompt)
        self.message = QLabel()
        self.message.setObjectName("claimMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        refund = QPushButton(self.tr("Return this sale instead"))
        refund.clicked.connect(self._return_instead)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(refund)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        try:
            claim = parse_claim(claim_code)[0]
        except PosError as exc:
            self._show_error(exc)
            return
        self.receipt.setText(
            self.tr("Receipt {receipt} of {time}: {amount} eligible for points").format(
                receipt=claim.receipt_no,
                time=local_time(_utc(claim.sale_time)),
                amount=Money(claim.eligible_fen).format(),
            )
        )

    def on_scan(self, code: str) -> None:
        if not code.startswith(MEMBER_PREFIX):
            self.message.setText(self.tr("That is not a membership QR."))
            return
        self.message.setText(self.tr("Asking the central server…"))
        claim = self.claim_code
        self.runner.submit(lambda: self.sync.claim(claim, code), self._claimed, self._failed)

    def _claimed(self, response: Claim) -> None:
        self.message.setStyleSheet("color: #2e7d32;")
        self.message.setText(
            self.tr(
                "{points} point(s) added for receipt {receipt}; balance {balance}.",
                "",
                response.points,
            ).format(
                points=response.points,
                receipt=response.receipt_no,
                balance=points_text(response.balance),
            )
        )
        self.sig_claimed.emit(response)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, PosError):
            self._show_error(exc)
        else:
            self.message.setText(str(exc))

    def _show_error(self, exc: PosError) -> None:
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setText(error_text(exc))

    def _return_instead(self) -> None:
        self.sig_return_instead.emit(self.claim_code)
        self.accept()


def _utc(seconds: int):  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.fromtimestamp(seconds, UTC)
