"""The featured products of the event editor, one row each: the product's name, what
one sample unit of it costs (¥), whether samples are counted in pieces or weighed in
grams, its event price (¥, optional) and a key to take it off the list.

Every key and field is finger-sized (48 px); nothing here knows what an event is:
the editor reads the rows back as `pos_app.ui.event_form.ProductRow`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pos_app.core.catalog import Product
from pos_app.core.errors import PosError
from pos_app.core.events import SampleUnit
from pos_app.ui.event_form import ProductRow, fen
from pos_app.ui.widgets.promo_fields import TOUCH, ToggleKeys, text_field


def _unit_labels() -> dict[str, str]:
    return {
        SampleUnit.PIECE.value: QCoreApplication.translate("EventProductRows", "per piece"),
        SampleUnit.GRAM.value: QCoreApplication.translate("EventProductRows", "per gram"),
    }


class ProductRowWidget(QWidget):
    sig_remove = Signal(str)  # the sku

    def __init__(self, product: Product) -> None:
        super().__init__()
        self.product = product
        self.setObjectName(f"eventProduct_{product.sku}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 2, 0, 2)
        self.label = QLabel(f"{product.name} · {product.sku} · {product.price.format()}")
        self.label.setWordWrap(True)
        outer.addWidget(self.label)
        line = QHBoxLayout()
        self.cost_label = QLabel()
        line.addWidget(self.cost_label)
        self.cost = text_field(f"eventCost_{product.sku}", "0.00", 14)
        line.addWidget(self.cost, 1)
        self.unit = ToggleKeys(f"eventUnit_{product.sku}", list(_unit_labels().items()), 2,
                               exclusive=True)  # fmt: skip
        # a weighed product is sampled by the gram; anything else by the piece
        unit = SampleUnit.GRAM if product.weighed else SampleUnit.PIECE
        self.unit.keys[unit.value].setChecked(True)
        line.addWidget(self.unit, 2)
        self.price_label = QLabel()
        line.addWidget(self.price_label)
        self.price = text_field(f"eventPrice_{product.sku}", "", 14)
        line.addWidget(self.price, 1)
        self.remove = QPushButton("✕")
        self.remove.setObjectName(f"eventRemove_{product.sku}")
        self.remove.setMinimumSize(TOUCH, TOUCH)
        self.remove.setAutoDefault(False)
        self.remove.clicked.connect(lambda: self.sig_remove.emit(product.sku))
        line.addWidget(self.remove)
        outer.addLayout(line)
        self.retranslate()

    def retranslate(self) -> None:
        self.cost_label.setText(self.tr("Sample cost ¥"))
        self.price_label.setText(self.tr("Event price ¥"))
        self.price.setPlaceholderText(self.tr("none"))
        self.remove.setToolTip(self.tr("Take off the list"))
        self.unit.relabel(_unit_labels())

    def read(self) -> ProductRow:
        chosen = self.unit.chosen()
        unit = SampleUnit(chosen[0]) if chosen else SampleUnit.PIECE
        return ProductRow(self.product.sku, self.cost.text(), unit, self.price.text())


class ProductRows(QWidget):
    """The list of rows, in the order the products were added."""

    sig_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("eventProducts")
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.rows: dict[str, ProductRowWidget] = {}

    def add(self, product: Product) -> ProductRowWidget:
        """The product's row (a product is featured once: added again, its row)."""
        if product.sku in self.rows:
            return self.rows[product.sku]
        row = ProductRowWidget(product)
        row.sig_remove.connect(self.remove)
        self.rows[product.sku] = row
        self.box.addWidget(row)
        self.sig_changed.emit()
        return row

    def remove(self, sku: str) -> None:
        row = self.rows.pop(sku, None)
        if row is not None:
            self.box.removeWidget(row)
            row.deleteLater()
            self.sig_changed.emit()

    def read(self) -> list[ProductRow]:
        return [row.read() for row in self.rows.values()]

    def retranslate(self) -> None:
        for row in self.rows.values():
            row.retranslate()

    def field_at_fault(self, kind: str) -> QLineEdit | None:
        """The first row's cost (`kind` "cost") or event price field that is not an
        amount, else the first row's: where a refusal puts the focus."""
        fields = [row.cost if kind == "cost" else row.price for row in self.rows.values()]
        for field in fields:
            if field.text().strip():
                try:
                    fen(field.text(), kind)
                except PosError:
                    return field
        return fields[0] if fields else None
