"""The active and upcoming promotions, for the cashier and the manager: what
each is, when it holds (showroom time), where, and whether it is in force now.

Read-only; a manager's "New store promotion…" opens the editor through the
callback the window gives (none: no button). Opened with `open()` like every
dialog of the till; Esc or the big Close key closes it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.promotions import Promotion
from pos_app.ui.models.promotions_model import PromotionsModel, promotion_rows
from pos_app.ui.widgets.key_panel import KEY_HEIGHT
from pos_app.ui.widgets.tables import row_table


class PromotionsDialog(QDialog):
    def __init__(
        self,
        active: Sequence[Promotion],
        upcoming: Sequence[Promotion],
        parent: QWidget | None = None,
        *,
        stores: Mapping[str, Sequence[str]] | None = None,
        now: datetime | None = None,
        on_new: Callable[[], object] | None = None,
        category_names: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("promotionsDialog")
        self.setWindowTitle(self.tr("Promotions"))
        self.now, self.stores = now, stores
        layout = QVBoxLayout(self)
        self.caption = QLabel()
        self.caption.setObjectName("promotionsCaption")
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.caption)
        self.model = PromotionsModel(self, category_names)
        self.view: QTableView = row_table(self.model)
        self.view.setObjectName("promotionsView")
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        # the texts wrap in the columns they have: nothing hides behind a side scroll
        for column in (PromotionsModel.NAME, PromotionsModel.KIND, PromotionsModel.WHEN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (PromotionsModel.STORES, PromotionsModel.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows read the list
        layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.new_button: QPushButton | None = None
        if on_new is not None:
            self.new_button = QPushButton(self.tr("New store promotion…"))
            self.new_button.setObjectName("promotionsNew")
            self.new_button.setMinimumHeight(KEY_HEIGHT)
            self.new_button.setAutoDefault(False)
            self.new_button.clicked.connect(lambda _=False: on_new())
            buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        self.close_button = QPushButton(self.tr("Close [Esc]"))
        self.close_button.setObjectName("promotionsClose")
        self.close_button.setMinimumSize(160, KEY_HEIGHT)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(960, 560)
        self.setMaximumSize(1920, 1010)
        self.set_promotions(active, upcoming)

    def set_promotions(self, active: Sequence[Promotion], upcoming: Sequence[Promotion]) -> None:
        """The list again (a promotion was just set up), the first one selected."""
        rows = promotion_rows(active, upcoming, self.now or datetime.now(UTC), self.stores)
        self.model.set_rows(rows)
        self.caption.setText(
            self.tr("Active and upcoming promotions")
            if rows
            else self.tr("No promotions are active or coming.")
        )
        if rows:
            self.view.selectRow(0)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.view.setFocus()  # the arrows read the list at once; Esc closes
