"""The sample budget as a bar: what the samples have cost so far against the
event's budget, green, then amber near the limit (the core's warning), red
at or beyond it, with the amounts in words beside it."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from pos_app.ui.event_ports import BudgetState

_COLOURS = {"ok": "#2e7d32", "warning": "#f39c12", "over": "#c0392b"}


class BudgetBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("budgetBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setObjectName("budgetProgress")
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setMinimumHeight(22)
        layout.addWidget(self.bar, 1)
        self.label = QLabel()
        self.label.setObjectName("budgetLabel")
        layout.addWidget(self.label)
        self.state: BudgetState | None = None
        self.level = "ok"

    def show_state(self, state: BudgetState) -> None:
        self.state = state
        budget = state.budget.fen
        # a percent for the bar only, capped: the amounts are in the label
        percent = 100 if budget <= 0 else min(100, state.spent.fen * 100 // budget)
        self.bar.setValue(percent)
        self.level = "over" if state.over else "warning" if state.warning else "ok"
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {_COLOURS[self.level]}; }}")
        self.retranslate()

    def retranslate(self) -> None:
        state = self.state
        if state is None:
            return
        text = self.tr("Samples {spent} of {budget}").format(
            spent=state.spent.format(), budget=state.budget.format()
        )
        if state.over:
            text += " · " + self.tr("budget used up")
        elif state.warning:
            text += " · " + self.tr("near the budget")
        self.label.setText(text)
        self.label.setStyleSheet(
            "" if self.level == "ok" else f"color: {_COLOURS[self.level]}; font-weight: bold;"
        )
