"""Event mode (活动模式): the promoter's touch screen at a tasting table.

Big tiles of the event's products at their event prices; a Sell / Sample
switch says what a tap does (a line in the running sale, or a sample given
out: one piece, or the grams typed on a pad for products sampled by weight);
the sample budget as a bar; a tally of visitors (+1, or +N for a group); a
taster's feedback; a lead when an identified resident did not buy (with their
consent); and a big Pay button.

The screen records nothing itself: each tap is one call of `EventPort`.
Paying and scanning belong to the checkout, so the screen hands them on:
`sig_pay_requested` (the window opens its tender flow) and `sig_scanned(text)`
for a code typed or scanned into its field (the window's `process_scan`:
products, residents' QR). After either, the window calls `refresh()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import PosError
from pos_app.ui.dialogs.event_feedback_dialog import EventFeedbackDialog
from pos_app.ui.event_ports import EventPort, ResidentView
from pos_app.ui.messages import error_text
from pos_app.ui.text import SHANGHAI
from pos_app.ui.widgets.event_budget import BudgetBar
from pos_app.ui.widgets.event_sale_panel import EventSalePanel, touch_button
from pos_app.ui.widgets.event_tiles import EventTileGrid
from pos_app.ui.widgets.number_pad import NumberPadDialog
from pos_app.ui.widgets.scan_field import ScanField

if TYPE_CHECKING:
    from pos_app.ui.dialogs.event_report_dialog import EventReportDialog

MAX_GROUP = 500  # the wire format's bound on one tally


class EventModeScreen(QWidget):
    sig_pay_requested = Signal()
    sig_scanned = Signal(str)
    sig_stop_requested = Signal()

    def __init__(self, port: EventPort, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventModeScreen")
        self.port = port
        self.sampling = False  # the switch: a tap sells (False) or gives a sample (True)
        self.current_resident: ResidentView | None = None
        self.pad: NumberPadDialog | None = None  # the open gram / group pad, if any
        self.dialog: QWidget | None = None  # the open feedback or report dialog
        root = QVBoxLayout(self)
        root.setContentsMargins(6, 6, 6, 6)
        root.setSpacing(6)

        header = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("eventTitle")
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.title.setWordWrap(True)  # a long name takes two lines on a tablet, never the width
        header.addWidget(self.title, 1)
        self.report_button = touch_button("eventReport")
        self.report_button.clicked.connect(self.open_report)
        header.addWidget(self.report_button)
        self.stop_button = touch_button("eventStop")
        self.stop_button.clicked.connect(self.sig_stop_requested)
        header.addWidget(self.stop_button)
        root.addLayout(header)

        strip = QHBoxLayout()
        self.budget = BudgetBar()
        strip.addWidget(self.budget, 1)
        self.visitor_count = QLabel()
        self.visitor_count.setObjectName("visitorCount")
        self.visitor_count.setStyleSheet("font-size: 14pt; font-weight: bold;")
        strip.addWidget(self.visitor_count)
        root.addLayout(strip)

        body = QHBoxLayout()
        left = QVBoxLayout()
        modes = QHBoxLayout()
        self.mode_group = QButtonGroup(self)
        self.sell_mode = touch_button("sellMode")
        self.sample_mode = touch_button("sampleMode")
        for button in (self.sell_mode, self.sample_mode):
            button.setCheckable(True)
            button.setStyleSheet(
                "QPushButton { font-size: 14pt; }"
                " QPushButton:checked { background: #1565c0; color: white; }"
            )
            self.mode_group.addButton(button)
            modes.addWidget(button)
        self.sell_mode.setChecked(True)
        self.sell_mode.clicked.connect(lambda: self.set_sampling(False))
        self.sample_mode.clicked.connect(lambda: self.set_sampling(True))
        left.addLayout(modes)
        self.tiles = EventTileGrid()
        self.tiles.sig_tile_tapped.connect(self.on_tiles_tapped)
        left.addWidget(self.tiles, 1)
        body.addLayout(left, 3)

        right = QVBoxLayout()
        resident_row = QHBoxLayout()
        self.resident_label = QLabel()
        self.resident_label.setObjectName("eventResident")
        self.resident_label.setWordWrap(True)
        self.resident_label.setStyleSheet("font-size: 13pt;")
        resident_row.addWidget(self.resident_label, 1)
        self.consent = touch_button("residentConsent", 48)
        self.consent.setCheckable(True)
        self.consent.setStyleSheet(
            "QPushButton { font-size: 12pt; padding: 0 8px; }"
            " QPushButton:checked { background: #2e7d32; color: white; }"
        )
        self.consent.toggled.connect(self._update_lead)
        resident_row.addWidget(self.consent)
        right.addLayout(resident_row)
        self.sale_panel = EventSalePanel()
        self.sale_model = self.sale_panel.sale_model
        self.sale_view = self.sale_panel.sale_view
        self.total = self.sale_panel.total
        self.remove_button = self.sale_panel.remove_button
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.pay = self.sale_panel.pay
        right.addWidget(self.sale_panel, 1)
        self.pay.clicked.connect(self.on_pay_clicked)
        actions = QGridLayout()
        self.visitor_one = touch_button("visitorOne")
        self.visitor_one.clicked.connect(lambda: self.add_visitors(1))
        self.visitor_group = touch_button("visitorGroup")
        self.visitor_group.clicked.connect(self.ask_group)
        self.feedback_button = touch_button("eventFeedback")
        self.feedback_button.clicked.connect(lambda: self.open_feedback())
        self.lead_button = touch_button("eventLead")
        self.lead_button.clicked.connect(self.on_lead_clicked)
        actions.addWidget(self.visitor_one, 0, 0)
        actions.addWidget(self.visitor_group, 0, 1)
        actions.addWidget(self.feedback_button, 1, 0)
        actions.addWidget(self.lead_button, 1, 1)
        right.addLayout(actions)
        self.scan_field = ScanField()
        self.scan_field.setObjectName("eventScan")
        self.scan_field.setMinimumHeight(44)
        self.scan_field.returnPressed.connect(self.on_scan_field_return_pressed)
        right.addWidget(self.scan_field)
        body.addLayout(right, 2)
        root.addLayout(body, 1)

        self.message = QLabel()
        self.message.setObjectName("eventMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(24)
        root.addWidget(self.message)

        self.tiles.set_products(port.products())
        self.retranslate()
        self.refresh()

    # --- what the screen shows ---------------------------------------------------

    def refresh(self) -> None:
        """Everything read again from the port: after a scan, a payment, a sync."""
        self.show_sale()
        self.budget.show_state(self.port.budget())
        self.show_visitors(self.port.visitors())
        resident = self.port.resident()
        if resident != self.current_resident:
            self.consent.setChecked(False)  # consent is asked of each resident anew
        self.current_resident = resident
        self._show_resident()

    def show_sale(self) -> None:
        self.sale_panel.show_sale(self.port.sale())

    def show_visitors(self, count: int) -> None:
        self.visitor_count.setText(self.tr("Visitors: {count}").format(count=count))

    def _show_resident(self) -> None:
        resident = self.current_resident
        if resident is None:
            self.resident_label.setText(self.tr("No resident: scan their QR code"))
        else:
            self.resident_label.setText(
                self.tr("Resident {name}").format(name=resident.masked_name)
            )
        self.consent.setEnabled(resident is not None)
        self._update_lead()

    def _update_lead(self) -> None:
        # a lead is a resident who agreed to be followed up: both, or nothing to record
        self.lead_button.setEnabled(self.current_resident is not None and self.consent.isChecked())

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        colour = "#c0392b" if error else "#2e7d32"
        self.message.setStyleSheet(f"font-size: 13pt; color: {colour};")
        if error:
            QApplication.beep()

    def fail(self, error: PosError) -> None:
        self.say(error_text(error), error=True)

    # --- taps --------------------------------------------------------------------

    def set_sampling(self, sampling: bool) -> None:
        self.sampling = sampling
        (self.sample_mode if sampling else self.sell_mode).setChecked(True)

    def on_tiles_tapped(self, sku: str) -> None:
        product = self.tiles.tile(sku).product
        if self.sampling and product.sample_unit == "g":
            self.ask_grams(sku, self.tr("Sample of {name}: grams given").format(name=product.name))
        elif self.sampling:
            self.give_sample(sku, 1)
        elif product.sold_by_weight:
            self.ask_grams(sku, self.tr("{name}: grams sold").format(name=product.name))
        else:
            self.sell(sku, 1)

    def sell(self, sku: str, quantity: int) -> None:
        try:
            self.port.add_to_sale(sku, quantity)
        except PosError as error:
            self.fail(error)
            return
        self.show_sale()
        self.say("")

    def give_sample(self, sku: str, quantity: int) -> None:
        try:
            state = self.port.record_sample(sku, quantity)
        except PosError as error:
            self.fail(error)
            return
        self.budget.show_state(state)
        name = self.tiles.tile(sku).product.name
        self.say(self.tr("Sample recorded: {name}").format(name=name))

    def ask_grams(self, sku: str, prompt: str) -> None:
        pad = NumberPadDialog(self.tr("Grams"), prompt, self, decimal=False)
        pad.setObjectName("gramPad")
        sampling = self.sampling
        pad.sig_value_entered.connect(lambda text: self._grams_entered(sku, text, sampling))
        self._open_pad(pad)

    def _grams_entered(self, sku: str, text: str, sampling: bool) -> None:
        grams = int(text) if text.isdigit() else 0
        if grams <= 0:
            self.say(self.tr("Type the grams as a whole number."), error=True)
        elif sampling:
            self.give_sample(sku, grams)
        else:
            self.sell(sku, grams)

    def on_remove_clicked(self) -> None:
        """The selected line out of the sale, or the last one when none is selected."""
        line = self.sale_panel.chosen_line()
        if line is None:
            return
        try:
            self.port.remove_from_sale(line.line_no)
        except PosError as error:
            self.fail(error)
            return
        self.show_sale()

    def on_pay_clicked(self) -> None:
        if self.sale_model.rowCount():
            self.sig_pay_requested.emit()

    def on_scan_field_return_pressed(self) -> None:
        text = self.scan_field.text().strip()
        self.scan_field.clear()
        if text:
            self.sig_scanned.emit(text)
            self.refresh()  # the window's process_scan ran (a product, a resident)

    def add_visitors(self, count: int) -> None:
        try:
            total = self.port.add_visitors(count)
        except PosError as error:
            self.fail(error)
            return
        self.show_visitors(total)
        self.say(self.tr("+{count} visitors").format(count=count))

    def ask_group(self) -> None:
        pad = NumberPadDialog(
            self.tr("A group"), self.tr("How many people came by together?"), self, decimal=False
        )
        pad.setObjectName("groupPad")
        pad.sig_value_entered.connect(self._group_entered)
        self._open_pad(pad)

    def _group_entered(self, text: str) -> None:
        count = int(text) if text.isdigit() else 0
        if not 1 <= count <= MAX_GROUP:
            self.say(self.tr("A group is 1 to {most} people.").format(most=MAX_GROUP), error=True)
            return
        self.add_visitors(count)

    def _open_pad(self, pad: NumberPadDialog) -> None:
        self.pad = pad
        pad.finished.connect(pad.deleteLater)
        pad.open()

    def on_lead_clicked(self) -> None:
        resident = self.current_resident
        if resident is None or not self.consent.isChecked():
            return
        try:
            self.port.record_lead(resident.resident_id, True)
        except PosError as error:
            self.fail(error)
            return
        self.say(self.tr("Lead recorded: {name}").format(name=resident.masked_name))

    def open_feedback(self, sku: str | None = None) -> EventFeedbackDialog:
        dialog = EventFeedbackDialog(
            self.port,
            sku=sku,
            resident=self.current_resident,
            consent=self.consent.isChecked(),
            parent=self,
        )
        dialog.accepted.connect(lambda: self.say(self.tr("Feedback saved. Thank you!")))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_report(self) -> EventReportDialog:
        # imported on first use: QtCharts costs the till's cold start otherwise
        from pos_app.ui.dialogs.event_report_dialog import EventReportDialog

        dialog = EventReportDialog(self.port, self)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    # --- language ----------------------------------------------------------------

    def retranslate(self) -> None:
        event = self.port.event()
        hours = "{start}–{end}".format(
            start=event.starts_at.astimezone(SHANGHAI).strftime("%H:%M"),
            end=event.ends_at.astimezone(SHANGHAI).strftime("%H:%M"),
        )
        self.title.setText(
            self.tr("{name} · {place} · {hours} · {promoter}").format(
                name=event.name, place=event.place, hours=hours, promoter=event.promoter
            )
        )
        self.title.setToolTip(self.title.text())
        self.report_button.setText(self.tr("Report"))
        self.stop_button.setText(self.tr("End event mode"))
        self.sell_mode.setText(self.tr("Tap sells"))
        self.sample_mode.setText(self.tr("Tap gives a sample"))
        self.consent.setText(self.tr("Agrees to follow-up"))
        self.sale_panel.retranslate()
        self.visitor_one.setText(self.tr("Visitor +1"))
        self.visitor_group.setText(self.tr("Group +N"))
        self.feedback_button.setText(self.tr("Feedback"))
        self.lead_button.setText(self.tr("Lead (no purchase)"))
        self.scan_field.setPlaceholderText(self.tr("Scan a product or a resident's QR"))
        self.budget.retranslate()
        self.show_visitors(self.port.visitors())
        self._show_resident()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
