"""A manager sets up a promotion for this store only: its kind, what it
applies to (categories or SKUs), its figures (amounts typed in ¥, percentages
in %), when it holds (dates, weekdays, hours in showroom time), its priority
and whether it combines with others.

Save checks the promotion with the core's own codec (`promotion_from_dict`,
through `pos_app.ui.promo_form`); a refusal names the field and stays in the
dialog. A valid promotion then needs a manager's PIN (the `ApprovalDialog`
over this one, for the request `request_for(id)` builds, held for the service);
once given, the promotion's wire dict and the approval go to `deliver`, which
the window connects to `PromotionsService.create_local` (whose own approval
takes the held PIN approval of that promotion, once). A refusal by
`deliver` (a coded error) shows here too. Opened with `open()`; by finger
(every key 48 px or more) or keyboard (Tab, Space, Enter saves, Esc cancels).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.catalog import Category
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.promotions import PromoKind
from pos_app.services.approvals import Approval, ApprovalRequest
from pos_app.services.pin_approval import PinApproval
from pos_app.ui.dialogs.approval_dialog import ApprovalDialog
from pos_app.ui.messages import error_text
from pos_app.ui.promo_form import PromoForm, add_component, build_promotion, words
from pos_app.ui.promo_text import kind_name, weekday_names
from pos_app.ui.widgets.promo_fields import TOUCH, ToggleKeys, switch, text_field

#: Hands the checked promotion (wire dict) and the manager's approval on; may raise PosError.
Deliver = Callable[[dict[str, Any], Approval | None], object]
#: The approval a new promotion needs, by its id (`PromotionsService.approval_request`).
RequestFor = Callable[[str], ApprovalRequest]
TIER_ROWS = 3
# which figure rows each kind shows (the others are hidden and not read)
_ROWS: dict[PromoKind, tuple[str, ...]] = {
    PromoKind.PERCENT_OFF: ("percent",),
    PromoKind.AMOUNT_OFF: ("amount",),
    PromoKind.SPECIAL_PRICE: ("price",),
    PromoKind.BUY_N_GET_M: ("buy_get",),
    PromoKind.NTH_PERCENT: ("nth", "percent"),
    PromoKind.BUNDLE: ("bundle", "price"),
    PromoKind.THRESHOLD: ("tiers",),
}


class PromotionEditor(QDialog):
    sig_created = Signal(dict)  # the promotion's wire dict, once delivered

    def __init__(
        self,
        categories: Sequence[Category],
        deliver: Deliver,
        hook: PinApproval | None,
        request_for: RequestFor,
        parent: QWidget | None = None,
        *,
        id_prefix: str = "LOCAL-",
        sku_of: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("promotionEditor")
        self.setWindowTitle(self.tr("New store promotion"))
        self._deliver, self.hook, self.request_for = deliver, hook, request_for
        self.sku_of = sku_of  # a scanned barcode → its SKU (None: unknown)
        self.promo_id = f"{id_prefix}{uuid.uuid4().hex[:12].upper()}"
        self.pin_dialog: ApprovalDialog | None = None
        layout = QVBoxLayout(self)
        form_box = QWidget()
        self.form = QFormLayout(form_box)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._build_fields([(c.code, c.name) for c in categories])
        scroll = QScrollArea()
        scroll.setObjectName("promotionEditorScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(form_box)
        layout.addWidget(scroll, 1)
        self.message = QLabel()
        self.message.setObjectName("promotionEditorMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b; font-weight: bold;")
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Cancel [Esc]"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton(self.tr("Save [Enter]"))
        self.save_button.setObjectName("promotionSave")
        self.save_button.setDefault(True)  # Enter in any field saves
        self.save_button.clicked.connect(self.save)
        for button in (self.cancel_button, self.save_button):
            button.setMinimumSize(160, TOUCH + 8)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.kinds.keys[PromoKind.PERCENT_OFF.value].setChecked(True)
        self.on_kind_changed()
        self.resize(980, 660)
        self.setMaximumSize(1920, 1010)
        self.name.setFocus()

    # --- the form ---------------------------------------------------------------

    def _build_fields(self, categories: list[tuple[str, str]]) -> None:
        f = self.form
        self.name = text_field("promoName", self.tr("e.g. 满100减10"), 100)
        f.addRow(self.tr("Name"), self.name)
        self.kinds = ToggleKeys(
            "promoKind", [(k.value, kind_name(k)) for k in PromoKind], 4, exclusive=True
        )
        self.kinds.group.buttonClicked.connect(lambda _b: self.on_kind_changed())
        f.addRow(self.tr("Kind"), self.kinds)
        self.categories = ToggleKeys("promoCategories", categories, 5)
        f.addRow(self.tr("Categories"), self.categories)
        self.skus = text_field("promoSkus", self.tr("SKUs, separated by commas"), 2000)
        f.addRow(self.tr("Products"), self.skus)
        self.scope_note = QLabel(self.tr("No category and no product: every item."))
        self.scope_note.setWordWrap(True)
        f.addRow("", self.scope_note)
        self.percent = text_field("promoPercent", self.tr("e.g. 10 for 10% off"), 6)
        self.amount = text_field("promoAmount", "0.00", 14)
        self.price = text_field("promoPrice", "0.00", 14)
        self.buy = text_field("promoBuy", "2", 2)
        self.get = text_field("promoGet", "1", 2)
        buy_get = QHBoxLayout()
        for label, field in ((self.tr("Buy"), self.buy), (self.tr("get free"), self.get)):
            buy_get.addWidget(QLabel(label))
            buy_get.addWidget(field, 1)
        self.nth = text_field("promoNth", "2", 2)
        self.bundle = text_field("promoBundle", self.tr("SKU×count, e.g. YC-GRN-0001×1"), 2000)
        tiers = QVBoxLayout()
        self.tiers: list[tuple[QLineEdit, QLineEdit]] = []
        for row in range(TIER_ROWS):
            spend = text_field(f"promoTierMin{row}", "0.00", 14)
            off = text_field(f"promoTierOff{row}", "0.00", 14)
            line = QHBoxLayout()
            line.addWidget(QLabel(self.tr("Spend ¥")))
            line.addWidget(spend, 1)
            line.addWidget(QLabel(self.tr("take off ¥")))
            line.addWidget(off, 1)
            tiers.addLayout(line)
            self.tiers.append((spend, off))
        figure_rows: dict[str, tuple[str, QWidget | QLayout]] = {
            "percent": (self.tr("Percent off (%)"), self.percent),
            "amount": (self.tr("Off each piece or kg (¥)"), self.amount),
            "price": (self.tr("Price (¥)"), self.price),
            "buy_get": (self.tr("Pieces"), buy_get),
            "nth": (self.tr("Every Nth piece"), self.nth),
            "bundle": (self.tr("Bundle items"), self.bundle),
            "tiers": (self.tr("Tiers"), tiers),
        }
        self._figure_index: dict[str, int] = {}
        for key, (label, item) in figure_rows.items():
            self._figure_index[key] = f.rowCount()
            if isinstance(item, QWidget):
                f.addRow(label, item)
            else:
                f.addRow(label, item)
        self.start_date = text_field("promoStartDate", self.tr("YYYY-MM-DD (any)"), 10)
        self.end_date = text_field("promoEndDate", self.tr("YYYY-MM-DD (any)"), 10)
        self.start_time = text_field("promoStartTime", "00:00", 5)
        self.end_time = text_field("promoEndTime", "24:00", 5)
        for label, first, second in (
            (self.tr("Dates"), self.start_date, self.end_date),
            (self.tr("Hours (Beijing time)"), self.start_time, self.end_time),
        ):
            pair = QHBoxLayout()
            pair.addWidget(first, 1)
            pair.addWidget(QLabel("–"))
            pair.addWidget(second, 1)
            f.addRow(label, pair)
        days = weekday_names()
        self.weekdays = ToggleKeys("promoWeekdays", [(str(d), days[d - 1]) for d in range(1, 8)], 7)
        f.addRow(self.tr("Weekdays (none: every day)"), self.weekdays)
        self.priority = text_field("promoPriority", "0", 5)
        f.addRow(self.tr("Priority (higher first)"), self.priority)
        self.exclusive = switch("promoExclusive", self.tr("Not combined with other promotions"))
        self.members_only = switch("promoMembersOnly", self.tr("Members only"))
        flags = QHBoxLayout()
        flags.addWidget(self.exclusive, 1)
        flags.addWidget(self.members_only, 1)
        f.addRow("", flags)
        # the field a refusal points at, by the codec's field name
        self._fields: dict[str, QWidget] = {
            "name": self.name,
            "percent_bps": self.percent,
            "amount_fen": self.amount,
            "price_fen": self.price,
            "buy": self.buy,
            "get": self.get,
            "nth": self.nth,
            "bundle": self.bundle,
            "tiers": self.tiers[0][0],
            "scope": self.skus,
            "skus": self.skus,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "hours": self.start_time,
            "priority": self.priority,
        }

    def kind(self) -> PromoKind:
        chosen = self.kinds.chosen()
        return PromoKind(chosen[0]) if chosen else PromoKind.PERCENT_OFF

    def on_kind_changed(self) -> None:
        """Only the figures the chosen kind uses; a bundle's items are its scope."""
        kind = self.kind()
        for key, index in self._figure_index.items():
            self.form.setRowVisible(index, key in _ROWS[kind])
        for widget in (self.categories, self.skus, self.scope_note):
            self.form.setRowVisible(widget, kind is not PromoKind.BUNDLE)
        self.message.clear()

    def read_form(self) -> PromoForm:
        return PromoForm(
            promo_id=self.promo_id,
            name=self.name.text(),
            kind=self.kind(),
            categories=self.categories.chosen(),
            skus=self.skus.text(),
            percent=self.percent.text(),
            amount=self.amount.text(),
            price=self.price.text(),
            buy=self.buy.text(),
            get=self.get.text(),
            nth=self.nth.text(),
            bundle=self.bundle.text(),
            tiers=[(spend.text(), off.text()) for spend, off in self.tiers],
            start_date=self.start_date.text(),
            end_date=self.end_date.text(),
            weekdays=[int(day) for day in self.weekdays.chosen()],
            start_time=self.start_time.text(),
            end_time=self.end_time.text(),
            priority=self.priority.text(),
            exclusive=self.exclusive.isChecked(),
            members_only=self.members_only.isChecked(),
        )

    def on_scan(self, code: str) -> None:
        """A product scanned while the editor is open goes into the promotion:
        into the bundle's items (one more of it) or the products it applies to."""
        sku = self.sku_of(code) if self.sku_of is not None else None
        if sku is None:
            self.message.setText(error_text(PosError(ErrorCode.SCAN_UNKNOWN_PRODUCT, scanned=code)))
            QApplication.beep()
            return
        self.message.clear()
        if self.kind() is PromoKind.BUNDLE:
            self.bundle.setText(add_component(self.bundle.text(), sku))
        elif sku not in words(self.skus.text()):
            self.skus.setText(", ".join([*words(self.skus.text()), sku]))

    # --- save: check, a manager's PIN, deliver -------------------------------

    def save(self) -> None:
        try:
            data, _promotion = build_promotion(self.read_form())
        except PosError as exc:
            self._refused(exc)
            return
        self.message.clear()
        if self.hook is None:  # no staff roles on this till: nobody to ask
            self._hand_over(data, None)
            return
        what = self.tr("New store promotion: {name}").format(name=data["name"])
        # held: the service's own approval of this very promotion finds the PIN given here
        request = self.request_for(data["id"])
        self.pin_dialog = ApprovalDialog(self.hook, request, what, self, hold=True)
        self.pin_dialog.sig_approved.connect(lambda approval: self._hand_over(data, approval))
        self.pin_dialog.open()

    def _hand_over(self, data: dict[str, Any], approval: Approval | None) -> None:
        try:
            self._deliver(data, approval)
        except PosError as exc:
            self._refused(exc)
            return
        self.sig_created.emit(data)
        self.accept()

    def _refused(self, exc: PosError) -> None:
        """Say which field is wrong, in the dialog's own words, and go there."""
        if exc.code is ErrorCode.PROMO_INVALID:
            wire_field = str(exc.params.get("field", ""))
            widget = self._fields.get(wire_field)
            label = self.form.labelForField(widget) if widget is not None else None
            shown = label.text() if isinstance(label, QLabel) else self._field_words(wire_field)
            self.message.setText(error_text(PosError(ErrorCode.PROMO_INVALID, field=shown)))
            if widget is not None:
                widget.setFocus()
        else:
            self.message.setText(error_text(exc))
        QApplication.beep()

    def _field_words(self, wire_field: str) -> str:
        words = {
            "tiers": self.tr("Tiers"),
            "buy": self.tr("Pieces"),
            "get": self.tr("Pieces"),
            "hours": self.tr("Hours (Beijing time)"),
            "start_date": self.tr("Dates"),
            "end_date": self.tr("Dates"),
        }
        return words.get(wire_field, wire_field)
