"""Event mode (活动模式) driven by finger through a whole tasting event, at a
tablet-sized window (800×600), at 1024×768 and at 1920×1080: visitors, samples
(pieces and grams on the pad), a sale and its pay signal, feedback anonymous
and with a resident's consent, a lead, and the report. The till behind the
screen is `MemoryEvent`, a real in-memory `EventPort`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.core.errors import ErrorCode
from pos_app.core.money import Money
from pos_app.ui.dialogs.event_feedback_dialog import EventFeedbackDialog
from pos_app.ui.event_mode import EventModeScreen
from pos_app.ui.event_ports import FeedbackEntry, ResidentView
from pos_app.ui.translators import install_translators
from pos_app.ui.widgets.number_pad import ENTER
from tests.gui.event_memory import MemoryEvent
from tests.gui.helpers import commit_text, scanner_burst
from tests.gui.layout_check import layout_problems

SIZES = [QSize(800, 600), QSize(1024, 768), QSize(1920, 1080)]
RESIDENT = ResidentView("RES-0001", "张**")


def tap(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def tap_tile(qtbot, screen: EventModeScreen, sku: str) -> None:  # type: ignore[no-untyped-def]
    tile = screen.tiles.tile(sku)
    screen.tiles.ensureWidgetVisible(tile)
    tap(qtbot, tile)


def type_on_pad(qtbot, screen: EventModeScreen, digits: str) -> None:  # type: ignore[no-untyped-def]
    pad = screen.pad
    assert pad is not None and pad.isVisible()
    for digit in digits:
        tap(qtbot, pad.pad.keys[digit])
    tap(qtbot, pad.pad.keys[ENTER])
    assert not pad.isVisible()


@pytest.fixture
def port() -> MemoryEvent:
    return MemoryEvent()


@pytest.fixture
def make_screen(qtbot, port: MemoryEvent) -> Iterator:  # type: ignore[type-arg]
    def make(size: QSize | None = None) -> EventModeScreen:
        screen = EventModeScreen(port)
        qtbot.addWidget(screen)
        screen.resize(size or QSize(1024, 768))
        screen.show()
        qtbot.waitExposed(screen)
        QApplication.processEvents()
        return screen

    yield make
    for widget in QApplication.topLevelWidgets():
        widget.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_a_whole_event_by_touch(qtbot, make_screen, port: MemoryEvent, size: QSize) -> None:
    screen = make_screen(size)
    assert layout_problems(screen, size) == [], "\n".join(layout_problems(screen, size))
    for tile in screen.tiles.tiles:
        assert tile.width() >= 96 and tile.height() >= 96
    for button in (screen.pay, screen.visitor_one, screen.visitor_group, screen.feedback_button):
        assert button.height() >= 48
    assert screen.tiles.tile("TEA-YL").price.text() == "¥358.00"
    assert screen.tiles.tile("TEA-YL").shelf.text() == "¥398.00"
    assert not screen.tiles.tile("TEA-TC").shelf.isVisible()  # no saving, nothing struck

    # visitors: one, then a group of four on the pad
    tap(qtbot, screen.visitor_one)
    tap(qtbot, screen.visitor_group)
    type_on_pad(qtbot, screen, "4")
    assert [count for count, _ in port.tallies] == [1, 4]
    assert screen.visitor_count.text() == "Visitors: 5"

    # samples: a bottle of water (one tap), 5 g of tea on the gram pad
    tap(qtbot, screen.sample_mode)
    tap_tile(qtbot, screen, "WATER")
    tap_tile(qtbot, screen, "TEA-YL")
    type_on_pad(qtbot, screen, "5")
    assert [(sku, q, cost) for sku, q, cost, _ in port.samples] == [
        ("WATER", 1, Money(150)),
        ("TEA-YL", 5, Money(800)),
    ]
    assert port.cart == []  # a sample is never a sale
    assert screen.budget.label.text() == "Samples ¥9.50 of ¥100.00"
    assert screen.budget.bar.value() == 9

    # a sale at event prices: two waters and a can of 藤茶, then Pay
    tap(qtbot, screen.sell_mode)
    tap_tile(qtbot, screen, "WATER")
    tap_tile(qtbot, screen, "WATER")
    tap_tile(qtbot, screen, "TEA-TC")
    assert [(ln.name, ln.quantity, ln.amount) for ln in port.cart] == [
        ("硒泉水 550ml", 2, Money(300)),
        ("来凤藤茶 罐装 100g", 1, Money(6800)),
    ]
    assert screen.total.text() == "¥71.00"
    assert screen.sale_model.rowCount() == 2
    screen.sig_pay_requested.connect(port.pay)  # as the window's tender flow
    with qtbot.waitSignal(screen.sig_pay_requested):
        tap(qtbot, screen.pay)
    screen.refresh()
    assert screen.total.text() == "¥0.00" and not screen.pay.isEnabled()
    assert len(port.sales) == 1

    # anonymous feedback: the tea, four stars, two tags, a note
    tap(qtbot, screen.feedback_button)
    dialog = screen.dialog
    assert isinstance(dialog, EventFeedbackDialog) and dialog.isVisible()
    assert not dialog.consent.isVisible()  # nobody to link to
    tap(qtbot, dialog.product_chips["TEA-YL"])
    tap(qtbot, dialog.stars[3])
    tap(qtbot, dialog.tag_chips["口感好"])
    tap(qtbot, dialog.tag_chips["太贵"])
    commit_text(dialog.note, "回甘明显")
    tap(qtbot, dialog.save)
    assert port.feedback == [
        (FeedbackEntry("TEA-YL", 4, ("口感好", "太贵"), "回甘明显", False), None)
    ]
    assert screen.message.text() == "Feedback saved. Thank you!"

    # a resident scans their QR (the window identifies them), agrees, gives a lead
    def identify(text: str) -> None:  # the window's process_scan
        assert text == "YC1-RES-0001"
        port.current = RESIDENT

    screen.sig_scanned.connect(identify)
    screen.scan_field.setFocus()
    scanner_burst(qtbot, "YC1-RES-0001", screen.scan_field)
    assert screen.resident_label.text() == "Resident 张**"
    assert not screen.lead_button.isEnabled()  # no consent yet
    tap(qtbot, screen.consent)
    tap(qtbot, screen.lead_button)
    assert port.leads == ["RES-0001"]

    # their feedback is linked to them: they agreed on the screen
    tap(qtbot, screen.feedback_button)
    dialog = screen.dialog
    assert isinstance(dialog, EventFeedbackDialog)
    assert dialog.consent.isVisible() and dialog.consent.isChecked()
    tap(qtbot, dialog.stars[4])
    tap(qtbot, dialog.save)
    assert port.feedback[-1] == (FeedbackEntry(None, 5, (), "", True), "RES-0001")

    # the report
    tap(qtbot, screen.report_button)
    report = screen.dialog
    assert report is not None and report.isVisible()
    assert report.figures["visitors"].text() == "5"
    assert report.figures["samples"].text() == "2"
    assert report.figures["sample_cost"].text() == "¥9.50"
    assert report.figures["buyers"].text() == "1"
    assert report.figures["per_visitor"].text() == "20.0%"
    assert report.figures["per_sample"].text() == "50.0%"
    assert report.figures["sales"].text() == "¥71.00"
    assert report.figures["leads"].text() == "1"
    room = QSize(size.width(), size.height())
    report.resize(report.size().boundedTo(room))
    QApplication.processEvents()
    assert layout_problems(report, room) == [], "\n".join(layout_problems(report, room))


def test_the_budget_bar_warns_near_the_limit_and_when_used_up(qtbot, make_screen, port) -> None:
    port.sample_budget = Money(1000)  # ¥10: 5 waters are 75%, a 6th passes 80%, a 7th the budget
    screen = make_screen()
    tap(qtbot, screen.sample_mode)
    for _ in range(5):
        tap_tile(qtbot, screen, "WATER")
    assert screen.budget.level == "ok"
    assert screen.budget.label.text() == "Samples ¥7.50 of ¥10.00"
    tap_tile(qtbot, screen, "WATER")  # ¥9.00: 90%
    assert screen.budget.level == "warning"
    assert screen.budget.label.text() == "Samples ¥9.00 of ¥10.00 · near the budget"
    tap_tile(qtbot, screen, "WATER")
    assert screen.budget.level == "over" and screen.budget.bar.value() == 100
    assert screen.budget.label.text().endswith("budget used up")


def test_a_refused_act_says_why_and_records_nothing(qtbot, make_screen, port) -> None:
    screen = make_screen()
    port.fail_next = ErrorCode.MEMBER_UNKNOWN
    tap(qtbot, screen.visitor_one)
    assert port.tallies == []
    assert screen.message.text() == "Unknown resident."
    assert screen.visitor_count.text() == "Visitors: 0"


def test_a_group_is_one_to_five_hundred(qtbot, make_screen, port) -> None:
    screen = make_screen()
    tap(qtbot, screen.visitor_group)
    type_on_pad(qtbot, screen, "501")
    assert port.tallies == []
    assert screen.message.text() == "A group is 1 to 500 people."
    tap(qtbot, screen.visitor_group)
    type_on_pad(qtbot, screen, "500")
    assert screen.visitor_count.text() == "Visitors: 500"


def test_a_weighed_product_sells_by_the_grams_typed(qtbot, make_screen, port) -> None:
    screen = make_screen()
    tap_tile(qtbot, screen, "DUCK")
    assert screen.tiles.tile("DUCK").price.text() == "¥48.00/kg"
    type_on_pad(qtbot, screen, "250")
    assert [(ln.quantity, ln.amount) for ln in port.cart] == [(250, Money(1200))]
    tap(qtbot, screen.sample_mode)
    tap_tile(qtbot, screen, "DUCK")
    type_on_pad(qtbot, screen, "0")
    assert port.samples == []
    assert screen.message.text() == "Type the grams as a whole number."


def test_remove_line_takes_the_selected_line_out(qtbot, make_screen, port) -> None:
    screen = make_screen()
    tap_tile(qtbot, screen, "WATER")
    tap_tile(qtbot, screen, "TEA-TC")
    screen.sale_view.selectRow(0)
    tap(qtbot, screen.remove_button)
    assert [ln.name for ln in port.cart] == ["来凤藤茶 罐装 100g"]
    tap(qtbot, screen.remove_button)  # nothing selected: the last line
    assert port.cart == [] and not screen.remove_button.isEnabled()


def test_consent_is_asked_of_each_resident_anew(qtbot, make_screen, port) -> None:
    port.current = RESIDENT
    screen = make_screen()
    tap(qtbot, screen.consent)
    assert screen.lead_button.isEnabled()
    port.current = ResidentView("RES-0002", "李**")
    screen.refresh()
    assert not screen.consent.isChecked() and not screen.lead_button.isEnabled()
    port.current = None
    screen.refresh()
    assert not screen.consent.isEnabled()
    assert screen.resident_label.text() == "No resident: scan their QR code"


def test_feedback_needs_a_rating_and_is_anonymous_without_consent(qtbot, make_screen, port):
    port.current = RESIDENT
    screen = make_screen()
    dialog = screen.open_feedback("TEA-LC")
    assert dialog.product_chips["TEA-LC"].isChecked()
    assert not dialog.save.isEnabled()
    tap(qtbot, dialog.stars[1])
    assert [s.text() for s in dialog.stars] == ["★", "★", "☆", "☆", "☆"]
    assert not dialog.consent.isChecked()
    tap(qtbot, dialog.save)
    assert port.feedback == [(FeedbackEntry("TEA-LC", 2, (), "", False), None)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_event_mode_speaks_chinese(qtbot, qapp, make_screen, port, size: QSize) -> None:
    assert install_translators(qapp, "zh_CN"), "the zh_CN translation did not load"
    port.current = RESIDENT
    screen = make_screen(size)
    assert screen.pay.text() == "收款"
    assert screen.sample_mode.text() == "点按记试吃"
    assert screen.visitor_count.text() == "访客:0"
    assert screen.resident_label.text() == "业主 张**"
    assert layout_problems(screen, size) == [], "\n".join(layout_problems(screen, size))
    dialog = screen.open_feedback()
    QApplication.processEvents()
    assert dialog.save.text() == "保存反馈"
    room = QSize(size.width(), size.height())
    assert layout_problems(dialog, room) == [], "\n".join(layout_problems(dialog, room))


def test_a_language_change_relabels_the_open_screen(qtbot, qapp, make_screen, port) -> None:
    screen = make_screen()
    assert screen.pay.text() == "Pay" and screen.visitor_count.text() == "Visitors: 0"
    install_translators(qapp, "zh_CN")
    QApplication.processEvents()  # Qt posts the LanguageChange
    assert screen.pay.text() == "收款"
    assert screen.visitor_count.text() == "访客:0"
    assert screen.budget.label.text() == "试吃 ¥0.00 / 预算 ¥100.00"
    assert screen.stop_button.text() == "退出活动模式"
