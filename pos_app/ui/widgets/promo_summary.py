"""The promotions' footer of the cart: what each promotion saved, the total
saving, and how far the cart is from the next 满减 tier.

It sits under the cart table, beside the totals, because the right-hand panel
has no height to spare at 1024×768 (its keys already take what is left). It
is hidden while the cart has neither a saving nor a hint, so a cart without
promotions looks as before; when shown, the cart table above gives up the
height, and the keys under the cart do not move. Texts follow a language
change on their own (LanguageChange), from the last result shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from pos_app.core.promo_engine import PromoResult
from pos_app.ui.promo_text import SEPARATOR, applied_text, hint_text, total_saving_text

SAVING_STYLE = "color: #2e7d32; font-size: 12pt;"
TOTAL_STYLE = "color: #2e7d32; font-size: 13pt; font-weight: bold;"
# amber, quieter than the red of an error: a suggestion for the customer, not a fault
HINT_STYLE = "color: #b35900; font-size: 12pt;"


class PromoSummary(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promoSummary")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setVerticalSpacing(0)
        self.savings = QLabel()
        self.savings.setObjectName("promoSavings")
        self.savings.setWordWrap(True)
        self.savings.setStyleSheet(SAVING_STYLE)
        # long texts wrap inside the cart's width; they never widen the window
        self.savings.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.total = QLabel()
        self.total.setObjectName("promoTotalSaving")
        self.total.setStyleSheet(TOTAL_STYLE)
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.hint = QLabel()
        self.hint.setObjectName("promoHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.savings, 0, 0)
        layout.addWidget(self.total, 0, 1)
        layout.addWidget(self.hint, 1, 0, 1, 2)
        layout.setColumnStretch(0, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.result: PromoResult | None = None
        self.hide()

    def show_result(self, result: PromoResult | None) -> None:
        """What the engine found for the cart now (None: no cart priced yet)."""
        self.result = result
        self._render()

    def _render(self) -> None:
        result = self.result
        totals = [] if result is None else [a for a in result.totals if a.saving]
        hints = () if result is None else result.hints
        self.savings.setText(SEPARATOR.join(applied_text(a) for a in totals))
        self.total.setText(total_saving_text(result.saving) if result and result.saving else "")
        self.savings.setVisible(bool(totals))
        self.total.setVisible(bool(totals))
        # the nearest tier only: one line the cashier can read out
        self.hint.setText(hint_text(hints[0]) if hints else "")
        self.hint.setVisible(bool(hints))
        self.setVisible(bool(totals or hints))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
