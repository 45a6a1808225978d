"""无码商品: sell an item with no barcode by choosing its category and typing the amount.

Made for a finger as much as for the keyboard: big category buttons, and an
amount typed on the keyboard (the field has the focus) or with the big digit
buttons. The dialog only gathers the choice; the checkout adds the line, and
a refusal (unknown category, no amount, a manager who said no) shows here,
in the dialog, which stays open so the cashier can correct it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.catalog import Category
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.ui.messages import error_text

#: Touch targets: comfortably above the 48 px a fingertip needs.
BUTTON_HEIGHT = 56
CATEGORY_COLUMNS = 5
PAD_KEYS = ("7", "8", "9", "4", "5", "6", "1", "2", "3", "0", "00", ".")

#: Adds the item (category code, amount) and returns what changed; raises PosError.
AddItem = Callable[[str, Money], object]


class OpenPriceDialog(QDialog):
    def __init__(
        self,
        categories: list[Category],
        limit: Money,
        add: AddItem,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Item without barcode"))
        self._add = add
        self.change: object | None = None  # what the checkout returned, once added
        layout = QVBoxLayout(self)
        # Enter adds the item from anywhere in the dialog (the Add button is the default)
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("openPriceAmount")
        self.amount_edit.setMaxLength(12)
        self.amount_edit.setPlaceholderText("0.00")
        self.amount_edit.setMinimumHeight(BUTTON_HEIGHT)
        self.amount_edit.setStyleSheet("font-size: 22pt;")

        layout.addWidget(QLabel(self.tr("Category")))
        grid = QGridLayout()
        self.category_group = QButtonGroup(self)
        self.category_buttons: dict[str, QPushButton] = {}
        for index, category in enumerate(categories):
            button = QPushButton(category.name)
            button.setCheckable(True)
            button.setMinimumHeight(BUTTON_HEIGHT)
            button.setProperty("category", category.code)
            # chosen by finger or by Space: the amount is typed next
            button.clicked.connect(lambda _=False: self.amount_edit.setFocus())
            self.category_group.addButton(button)
            self.category_buttons[category.code] = button
            grid.addWidget(button, index // CATEGORY_COLUMNS, index % CATEGORY_COLUMNS)
        layout.addLayout(grid)

        amount_row = QHBoxLayout()
        amount_row.addWidget(QLabel(self.tr("Amount (¥)")))
        amount_row.addWidget(self.amount_edit, 1)
        layout.addLayout(amount_row)
        self.limit_label = QLabel(
            self.tr("Above {limit} a manager must approve the item.").format(limit=limit.format())
        )
        layout.addWidget(self.limit_label)

        pad = QGridLayout()
        self.pad_buttons: dict[str, QPushButton] = {}
        for index, key in enumerate(PAD_KEYS):
            self._pad_button(pad, key, key, index // 3, index % 3)
        self._pad_button(pad, "back", "⌫", 0, 3)
        self._pad_button(pad, "clear", "C", 1, 3)
        layout.addLayout(pad)

        self.message = QLabel()
        self.message.setObjectName("openPriceMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Cancel [Esc]"))
        self.cancel_button.clicked.connect(self.reject)
        self.add_button = QPushButton(self.tr("Add [Enter]"))
        self.add_button.setObjectName("openPriceAdd")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add_item)
        for button in (self.cancel_button, self.add_button):
            button.setMinimumHeight(BUTTON_HEIGHT)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.amount_edit.setFocus()

    def _pad_button(self, pad: QGridLayout, key: str, text: str, row: int, column: int) -> None:
        button = QPushButton(text)
        button.setMinimumSize(BUTTON_HEIGHT + 16, BUTTON_HEIGHT)
        button.setStyleSheet("font-size: 18pt;")
        # a tap must not take the focus away from the amount the keyboard types into
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _=False, k=key: self.press(k))
        pad.addWidget(button, row, column)
        self.pad_buttons[key] = button

    # --- input ------------------------------------------------------------------

    def press(self, key: str) -> None:
        """A digit button: append it; '⌫' takes the last character off, 'C' clears."""
        text = self.amount_edit.text()
        if key == "back":
            text = text[:-1]
        elif key == "clear":
            text = ""
        elif key == "." and "." in text:
            return
        elif "." in text and len(text.split(".")[1]) + len(key) > 2:
            return  # 分 is the smallest amount
        else:
            text += key
        self.amount_edit.setText(text)
        self.amount_edit.setFocus()

    def category(self) -> str | None:
        button = self.category_group.checkedButton()
        return None if button is None else str(button.property("category"))

    def add_item(self) -> None:
        """Hand the choice to the checkout; on a refusal say why and stay open."""
        code = self.category()
        try:
            if code is None:
                raise PosError(ErrorCode.OPEN_PRICE_CATEGORY_UNKNOWN, category="")
            text = self.amount_edit.text().strip()
            if not text:
                raise PosError(ErrorCode.OPEN_PRICE_AMOUNT_INVALID, fen=0)
            amount = Money.parse(text)
            self.change = self._add(code, amount)
        except PosError as exc:
            self.message.setText(error_text(exc))
            QApplication.beep()
            return
        self.accept()
