"""A manager sets up a tasting event (试吃/试饮活动) at the till: its name and place,
when it starts and ends (dates and hours in showroom time, Beijing time), the
featured products (scanned, or found by name, pinyin initials or code, as at the
counter), each with what one sample unit costs, whether samples are pieces or grams,
and an optional event price; the sample budget, the feedback tags (口感 价格 包装 unless
changed) and the promoters who may run it (none chosen: any promoter of the store).

Save checks the form (`pos_app.ui.event_form.build_event`, then the core's own
checks); a refusal names the field and stays in the dialog with the focus there.
Event prices are promotions, which need a manager's PIN: it is asked ONCE for all of
them (`ApprovalDialog` over this one, each price's own approval recorded and held for
the promotions service). Then `deliver` gets the event and its price definitions
(the window's wiring calls `EventsService.create_event` and, per price,
`PromotionsService.create_local`); a refusal by it (a coded error) shows here too.

Opened with `open()`; by finger (every key and field 48 px or more) or keyboard (Tab,
Space; Enter in the product search adds the product found, elsewhere it saves; Esc
cancels). Fits 1024×768 (the form scrolls).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.catalog import Product
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.staff import StaffMember
from pos_app.services.approvals import Approval, ApprovalRequest
from pos_app.services.pin_approval import PinApproval
from pos_app.ui.dialogs.approval_dialog import ApprovalDialog
from pos_app.ui.event_form import BuiltEvent, EventForm, build_event, default_hours
from pos_app.ui.messages import error_text
from pos_app.ui.widgets.event_product_rows import ProductRows
from pos_app.ui.widgets.promo_fields import TOUCH, ToggleKeys, text_field

MAX_RESULTS = 6  # finger-sized results under the search, the closest first
#: Hands the checked event and its price definitions on; may raise PosError.
Deliver = Callable[[BuiltEvent], object]


class OnePinForAll(PinApproval):
    """The PIN dialog's hook for an event's prices: the manager types their PIN once;
    it approves the first price's request (as the dialog asks) and, with the same
    PIN, each other price's, held for the promotions service. Each approval is the
    real hook's, verified and recorded on its own. A stand-in for the hook it wraps:
    everything else is the wrapped hook's own."""

    def __init__(self, inner: PinApproval, others: Sequence[ApprovalRequest]) -> None:
        # no state of its own (no super().__init__): every attribute is the inner hook's
        self._inner = inner
        self._others = tuple(others)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def approve_with_pin(
        self, request: ApprovalRequest, staff_id: str, pin: str, *, hold: bool = False
    ) -> Approval:
        approval = self._inner.approve_with_pin(request, staff_id, pin, hold=hold)
        for other in self._others:
            self._inner.approve_with_pin(other, staff_id, pin, hold=True)
        return approval


class SearchField(QLineEdit):
    """Enter here adds the product found; it never saves the dialog."""

    sig_entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.sig_entered.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class EventEditor(QDialog):
    sig_created = Signal(object)  # the Event, once delivered

    def __init__(
        self,
        *,
        store_code: str,
        promoters: Sequence[StaffMember],
        search: Callable[[str], list[Product]],
        by_code: Callable[[str], Product | None],
        deliver: Deliver,
        hook: PinApproval | None,
        request_for: Callable[[str], ApprovalRequest],
        now: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("eventEditor")
        self._search, self._by_code, self._deliver = search, by_code, deliver
        self.hook, self.request_for = hook, request_for
        self.store_code = store_code
        self.event_id = f"EV-{store_code}-{uuid.uuid4().hex[:10].upper()}"
        self.pin_dialog: ApprovalDialog | None = None
        self.results: list[QPushButton] = []
        layout = QVBoxLayout(self)
        form_box = QWidget()
        self.form = QFormLayout(form_box)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._build_fields(promoters, now)
        scroll = QScrollArea()
        scroll.setObjectName("eventEditorScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(form_box)
        self.scroller = scroll
        layout.addWidget(scroll, 1)
        self.message = QLabel()
        self.message.setObjectName("eventEditorMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b; font-weight: bold;")
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("eventEditorCancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton()
        self.save_button.setObjectName("eventSave")
        self.save_button.setDefault(True)  # Enter in any other field saves
        self.save_button.clicked.connect(self.save)
        for button in (self.cancel_button, self.save_button):
            button.setMinimumSize(160, TOUCH + 8)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.retranslate()
        self.resize(980, 660)
        self.setMaximumSize(1920, 1010)
        self.name.setFocus()

    # --- the form ---------------------------------------------------------------

    def _build_fields(self, promoters: Sequence[StaffMember], now: datetime) -> None:
        f = self.form
        self.name = text_field("eventName", "", 100)
        self.place = text_field("eventPlace", "", 100)
        start_date, start_time, end_date, end_time = default_hours(now)
        self.start_date = text_field("eventStartDate", "YYYY-MM-DD", 10)
        self.start_time = text_field("eventStartTime", "HH:MM", 5)
        self.end_date = text_field("eventEndDate", "YYYY-MM-DD", 10)
        self.end_time = text_field("eventEndTime", "HH:MM", 5)
        for field, text in ((self.start_date, start_date), (self.start_time, start_time),
                            (self.end_date, end_date), (self.end_time, end_time)):  # fmt: skip
            field.setText(text)
        self.search = SearchField()
        self.search.setObjectName("eventProductSearch")
        self.search.setMinimumHeight(TOUCH)
        self.search.setStyleSheet("font-size: 13pt;")
        self.search.textEdited.connect(self.on_search_edited)
        self.search.sig_entered.connect(self.on_search_entered)
        self.result_box = QWidget()
        self.result_grid = QGridLayout(self.result_box)
        self.result_grid.setContentsMargins(0, 0, 0, 0)
        self.products = ProductRows()
        self.budget = text_field("eventBudget", "0.00", 14)
        self.tags = text_field("eventTags", "", 200)
        self.tags.setText(EventForm(self.event_id, self.store_code).tags)
        self.promoters = ToggleKeys("eventPromoters", [(m.id, m.name) for m in promoters], 3)
        self.promoter_note = QLabel()
        self.promoter_note.setWordWrap(True)
        self.labels: dict[str, QLabel] = {}
        pairs = (("starts", self.start_date, self.start_time),
                 ("ends", self.end_date, self.end_time))  # fmt: skip
        rows: list[tuple[str, QWidget | QHBoxLayout]] = [
            ("name", self.name), ("place", self.place),
        ]  # fmt: skip
        for key, day, hour in pairs:
            pair = QHBoxLayout()
            pair.addWidget(day, 2)
            pair.addWidget(hour, 1)
            rows.append((key, pair))
        rows += [("products", self.search), ("", self.result_box), ("", self.products),
                 ("budget", self.budget), ("tags", self.tags), ("promoters", self.promoters),
                 ("", self.promoter_note)]  # fmt: skip
        for key, item in rows:
            label = QLabel()
            if key:
                self.labels[key] = label
            if isinstance(item, QWidget):
                f.addRow(label, item)
            else:
                f.addRow(label, item)
        # the field a refusal points at, by the event's field name, with its label
        self._fields: dict[str, tuple[str, QWidget]] = {
            "name": ("name", self.name),
            "place": ("place", self.place),
            "starts_at": ("starts", self.start_date),
            "ends_at": ("ends", self.end_date),
            "products": ("products", self.search),
            "products.sku": ("products", self.search),
            "sample_budget_fen": ("budget", self.budget),
            "feedback_tags": ("tags", self.tags),
            "promoters": ("promoters", self.promoters),
        }

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New tasting event"))
        texts = {
            "name": self.tr("Name"),
            "place": self.tr("Place"),
            "starts": self.tr("Starts (Beijing time)"),
            "ends": self.tr("Ends (Beijing time)"),
            "products": self.tr("Products"),
            "budget": self.tr("Sample budget (¥)"),
            "tags": self.tr("Feedback tags"),
            "promoters": self.tr("Promoters"),
        }
        for key, label in self.labels.items():
            label.setText(texts[key])
        self.name.setPlaceholderText(self.tr("e.g. 恩施玉露试饮"))
        self.place.setPlaceholderText(self.tr("e.g. 3号楼前广场"))
        self.search.setPlaceholderText(self.tr("Scan, or type a name, pinyin or code"))
        self.tags.setPlaceholderText(self.tr("Tags, separated by spaces or commas"))
        self.promoter_note.setText(self.tr("None chosen: any promoter of the store."))
        self.cancel_button.setText(self.tr("Cancel [Esc]"))
        self.save_button.setText(self.tr("Save [Enter]"))
        self.products.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def read_form(self) -> EventForm:
        return EventForm(
            event_id=self.event_id,
            store_code=self.store_code,
            name=self.name.text(),
            place=self.place.text(),
            start_date=self.start_date.text(),
            start_time=self.start_time.text(),
            end_date=self.end_date.text(),
            end_time=self.end_time.text(),
            budget=self.budget.text(),
            tags=self.tags.text(),
            promoters=self.promoters.chosen(),
            products=self.products.read(),
        )

    # --- products: scanned or found ------------------------------------------

    def add_product(self, product: Product) -> None:
        row = self.products.add(product)
        self.show_results([])
        self.search.clear()
        self.message.clear()
        self.scroller.ensureWidgetVisible(row)

    def on_scan(self, code: str) -> None:
        """A product scanned while the editor is open is featured."""
        product = self._by_code(code)
        if product is None:
            self._say(error_text(PosError(ErrorCode.SCAN_UNKNOWN_PRODUCT, scanned=code)))
            return
        self.add_product(product)

    def on_search_edited(self, text: str) -> None:
        self.show_results(self._search(text.strip())[:MAX_RESULTS] if text.strip() else [])

    def on_search_entered(self) -> None:
        """Enter: the product of that very code, else the first one found."""
        text = self.search.text().strip()
        if not text:
            return
        product = self._by_code(text)
        found = [product] if product is not None else self._search(text)[:1]
        if found:
            self.add_product(found[0])
        else:
            self._say(error_text(PosError(ErrorCode.SCAN_UNKNOWN_PRODUCT, scanned=text)))

    def show_results(self, products: list[Product]) -> None:
        for button in self.results:
            self.result_grid.removeWidget(button)
            button.deleteLater()
        self.results = []
        for index, product in enumerate(products):
            button = QPushButton(f"{product.name}  {product.price.format()}")
            button.setObjectName(f"eventResult_{product.sku}")
            button.setMinimumHeight(TOUCH)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, p=product: self.add_product(p))
            self.result_grid.addWidget(button, index // 2, index % 2)
            self.results.append(button)

    # --- save: check, a manager's PIN for the prices, deliver ------------------

    def save(self) -> None:
        try:
            built = build_event(self.read_form())
        except PosError as exc:
            self._refused(exc)
            return
        self.message.clear()
        if not built.prices or self.hook is None:  # no price, or nobody to ask
            self._hand_over(built)
            return
        requests = [self.request_for(str(p["id"])) for p in built.prices]
        what = self.tr("Event prices of {name}: {count}").format(
            name=built.event.name, count=len(requests)
        )
        hook = OnePinForAll(self.hook, requests[1:])
        self.pin_dialog = ApprovalDialog(hook, requests[0], what, self, hold=True)
        self.pin_dialog.sig_approved.connect(lambda _approval: self._hand_over(built))
        self.pin_dialog.open()

    def _hand_over(self, built: BuiltEvent) -> None:
        try:
            self._deliver(built)
        except PosError as exc:
            self._refused(exc)
            return
        self.sig_created.emit(built.event)
        self.accept()

    def _refused(self, exc: PosError) -> None:
        """Say which field is wrong, in the dialog's own words, and go there."""
        if exc.code is not ErrorCode.EVENT_INVALID:
            self._say(error_text(exc))
            return
        name = str(exc.params.get("field", ""))
        widget: QWidget | None
        if name in self._fields:
            key, widget = self._fields[name]
            shown = self.labels[key].text()
        elif name.startswith("products."):
            kind = "price" if name == "products.event_price" else "cost"
            widget = self.products.field_at_fault(kind)
            shown = self.tr("Event price ¥") if kind == "price" else self.tr("Sample cost ¥")
        else:
            widget, shown = None, name
        self._say(error_text(PosError(ErrorCode.EVENT_INVALID, field=shown)))
        if widget is not None:
            self.scroller.ensureWidgetVisible(widget)
            widget.setFocus()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        QApplication.beep()
