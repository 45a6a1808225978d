"""The right-hand side of the checkout window: the total, the resident and the
cashier's keys, in a column of FIXED width whose parts keep fixed heights, so
no key ever moves when a total, a name or a language changes the texts.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from pos_app.ui.widgets.customer_panel import CustomerPanel
from pos_app.ui.widgets.key_panel import KeyPanel
from pos_app.ui.widgets.totals_panel import TotalsPanel

#: three columns of keys that fit the longest English label at 1024×768
RIGHT_PANEL_WIDTH = 360
#: lines the resident's panel keeps: title, name, community, balance (2), earned (2)
CUSTOMER_LINES = (1, 1, 1, 2, 2, 1)  # title, name, community, balance, earn, review note


class RightPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rightPanel")
        self.setFixedWidth(RIGHT_PANEL_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.totals = TotalsPanel()
        layout.addWidget(self.totals)
        self.customer_panel = CustomerPanel()
        self.customer_panel.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for label in self.customer_panel.findChildren(QLabel):
            label.setWordWrap(True)  # "This sale earns 12,345 (¥123.45)" in a fixed width
        # as tall as its longest content, always
        self.customer_panel.setFixedHeight(panel_height(self.customer_panel, CUSTOMER_LINES))
        layout.addWidget(self.customer_panel)
        self.keys = KeyPanel()
        layout.addWidget(self.keys, 1)


def panel_height(panel: QWidget, lines: tuple[int, ...]) -> int:
    """A panel of labels laid out top to bottom, each given its number of lines
    (+2 px a line: a Chinese fallback font is taller than the Latin one measured)."""
    labels = panel.findChildren(QLabel)
    layout = panel.layout()
    assert layout is not None, "a panel of labels has its layout"
    margins = layout.contentsMargins()
    height = margins.top() + margins.bottom() + layout.spacing() * (len(labels) - 1)
    for label, count in zip(labels, lines, strict=True):
        label.ensurePolished()
        height += count * (label.fontMetrics().lineSpacing() + 2)
    frame = panel.frameWidth() if isinstance(panel, QFrame) else 0
    return height + 2 * frame
