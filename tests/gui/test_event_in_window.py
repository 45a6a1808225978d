"""A whole tasting event in the REAL till window, by touch alone and offline, at
1024×768 and at 1920×1080: the demo promoter signs in by PIN on the pad, opens
event mode (key panel ▸ Event mode…, then the demo event), gives a sample of a
piece and a weighed one, takes feedback anonymous and with a resident's
consent, tallies visitors (+1, a group), notes a lead, sells to a resident
identified by their QR and to an anonymous customer (paid in the counter's
tender window by touch), opens the report, prints it, and ends event mode.

The report's figures must equal a recomputation from the raw rows of the
till's database, read here with sqlite3 (not through the services)."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.app import AppContext, build_context
from pos_app.core.money import Money
from pos_app.demo import DEMO_EVENTS, demo_code
from pos_app.receipts.escpos_decoder import decode
from pos_app.ui.dialogs.event_feedback_dialog import EventFeedbackDialog
from pos_app.ui.dialogs.event_report_dialog import EventReportDialog, percent
from pos_app.ui.event_mode import EventModeScreen
from pos_app.ui.launch import create_window
from pos_app.ui.main_window import MainWindow
from pos_app.ui.staff_actions import StaffActions
from pos_app.ui.widgets.number_pad import ENTER
from tests.gui.conftest import type_pin
from tests.gui.helpers import scanner_burst
from tests.gui.layout_check import layout_problems
from tests.unit.printing.fake_printer import FakePrinter

PROMOTER, PROMOTER_PIN = "demo-promoter-zhao", "3690"
EVENT = "EV-DEMO-TEA"
TEA, HONG, WATER, DUCK = "YC-TEA-0001", "YC-TEA-0007", "YC-WAT-0001", "YC-DEL-0015"
SIZES = [QSize(1024, 768), QSize(1920, 1080)]
STARTS_AT = "2026-01-01T01:00:00+00:00"  # the demo event's start (events.json), as stored


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


@pytest.fixture
def till(data_dir: Path) -> Iterator[AppContext]:
    """The demo till as `yuancang-pos --demo` opens it: its promotions and event too."""
    context = build_context(data_dir, demo=True, demo_promotions=True)
    yield context
    context.close()


@pytest.fixture
def make_window(  # type: ignore[no-untyped-def]
    qtbot, qapp: QApplication, till: AppContext, monkeypatch
) -> Iterator[Callable[[QSize], MainWindow]]:
    monkeypatch.setattr(StaffActions, "test_sign_in", None)  # nobody signed in: the PIN pad
    made: list[MainWindow] = []

    def make(size: QSize) -> MainWindow:
        win = create_window(qapp, till)
        qtbot.addWidget(win)
        win.resize(size)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitActive(win)
        made.append(win)
        return win

    yield make
    for win in made:
        if win.scanner is not None:
            qapp.removeEventFilter(win.scanner)
    for widget in qapp.topLevelWidgets():
        widget.close()


def pay_by_touch(qtbot, window: MainWindow, digits: str | None) -> None:  # type: ignore[no-untyped-def]
    """The counter's tender window: the exact-cash quick button, or cash typed on its pad."""
    qtbot.waitUntil(lambda: window.tender_dialog is not None and window.tender_dialog.isVisible())
    dialog = window.tender_dialog
    assert dialog is not None
    if digits is None:
        tap(qtbot, dialog.quick_buttons[0])
    else:
        for digit in digits:
            tap(qtbot, dialog.pad.keys[digit])
        tap(qtbot, dialog.pad.keys["↵"])
    assert dialog.sale is not None
    tap(qtbot, dialog.add_button)  # Done
    qtbot.waitUntil(lambda: window.tender_dialog is None)


def open_chooser(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Event mode… on the key panel, turning its pages by finger until it shows."""
    key = window.event_actions.key
    assert key.text() == "Event mode…\n[Ctrl+E]"
    for _ in range(len(window.keys.pages)):
        if key.isVisible():
            break
        tap(qtbot, window.keys.more)
    tap(qtbot, key)


def recomputed(db: Path) -> dict[str, object]:
    """The report's figures from the raw rows, by plain SQL and Python."""
    conn = sqlite3.connect(db)
    try:
        q = conn.execute
        visitors = q(
            "SELECT COALESCE(SUM(count), 0) FROM event_visitors WHERE event_id=?", (EVENT,)
        )
        samples = q("SELECT sku, quantity FROM event_samples WHERE event_id=?", (EVENT,)).fetchall()
        sales = q(
            "SELECT s.id, m.resident_id FROM sales s LEFT JOIN sale_members m ON m.sale_id = s.id"
            " WHERE s.event_id=?",
            (EVENT,),
        ).fetchall()
        lines = q(
            "SELECT l.sku, l.quantity, l.amount_fen FROM sale_lines l"
            " JOIN sales s ON s.id=l.sale_id WHERE s.event_id=? AND l.voided=0",
            (EVENT,),
        ).fetchall()
        feedback = q(
            "SELECT sku, rating, tags, resident_id FROM event_feedback WHERE event_id=?", (EVENT,)
        ).fetchall()
        leads = q("SELECT resident_id FROM event_leads WHERE event_id=?", (EVENT,)).fetchall()
        # residents who bought here before the event started are not new
        before = q(
            "SELECT m.resident_id FROM sale_members m JOIN sales s ON s.id=m.sale_id"
            " WHERE s.created_at < ?",
            (STARTS_AT,),
        )
        known = {r for (r,) in before}
        cashiers = {c for (c,) in q("SELECT cashier FROM sales WHERE event_id=?", (EVENT,))}
        visitors_total = visitors.fetchone()[0]
    finally:
        conn.close()
    # the sample costs from the event's own definition (resources/demo/events.json)
    [event] = [
        e for e in json.loads(DEMO_EVENTS.read_text(encoding="utf-8")) if e["event_id"] == EVENT
    ]
    assert event["starts_at"] == STARTS_AT
    unit_cost = {p["sku"]: p["sample_cost_fen"] for p in event["products"]}
    members = {r for _, r in sales if r is not None}
    buyers = len(members) + sum(1 for _, r in sales if r is None)
    identified = members | {r for (r,) in leads} | {f[3] for f in feedback if f[3]}
    per_sku: dict[str, Counter[str]] = {}
    tags: dict[str, Counter[str]] = {}
    for sku, quantity in samples:
        per_sku.setdefault(sku, Counter()).update(samples=quantity, cost=quantity * unit_cost[sku])
    for sku, quantity, amount in lines:
        per_sku.setdefault(sku, Counter()).update(units=quantity, revenue=amount)
    for sku, rating, tag_json, _ in feedback:
        per_sku.setdefault(sku or "", Counter()).update(ratings=1, rating_sum=rating)
        tags.setdefault(sku or "", Counter()).update(json.loads(tag_json))
    return {
        "visitors": visitors_total,
        "tastings": len(samples),
        "sample_cost": sum(quantity * unit_cost[sku] for sku, quantity in samples),
        "buyers": buyers,
        "revenue": sum(amount for _, _, amount in lines),
        "new": len(identified - known),
        "leads": len(leads),
        "per_sku": per_sku,
        "tags": tags,
        "cashiers": cashiers,
    }


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_a_tasting_event_from_sign_in_to_report_by_touch(  # type: ignore[no-untyped-def]
    qtbot, make_window, till: AppContext, data_dir: Path, size: QSize
) -> None:
    window = make_window(size)
    type_pin(qtbot, window.staff_actions.page.entry, PROMOTER, PROMOTER_PIN)
    assert window.cashier_label.text() == "促销员小赵"

    # event mode by touch: the key panel's pages, then the event
    open_chooser(qtbot, window)
    chooser = window.event_actions.chooser
    assert chooser is not None and chooser.isVisible()
    assert list(chooser.buttons) == [EVENT]
    assert chooser.buttons[EVENT].height() >= 48
    tap(qtbot, chooser.buttons[EVENT])
    screen = window.event_actions.screen
    assert isinstance(screen, EventModeScreen) and screen.isVisible()
    assert not window.cart_view.isVisible()  # the event screen in the counter's place
    QApplication.processEvents()
    assert layout_problems(window, size) == [], "\n".join(layout_problems(window, size))
    # event prices: the event's promotion (9折) on the teas and the duck, shelf price on water
    assert screen.tiles.tile(TEA).price.text() == "¥358.20"
    assert screen.tiles.tile(DUCK).price.text() == "¥52.20/kg"
    assert screen.tiles.tile(WATER).price.text() == "¥2.00"
    assert "促销员小赵" in screen.title.text()

    # anonymous feedback (nobody identified): 利川红, four stars, two tags
    tap(qtbot, screen.feedback_button)
    dialog = screen.dialog
    assert isinstance(dialog, EventFeedbackDialog) and not dialog.consent.isVisible()
    tap(qtbot, dialog.product_chips[HONG])
    tap(qtbot, dialog.stars[3])
    tap(qtbot, dialog.tag_chips["口感"])
    tap(qtbot, dialog.tag_chips["价格"])
    tap(qtbot, dialog.save)
    assert screen.message.text() == "Feedback saved. Thank you!"

    # visitors: one, then a group of four
    tap(qtbot, screen.visitor_one)
    tap(qtbot, screen.visitor_group)
    type_on_pad(qtbot, screen, "4")
    assert screen.visitor_count.text() == "Visitors: 5"

    # samples: a bottle of water (a piece), 3 g of 玉露 on the gram pad
    tap(qtbot, screen.sample_mode)
    tap_tile(qtbot, screen, WATER)
    tap_tile(qtbot, screen, TEA)
    type_on_pad(qtbot, screen, "3")
    assert screen.budget.label.text() == "Samples ¥5.80 of ¥200.00"
    assert till.checkout.cart.is_empty()  # a sample is never a sale

    # a resident scans their QR: agrees to a follow-up, a lead, feedback linked to them
    scanner_burst(qtbot, demo_code("R0002"), screen.scan_field)
    qtbot.waitUntil(lambda: screen.current_resident is not None)
    assert screen.current_resident is not None
    assert screen.current_resident.resident_id == "R0002"
    tap(qtbot, screen.consent)
    tap(qtbot, screen.lead_button)
    tap(qtbot, screen.feedback_button)
    dialog = screen.dialog
    assert isinstance(dialog, EventFeedbackDialog) and dialog.consent.isChecked()
    tap(qtbot, dialog.product_chips[TEA])
    tap(qtbot, dialog.stars[4])
    tap(qtbot, dialog.tag_chips["包装"])
    tap(qtbot, dialog.save)

    # another resident buys: a box of 玉露 and 500 g of duck neck, paid exact cash by touch
    scanner_burst(qtbot, demo_code("R0001"), screen.scan_field)
    qtbot.waitUntil(lambda: screen.current_resident is not None
                    and screen.current_resident.resident_id == "R0001")  # fmt: skip
    assert not screen.consent.isChecked()  # consent is asked of each resident anew
    tap(qtbot, screen.sell_mode)
    tap_tile(qtbot, screen, TEA)
    tap_tile(qtbot, screen, DUCK)
    type_on_pad(qtbot, screen, "500")
    assert screen.sale_model.rowCount() == 2
    tap(qtbot, screen.pay)
    pay_by_touch(qtbot, window, None)
    assert screen.sale_model.rowCount() == 0 and screen.current_resident is None

    # an anonymous customer: two waters, ¥10 cash typed on the tender pad
    tap_tile(qtbot, screen, WATER)
    tap_tile(qtbot, screen, WATER)
    tap(qtbot, screen.pay)
    pay_by_touch(qtbot, window, "10")

    # the report: what the promoter sees equals the raw rows recomputed
    expected = recomputed(data_dir / "pos.db")
    assert expected["cashiers"] == {"促销员小赵"}
    assert (expected["visitors"], expected["tastings"], expected["buyers"]) == (5, 2, 2)
    assert (expected["sample_cost"], expected["leads"], expected["new"]) == (580, 1, 2)
    tap(qtbot, screen.report_button)
    report = screen.dialog
    assert isinstance(report, EventReportDialog) and report.isVisible()
    figures = {k: label.text() for k, label in report.figures.items()}
    buyers, visitors = int(expected["buyers"]), int(expected["visitors"])
    assert figures == {
        "visitors": str(visitors),
        "samples": str(expected["tastings"]),
        "sample_cost": Money(expected["sample_cost"]).format(),
        "buyers": str(buyers),
        "per_visitor": percent(buyers * 10_000 // visitors / 10_000),
        "per_sample": percent(buyers * 10_000 // 2 / 10_000),
        "sales": Money(expected["revenue"]).format(),
        "new_residents": str(expected["new"]),
        "leads": str(expected["leads"]),
    }
    per_sku: dict[str, Counter[str]] = expected["per_sku"]
    rows = [report.product_model.row_at(i) for i in range(report.product_model.rowCount())]
    assert [r.sku for r in rows if r is not None] == [TEA, HONG, WATER, DUCK]
    for row in rows:
        assert row is not None
        want = per_sku.get(row.sku, Counter())
        assert (row.samples, row.sample_cost.fen, row.units_sold, row.revenue.fen, row.ratings) == (
            want["samples"], want["cost"], want["units"], want["revenue"], want["ratings"]
        ), row.sku  # fmt: skip
        if want["ratings"]:
            assert row.average_rating == round(want["rating_sum"] / want["ratings"], 2)
        assert row.tags == dict(expected["tags"].get(row.sku, {}))
    assert per_sku[WATER]["units"] == 2 and per_sku[DUCK]["units"] == 500
    hours = [report.hour_model.row_at(i) for i in range(report.hour_model.rowCount())]
    assert sum(h.visitors for h in hours if h) == visitors
    assert sum(h.revenue.fen for h in hours if h) == expected["revenue"]

    # printed on the receipt printer through the print worker
    with FakePrinter() as printer:
        till.save_setting("printer.connection", printer.url)
        till.save_setting("printer.timeout_s", 1.0)
        window.printing.start()
        tap(qtbot, report.print_button)
        assert report.message.text() == "The report went to the receipt printer."
        qtbot.waitUntil(lambda: len(printer.jobs) >= 1, timeout=8000)
        text = "\n".join(decode(printer.jobs[0]).texts)
    assert "恩施玉露·利川红 品鉴会" in text
    tap(qtbot, report.close_button)

    # ending event mode: the counter again, at the counter's prices
    tap(qtbot, screen.stop_button)
    assert window.event_actions.screen is None and till.events is not None
    assert till.events.active is None
    qtbot.waitUntil(window.cart_view.isVisible)
    assert window.status_message.text() == "Event mode ended."


def open_event_mode(qtbot, window: MainWindow, staff: str, pin: str) -> None:  # type: ignore[no-untyped-def]
    type_pin(qtbot, window.staff_actions.page.entry, staff, pin)
    open_chooser(qtbot, window)
    chooser = window.event_actions.chooser
    assert chooser is not None and chooser.isVisible()
    tap(qtbot, chooser.buttons[EVENT])


def test_who_may_run_it_and_how_it_ends(qtbot, make_window, till: AppContext) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QSize(1024, 768))
    # a cashier is no promoter of the event: the list says why and stays open; by its key
    type_pin(qtbot, window.staff_actions.page.entry, "demo-cashier-wang", "1357")
    [key] = [a for a in window.actions() if a.shortcut().toString() == "Ctrl+E"]
    key.trigger()
    chooser = window.event_actions.chooser
    assert chooser is not None
    tap(qtbot, chooser.buttons[EVENT])
    assert chooser is not None and chooser.isVisible()
    assert chooser.message.text() == "Only a promoter of this event (or a manager) can run it."
    assert window.event_actions.screen is None
    tap(qtbot, chooser.cancel)

    # the promoter runs it; ending it waits for the sale's lines to be paid or removed
    window.staff_actions.switch_cashier()
    open_event_mode(qtbot, window, PROMOTER, PROMOTER_PIN)
    screen = window.event_actions.screen
    assert screen is not None
    tap_tile(qtbot, screen, WATER)
    tap(qtbot, screen.stop_button)
    assert window.event_actions.screen is screen
    assert screen.message.text() == "Pay or remove the sale's lines before ending event mode."
    screen.sale_view.selectRow(0)
    tap(qtbot, screen.remove_button)

    # a lock during the event comes back to the event screen
    window.staff_actions.lock()  # the Lock key, or idle time
    assert window.staff_actions.blocks_input() and not screen.isVisible()
    type_pin(qtbot, window.staff_actions.page.entry, PROMOTER, PROMOTER_PIN)
    assert screen.isVisible()

    # the server closed the event (a pull): the next tap is refused and event mode ends
    assert till.events is not None
    from dataclasses import replace
    from datetime import UTC, datetime

    from pos_app.core.events import EventStatus

    closed = replace(till.events.event(EVENT), status=EventStatus.CLOSED)
    till.events.repo.save_event(closed, origin="server", created_by="", at=datetime.now(UTC))
    tap(qtbot, screen.visitor_one)
    qtbot.waitUntil(lambda: window.event_actions.screen is None)
    assert window.status_message.text() == (
        "The event is not running now: start event mode during its hours."
    )
    assert till.events.active is None and window.cart_view.isVisible()
    # and it is no longer offered
    open_chooser(qtbot, window)
    chooser = window.event_actions.chooser
    assert chooser is not None and chooser.buttons == {}
    assert chooser.prompt.text() == "No tasting event is planned for this store."


def test_a_sync_that_cancelled_the_event_ends_event_mode(qtbot, make_window, till: AppContext):  # type: ignore[no-untyped-def]
    from dataclasses import replace
    from datetime import UTC, datetime

    from pos_app.core.events import EventStatus
    from pos_app.ui.sync_worker import SyncWorker

    window = make_window(QSize(1024, 768))
    window.sync_worker = SyncWorker(
        till.sync, parent=window
    )  # as the launcher sets it (not started)
    type_pin(qtbot, window.staff_actions.page.entry, PROMOTER, PROMOTER_PIN)
    open_chooser(qtbot, window)
    chooser = window.event_actions.chooser
    assert chooser is not None
    tap(qtbot, chooser.buttons[EVENT])
    screen = window.event_actions.screen
    assert screen is not None
    status = till.sync.status()
    window.sync_worker.sig_status.emit(status)  # a sync that changed nothing: still running
    assert window.event_actions.screen is screen and screen.isVisible()
    assert till.events is not None
    cancelled = replace(till.events.event(EVENT), status=EventStatus.CANCELLED)
    till.events.repo.save_event(cancelled, origin="server", created_by="", at=datetime.now(UTC))
    window.sync_worker.sig_status.emit(status)
    assert window.event_actions.screen is None and till.events.active is None
    assert window.cart_view.isVisible()
