"""A taster's feedback in a few taps: which product (or the event as a whole),
one to five stars, the event's tags as toggle chips, an optional short note,
and, only when a resident identified with their QR, a consent switch that
links the feedback to them; without it the feedback is anonymous.

Saving calls `EventPort.record_feedback` once; a refusal (a coded error) is
shown in the dialog and nothing is kept.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import PosError
from pos_app.ui.event_ports import EventPort, FeedbackEntry, ResidentView
from pos_app.ui.messages import error_text

BUTTON_HEIGHT = 52
NOTE_LENGTH = 200  # the wire format's bound
CHIP_COLUMNS = 3
_CHIP = (
    "QPushButton { font-size: 13pt; border: 1px solid #999; border-radius: 8px; padding: 0 10px; }"
    " QPushButton:checked { background: #2e7d32; color: white; border-color: #2e7d32; }"
)


def _chip(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setCheckable(True)
    button.setMinimumHeight(BUTTON_HEIGHT)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setStyleSheet(_CHIP)
    return button


class EventFeedbackDialog(QDialog):
    def __init__(
        self,
        port: EventPort,
        *,
        sku: str | None = None,
        resident: ResidentView | None = None,
        consent: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("eventFeedbackDialog")
        self.port = port
        self.resident = resident
        self.rating = 0
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.product_label = QLabel()
        layout.addWidget(self.product_label)
        self.product_group = QButtonGroup(self)
        self.product_group.setExclusive(True)
        self.whole_event = _chip("")
        self.product_chips: dict[str, QPushButton] = {}
        chips = [self.whole_event]
        for product in port.products():
            chip = _chip(product.name)
            chip.setToolTip(product.name)
            self.product_chips[product.sku] = chip
            chips.append(chip)
        for chip in chips:
            self.product_group.addButton(chip)
        layout.addLayout(_grid(chips))
        (self.product_chips.get(sku or "") or self.whole_event).setChecked(True)

        self.stars_label = QLabel()
        layout.addWidget(self.stars_label)
        stars = QHBoxLayout()
        self.stars: list[QPushButton] = []
        for n in range(1, 6):
            star = QPushButton("☆")
            star.setObjectName(f"star{n}")
            star.setMinimumSize(64, 64)
            star.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            star.setStyleSheet("font-size: 28pt; color: #f39c12;")
            star.clicked.connect(lambda _=False, n=n: self.set_rating(n))
            stars.addWidget(star)
            self.stars.append(star)
        layout.addLayout(stars)

        self.tags_label = QLabel()
        layout.addWidget(self.tags_label)
        self.tag_chips = {tag: _chip(tag) for tag in port.event().feedback_tags}
        layout.addLayout(_grid(list(self.tag_chips.values())))

        self.note = QLineEdit()
        self.note.setObjectName("feedbackNote")
        self.note.setMaxLength(NOTE_LENGTH)
        self.note.setMinimumHeight(BUTTON_HEIGHT)
        layout.addWidget(self.note)

        self.consent = _chip("")
        self.consent.setObjectName("feedbackConsent")
        self.consent.setChecked(consent and resident is not None)
        self.consent.setVisible(resident is not None)
        layout.addWidget(self.consent)
        layout.addStretch(1)

        self.message = QLabel()
        self.message.setObjectName("feedbackMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        outer.addWidget(self.message)
        buttons = QHBoxLayout()
        self.cancel = QPushButton()
        self.cancel.setMinimumHeight(BUTTON_HEIGHT)
        self.cancel.setAutoDefault(False)
        self.cancel.clicked.connect(self.reject)
        self.save = QPushButton()
        self.save.setObjectName("feedbackSave")
        self.save.setMinimumHeight(BUTTON_HEIGHT)
        self.save.setStyleSheet("font-size: 14pt; background: #2e7d32; color: white;")
        self.save.setEnabled(False)  # a rating first: it is the one thing asked
        self.save.clicked.connect(self.on_save_clicked)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.save, 1)
        outer.addLayout(buttons)
        self.retranslate()
        self.resize(640, 560)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Taster's feedback"))
        self.product_label.setText(self.tr("About"))
        self.whole_event.setText(self.tr("The whole event"))
        self.stars_label.setText(self.tr("Rating"))
        self.tags_label.setText(self.tr("What they said"))
        self.note.setPlaceholderText(self.tr("A short note (optional)"))
        if self.resident is not None:
            self.consent.setText(
                self.tr("Link to {name} (they agree)").format(name=self.resident.masked_name)
            )
        self.cancel.setText(self.tr("Cancel"))
        self.save.setText(self.tr("Save feedback"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_rating(self, rating: int) -> None:
        self.rating = rating
        for n, star in enumerate(self.stars, start=1):
            star.setText("★" if n <= rating else "☆")
        self.save.setEnabled(True)

    def entry(self) -> FeedbackEntry:
        sku = next((s for s, chip in self.product_chips.items() if chip.isChecked()), None)
        return FeedbackEntry(
            sku=sku,
            rating=self.rating,
            tags=tuple(tag for tag, chip in self.tag_chips.items() if chip.isChecked()),
            note=self.note.text().strip(),
            # consent counts only when there is someone to link to
            consent=self.resident is not None and self.consent.isChecked(),
        )

    def on_save_clicked(self) -> None:
        try:
            self.port.record_feedback(self.entry())
        except PosError as error:
            self.message.setText(error_text(error))
            return
        self.accept()


def _grid(buttons: list[QPushButton]) -> QGridLayout:
    grid = QGridLayout()
    grid.setSpacing(6)
    for n, button in enumerate(buttons):
        grid.addWidget(button, n // CHIP_COLUMNS, n % CHIP_COLUMNS)
    return grid
